"""Delivery to the dossier through the ZGW Documenten API: each bundle's upload status, and
the zaak an inwoner's documents are linked to.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import IsoDateTime

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "zgw_upload",
        sa.Column("meting_id", sa.String(64), sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reden", sa.Text, nullable=True),
        sa.Column("bijgewerkt", IsoDateTime, nullable=False),
    )
    op.create_table(
        "zgw_zaak",
        sa.Column("inwoner_id", sa.String(64), sa.ForeignKey("inwoner.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("zaak_url", sa.String(1000), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("zgw_zaak")
    op.drop_table("zgw_upload")
