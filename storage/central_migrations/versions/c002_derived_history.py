"""Derived history columns: an integer per inwoner, each record's place and 0-meting, changes.

Revision ID: c002
Revises: c001
Create Date: 2026-06-15

The figures used to work out each inwoner's history at report time; these columns hold it
from the moment records arrive (see ``storage.central_derive``). Rows stored before this
revision are backfilled here with the same derivation the sync uses.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.central_derive import afleiden, koppel_inwoners

revision = "c002"
down_revision = "c001"
branch_labels = None
depends_on = None

_RECORD_COLUMNS = ("kw", "pos", "nul_nr", "nul_cijfer", "n_beter", "n_slechter", "n_vergeleken")


def upgrade() -> None:
    op.create_table(
        "monitor_inwoner",
        sa.Column("nr", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("set_naam", sa.String(60), nullable=False),
        sa.Column("pseudoniem", sa.String(64), nullable=False),
        sa.UniqueConstraint("set_naam", "pseudoniem"),
    )
    # nullable and without a foreign key, so SQLite adds them in place (no copy of the table):
    # derived, filled just below
    op.add_column("monitor_record", sa.Column("inwoner_nr", sa.Integer))
    for name in _RECORD_COLUMNS:
        op.add_column("monitor_record", sa.Column(name, sa.Integer))
    op.add_column("monitor_record_leefgebied", sa.Column("verschil", sa.Integer))
    connection = op.get_bind()
    koppel_inwoners(connection, revisie="c002")
    op.create_index("ix_monitor_record_inwoner", "monitor_record", ["inwoner_nr", "pos"])
    afleiden(connection, revisie="c002")  # as this revision's columns are


def downgrade() -> None:
    op.drop_index("ix_monitor_record_inwoner", "monitor_record")
    with op.batch_alter_table("monitor_record_leefgebied") as batch:
        batch.drop_column("verschil")
    with op.batch_alter_table("monitor_record") as batch:
        for name in ("inwoner_nr", *_RECORD_COLUMNS):
            batch.drop_column(name)
    op.drop_table("monitor_inwoner")
