"""The monitor's counts kept at sync time: per kept grid period its cells and histograms.

Revision ID: c006
Revises: c005
Create Date: 2026-12-03

Backfilled here from the records already stored: the year and quarters of every year in
which a record counts (``storage.central_bijhouden.bewaar_alles``), counted from scratch.
From then on ``central_bijhouden.bijhouden`` keeps them in the transaction of every sync,
afsluiting and erasure.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.central_bijhouden import bewaar_alles

revision = "c006"
down_revision = "c005"
branch_labels = None
depends_on = None


def _sleutel() -> list[sa.Column]:
    return [sa.Column("periode_nr", sa.Integer, primary_key=True), sa.Column("tabel", sa.String(40), primary_key=True),
            sa.Column("wijk", sa.String(60), primary_key=True), sa.Column("rij", sa.String(60), primary_key=True),
            sa.Column("kolom", sa.String(40), primary_key=True)]


def upgrade() -> None:
    op.create_table(
        "monitor_tel_periode",
        sa.Column("nr", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("set_naam", sa.String(60), nullable=False),
        sa.Column("van", sa.String(7), nullable=False),
        sa.Column("tot", sa.String(7), nullable=False),
        sa.UniqueConstraint("set_naam", "van", "tot", name="uq_monitor_tel_periode_set_naam"),
    )
    op.create_table("monitor_tel_cel", *_sleutel(), sa.Column("n", sa.Integer, nullable=False),
                    sa.Column("inwoners", sa.Integer, nullable=False))
    op.create_table("monitor_tel_verdeling", *_sleutel(), sa.Column("staven", sa.Text, nullable=False))
    bewaar_alles(op.get_bind())


def downgrade() -> None:
    op.drop_table("monitor_tel_verdeling")
    op.drop_table("monitor_tel_cel")
    op.drop_table("monitor_tel_periode")
