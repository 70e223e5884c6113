"""The outbox folder replaced by a file, or by a link to a folder that is gone (an SD card not
in, a folder moved by hand): unlocking says that, in plain Dutch, and what to do; nothing is
lost or changed, and once the thing in its place is moved aside the same PIN opens the app.
(Before 2026-12-03 the lock screen said the storage might be full: "maak ruimte vrij".)"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from storage.outbox import OUTBOX
from tests.damaged import DB_NAME, good_tablet
from tests.kivy_helpers import PIN, frames, make_app_fixture, type_pin, window_fixture  # noqa: F401

WRITTEN = b"Aantekeningen van de beheerder, per ongeluk als outbox opgeslagen.\n"


def database(folder: Path) -> tuple[bytes, int]:
    path = folder / DB_NAME
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("damage", ["file", "dangling link"])
def test_an_outbox_that_is_no_folder_is_said_at_the_lock_screen_and_nothing_is_lost(
    damage: str, size: tuple[int, int], make_app: object, window: object, tmp_path: Path
) -> None:
    window.size = size
    frames(2)
    good_tablet(tmp_path, PIN)
    outbox = tmp_path / OUTBOX
    if outbox.is_dir():
        outbox.rmdir()  # a new tablet's outbox holds nothing yet
    gone = tmp_path / "sd-kaart" / OUTBOX
    if damage == "file":
        outbox.write_bytes(WRITTEN)
    else:
        outbox.symlink_to(gone)
    before = database(tmp_path)
    app = make_app()
    lock = app.screen("lock")
    assert app.current == "lock" and lock.message == ""
    type_pin(lock, PIN)
    frames(3)
    assert app.current == "lock" and app.repository is None and app.data_key is None
    said = lock.message
    assert said.startswith(f"De app kan niet openen: de outbox ({outbox}) is geen map, maar een bestand of een "
                           "verwijzing naar een map die er niet is."), said
    assert "Er is niets verloren of veranderd." in said and "typ dan opnieuw je pincode" in said
    assert "vol" not in said and "ruimte" not in said  # it is not the storage that is full
    label = lock.ids.message
    assert label.text == said and label.texture_size[0] <= label.width + 1
    assert label.height >= label.texture_size[1] > 0 and label.y >= 0 and label.top <= window.height
    # Nothing lost, nothing changed: the database, and the file or link as it was.
    assert database(tmp_path) == before
    if damage == "file":
        assert outbox.is_file() and outbox.read_bytes() == WRITTEN
    else:
        assert outbox.is_symlink() and Path(os.readlink(outbox)) == gone and not gone.exists()
    # Done what the message says: moved aside, the PIN again; the app opens and makes its outbox.
    outbox.rename(tmp_path / "weggezet")
    type_pin(lock, PIN)
    frames(3)
    assert app.current == "inwoners" and app.repository is not None and outbox.is_dir()
    assert (tmp_path / "weggezet").is_symlink() or (tmp_path / "weggezet").read_bytes() == WRITTEN
