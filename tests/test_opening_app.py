"""A database that will not open, met at the running app's PIN pad: the right PIN is typed,
the lock screen stays and says in Dutch what happened and what to do, nothing is unlocked, and
every file of the tablet is exactly as it was. Before issue 14 a damaged database crashed the
kiosk here (``open_storage`` was unguarded). The same cases through every subcommand: test_opening.py."""

from __future__ import annotations

from pathlib import Path

import pytest

from board.i18n import _
from storage.opening import MESSAGES
from tests.damaged import CASES, ENGLISH, fingerprint, good_tablet
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    frames,
    make_app_fixture,
    tap,
    type_pin,
    window_fixture,
)


def _shown_text(screen: object) -> str:
    return " ".join(str(getattr(w, "text", "")) for w in screen.walk())


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)])
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_pin_pad_says_why_the_database_will_not_open(
    case: str, size: tuple[int, int], make_app: object, window: object, tmp_path: Path
) -> None:
    window.size = size
    frames(2)
    good_tablet(tmp_path, PIN)  # make_app's database, with the app's data folder (tmp_path)
    damage, reasons = CASES[case]
    damage(tmp_path)
    before = fingerprint(tmp_path)
    app = make_app()
    lock = app.screen("lock")
    assert app.current == "lock"
    type_pin(lock, PIN)
    frames(2)
    assert app.current == "lock" and app.repository is None and app.data_key is None
    shown = _shown_text(lock)
    assert any(_(MESSAGES[r]).split("{where}")[1].strip()[:60] in shown for r in reasons), shown
    assert not any(word in lock.message for word in ENGLISH), lock.message
    label = lock.ids.message
    assert label.text == lock.message and label.width > 0 and label.texture_size[0] <= label.width + 1
    assert fingerprint(tmp_path) == before
    type_pin(lock, PIN)  # again: the same message, still nothing changed, no crash
    assert app.current == "lock" and fingerprint(tmp_path) == before


def test_a_damaged_keys_file_is_told_at_the_lock_screen(make_app: object, tmp_path: Path) -> None:
    good_tablet(tmp_path, PIN)
    keys = tmp_path / "magneetbord.sqlite3.keys.json"
    keys.write_bytes(keys.read_bytes()[:100])
    before = fingerprint(tmp_path)
    app = make_app()
    lock = app.screen("lock")
    assert app.current == "lock" and "beschadigd" in lock.message and lock.ids.pad.locked
    type_pin(lock, PIN)
    assert app.current == "lock" and app.repository is None and fingerprint(tmp_path) == before
