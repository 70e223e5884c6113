"""Vastgestelde perioden: a grid period's figures fixed at its first report, and the month
each record counts in.

Revision ID: c005
Revises: c004
Create Date: 2026-12-03

``monitor_record.telmaand`` is the record's own month for every record already stored, and
``monitor_afsluiting.telmaand`` its end month (no period was vastgesteld before this
revision); ``monitor_vaststelling`` starts empty.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import IsoDateTime

revision = "c005"
down_revision = "c004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("monitor_record", sa.Column("telmaand", sa.String(7)))  # in place on SQLite too
    op.execute("UPDATE monitor_record SET telmaand = maand")
    op.add_column("monitor_afsluiting", sa.Column("telmaand", sa.String(7)))
    op.execute("UPDATE monitor_afsluiting SET telmaand = eind_maand")
    op.create_table(
        "monitor_vaststelling",
        sa.Column("set_naam", sa.String(60), primary_key=True),
        sa.Column("van", sa.String(7), primary_key=True),
        sa.Column("tot", sa.String(7), primary_key=True),
        sa.Column("vastgesteld_op", IsoDateTime, nullable=False),
        sa.Column("max_nr", sa.Integer, nullable=False),
        sa.Column("cellen", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("monitor_vaststelling")
    op.drop_column("monitor_afsluiting", "telmaand")
    op.drop_column("monitor_record", "telmaand")
