"""The one place where a database engine is made.

Which database: ``--db URL`` on the command line, else the environment variable
``MAGNEETBORD_DB``, else a SQLite file in the platform's user data folder. SQLite gets WAL,
``synchronous=FULL``, foreign keys and a busy timeout on every connection, and SQLAlchemy
emits ``BEGIN`` itself (pysqlite would otherwise start transactions late and end them early;
see "Serializable isolation / Savepoints / Transactional DDL" in SQLAlchemy's SQLite docs).
"""

from __future__ import annotations

import os
import sqlite3
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import URL, Engine, make_url

from storage.paths import data_dir

ENV_VAR = "MAGNEETBORD_DB"
DB_FILE = "magneetbord.sqlite3"
BUSY_TIMEOUT_MS = 5000

# A write transaction takes SQLite's write lock at BEGIN, so it never fails half-way when
# another connection wrote in between (a deferred BEGIN cannot wait for that lock).
WRITE = {"sqlite_begin": "IMMEDIATE"}


def default_url() -> str:
    """The SQLite file in the user data folder; the folder is made when needed."""
    folder = data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return str(URL.create("sqlite", database=str(folder / DB_FILE)))


def resolve_url(cli_url: str | None = None) -> str:
    """``--db`` wins, then ``MAGNEETBORD_DB``, then the default file."""
    return cli_url or os.environ.get(ENV_VAR) or default_url()


def is_sqlite(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: str | URL) -> str | None:
    """The file behind a SQLite URL (None for an in-memory database)."""
    database = make_url(url).database
    return None if not database or database == ":memory:" else database


def connect_sqlite(path: str) -> sqlite3.Connection:
    """Open one DBAPI connection to a SQLite file.

    The only place a SQLite connection is made: an encrypted database (SQLCipher) swaps its
    module in and sets its key here, before ``configure_sqlite`` runs the pragmas.
    ``isolation_level=None`` stops pysqlite from managing transactions; ``_begin`` does.
    """
    return sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)


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
    finally:
        cursor.close()


def _begin(connection: sa.Connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "")
    connection.exec_driver_sql(f"BEGIN {mode}".strip())


def make_engine(url: str | URL, **kwargs: Any) -> Engine:
    """An engine for ``url``; SQLite is set up as the module docstring says.

    This does not migrate or check the schema: ``storage.migrate.open_database`` does.
    """
    url = make_url(url)
    if url.get_backend_name() != "sqlite":
        return sa.create_engine(url, pool_pre_ping=True, **kwargs)
    path = sqlite_path(url)
    if path is None:
        # One shared connection, or each checkout would see its own empty database.
        kwargs.setdefault("poolclass", sa.StaticPool)
        path = ":memory:"
    engine = sa.create_engine(url, creator=lambda: connect_sqlite(path), **kwargs)
    event.listen(engine, "connect", configure_sqlite)
    event.listen(engine, "begin", _begin)
    return engine
