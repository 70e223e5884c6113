"""When an afgeronde meting was exported; the PIN lock's counter and lock-out moment.

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import IsoDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("professional") as batch:
        batch.add_column(sa.Column("failed_attempts", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("locked_until", IsoDateTime))
    op.create_table(
        "meting_export",
        sa.Column("meting_id", sa.String(64), sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("exported_at", IsoDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("meting_export")
    with op.batch_alter_table("professional") as batch:
        batch.drop_column("locked_until")
        batch.drop_column("failed_attempts")
