"""The audit log; when a bundle was delivered; retention may unlink an afgeronde meting
from the meting it followed.

Revision ID: 0003
Revises: 0002
Create Date: 2026-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import IsoDateTime

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

MESSAGE = "meting_afgerond: een afgeronde meting verandert niet"
# Every column of meting except vorige_meting_id, frozen here as the migration must not follow the code.
OTHER_COLUMNS = (
    "id",
    "inwoner_id",
    "datum",
    "soort",
    "volgnummer",
    "set_naam",
    "set_versie",
    "rapportcijfer",
    "volgende_meting",
    "status",
    "afgerond_op",
)


def upgrade() -> None:
    op.create_table(
        "audit",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("moment", IsoDateTime, nullable=False),
        sa.Column("professional_id", sa.String(64)),
        sa.Column("actie", sa.String(20), nullable=False),
        sa.Column("inwoner_id", sa.String(64)),
        sa.Column("resultaat", sa.String(20), nullable=False),
        sa.Column("vorige_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.CheckConstraint("seq >= 1", name="seq"),
    )
    with op.batch_alter_table("meting_export") as batch:
        batch.add_column(sa.Column("delivered_at", IsoDateTime))
    # An afgeronde meting still never changes, with one exception: when the meting it
    # followed is removed (retention), its vorige_meting_id becomes NULL. Nothing else.
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE OR REPLACE FUNCTION meting_afgerond_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.status = 'afgerond' AND NOT (
                    NEW.vorige_meting_id IS NULL
                    AND (to_jsonb(NEW) - 'vorige_meting_id') = (to_jsonb(OLD) - 'vorige_meting_id')
                ) THEN
                    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$
            """
        )
    else:
        same = " AND ".join(f"NEW.{c} IS OLD.{c}" for c in OTHER_COLUMNS)
        op.execute("DROP TRIGGER meting_afgerond_update")
        op.execute(
            "CREATE TRIGGER meting_afgerond_update BEFORE UPDATE ON meting FOR EACH ROW "
            f"WHEN OLD.status = 'afgerond' AND NOT (NEW.vorige_meting_id IS NULL AND {same}) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            f"""
            CREATE OR REPLACE FUNCTION meting_afgerond_update() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.status = 'afgerond' THEN
                    RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
                END IF;
                RETURN NEW;
            END $$
            """
        )
    else:
        op.execute("DROP TRIGGER meting_afgerond_update")
        op.execute(
            "CREATE TRIGGER meting_afgerond_update BEFORE UPDATE ON meting "
            f"FOR EACH ROW WHEN OLD.status = 'afgerond' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
        )
    with op.batch_alter_table("meting_export") as batch:
        batch.drop_column("delivered_at")
    op.drop_table("audit")
