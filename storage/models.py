"""The tables, as SQLAlchemy Core tables. They mirror ``board/`` one to one.

An inwoner is stored with as little as needed: a random id, the dossier number, the wijk,
optionally initials. The CHECK constraints repeat the board's ranges, so that a value the
board refuses cannot enter by another road either. Core tables, not ORM classes: storage
reads and writes with Core statements only, and loading the ORM cost the kiosk some 6 MiB
(P8). The migrations under
``storage/migrations/versions`` create exactly these tables (a test compares them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa

from board.grenzen import MAX_ACTIE_TEXT, MAX_DOEL_TEXT
from board.meting_waarden import Evaluatie, MetingSoort, Perspectief, Status, Uitvoerder
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


METADATA = sa.MetaData(naming_convention=NAMING_CONVENTION)


class Base:
    """The metadata of every table (alembic and the migration test compare against it)."""

    metadata = METADATA


class Rows:
    """A table whose columns read as attributes (``MetingRow.status``) and that goes where
    a table goes (``sa.insert(AuditRow)``); ``__table__`` is the table itself."""

    def __init__(self, table: sa.Table) -> None:
        self.__table__ = table

    def __getattr__(self, name: str) -> sa.Column[Any]:
        try:
            return self.__table__.c[name]
        except KeyError:
            raise AttributeError(name) from None

    def __clause_element__(self) -> sa.Table:
        return self.__table__


def _table(name: str, *items: sa.SchemaItem) -> Rows:
    return Rows(sa.Table(name, METADATA, *items))


def _key(name: str, *args: Any, **kwargs: Any) -> sa.Column[Any]:
    return sa.Column(name, *args, primary_key=True, **kwargs)


def _required(name: str, *args: Any, **kwargs: Any) -> sa.Column[Any]:
    return sa.Column(name, *args, nullable=False, **kwargs)


def _optional(name: str, *args: Any, **kwargs: Any) -> sa.Column[Any]:
    return sa.Column(name, *args, nullable=True, **kwargs)


InwonerRow = _table(
    "inwoner",
    _key("id", sa.String(MAX_ID)),
    _required("dossiernummer", sa.String(40), unique=True),
    _required("wijk", sa.String(60), index=True),
    _optional("initialen", sa.String(12)),
    _required("taal", sa.String(8), server_default="nl"),  # migration 0007_inwoner_taal
)

MetingRow = _table(
    "meting",
    _key("id", sa.String(MAX_ID)),
    _required("inwoner_id", sa.ForeignKey("inwoner.id")),
    _required("datum", sa.Date),
    _required("soort", sa.String(20)),
    _required("volgnummer", sa.Integer),
    _required("set_naam", sa.String(60)),
    _required("set_versie", sa.Integer),
    _optional("vorige_meting_id", sa.ForeignKey("meting.id")),
    _optional("rapportcijfer", sa.Integer),
    _optional("volgende_meting", sa.Date),
    _required("status", sa.String(20)),
    _optional("afgerond_op", IsoDateTime),
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

# Since revision 0008: the end of an inwoner's traject (``board.traject.Afsluiting``);
# ``traject`` counts the inwoner's trajecten from 0. Goes with the inwoner when erased.
AfsluitingRow = _table(
    "traject_afsluiting",
    _key("inwoner_id", sa.ForeignKey("inwoner.id", ondelete="CASCADE")),
    _key("traject", sa.Integer),
    _required("datum", sa.Date),
    _required("reden", sa.String(40)),
    _required("laatste_meting_id", sa.ForeignKey("meting.id", ondelete="CASCADE")),
    _required("vastgelegd_op", IsoDateTime),
    sa.CheckConstraint(one_of("reden", Afsluitreden), name="reden"),
    sa.CheckConstraint("traject >= 0", name="traject"),
)

# Since revision 0008: an afsluiting whose monitor record a central database has committed
# (as ``monitor_verzonden`` for metingen); goes with the afsluiting.
AfsluitingVerzondenRow = _table(
    "monitor_afsluiting_verzonden",
    _key("inwoner_id", sa.String(MAX_ID)),
    _key("traject", sa.Integer),
    _key("centrale_id", sa.String(MAX_ID)),
    _required("verzonden_op", IsoDateTime),
    sa.ForeignKeyConstraint(["inwoner_id", "traject"], ["traject_afsluiting.inwoner_id", "traject_afsluiting.traject"],
                            ondelete="CASCADE"),
)

# A chosen leefgebied and its place in the priority order (0 = most important).
GekozenRow = _table(
    "gekozen",
    _key("meting_id", sa.ForeignKey("meting.id", ondelete="CASCADE")),
    _key("leefgebied", sa.String(60)),
    _required("rang", sa.Integer),
    sa.CheckConstraint("rang >= 0", name="rang"),
)

FicheRow = _table(
    "fiche",
    _key("meting_id", sa.ForeignKey("meting.id", ondelete="CASCADE")),
    _key("leefgebied", sa.String(60)),
    _key("perspectief", sa.String(20)),
    _required("positie", sa.Float),
    # A fiche stands on a chosen leefgebied: a stale save cannot leave one behind.
    sa.ForeignKeyConstraint(["meting_id", "leefgebied"], ["gekozen.meting_id", "gekozen.leefgebied"]),
    sa.CheckConstraint(one_of("perspectief", Perspectief), name="perspectief"),
    # NaN fails too: SQLite stores it as NULL, PostgreSQL sorts it above 1.
    sa.CheckConstraint("positie >= 0 AND positie <= 1", name="positie"),
)

# A doel as it stands in one meting; a carried-over doel keeps its id in the next one.
DoelRow = _table(
    "doel",
    _key("meting_id", sa.ForeignKey("meting.id", ondelete="CASCADE")),
    _key("doel_id", sa.String(MAX_ID)),
    _required("volgorde", sa.Integer),
    _required("leefgebied", sa.String(60)),
    _required("tekst", sa.Text),
    _required("sinds_meting", sa.String(MAX_ID)),
    _optional("streefdatum", sa.Date),
    _optional("evaluatie", sa.String(20)),
    sa.CheckConstraint(f"length(tekst) BETWEEN 1 AND {MAX_DOEL_TEXT}", name="tekst"),
    sa.CheckConstraint(one_of("evaluatie", Evaluatie), name="evaluatie"),
    sa.CheckConstraint("volgorde >= 0", name="volgorde"),
)

ActieRow = _table(
    "actie",
    _key("meting_id", sa.String(MAX_ID)),
    _key("doel_id", sa.String(MAX_ID)),
    _key("volgorde", sa.Integer),
    _required("wie", sa.String(30)),
    _required("wat", sa.String(MAX_ACTIE_TEXT)),
    sa.ForeignKeyConstraint(["meting_id", "doel_id"], ["doel.meting_id", "doel.doel_id"], ondelete="CASCADE"),
    sa.CheckConstraint(one_of("wie", Uitvoerder), name="wie"),
    sa.CheckConstraint(f"length(wat) BETWEEN 1 AND {MAX_ACTIE_TEXT}", name="wat"),
)

# Since revision 0002: when an afgeronde meting went out to the dossier. Kept apart from the
# meting row, because an afgeronde meting row never changes.
ExportRow = _table(
    "meting_export",
    _key("meting_id", sa.ForeignKey("meting.id", ondelete="CASCADE")),
    _required("exported_at", IsoDateTime),
    # Since revision 0003: when the bundle reached the dossier; the tablet's copy then goes.
    _optional("delivered_at", IsoDateTime),
)

# Since revision 0003: the audit log (NEN 7513). Who, what, which inwoner (the random id
# only), when, with what result; never content. Each entry's hash covers the previous hash
# and its own fields, so an edited, removed or reordered entry shows. No foreign key to
# ``inwoner``: the entry that an inwoner was erased outlives the inwoner.
AuditRow = _table(
    "audit",
    _key("seq", sa.Integer, autoincrement=False),
    _required("moment", IsoDateTime),
    _optional("professional_id", sa.String(MAX_ID)),
    _required("actie", sa.String(20)),
    _optional("inwoner_id", sa.String(MAX_ID)),
    _required("resultaat", sa.String(20)),
    _required("vorige_hash", sa.String(64)),
    _required("hash", sa.String(64)),
    sa.CheckConstraint("seq >= 1", name="seq"),
)

# Since revision 0004: the tablet's own settings, such as the gemeente's monitor key. Kept in
# the database, so they are as safe as the data (encrypted with it).
InstellingRow = _table(
    "instelling",
    _key("naam", sa.String(60)),
    _required("waarde", sa.Text),
)

# Since revision 0004: an afgeronde meting whose monitor record a central database
# (``centrale_id``) has committed. The record itself is derived again when needed; a meting
# that is erased takes this row with it.
MonitorVerzondenRow = _table(
    "monitor_verzonden",
    _key("meting_id", sa.ForeignKey("meting.id", ondelete="CASCADE")),
    _key("centrale_id", sa.String(MAX_ID)),
    _required("record_id", sa.String(64)),
    _required("verzonden_op", IsoDateTime),
)

# Since revision 0006: how the upload of a meting's bundle through the ZGW Documenten API
# stands (``board.zgw.UploadStatus``), and why it failed. A meting that goes takes it along.
ZgwUploadRow = _table(
    "zgw_upload",
    _key("meting_id", sa.ForeignKey("meting.id", ondelete="CASCADE")),
    _required("status", sa.String(20)),
    _optional("reden", sa.Text),
    _required("bijgewerkt", IsoDateTime),
)

# Since revision 0006: the zaak (a Zaken API URL) an inwoner's documents are linked to.
ZgwZaakRow = _table(
    "zgw_zaak",
    _key("inwoner_id", sa.ForeignKey("inwoner.id", ondelete="CASCADE")),
    _required("zaak_url", sa.String(1000)),
)
