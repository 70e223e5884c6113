"""Settings (the gemeente's monitor key) and which monitor records a central database holds.

Revision ID: 0004
Revises: 0003
Create Date: 2026-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import IsoDateTime

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "instelling",
        sa.Column("naam", sa.String(60), primary_key=True),
        sa.Column("waarde", sa.Text, nullable=False),
    )
    op.create_table(
        "monitor_verzonden",
        sa.Column("meting_id", sa.String(64), sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("centrale_id", sa.String(64), primary_key=True),
        sa.Column("record_id", sa.String(64), nullable=False),
        sa.Column("verzonden_op", IsoDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("monitor_verzonden")
    op.drop_table("instelling")
