"""Erasures from tablets and the heads of their audit chains.

Revision ID: c003
Revises: c002
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import IsoDateTime

revision = "c003"
down_revision = "c002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monitor_wisverzoek",
        sa.Column("vingerafdruk", sa.String(64), primary_key=True),
        sa.Column("records", sa.Integer, nullable=False),
        sa.Column("ontvangen_op", IsoDateTime, nullable=False),
    )
    op.create_table(
        "monitor_audit_anker",
        sa.Column("tablet_id", sa.String(32), primary_key=True),
        sa.Column("seq", sa.Integer, primary_key=True),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("ontvangen_op", IsoDateTime, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("monitor_audit_anker")
    op.drop_table("monitor_wisverzoek")
