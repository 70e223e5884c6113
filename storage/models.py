"""The tables, as SQLAlchemy 2.0 typed models. They mirror ``board/`` one to one.

An inwoner is stored with as little as needed: a random id, the dossier number, the wijk,
optionally initials. The CHECK constraints repeat the board's ranges, so that a value the
board refuses cannot enter by another road either. The migrations under
``storage/migrations/versions`` create exactly these tables (a test compares them).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from board.meting import MAX_ACTIE_TEXT, MAX_DOEL_TEXT, Evaluatie, MetingSoort, Perspectief, Status, Uitvoerder
from board.traject import Afsluitreden

# Constraint names that are the same on every database, so batch migrations can find them.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ID = 32  # uuid4().hex
MAX_ID = 64


class IsoDateTime(sa.TypeDecorator[datetime]):
    """A moment kept as ISO 8601 text: exact on every database, with or without a time zone,
    so that a meting loads equal (==) to the one saved."""

    impl = sa.String(40)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> str | None:
        return None if value is None else value.isoformat()

    def process_result_value(self, value: str | None, dialect: Any) -> datetime | None:
        return None if value is None else datetime.fromisoformat(value)


def one_of(column: str, values: Any) -> str:
    return f"{column} IN ({', '.join(repr(str(v.value)) for v in values)})"


class Base(DeclarativeBase):
    metadata = sa.MetaData(naming_convention=NAMING_CONVENTION)


class InwonerRow(Base):
    __tablename__ = "inwoner"

    id: Mapped[str] = mapped_column(sa.String(MAX_ID), primary_key=True)
    dossiernummer: Mapped[str] = mapped_column(sa.String(40), unique=True)
    wijk: Mapped[str] = mapped_column(sa.String(60), index=True)
    initialen: Mapped[str | None] = mapped_column(sa.String(12))


class MetingRow(Base):
    __tablename__ = "meting"
    __table_args__ = (
        sa.UniqueConstraint("inwoner_id", "volgnummer"),
        sa.CheckConstraint(one_of("soort", MetingSoort), name="soort"),
        sa.CheckConstraint(one_of("status", Status), name="status"),
        sa.CheckConstraint("volgnummer >= 0", name="volgnummer"),
        sa.CheckConstraint("rapportcijfer BETWEEN 1 AND 10", name="rapportcijfer"),
        sa.CheckConstraint(
            "(status = 'afgerond' AND afgerond_op IS NOT NULL) OR (status = 'concept' AND afgerond_op IS NULL)",
            name="afgerond_op",
        ),
    )

    id: Mapped[str] = mapped_column(sa.String(MAX_ID), primary_key=True)
    inwoner_id: Mapped[str] = mapped_column(sa.ForeignKey("inwoner.id"))
    datum: Mapped[date] = mapped_column(sa.Date)
    soort: Mapped[str] = mapped_column(sa.String(20))
    volgnummer: Mapped[int] = mapped_column(sa.Integer)
    set_naam: Mapped[str] = mapped_column(sa.String(60))
    set_versie: Mapped[int] = mapped_column(sa.Integer)
    vorige_meting_id: Mapped[str | None] = mapped_column(sa.ForeignKey("meting.id"))
    rapportcijfer: Mapped[int | None] = mapped_column(sa.Integer)
    volgende_meting: Mapped[date | None] = mapped_column(sa.Date)
    status: Mapped[str] = mapped_column(sa.String(20))
    afgerond_op: Mapped[datetime | None] = mapped_column(IsoDateTime)


class AfsluitingRow(Base):
    """Since revision 0007: the end of an inwoner's traject (``board.traject.Afsluiting``);
    ``traject`` counts the inwoner's trajecten from 0. Goes with the inwoner when erased."""

    __tablename__ = "traject_afsluiting"
    __table_args__ = (
        sa.CheckConstraint(one_of("reden", Afsluitreden), name="reden"),
        sa.CheckConstraint("traject >= 0", name="traject"),
    )

    inwoner_id: Mapped[str] = mapped_column(sa.ForeignKey("inwoner.id", ondelete="CASCADE"), primary_key=True)
    traject: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    datum: Mapped[date] = mapped_column(sa.Date)
    reden: Mapped[str] = mapped_column(sa.String(40))
    laatste_meting_id: Mapped[str] = mapped_column(sa.ForeignKey("meting.id", ondelete="CASCADE"))
    vastgelegd_op: Mapped[datetime] = mapped_column(IsoDateTime)


class AfsluitingVerzondenRow(Base):
    """Since revision 0007: an afsluiting whose monitor record a central database has committed
    (as ``monitor_verzonden`` for metingen); goes with the afsluiting."""

    __tablename__ = "monitor_afsluiting_verzonden"
    __table_args__ = (
        sa.ForeignKeyConstraint(["inwoner_id", "traject"], ["traject_afsluiting.inwoner_id",
                                                            "traject_afsluiting.traject"], ondelete="CASCADE"),
    )

    inwoner_id: Mapped[str] = mapped_column(sa.String(MAX_ID), primary_key=True)
    traject: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    centrale_id: Mapped[str] = mapped_column(sa.String(MAX_ID), primary_key=True)
    verzonden_op: Mapped[datetime] = mapped_column(IsoDateTime)


class GekozenRow(Base):
    """A chosen leefgebied and its place in the priority order (0 = most important)."""

    __tablename__ = "gekozen"
    __table_args__ = (sa.CheckConstraint("rang >= 0", name="rang"),)

    meting_id: Mapped[str] = mapped_column(sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True)
    leefgebied: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    rang: Mapped[int] = mapped_column(sa.Integer)


class FicheRow(Base):
    __tablename__ = "fiche"
    __table_args__ = (
        # A fiche stands on a chosen leefgebied: a stale save cannot leave one behind.
        sa.ForeignKeyConstraint(["meting_id", "leefgebied"], ["gekozen.meting_id", "gekozen.leefgebied"]),
        sa.CheckConstraint(one_of("perspectief", Perspectief), name="perspectief"),
        # NaN fails too: SQLite stores it as NULL, PostgreSQL sorts it above 1.
        sa.CheckConstraint("positie >= 0 AND positie <= 1", name="positie"),
    )

    meting_id: Mapped[str] = mapped_column(sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True)
    leefgebied: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    perspectief: Mapped[str] = mapped_column(sa.String(20), primary_key=True)
    positie: Mapped[float] = mapped_column(sa.Float)


class DoelRow(Base):
    """A doel as it stands in one meting; a carried-over doel keeps its id in the next one."""

    __tablename__ = "doel"
    __table_args__ = (
        sa.CheckConstraint(f"length(tekst) BETWEEN 1 AND {MAX_DOEL_TEXT}", name="tekst"),
        sa.CheckConstraint(one_of("evaluatie", Evaluatie), name="evaluatie"),
        sa.CheckConstraint("volgorde >= 0", name="volgorde"),
    )

    meting_id: Mapped[str] = mapped_column(sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True)
    doel_id: Mapped[str] = mapped_column(sa.String(MAX_ID), primary_key=True)
    volgorde: Mapped[int] = mapped_column(sa.Integer)
    leefgebied: Mapped[str] = mapped_column(sa.String(60))
    tekst: Mapped[str] = mapped_column(sa.Text)
    sinds_meting: Mapped[str] = mapped_column(sa.String(MAX_ID))
    streefdatum: Mapped[date | None] = mapped_column(sa.Date)
    evaluatie: Mapped[str | None] = mapped_column(sa.String(20))


class ActieRow(Base):
    __tablename__ = "actie"
    __table_args__ = (
        sa.ForeignKeyConstraint(["meting_id", "doel_id"], ["doel.meting_id", "doel.doel_id"], ondelete="CASCADE"),
        sa.CheckConstraint(one_of("wie", Uitvoerder), name="wie"),
        sa.CheckConstraint(f"length(wat) BETWEEN 1 AND {MAX_ACTIE_TEXT}", name="wat"),
    )

    meting_id: Mapped[str] = mapped_column(sa.String(MAX_ID), primary_key=True)
    doel_id: Mapped[str] = mapped_column(sa.String(MAX_ID), primary_key=True)
    volgorde: Mapped[int] = mapped_column(sa.Integer, primary_key=True)
    wie: Mapped[str] = mapped_column(sa.String(30))
    wat: Mapped[str] = mapped_column(sa.String(MAX_ACTIE_TEXT))


class ExportRow(Base):
    """Since revision 0002: when an afgeronde meting went out to the dossier. Kept apart
    from the meting row, because an afgeronde meting row never changes."""

    __tablename__ = "meting_export"

    meting_id: Mapped[str] = mapped_column(sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True)
    exported_at: Mapped[datetime] = mapped_column(IsoDateTime)
    # Since revision 0003: when the bundle reached the dossier; the tablet's copy then goes.
    delivered_at: Mapped[datetime | None] = mapped_column(IsoDateTime)


class AuditRow(Base):
    """Since revision 0003: the audit log (NEN 7513). Who, what, which inwoner (the random id
    only), when, with what result; never content. Each entry's hash covers the previous
    hash and its own fields, so an edited, removed or reordered entry shows. No foreign key
    to ``inwoner``: the entry that an inwoner was erased outlives the inwoner."""

    __tablename__ = "audit"
    __table_args__ = (sa.CheckConstraint("seq >= 1", name="seq"),)

    seq: Mapped[int] = mapped_column(sa.Integer, primary_key=True, autoincrement=False)
    moment: Mapped[datetime] = mapped_column(IsoDateTime)
    professional_id: Mapped[str | None] = mapped_column(sa.String(MAX_ID))
    actie: Mapped[str] = mapped_column(sa.String(20))
    inwoner_id: Mapped[str | None] = mapped_column(sa.String(MAX_ID))
    resultaat: Mapped[str] = mapped_column(sa.String(20))
    vorige_hash: Mapped[str] = mapped_column(sa.String(64))
    hash: Mapped[str] = mapped_column(sa.String(64))


class InstellingRow(Base):
    """Since revision 0004: the tablet's own settings, such as the gemeente's monitor key.
    Kept in the database, so they are as safe as the data (encrypted with it)."""

    __tablename__ = "instelling"

    naam: Mapped[str] = mapped_column(sa.String(60), primary_key=True)
    waarde: Mapped[str] = mapped_column(sa.Text)


class MonitorVerzondenRow(Base):
    """Since revision 0004: an afgeronde meting whose monitor record a central database
    (``centrale_id``) has committed. The record itself is derived again when needed; a
    meting that is erased takes this row with it."""

    __tablename__ = "monitor_verzonden"

    meting_id: Mapped[str] = mapped_column(sa.ForeignKey("meting.id", ondelete="CASCADE"), primary_key=True)
    centrale_id: Mapped[str] = mapped_column(sa.String(MAX_ID), primary_key=True)
    record_id: Mapped[str] = mapped_column(sa.String(64))
    verzonden_op: Mapped[datetime] = mapped_column(IsoDateTime)
