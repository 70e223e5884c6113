"""Tablets with a database that will not open, made for real: every way the issue names
(damaged in the middle or the header, zero-length, missing beside a keyring with professionals,
plain SQLite, another tablet's keyring, a folder), and a fingerprint of the files to prove
that nothing was touched."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

from board import Inwoner
from storage.keyring import DEFAULT_KDF
from storage.opening import Reden
from storage.repository import Repository
from tests.keys import TEST_PIN, tablet_with_professional

DB_NAME = "magneetbord.sqlite3"


def good_tablet(folder: Path, pin: str = TEST_PIN) -> str:
    """A tablet with one professional and forty inwoners; its url. The app's data folder (its
    back-off seal) is ``MAGNEETBORD_DATA_DIR``: the caller sets it, for the same tablet as the run."""
    folder.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{folder / DB_NAME}"
    # Today's Argon2 cost: a weaker one would be raised (the keys file rewritten) at the first unlock.
    professional_id, key = tablet_with_professional(url, "Sanne de Vries", pin, kdf=DEFAULT_KDF)
    repository = Repository.open(url, key, actor=professional_id)
    for n in range(40):  # enough pages that the middle of the file holds data
        repository.add_inwoner(Inwoner.create(f"D-{n:03d}", "Gestel"))
    repository.close()
    return url


def _overwrite(path: Path, where: Callable[[int], int], size: int = 4096) -> None:
    length = path.stat().st_size
    with open(path, "r+b") as handle:
        handle.seek(where(length))
        handle.write(os.urandom(size))


def damage_middle(folder: Path) -> None:
    _overwrite(folder / DB_NAME, lambda n: (n // 2) // 4096 * 4096)


def damage_header(folder: Path) -> None:
    _overwrite(folder / DB_NAME, lambda _n: 0, 64)


def zero_length(folder: Path) -> None:
    (folder / DB_NAME).write_bytes(b"")


def missing(folder: Path) -> None:
    (folder / DB_NAME).unlink()


def plain_sqlite(folder: Path) -> None:
    (folder / DB_NAME).unlink()
    connection = sqlite3.connect(folder / DB_NAME)
    connection.execute("CREATE TABLE inwoner (id TEXT)")
    connection.commit()
    connection.close()


def other_tablets_keys(folder: Path) -> None:
    """The keys file of another tablet (same PIN, another data key) beside this database."""
    other = folder.parent / (folder.name + "-other")
    good_tablet(other)
    shutil.copy(other / (DB_NAME + ".keys.json"), folder / (DB_NAME + ".keys.json"))


def a_folder(folder: Path) -> None:
    (folder / DB_NAME).unlink()
    (folder / DB_NAME).mkdir()


CASES: dict[str, tuple[Callable[[Path], None], set[Reden]]] = {
    "midden-beschadigd": (damage_middle, {Reden.BESCHADIGD, Reden.VERKEERDE_SLEUTEL}),
    "kop-beschadigd": (damage_header, {Reden.VERKEERDE_SLEUTEL}),
    "nul-bytes": (zero_length, {Reden.LEEG}),
    "ontbreekt": (missing, {Reden.ONTBREEKT}),
    "niet-versleuteld": (plain_sqlite, {Reden.NIET_VERSLEUTELD}),
    "andere-sleutel": (other_tablets_keys, {Reden.VERKEERDE_SLEUTEL}),
    "map": (a_folder, {Reden.MAP}),
}


def fingerprint(folder: Path) -> dict[str, tuple[bytes, int] | str]:
    """Every file in the tablet's folder: its bytes and mtime (a folder: its listing)."""
    seen: dict[str, tuple[bytes, int] | str] = {}
    for path in sorted(folder.rglob("*")):
        if path.name.endswith(".lock"):
            continue  # the keyring's lock file: made empty by any reader, holds nothing
        key = str(path.relative_to(folder))
        if path.name.endswith(".keys.json"):
            # Every PIN try is counted before the PIN is checked and reset after a right one
            # (storage.keyring): the keys file is rewritten with the same bytes, a new mtime.
            seen[key] = (path.read_bytes(), 0)
            continue
        seen[key] = "map" if path.is_dir() else (path.read_bytes(), path.stat().st_mtime_ns)
    return seen


ENGLISH = ("malformed", "not a database", "Traceback", "Error", "disk is full", "Is a directory", "file is")
