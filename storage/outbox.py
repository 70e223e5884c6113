"""The outbox folder: bundles for the dossier wait here, inside the user data folder only,
until they are marked delivered (``services.outbox``); then the tablet's copy goes.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path

from board.i18n import _
from storage.errors import StorageError
from storage.outbox_crypto import BundleSeal
from storage.paths import data_dir
from storage.permissions import private_dir
from storage.urls import is_sqlite, sqlite_path

OUTBOX = "outbox"


def outbox_path(url: str) -> Path:
    """Where the outbox of ``url`` is: beside the database file (so in the user data folder by
    default). Nothing is made or checked."""
    path = sqlite_path(url) if is_sqlite(url) else None
    return (Path(path).parent if path else data_dir()) / OUTBOX


def outbox_folder(url: str) -> Path:
    """The outbox (``outbox_path``), made when needed. A file or a link to nothing in its place
    is a ``FileExistsError`` (``not_a_folder`` says so)."""
    return private_dir(outbox_path(url))


def not_a_folder(folder: Path) -> bool:
    """Something other than a folder is where ``folder`` should be: a file, or a link to a
    folder that is gone (or to a file)."""
    return os.path.lexists(folder) and not folder.is_dir()


def outbox_seal(repository: object) -> BundleSeal | None:
    """The seal for the outbox of a repository opened with the data key. Without one (a central
    PostgreSQL database, or plain SQLite in tests and tools) bundles are written as they are."""
    key = getattr(repository, "data_key", None)
    return BundleSeal(key) if key else None


def bundle_folders(outbox: Path, meting_id: str) -> list[Path]:
    """The bundle of a meting (``<datum>_<meting id>``) and any half-written copies of it."""
    return sorted(p for p in outbox.iterdir() if p.is_dir() and meting_id in p.name)


def remove_bundles(outbox: Path, meting_ids: Iterable[str]) -> int:
    removed = 0
    for meting_id in meting_ids:
        for folder in bundle_folders(outbox, meting_id):
            shutil.rmtree(folder)
            removed += 1
    return removed


def meting_id_of(folder: str | Path) -> str:
    """``2026-03-01_<meting id>`` -> the meting id."""
    name = Path(folder).name
    if "_" not in name:
        raise StorageError(_("{name} is geen map uit de outbox (verwacht: datum_kenmerk).").format(name=name))
    return name.split("_", 1)[1]
