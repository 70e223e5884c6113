"""Trajecten: the traject of each record, who did the work per doel, afsluitingen, and one
derived row per traject.

Revision ID: c004
Revises: c003
Create Date: 2026-12-02

Records of version 1 keep traject 0 and unknown actors (NULL). ``monitor_traject`` is derived
at sync time (``storage.central_derive``), backfilled here from the records already stored.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.central_derive import afleiden

revision = "c004"
down_revision = "c003"
branch_labels = None
depends_on = None

REDENEN = ("doelen bereikt", "overgedragen aan specialistische zorg", "verhuisd", "gestopt op eigen verzoek",
           "overleden", "anders")


def upgrade() -> None:
    # in place on SQLite too: a column with a constant default, a nullable column
    op.add_column("monitor_record", sa.Column("traject", sa.Integer, nullable=False, server_default="0"))
    op.add_column("monitor_record_doel", sa.Column("actoren", sa.Integer))
    op.create_table(
        "monitor_afsluiting",
        sa.Column("nr", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("record_id", sa.String(64), nullable=False, unique=True),
        sa.Column("pseudoniem", sa.String(64), nullable=False),
        sa.Column("wijk", sa.String(60), nullable=False),
        sa.Column("traject", sa.Integer, nullable=False),
        sa.Column("begin_maand", sa.String(7), nullable=False),
        sa.Column("eind_maand", sa.String(7), nullable=False),
        sa.Column("reden", sa.String(40), nullable=False),
        sa.CheckConstraint("reden IN ({})".format(", ".join(repr(r) for r in REDENEN)), name="reden"),
        sa.CheckConstraint("length(begin_maand) = 7 AND length(eind_maand) = 7", name="maand"),
    )
    op.create_index("ix_monitor_afsluiting_pseudoniem", "monitor_afsluiting", ["pseudoniem", "traject"])
    op.create_table(
        "monitor_traject",
        sa.Column("inwoner_nr", sa.Integer, primary_key=True),
        sa.Column("traject", sa.Integer, primary_key=True),
        sa.Column("wijk", sa.String(60), nullable=False),
        sa.Column("begin_maand", sa.String(7)),
        sa.Column("eerste_vervolg_maand", sa.String(7)),
        sa.Column("eind_maand", sa.String(7)),
        sa.Column("reden", sa.String(40)),
        sa.Column("nul_nr", sa.Integer),
        sa.Column("laatste_nr", sa.Integer),
        sa.Column("meer", sa.Integer, nullable=False, server_default="0"),
    )
    afleiden(op.get_bind(), revisie="c004")


def downgrade() -> None:
    op.drop_table("monitor_traject")
    op.drop_index("ix_monitor_afsluiting_pseudoniem", "monitor_afsluiting")
    op.drop_table("monitor_afsluiting")
    with op.batch_alter_table("monitor_record_doel") as batch:
        batch.drop_column("actoren")
    with op.batch_alter_table("monitor_record") as batch:
        batch.drop_column("traject")
