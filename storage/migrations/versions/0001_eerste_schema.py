"""The first schema: inwoner, professional, meting and its gekozen leefgebieden, fiches,
doelen and acties; triggers that make an afgeronde meting final.

Revision ID: 0001
Revises:
Create Date: 2026-05-20
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from storage.models import IsoDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copies of the board's values: a migration must not change when the code does.
SOORT = "'nulmeting', 'vervolgmeting'"
STATUS = "'concept', 'afgerond'"
PERSPECTIEF = "'inwoner', 'professional', 'naaste'"
EVALUATIE = "'behaald', 'deels behaald', 'niet behaald', 'vervallen'"
WIE = "'inwoner', 'netwerk', 'algemene voorziening', 'wijkteam', 'specialistische zorg'"
CHILDREN = ("gekozen", "fiche", "doel", "actie")
MESSAGE = "meting_afgerond: een afgeronde meting verandert niet"


def upgrade() -> None:
    op.create_table(
        "inwoner",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("dossiernummer", sa.String(40), nullable=False, unique=True),
        sa.Column("wijk", sa.String(60), nullable=False, index=True),
        sa.Column("initialen", sa.String(12)),
    )
    op.create_table(
        "professional",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("naam", sa.String(100), nullable=False),
        sa.Column("pin_hash", sa.String(255), nullable=False),
    )
    op.create_table(
        "meting",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("inwoner_id", sa.String(64), sa.ForeignKey("inwoner.id"), nullable=False),
        sa.Column("datum", sa.Date, nullable=False),
        sa.Column("soort", sa.String(20), nullable=False),
        sa.Column("volgnummer", sa.Integer, nullable=False),
        sa.Column("set_naam", sa.String(60), nullable=False),
        sa.Column("set_versie", sa.Integer, nullable=False),
        sa.Column("vorige_meting_id", sa.String(64), sa.ForeignKey("meting.id")),
        sa.Column("rapportcijfer", sa.Integer),
        sa.Column("volgende_meting", sa.Date),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("afgerond_op", IsoDateTime),
        sa.UniqueConstraint("inwoner_id", "volgnummer"),
        sa.CheckConstraint(f"soort IN ({SOORT})", name="soort"),
        sa.CheckConstraint(f"status IN ({STATUS})", name="status"),
        sa.CheckConstraint("volgnummer >= 0", name="volgnummer"),
        sa.CheckConstraint("rapportcijfer BETWEEN 1 AND 10", name="rapportcijfer"),
        sa.CheckConstraint(
            "(status = 'afgerond' AND afgerond_op IS NOT NULL) OR (status = 'concept' AND afgerond_op IS NULL)",
            name="afgerond_op",
        ),
    )
    op.create_table(
        "gekozen",
        sa.Column("meting_id", sa.String(64), sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("leefgebied", sa.String(60), primary_key=True),
        sa.Column("rang", sa.Integer, nullable=False),
        sa.CheckConstraint("rang >= 0", name="rang"),
    )
    op.create_table(
        "fiche",
        sa.Column("meting_id", sa.String(64), sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("leefgebied", sa.String(60), primary_key=True),
        sa.Column("perspectief", sa.String(20), primary_key=True),
        sa.Column("positie", sa.Float, nullable=False),
        sa.ForeignKeyConstraint(["meting_id", "leefgebied"], ["gekozen.meting_id", "gekozen.leefgebied"]),
        sa.CheckConstraint(f"perspectief IN ({PERSPECTIEF})", name="perspectief"),
        sa.CheckConstraint("positie >= 0 AND positie <= 1", name="positie"),
    )
    op.create_table(
        "doel",
        sa.Column("meting_id", sa.String(64), sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("doel_id", sa.String(64), primary_key=True),
        sa.Column("volgorde", sa.Integer, nullable=False),
        sa.Column("leefgebied", sa.String(60), nullable=False),
        sa.Column("tekst", sa.Text, nullable=False),
        sa.Column("sinds_meting", sa.String(64), nullable=False),
        sa.Column("streefdatum", sa.Date),
        sa.Column("evaluatie", sa.String(20)),
        sa.CheckConstraint("length(tekst) BETWEEN 1 AND 1000", name="tekst"),
        sa.CheckConstraint(f"evaluatie IN ({EVALUATIE})", name="evaluatie"),
        sa.CheckConstraint("volgorde >= 0", name="volgorde"),
    )
    op.create_table(
        "actie",
        sa.Column("meting_id", sa.String(64), primary_key=True),
        sa.Column("doel_id", sa.String(64), primary_key=True),
        sa.Column("volgorde", sa.Integer, primary_key=True),
        sa.Column("wie", sa.String(30), nullable=False),
        sa.Column("wat", sa.String(300), nullable=False),
        sa.ForeignKeyConstraint(["meting_id", "doel_id"], ["doel.meting_id", "doel.doel_id"], ondelete="CASCADE"),
        sa.CheckConstraint(f"wie IN ({WIE})", name="wie"),
        sa.CheckConstraint("length(wat) BETWEEN 1 AND 300", name="wat"),
    )
    if op.get_bind().dialect.name == "postgresql":
        _postgresql_triggers()
    else:
        _sqlite_triggers()


def _sqlite_triggers() -> None:
    # Deleting a whole meting (erasure, retention) stays possible: during the cascade the
    # meting row is already gone, so its children's triggers do not fire.
    op.execute(
        f"CREATE TRIGGER meting_afgerond_update BEFORE UPDATE ON meting "
        f"FOR EACH ROW WHEN OLD.status = 'afgerond' BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
    )
    for table in CHILDREN:
        for action, rows in (("INSERT", ("NEW",)), ("UPDATE", ("OLD", "NEW")), ("DELETE", ("OLD",))):
            when = " OR ".join(f"(SELECT status FROM meting WHERE id = {row}.meting_id) = 'afgerond'" for row in rows)
            op.execute(
                f"CREATE TRIGGER {table}_afgerond_{action.lower()} BEFORE {action} ON {table} "
                f"FOR EACH ROW WHEN {when} BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            )


def _postgresql_triggers() -> None:
    op.execute(
        f"""
        CREATE FUNCTION meting_afgerond_update() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF OLD.status = 'afgerond' THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            RETURN NEW;
        END $$
        """
    )
    op.execute(
        "CREATE TRIGGER meting_afgerond_update BEFORE UPDATE ON meting "
        "FOR EACH ROW EXECUTE FUNCTION meting_afgerond_update()"
    )
    op.execute(
        f"""
        CREATE FUNCTION meting_child_afgerond() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF (TG_OP <> 'INSERT' AND EXISTS (
                    SELECT 1 FROM meting WHERE id = OLD.meting_id AND status = 'afgerond'))
               OR (TG_OP <> 'DELETE' AND EXISTS (
                    SELECT 1 FROM meting WHERE id = NEW.meting_id AND status = 'afgerond')) THEN
                RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
            IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
            RETURN NEW;
        END $$
        """
    )
    for table in CHILDREN:
        op.execute(
            f"CREATE TRIGGER {table}_afgerond BEFORE INSERT OR UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION meting_child_afgerond()"
        )


def downgrade() -> None:
    for table in ("actie", "doel", "fiche", "gekozen", "meting", "professional", "inwoner"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION meting_child_afgerond()")
        op.execute("DROP FUNCTION meting_afgerond_update()")
