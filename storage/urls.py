"""Which database, and the file behind a SQLite URL, without loading SQLAlchemy.

``--db URL`` on the command line wins, then the environment variable ``MAGNEETBORD_DB``,
then a SQLite file in the platform's user data folder. The lock screen needs these answers
(where is the keyring?) before anything opens the database, so the common URLs are read
here by hand, exactly as SQLAlchemy's ``make_url`` reads them (a test holds the two side by
side); anything unusual is still handed to ``make_url``.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from storage.paths import data_dir
from storage.permissions import private_dir

ENV_VAR = "MAGNEETBORD_DB"
DB_FILE = "magneetbord.sqlite3"

_SCHEME = re.compile(r"([\w+]+)://")
_SQLITE = re.compile(r"sqlite(?:\+\w+)?://(.*)", re.DOTALL)


def default_url() -> str:
    """The SQLite file in the user data folder; the folder is made when needed."""
    folder = private_dir(data_dir())  # 0700: for this user only
    return f"sqlite:///{folder / DB_FILE}"  # as sqlalchemy's URL.create("sqlite", database=...) renders it


def resolve_url(cli_url: str | None = None) -> str:
    """``--db`` wins, then ``MAGNEETBORD_DB``, then the default file (checked: ``checked_url``)."""
    given = cli_url or os.environ.get(ENV_VAR)
    return checked_url(given) if given else default_url()


def checked_url(url: str) -> str:
    """``url`` when it names a database this app can use (SQLite or PostgreSQL); otherwise a
    ``StorageError`` in Dutch that says how one looks, before SQLAlchemy answers in English."""
    if not isinstance(url, str):  # a SQLAlchemy URL object, made by code: already a database address
        return url
    scheme = _SCHEME.match(url)
    backend = scheme.group(1).split("+")[0] if scheme else None
    if backend not in ("sqlite", "postgresql"):
        from board.i18n import _
        from storage.errors import StorageError

        raise StorageError(
            _(
                "{url} is geen database-adres dat Magneetbord kent. Een database van deze tablet: "
                "sqlite:////pad/naar/bestand.sqlite3; een centrale: postgresql+psycopg://gebruiker@server/database."
            ).format(url=url[:80])
        )
    if scheme.group(1) == "postgresql":  # SQLAlchemy's default driver (psycopg2) is not ours: psycopg 3 is
        return "postgresql+psycopg://" + url[scheme.end():]
    return url


def is_sqlite(url: Any) -> bool:
    """A SQLite URL (``sqlite://...``, ``sqlite+driver://...``); ``url`` a string or a URL."""
    scheme = _SCHEME.match(url) if isinstance(url, str) else None
    if scheme is not None:
        return scheme.group(1).split("+")[0] == "sqlite"
    return _make_url(url).get_backend_name() == "sqlite"


def sqlite_path(url: Any) -> str | None:
    """The file behind a SQLite URL (None for an in-memory database)."""
    simple = _SQLITE.fullmatch(url) if isinstance(url, str) else None
    if simple is not None and not any(c in simple.group(1) for c in "?@") and (
        simple.group(1) == "" or simple.group(1).startswith("/")
    ):
        database: str | None = simple.group(1)[1:]
    else:
        database = _make_url(url).database
    return None if not database or database == ":memory:" else database


def missing_sqlite_file(url: Any) -> str | None:
    """The file a SQLite URL names when it does not exist (SQLite would quietly make a new,
    empty one), else None: for every command that must read an existing database. A URL the
    app does not know is a ``StorageError`` in Dutch (``checked_url``), never SQLAlchemy's."""
    if not is_sqlite(checked_url(url)):
        return None
    path = sqlite_path(url)
    return None if path is not None and Path(path).is_file() else (path or str(url))


def _make_url(url: Any) -> Any:
    from sqlalchemy.engine import make_url  # loads SQLAlchemy: only for an unusual URL

    return make_url(url)
