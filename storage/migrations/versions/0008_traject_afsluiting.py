"""The end of a traject: afsluiten with a reason (``board.traject``), and which central
databases have committed the monitor record of an afsluiting.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import IsoDateTime

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

REDENEN = ("doelen bereikt", "overgedragen aan specialistische zorg", "verhuisd", "gestopt op eigen verzoek",
           "overleden", "anders")


def upgrade() -> None:
    op.create_table(
        "traject_afsluiting",
        sa.Column("inwoner_id", sa.String(64), sa.ForeignKey("inwoner.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("traject", sa.Integer, primary_key=True),
        sa.Column("datum", sa.Date, nullable=False),
        sa.Column("reden", sa.String(40), nullable=False),
        sa.Column("laatste_meting_id", sa.String(64), sa.ForeignKey("meting.id", ondelete="CASCADE"), nullable=False),
        sa.Column("vastgelegd_op", IsoDateTime, nullable=False),
        sa.CheckConstraint("reden IN ({})".format(", ".join(repr(r) for r in REDENEN)), name="reden"),
        sa.CheckConstraint("traject >= 0", name="traject"),
    )
    op.create_table(
        "monitor_afsluiting_verzonden",
        sa.Column("inwoner_id", sa.String(64), primary_key=True),
        sa.Column("traject", sa.Integer, primary_key=True),
        sa.Column("centrale_id", sa.String(64), primary_key=True),
        sa.Column("verzonden_op", IsoDateTime, nullable=False),
        sa.ForeignKeyConstraint(["inwoner_id", "traject"], ["traject_afsluiting.inwoner_id",
                                                            "traject_afsluiting.traject"], ondelete="CASCADE"),
    )


def downgrade() -> None:
    op.drop_table("monitor_afsluiting_verzonden")
    op.drop_table("traject_afsluiting")
