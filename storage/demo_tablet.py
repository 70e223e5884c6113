"""A database that ``demo`` made, marked as such by a file beside it (``<database>.demo``), so
that ``demo --opnieuw`` may throw it away and make it again when its PIN was missed. Only the
files of that one database go: never a database without the mark (``services.demo`` also
checks that nobody but the demo professional is in its keyring).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from storage.outbox import OUTBOX
from storage.permissions import SQLITE_SIDE_FILES, create_private
from storage.urls import is_sqlite, sqlite_path

MARK_SUFFIX = ".demo"
KEYS_SUFFIX = ".keys.json"


def _database(url: str) -> Path | None:
    path = sqlite_path(url) if is_sqlite(url) else None
    return Path(path) if path else None


def mark(url: str) -> None:
    """``url``'s database was made by ``demo`` (a file database; an in-memory one needs no mark)."""
    database = _database(url)
    if database is not None and not (database.parent / (database.name + MARK_SUFFIX)).exists():
        os.close(create_private(database.parent / (database.name + MARK_SUFFIX)))


def is_marked(url: str) -> bool:
    database = _database(url)
    return database is not None and (database.parent / (database.name + MARK_SUFFIX)).is_file()


def remove(url: str) -> None:
    """Remove the marked database of ``url``: the database and its side files, its keys file, its
    outbox when no other database shares that folder, and the mark last (so a run that stops
    half-way can be done again). Raises ``OSError`` when a file cannot be removed."""
    database = _database(url)
    if database is None or not is_marked(url):
        raise ValueError("not a marked demo database")  # a bug: services.demo checks first
    folder, name = database.parent, database.name
    for side in SQLITE_SIDE_FILES:
        (folder / (name + side)).unlink(missing_ok=True)
    others = [p for p in folder.glob(f"*{KEYS_SUFFIX}") if p.name != name + KEYS_SUFFIX]
    if not others and (folder / OUTBOX).is_dir():
        shutil.rmtree(folder / OUTBOX)
    for suffix in (KEYS_SUFFIX + ".lock", KEYS_SUFFIX, MARK_SUFFIX):
        (folder / (name + suffix)).unlink(missing_ok=True)
