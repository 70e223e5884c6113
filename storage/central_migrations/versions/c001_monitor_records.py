"""The central monitor database: records, their leefgebieden and doelen, and its own id.

Revision ID: c001
Revises:
Create Date: 2026-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from board.meting_waarden import Evaluatie, MetingSoort
from storage.models import IsoDateTime, one_of

revision = "c001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "monitor_centrale",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("aangemaakt_op", IsoDateTime, nullable=False),
    )
    op.create_table(
        "monitor_record",
        sa.Column("nr", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(64), nullable=False, unique=True),
        sa.Column("pseudoniem", sa.String(64), nullable=False),
        sa.Column("wijk", sa.String(60), nullable=False),
        sa.Column("maand", sa.String(7), nullable=False),
        sa.Column("soort", sa.String(20), nullable=False),
        sa.Column("volgnummer", sa.Integer, nullable=False),
        sa.Column("set_naam", sa.String(60), nullable=False),
        sa.Column("set_versie", sa.Integer, nullable=False),
        sa.Column("rapportcijfer", sa.Integer),
        sa.CheckConstraint(one_of("soort", MetingSoort), name="soort"),
        sa.CheckConstraint(
            "(soort = 'nulmeting' AND volgnummer = 0) OR (soort = 'vervolgmeting' AND volgnummer > 0)",
            name="volgnummer",
        ),
        sa.CheckConstraint("rapportcijfer BETWEEN 1 AND 10", name="rapportcijfer"),
        sa.CheckConstraint("length(maand) = 7", name="maand"),
    )
    op.create_index(
        "ix_monitor_record_historie", "monitor_record", ["set_naam", "pseudoniem", "volgnummer", "maand", "record_id"]
    )
    op.create_table(
        "monitor_record_leefgebied",
        sa.Column("record_nr", sa.Integer, sa.ForeignKey("monitor_record.nr", ondelete="CASCADE"), primary_key=True),
        sa.Column("leefgebied", sa.String(60), primary_key=True),
        sa.Column("rang", sa.Integer, nullable=False),
        sa.Column("positie", sa.Integer, nullable=False),
        sa.CheckConstraint("rang >= 1", name="rang"),
        sa.CheckConstraint("positie BETWEEN 0 AND 1000", name="positie"),
    )
    op.create_table(
        "monitor_record_doel",
        sa.Column("record_nr", sa.Integer, sa.ForeignKey("monitor_record.nr", ondelete="CASCADE"), primary_key=True),
        sa.Column("volgorde", sa.Integer, primary_key=True),
        sa.Column("leefgebied", sa.String(60), nullable=False),
        sa.Column("evaluatie", sa.String(20)),
        sa.CheckConstraint(one_of("evaluatie", Evaluatie), name="evaluatie"),
    )


def downgrade() -> None:
    op.drop_table("monitor_record_doel")
    op.drop_table("monitor_record_leefgebied")
    op.drop_index("ix_monitor_record_historie", "monitor_record")
    op.drop_table("monitor_record")
    op.drop_table("monitor_centrale")
