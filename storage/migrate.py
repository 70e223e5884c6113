"""Open a database and bring its schema up to date (Alembic, configured here in code).

Opening refuses, without writing a byte, a file that is not a SQLite database, a damaged
one, a database of another program, and a database from a newer version of the app; and,
for an encrypted database, a plain SQLite file and a key that does not fit.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from board.i18n import _
from storage.engine import (
    check_key,
    cipher_module,
    connect_sqlite,
    is_plain_sqlite_file,
    make_engine,
)
from storage.errors import (
    DatabaseOpenError,
    DatabaseTooNewError,
    KeyRequiredError,
    NotEncryptedError,
    WrongKeyError,
)
from storage.urls import is_sqlite, sqlite_path

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


def open_database(url: str, key: bytes | None = None, *, allow_plaintext: bool = False, check: bool = True) -> Engine:
    """An engine on ``url`` whose schema is at the app's head revision.

    A SQLite database is encrypted with ``key`` (the data key from ``storage.keyring``);
    without one it is refused (``KeyRequiredError``) unless ``allow_plaintext`` asks for a
    plain SQLite file by name (tests and tools only). PostgreSQL ignores ``key``.
    ``check`` runs SQLite's quick_check first, so a damaged file is refused at once rather
    than half-way through a home visit. The migrations run on the (encrypted) connection.
    """
    where = _describe(url)
    sqlite = is_sqlite(url)
    if sqlite and key is None and not allow_plaintext:
        raise KeyRequiredError()
    if sqlite and key is not None:
        check_key(key)
    path = sqlite_path(url) if sqlite else None
    if path is not None and Path(path).is_dir():
        raise DatabaseOpenError(_("{where} is een map, geen databasebestand.").format(where=where))
    if path is not None and _sqlite_at_head(path, key, check):
        # The common case on the tablet: nothing to migrate, so Alembic is not even loaded.
        return make_engine(url, key=key, allow_plaintext=allow_plaintext)
    if path is not None:
        _preflight_sqlite(path, key, where, check)
    engine = make_engine(url, key=key if sqlite else None, allow_plaintext=allow_plaintext)
    from alembic import command

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


def _preflight_sqlite(path: str, key: bytes | None, where: str, check: bool) -> None:
    """Look at a SQLite file before the engine's pragmas may write to it (switching a
    database to WAL changes its header): reading only, on a connection without pragmas."""
    if key is not None and is_plain_sqlite_file(path):
        raise NotEncryptedError(
            _(
                "{where} is niet versleuteld, maar Magneetbord bewaart gegevens op een tablet alleen versleuteld. "
                "Het bestand is niet veranderd en niet geopend. Kies een ander bestand of vraag om hulp."
            ).format(where=where)
        )
    module = {} if key is None else {"module": cipher_module()}
    probe = sa.create_engine("sqlite://", creator=lambda: connect_sqlite(path, key), poolclass=sa.NullPool, **module)
    try:
        with probe.connect() as connection:
            if check:
                _quick_check(connection, where)
            _check_ours(connection, where)
    except DBAPIError as exc:
        if key is not None and "not a database" in str(exc.orig):
            raise WrongKeyError(
                _(
                    "{where} gaat niet open met deze sleutel: het sleutelbestand hoort bij een andere database, "
                    "of het bestand is beschadigd. Het bestand is niet veranderd."
                ).format(where=where)
            ) from exc
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


def _not_a_database(where: str, exc: DBAPIError) -> DatabaseOpenError:
    return DatabaseOpenError(
        _(
            "{where} kan niet worden geopend: het is geen (leesbare) Magneetbord-database. "
            "Het bestand is niet veranderd. ({fout})"
        ).format(where=where, fout=exc.orig)
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
                _(
                    "{where} bevat al tabellen van een ander programma ({tabellen}). "
                    "Kies een ander bestand; dit bestand is niet veranderd."
                ).format(where=where, tabellen=", ".join(sorted(tables)[:5]))
            )
        return
    scripts = ScriptDirectory.from_config(alembic_config())
    known = {script.revision for script in scripts.walk_revisions()}
    unknown = [rev for rev in current if rev not in known]
    if unknown:
        raise DatabaseTooNewError(
            _(
                "{where} komt van een nieuwere versie van Magneetbord (schema {schema}). "
                "Werk de app bij om deze gegevens te openen; er is niets veranderd."
            ).format(where=where, schema=", ".join(unknown))
        )


def _quick_check(connection: sa.Connection, where: str) -> None:
    rows = [row[0] for row in connection.exec_driver_sql("PRAGMA quick_check").fetchall()]
    if rows != ["ok"]:
        raise DatabaseOpenError(
            _(
                "{where} is beschadigd ({fouten}). Het bestand is niet veranderd; bewaar het en vraag om hulp."
            ).format(where=where, fouten="; ".join(rows[:3]))
        )


def _describe(url: str) -> str:
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None:
        return _("Het bestand {path}").format(path=path)
    return _("De database {url}").format(url=sa.make_url(url).render_as_string(hide_password=True))
