"""Open a database and bring its schema up to date (Alembic, configured here in code).

Opening refuses, without writing a byte, a file that is not a SQLite database, a damaged
one, a database of another program, and a database from a newer version of the app; and,
for an encrypted database, a plain SQLite file and a key that does not fit.
"""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from storage.engine import (
    check_key,
    cipher_module,
    connect_sqlite,
    is_plain_sqlite_file,
    make_engine,
)
from storage.errors import DatabaseOpenError, KeyRequiredError
from storage.opening import Reden, check_present, classify, refusal, where_of
from storage.urls import is_sqlite, sqlite_path

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
VERSION_TABLE = "alembic_version"
log = logging.getLogger(__name__)  # counts only
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


def open_database(
    url: str, key: bytes | None = None, *, allow_plaintext: bool = False, check: bool = True, create: bool = False
) -> Engine:
    """An engine on ``url`` whose schema is at the app's head revision.

    A SQLite database is encrypted with ``key`` (the data key from ``storage.keyring``);
    without one it is refused (``KeyRequiredError``) unless ``allow_plaintext`` asks for a
    plain SQLite file by name (tests and tools only). PostgreSQL ignores ``key``.
    ``check`` runs SQLite's quick_check first, so a damaged file is refused at once rather
    than half-way through a home visit. The migrations run on the (encrypted) connection.
    A missing or empty file beside a keyring that holds professionals is refused, unless
    ``create`` says this is the first start (the first professional was just added).
    Every refusal is a ``DatabaseOpenError`` whose reason and message come from ``storage.opening``.
    """
    where = where_of(url)
    sqlite = is_sqlite(url)
    if sqlite and key is None and not allow_plaintext:
        raise KeyRequiredError()
    if sqlite and key is not None:
        check_key(key)
    path = sqlite_path(url) if sqlite else None
    try:
        return _open(url, path, key, where, allow_plaintext=allow_plaintext, check=check, create=create)
    except DatabaseOpenError:
        raise
    except (DBAPIError, OSError) as exc:
        raise refusal(classify(exc, key=key is not None, path=path), where, exc) from exc


def _open(
    url: str, path: str | None, key: bytes | None, where: str, *, allow_plaintext: bool, check: bool, create: bool
) -> Engine:
    if path is not None and not create:
        check_present(path, where)
    if path is not None and Path(path).is_dir():
        raise refusal(Reden.MAP, where)
    if path is not None and _sqlite_at_head(path, key, check):
        # The common case on the tablet: nothing to migrate, so Alembic is not even loaded.
        return _connected(make_engine(url, key=key, allow_plaintext=allow_plaintext))
    if path is not None:
        _preflight_sqlite(path, key, where, check)
    engine = make_engine(url, key=key if is_sqlite(url) else None, allow_plaintext=allow_plaintext)
    from alembic import command

    try:
        if path is None:
            with engine.connect() as connection:
                _check_ours(connection, where)
        with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection, connection.begin():
            command.upgrade(alembic_config(connection), "head")
    except BaseException:
        engine.dispose()
        raise
    return engine


def _connected(engine: Engine) -> Engine:
    """The engine after one connection (its pragmas set): a device that cannot write the WAL's
    index, or a full disk, is told now, at opening, not half-way through the first save."""
    try:
        with engine.connect():
            pass
    except BaseException:
        engine.dispose()
        raise
    return engine


def _preflight_sqlite(path: str, key: bytes | None, where: str, check: bool) -> None:
    """Look at a SQLite file before the engine's pragmas may write to it (switching a
    database to WAL changes its header): reading only, on a connection without pragmas."""
    if key is not None and is_plain_sqlite_file(path):
        raise refusal(Reden.NIET_VERSLEUTELD, where)
    module = {} if key is None else {"module": cipher_module()}
    probe = sa.create_engine("sqlite://", creator=lambda: connect_sqlite(path, key), poolclass=sa.NullPool, **module)
    try:
        with probe.connect() as connection:
            if check:
                _quick_check(connection, where)
            _check_ours(connection, where)
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


def _sqlite_at_head(path: str, key: bytes | None, check: bool) -> bool:
    """True when the file is a healthy database of this app at the head revision, encrypted
    with ``key`` (or plain without one), checked read-only. Anything else (a new file, an
    older or newer schema, a wrong key, a plain file where an encrypted one belongs, damage)
    takes the full path, which migrates or refuses with its messages."""
    if not Path(path).is_file() or Path(path).stat().st_size == 0:
        return False
    if (key is not None) == is_plain_sqlite_file(path):
        return False
    # Any failure here (sqlite3's or SQLCipher's own error classes) only means "not the fast
    # path": the full path then refuses with a precise message.
    try:
        connection = connect_sqlite(path, key, read_only=True)
    except Exception:
        return False
    try:
        if check and connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            return False
        versions = [row[0] for row in connection.execute(f"SELECT version_num FROM {VERSION_TABLE}")]
    except Exception:
        return False
    finally:
        connection.close()
    return versions == [script_head()] and versions[0] is not None


def _check_ours(connection: sa.Connection, where: str) -> None:
    """Refuse a database this app cannot read: another program's, or a newer app version's."""
    from alembic.runtime.migration import MigrationContext
    from alembic.script import ScriptDirectory

    current = MigrationContext.configure(connection).get_current_heads()
    if not current:
        tables = set(sa.inspect(connection).get_table_names()) - {VERSION_TABLE}
        if tables:
            raise refusal(Reden.ANDER_PROGRAMMA, where)
        return
    scripts = ScriptDirectory.from_config(alembic_config())
    known = {script.revision for script in scripts.walk_revisions()}
    unknown = [rev for rev in current if rev not in known]
    if unknown:
        raise refusal(Reden.TE_NIEUW, where)


def _quick_check(connection: sa.Connection, where: str) -> None:
    rows = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        log.warning("quick_check found %d problems", len(rows))
        raise refusal(Reden.BESCHADIGD, where)
