"""The one place where a database engine is made.

Which database: ``storage.urls`` (``--db URL``, else ``MAGNEETBORD_DB``, else a SQLite file
in the platform's user data folder). SQLite gets WAL,
``synchronous=FULL``, foreign keys and a busy timeout on every connection, and SQLAlchemy
emits ``BEGIN`` itself (pysqlite would otherwise start transactions late and end them early;
see "Serializable isolation / Savepoints / Transactional DDL" in SQLAlchemy's SQLite docs).

A local SQLite database is encrypted with SQLCipher 4 (``sqlcipher3``): the engine needs the
raw 256-bit data key from the keyring (``storage.keyring``). Plain SQLite is there only for
tests and tools that must look at a raw file, and only when asked for by name
(``allow_plaintext=True``): there is no silent fall-back. PostgreSQL ignores the key: a
central server encrypts at rest and in transit itself.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url

from board.i18n import _
from storage.errors import DatabaseOpenError, KeyRequiredError
from storage.permissions import private_database
from storage.urls import sqlite_path

BUSY_TIMEOUT_MS = 5000
KEY_BYTES = 32  # SQLCipher's raw AES-256 key
SQLITE_HEADER = b"SQLite format 3\x00"  # the first bytes of every plain (unencrypted) SQLite file

# A write transaction takes SQLite's write lock at BEGIN, so it never fails half-way when
# another connection wrote in between (a deferred BEGIN cannot wait for that lock).
WRITE = {"sqlite_begin": "IMMEDIATE"}


def connect_sqlite(path: str, key: bytes | None = None, *, read_only: bool = False) -> Any:
    """Open one DBAPI connection to a SQLite file: SQLCipher with ``key``, plain SQLite without;
    ``read_only`` opens it so that nothing, not even a pragma, can write to it.

    The only place a SQLite connection is made. The key is handed over raw (``x'<hex>'``),
    so SQLCipher does not run its own slow key derivation: the PIN's Argon2id already did.
    ``isolation_level=None`` stops the driver from managing transactions; ``_begin`` does.
    """
    target = f"{Path(path).as_uri()}?mode=ro" if read_only else path
    options: dict[str, Any] = {
        "timeout": BUSY_TIMEOUT_MS / 1000,
        "isolation_level": None,
        "check_same_thread": False,
        "uri": read_only,
    }
    if key is None:
        import sqlite3  # plain SQLite only (tests, tools): the kiosk has SQLCipher's own (P8)

        conn = sqlite3.connect(target, **options)
        if not read_only:
            private_database(path)
        return conn
    check_key(key)
    conn = cipher_module().connect(target, **options)
    if not read_only:
        private_database(path)  # before any page is written; WAL and SHM take its mode
    try:
        # SQLCipher would print every failed page decryption to stderr: a wrong key is told in Dutch instead.
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    except BaseException:
        conn.close()
        raise
    return conn


def cipher_module() -> Any:
    """SQLCipher's DBAPI module. A build without it (Android without its recipe) gets a clear
    message, never a plain database."""
    try:
        import sqlcipher3.dbapi2 as sqlcipher
    except ImportError as exc:
        raise DatabaseOpenError(
            _(
                "Deze versie van de app kan de versleutelde database niet openen: SQLCipher ontbreekt "
                "(zie docs/security.md). Er is niets geopend of veranderd."
            )
        ) from exc
    return sqlcipher


def check_key(key: object) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise ValueError(f"the database key must be {KEY_BYTES} bytes")


def is_plain_sqlite_file(path: str) -> bool:
    """True for an unencrypted SQLite file (its header is readable); an encrypted one starts with a random salt."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def configure_sqlite(dbapi_connection: Any, _record: object = None) -> None:
    """Pragmas for every new connection. A file that is not a database fails here,
    at its first read, before anything is written to it."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        mode = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        if mode.lower() != "wal":
            cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
        # Deleted rows are overwritten, not just unlinked: an erased inwoner leaves no bytes behind.
        cursor.execute("PRAGMA secure_delete = ON")
    finally:
        cursor.close()


def _begin(connection: sa.Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def make_engine(url: str | URL, *, key: bytes | None = None, allow_plaintext: bool = False, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite is set up as the module docstring says.

    A SQLite URL needs ``key`` (SQLCipher), unless ``allow_plaintext`` asks for plain SQLite
    by name. This does not migrate or check the schema: ``storage.migrate.open_database`` does.
    """
    url = make_url(url)
    # No parameter values in SQLAlchemy's exception messages: they end up in crash reports.
    kwargs.setdefault("hide_parameters", True)
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, **kwargs)
    if key is None and not allow_plaintext:
        raise KeyRequiredError()
    if key is not None:
        check_key(key)
        # The pysqlite dialect with SQLCipher's DBAPI module: SQLAlchemy then wraps its errors too.
        kwargs.setdefault("module", cipher_module())
    path = sqlite_path(url)
    if path is None:
        # One shared connection, or each checkout would see its own empty database.
        kwargs.setdefault("poolclass", sa.StaticPool)
        path = ":memory:"
    engine = sa.create_engine(url, creator=lambda: connect_sqlite(path, key), **kwargs)
    event.listen(engine, "connect", configure_sqlite)
    event.listen(engine, "begin", _begin)
    return engine
