"""The inwoner's language (issue 17): a column on `inwoner`, Dutch for everyone already there.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("inwoner") as batch:
        batch.add_column(sa.Column("taal", sa.String(8), nullable=False, server_default="nl"))


def downgrade() -> None:
    with op.batch_alter_table("inwoner") as batch:
        batch.drop_column("taal")
