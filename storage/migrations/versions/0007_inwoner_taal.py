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
    # A plain ADD COLUMN (SQLite and PostgreSQL both can): a batch rebuild of `inwoner` would
    # drop the table its metingen point at, which foreign keys refuse.
    op.add_column("inwoner", sa.Column("taal", sa.String(8), nullable=False, server_default="nl"))


def downgrade() -> None:
    op.drop_column("inwoner", "taal")  # SQLite 3.35+ drops a column in place (no rebuild, see upgrade)
