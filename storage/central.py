"""The central monitor database of a gemeente: open (and create) it, store records, read them.

A plain SQLAlchemy URL: PostgreSQL for a gemeente, a SQLite file for a single team. The
schema is created by its own Alembic migrations (``storage/central_migrations``, own
version table) the first time a tablet connects, and upgraded the same way later.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import DBAPIError

from board.i18n import _
from board.meting_waarden import Evaluatie, MetingSoort
from board.monitor_1_record import DoelUitkomst, LeefgebiedScore, MonitorRecord
from board.monitor_2_trajecten import ACTOR_BITS
from board.redenen import technical
from storage.central_bijhouden import bijhouden
from storage.central_derive import afleiden, kw
from storage.central_models import (
    DUIZENDSTE,
    CentraleRow,
    InwonerRow,
    RecordDoelRow,
    RecordLeefgebiedRow,
    RecordRow,
)
from storage.central_trust import erased
from storage.central_vaststelling import verwerk
from storage.engine import configure_sqlite, connect_sqlite, is_plain_sqlite_file
from storage.errors import DatabaseOpenError, DatabaseTooNewError
from storage.migrate import VERSION_TABLE as TABLET_VERSION_TABLE
from storage.urls import checked_url, is_sqlite, sqlite_path

MIGRATIONS = Path(__file__).resolve().parent / "central_migrations"
VERSION_TABLE = "monitor_alembic_version"
CONNECT_TIMEOUT_S = 10

log = logging.getLogger(__name__)  # error codes only


class CentralUnreachableError(DatabaseOpenError):
    """The central database cannot be reached now (network, server down, login refused)."""


def describe(url: str) -> str:
    """The URL without its password, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def central_engine(url: str) -> Engine:
    """A plain engine: the central database is never the tablet's (encrypted) file."""
    parsed = make_url(url)
    if not is_sqlite(parsed):
        args = {"connect_timeout": CONNECT_TIMEOUT_S} if parsed.get_backend_name() == "postgresql" else {}
        return sa.create_engine(parsed, pool_pre_ping=True, connect_args=args)
    engine = sa.create_engine(parsed, connect_args={"isolation_level": None, "check_same_thread": False})
    event.listen(engine, "connect", configure_sqlite)
    # pysqlite's own transaction handling is off (as for the tablet): BEGIN is ours.
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN IMMEDIATE"))
    return engine


def _config(connection: sa.Connection | None = None) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def open_central(url: str) -> Engine:
    """An engine on the central database at ``url``, created or upgraded to this app's schema.

    Raises ``CentralUnreachableError`` when it cannot be reached, ``DatabaseOpenError`` for
    a tablet's database, ``DatabaseTooNewError`` for a schema of a newer app.
    """
    url = checked_url(url)
    path = sqlite_path(url) if is_sqlite(url) else None
    if path and Path(path).is_file() and Path(path).stat().st_size and not is_plain_sqlite_file(path):
        # A central SQLite database is never encrypted: this is a tablet's (or not a database).
        raise DatabaseOpenError(
            _(
                "{database} is geen centrale monitordatabase: het is versleuteld (de database van een "
                "tablet) of geen database. Kies de database van de gemeente; er is niets veranderd."
            ).format(database=describe(url))
        )
    engine = central_engine(url)
    try:
        with engine.connect() as connection, connection.begin():
            _check_central(connection, url)
            command.upgrade(_config(connection), "head")
            if connection.execute(sa.select(sa.func.count()).select_from(CentraleRow)).scalar() == 0:
                connection.execute(
                    sa.insert(CentraleRow), {"id": uuid.uuid4().hex, "aangemaakt_op": datetime.now(UTC)}
                )
    except DatabaseOpenError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        log.warning("central database not reachable (%s)", technical(exc))
        raise CentralUnreachableError(
            _("De centrale database {database} is niet bereikbaar. Controleer het adres, de verbinding en de toegang.")
            .format(database=describe(url))
        ) from exc
    return engine


def is_central(url: str) -> bool:
    """Whether ``url`` already holds a central monitor database (without changing it: a SQLite
    file is read on a read-only connection without pragmas, so not even its journal mode changes)."""
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None and not (Path(path).is_file() and Path(path).stat().st_size > 0):
        return False  # nothing there yet: not central (and a read-only open would fail)
    if path is not None:
        engine = sa.create_engine(
            "sqlite://", creator=lambda: connect_sqlite(path, read_only=True), poolclass=sa.NullPool
        )
    else:
        engine = central_engine(url)
    try:
        with engine.connect() as connection:
            return VERSION_TABLE in sa.inspect(connection).get_table_names()
    finally:
        engine.dispose()


def _check_central(connection: sa.Connection, url: str) -> None:
    tables = set(sa.inspect(connection).get_table_names())
    if TABLET_VERSION_TABLE in tables or "inwoner" in tables:
        raise DatabaseOpenError(
            _(
                "{database} is de database van een tablet, geen centrale monitordatabase. "
                "Kies de database van de gemeente; er is niets veranderd."
            ).format(database=describe(url))
        )
    current = MigrationContext.configure(connection, opts={"version_table": VERSION_TABLE}).get_current_heads()
    known = {script.revision for script in ScriptDirectory.from_config(_config()).walk_revisions()}
    unknown = [rev for rev in current if rev not in known]
    if unknown:
        raise DatabaseTooNewError(
            _(
                "De centrale database {database} komt van een nieuwere versie van Magneetbord "
                "(schema {schema}). Werk de app bij; er is niets veranderd."
            ).format(database=describe(url), schema=", ".join(unknown))
        )


def centrale_id(engine: Engine) -> str:
    with engine.connect() as connection:
        return str(connection.execute(sa.select(CentraleRow.id)).scalar_one())


def _insert(connection: sa.Connection) -> Any:
    """INSERT ... ON CONFLICT DO NOTHING in the connection's own dialect."""
    return postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert


def store_records(connection: sa.Connection, records: Sequence[MonitorRecord]) -> int:
    """Store ``records`` in the caller's transaction; a record already there is skipped
    whole (its rows went in with it, in one transaction). Returns how many were new.

    The derived columns of the inwoners that got a new record are recomputed in the same
    transaction (``central_derive.afleiden``), so arrival order does not matter, and so are
    the kept counts of the monitor (``central_bijhouden``)."""
    gone = erased(connection, {r.pseudoniem for r in records})  # an erased inwoner stays erased
    records = [r for r in records if r.pseudoniem not in gone]
    if not records:
        return 0
    inwoners = _inwoners(connection, {(r.set_naam, r.pseudoniem) for r in records})
    with bijhouden(connection, inwoners.values(), min(r.maand for r in records)):  # the kept counts change too
        return _store(connection, records, inwoners)


def _store(connection: sa.Connection, records: Sequence[MonitorRecord], inwoners: dict[tuple[str, str], int]) -> int:
    statement = (
        _insert(connection)(RecordRow)
        .on_conflict_do_nothing(index_elements=[RecordRow.record_id])
        .returning(RecordRow.nr, RecordRow.record_id)
    )
    values = [_record_values(r) | {"inwoner_nr": inwoners[r.set_naam, r.pseudoniem], "kw": kw(r.maand),
                                   "telmaand": r.maand} for r in records]
    new = {rid: nr for nr, rid in connection.execute(statement, values)}
    verwerk(connection, new.values())  # late for a vastgesteld period: counts in a later quarter
    lg_rows, doel_rows, touched = [], [], set()
    stored = 0
    for record in records:
        nr = new.pop(record.record_id, None)
        if nr is None:
            continue  # already there (or twice in this batch: stored with its first copy)
        stored += 1
        touched.add(inwoners[record.set_naam, record.pseudoniem])
        lg_rows += [
            {"record_nr": nr, "leefgebied": s.leefgebied, "rang": s.rang, "positie": round(s.positie * DUIZENDSTE)}
            for s in record.leefgebieden
        ]
        doel_rows += [
            {"record_nr": nr, "volgorde": i, "leefgebied": d.leefgebied,
             "evaluatie": d.evaluatie.value if d.evaluatie else None,
             "actoren": None if d.actoren is None else sum(ACTOR_BITS[a] for a in d.actoren)}
            for i, d in enumerate(record.doelen)
        ]
    if lg_rows:
        connection.execute(sa.insert(RecordLeefgebiedRow), lg_rows)
    if doel_rows:
        connection.execute(sa.insert(RecordDoelRow), doel_rows)
    afleiden(connection, touched)
    return stored


def _inwoners(connection: sa.Connection, keys: set[tuple[str, str]]) -> dict[tuple[str, str], int]:
    """The inwoner nr per (set, pseudonym), made where missing, and locked (PostgreSQL) until
    the transaction ends: two tablets sending records of one inwoner at once then derive
    one after the other, each seeing the other's records."""
    connection.execute(
        _insert(connection)(InwonerRow).on_conflict_do_nothing(
            index_elements=[InwonerRow.set_naam, InwonerRow.pseudoniem]),
        [{"set_naam": s, "pseudoniem": p} for s, p in sorted(keys)],
    )
    rows = connection.execute(
        sa.select(InwonerRow.nr, InwonerRow.set_naam, InwonerRow.pseudoniem)
        .where(sa.tuple_(InwonerRow.set_naam, InwonerRow.pseudoniem).in_(sorted(keys)))
        .order_by(InwonerRow.nr)
        .with_for_update()
    )
    return {(s, p): nr for nr, s, p in rows}


def _record_values(record: MonitorRecord) -> dict[str, Any]:
    return {
        "record_id": record.record_id,
        "pseudoniem": record.pseudoniem,
        "wijk": record.wijk,
        "maand": record.maand,
        "soort": record.soort.value,
        "volgnummer": record.volgnummer,
        "set_naam": record.set_naam,
        "set_versie": record.set_versie,
        "rapportcijfer": record.rapportcijfer,
        "traject": record.traject,
    }


def load_records(engine: Engine, set_naam: str | None = None) -> list[MonitorRecord]:
    """Every record (of one set), read back whole: for the Python count and for checks."""
    where = sa.true() if set_naam is None else RecordRow.set_naam == set_naam
    with engine.connect() as connection:
        rows = connection.execute(sa.select(RecordRow).where(where).order_by(RecordRow.nr)).all()
        scores: dict[int, list[LeefgebiedScore]] = {}
        for nr, leefgebied, rang, positie in connection.execute(
            sa.select(RecordLeefgebiedRow.record_nr, RecordLeefgebiedRow.leefgebied, RecordLeefgebiedRow.rang,
                      RecordLeefgebiedRow.positie).order_by(RecordLeefgebiedRow.record_nr, RecordLeefgebiedRow.rang)
        ):
            scores.setdefault(nr, []).append(LeefgebiedScore(leefgebied, rang, positie / DUIZENDSTE))
        doelen: dict[int, list[DoelUitkomst]] = {}
        for nr, leefgebied, evaluatie, bits in connection.execute(
            sa.select(RecordDoelRow.record_nr, RecordDoelRow.leefgebied, RecordDoelRow.evaluatie,
                      RecordDoelRow.actoren).order_by(RecordDoelRow.record_nr, RecordDoelRow.volgorde)
        ):
            actoren = None if bits is None else tuple(u for u, bit in ACTOR_BITS.items() if bits & bit)
            doelen.setdefault(nr, []).append(
                DoelUitkomst(leefgebied, Evaluatie(evaluatie) if evaluatie else None, actoren))
    return [
        MonitorRecord(
            record_id=row.record_id, pseudoniem=row.pseudoniem, wijk=row.wijk, maand=row.maand,
            soort=MetingSoort(row.soort), volgnummer=row.volgnummer, set_naam=row.set_naam,
            set_versie=row.set_versie, leefgebieden=tuple(scores.get(row.nr, ())),
            rapportcijfer=row.rapportcijfer, doelen=tuple(doelen.get(row.nr, ())), traject=row.traject,
        )
        for row in rows
    ]


def record_ids(engine: Engine, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the central database holds."""
    wanted = list(ids)
    with engine.connect() as connection:
        return set(connection.execute(sa.select(RecordRow.record_id).where(RecordRow.record_id.in_(wanted))).scalars())
