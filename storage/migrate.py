"""Open a database and bring its schema up to date (Alembic, configured here in code).

Opening refuses, without writing a byte, a file that is not a SQLite database, a damaged
one, a database of another program, and a database from a newer version of the app.
"""

from __future__ import annotations

import re
import sqlite3
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from storage.engine import connect_sqlite, is_sqlite, make_engine, sqlite_path
from storage.errors import DatabaseOpenError, DatabaseTooNewError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
_REVISION = re.compile(r"^(down_)?revision\s*(?::[^=]*)?=\s*(?:\"([^\"]*)\"|'([^']*)'|None)", re.MULTILINE)


def alembic_config(connection: sa.Connection | None = None) -> Config:
    # Alembic is imported only here and below: a database already at head opens without it.
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def open_database(url: str, *, check: bool = True) -> Engine:
    """An engine on ``url`` whose schema is at the app's head revision.

    ``check`` runs SQLite's quick_check first, so a damaged file is refused at once rather
    than half-way through a home visit.
    """
    where = _describe(url)
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None and Path(path).is_dir():
        raise DatabaseOpenError(f"{where} is een map, geen databasebestand.")
    if path is not None and _sqlite_at_head(path, check):
        return make_engine(url)  # the common case on the tablet: nothing to migrate
    if path is not None:
        _preflight_sqlite(path, where, check)
    from alembic import command

    engine = make_engine(url)
    try:
        if path is None:
            with engine.connect() as connection:
                _check_ours(connection, where)
        with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection, connection.begin():
            command.upgrade(alembic_config(connection), "head")
    except DatabaseOpenError:
        engine.dispose()
        raise
    except DBAPIError as exc:
        engine.dispose()
        raise _not_a_database(where, exc) from exc
    return engine


def _preflight_sqlite(path: str, where: str, check: bool) -> None:
    """Look at a SQLite file before the engine's pragmas may write to it (switching a
    database to WAL changes its header): reading only, on a plain connection."""
    probe = sa.create_engine("sqlite://", creator=lambda: connect_sqlite(path), poolclass=sa.NullPool)
    try:
        with probe.connect() as connection:
            if check:
                _quick_check(connection, where)
            _check_ours(connection, where)
    except DBAPIError as exc:
        raise _not_a_database(where, exc) from exc
    finally:
        probe.dispose()


@cache
def script_head() -> str | None:
    """The head revision read from the migration files themselves, without Alembic: the one
    revision that no other names as its ``down_revision`` (None if that is not exactly one)."""
    revisions, parents = set(), set()
    for script in (MIGRATIONS / "versions").glob("*.py"):
        for down, double, single in _REVISION.findall(script.read_text("utf-8")):
            value = double or single
            if value:
                (parents if down else revisions).add(value)
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _sqlite_at_head(path: str, check: bool) -> bool:
    """True when the file is a healthy SQLite database of this app at the head revision,
    checked read-only with the standard library. Anything else (a new file, an older or newer
    schema, damage) takes the full path, which migrates or refuses with its messages."""
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        return False
    try:
        connection = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        if check and connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False
        versions = [row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
    except sqlite3.Error:
        return False
    finally:
        connection.close()
    return versions == [script_head()] and versions[0] is not None


def _not_a_database(where: str, exc: DBAPIError) -> DatabaseOpenError:
    return DatabaseOpenError(
        f"{where} kan niet worden geopend: het is geen (leesbare) Magneetbord-database. "
        f"Het bestand is niet veranderd. ({exc.orig})"
    )


def _check_ours(connection: sa.Connection, where: str) -> None:
    """Refuse a database this app cannot read: another program's, or a newer app version's."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    current = MigrationContext.configure(connection).get_current_heads()
    if not current:
        tables = set(sa.inspect(connection).get_table_names()) - {VERSION_TABLE}
        if tables:
            raise DatabaseOpenError(
                f"{where} bevat al tabellen van een ander programma ({', '.join(sorted(tables)[:5])}). "
                "Kies een ander bestand; dit bestand is niet veranderd."
            )
        return
    scripts = ScriptDirectory.from_config(alembic_config())
    known = {script.revision for script in scripts.walk_revisions()}
    unknown = [rev for rev in current if rev not in known]
    if unknown:
        raise DatabaseTooNewError(
            f"{where} komt van een nieuwere versie van Magneetbord (schema {', '.join(unknown)}). "
            "Werk de app bij om deze gegevens te openen; er is niets veranderd."
        )


def _quick_check(connection: sa.Connection, where: str) -> None:
    rows = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        raise DatabaseOpenError(
            f"{where} is beschadigd ({'; '.join(rows[:3])}). Het bestand is niet veranderd; "
            "bewaar het en vraag om hulp."
        )


def _describe(url: str) -> str:
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None:
        return f"Het bestand {path}"
    return f"De database {sa.make_url(url).render_as_string(hide_password=True)}"
