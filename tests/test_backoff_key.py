"""A damaged ``backoff.key`` (the key that seals the wrong-PIN count, storage/backoff_seal.py),
caused for real on the file, with the app built and the lock screen driven by taps:

- **cannot be read** (a folder; no read permission): no crash, no PIN is tried at all, the lock
  screen says in Dutch what is wrong and what the beheerder can do; nothing is replaced, and
  once the file is put right the count is exactly as it was (the next wrong PIN waits longer);
- **missing, emptied, truncated, garbage, huge, a FIFO**: no crash, the lock screen says why, every
  professional gets the longest wait (15 min) at once, never a fresh count; after it the right
  PIN opens the tablet and a new key seals the count again;
- a keyring whose seals were stripped, with the key file removed, is no fresh start either.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from board.lock import MAX_DELAY
from storage.backoff_seal import KEY_FILE
from storage.keyring import Keyring, LockedOutError
from tests.keys import tablet_with_professional
from tests.kivy_helpers import PIN, FakeClock, button, make_app_fixture, tap, type_pin, window_fixture  # noqa: F401

WRONG = "493817"
WAIT_AFTER_FIVE = 30.0  # the 5th wrong PIN: 30 s; the 6th: 60 s (board/lock.py)


def url_of(folder: Path) -> str:
    return f"sqlite:///{folder}/magneetbord.sqlite3"  # where make_app puts the database


def five_wrong(make_app: object, clock: FakeClock) -> None:
    """Five wrong PINs at the lock screen: the count is 5 and the wait 30 s, sealed in the file."""
    lock = make_app(clock=clock).screen("lock")
    for _ in range(5):
        type_pin(lock, WRONG)
    assert lock.wait_text == "Wacht nog 30 seconden."


def on_screen(lock: object, window: object) -> None:
    """The message is all readable: as high as its text, inside the window."""
    said = lock.ids.message
    assert said.height >= said.texture_size[1] > 0
    assert said.y >= 0 and said.right <= window.width and said.top <= window.height


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
@pytest.mark.parametrize("fault", ["map", "geen leesrecht"])
def test_a_backoff_key_that_cannot_be_read_tries_no_pin_says_why_and_keeps_the_count(
    make_app: object, window: object, tmp_path: Path, fault: str, size: tuple[int, int]
) -> None:
    if fault == "geen leesrecht" and os.geteuid() == 0:
        pytest.skip("root reads a file with mode 000 anyway: run the tests as a normal user for this case")
    window.size = size
    clock = FakeClock()
    tablet_with_professional(url_of(tmp_path), "Sanne de Vries", PIN)
    five_wrong(make_app, clock)
    key_file = tmp_path / KEY_FILE
    original = key_file.read_bytes()
    keyring_file = tmp_path / "magneetbord.sqlite3.keys.json"
    keyring_before = keyring_file.read_bytes()
    if fault == "map":  # a restore that left a folder where the file was
        key_file.unlink()
        key_file.mkdir()
    else:  # a restore done as another user, or rights set wrong
        key_file.chmod(0o000)

    app = make_app(clock=clock)  # the start: no crash
    lock = app.screen("lock")
    assert app.current == "lock"
    assert lock.message.startswith(f"Het bestand {key_file} kan niet worden gelezen (")
    assert "Daarom wordt geen pincode geprobeerd." in lock.message and "Voor de beheerder:" in lock.message
    if fault == "map":
        assert "er staat een map waar een bestand moet zijn" in lock.message
    on_screen(lock, window)
    clock.advance(WAIT_AFTER_FIVE + 1)
    lock.tick()
    assert lock.ids.pad.locked  # no PIN is tried, the right one neither
    type_pin(lock, PIN)
    assert app.current == "lock" and app.data_key is None
    assert keyring_file.read_bytes() == keyring_before  # nothing written, nothing replaced
    assert key_file.is_dir() if fault == "map" else key_file.stat().st_mode & 0o777 == 0

    # The beheerder puts it right (the file back from the back-up, or its rights): the count is as it was.
    if fault == "map":
        key_file.rmdir()
        key_file.write_bytes(original)
    key_file.chmod(0o600)
    app = make_app(clock=clock)
    lock = app.screen("lock")
    assert lock.message == ""
    type_pin(lock, WRONG)  # the 6th wrong PIN: 60 s, not a fresh count
    assert lock.wait_text == "Wacht nog 60 seconden."
    clock.advance(61)
    lock.tick()
    type_pin(lock, PIN)
    assert app.current != "lock" and app.data_key is not None


def damage(key_file: Path, how: str) -> None:
    if how == "weg":
        key_file.unlink()
    elif how == "leeg":
        key_file.write_bytes(b"")
    elif how == "afgekapt":  # a write cut off halfway
        key_file.write_bytes(key_file.read_bytes()[:20])
    elif how == "onzin":
        key_file.write_bytes(bytes(range(256)) * 4)
    elif how == "fifo":  # a pipe where the file was: reading it would wait for a writer forever
        key_file.unlink()
        os.mkfifo(key_file)
    elif how == "enorm":  # a damaged file system: a size of 8 TiB (sparse, no room taken)
        try:
            os.truncate(key_file, 8 * 2**40)
        except OSError as exc:
            pytest.skip(f"this file system takes no 8 TiB file ({exc})")


@pytest.mark.parametrize("how", ["weg", "leeg", "afgekapt", "onzin", "enorm", "fifo"])
def test_a_missing_or_garbled_backoff_key_is_the_longest_wait_said_on_the_lock_screen_never_a_reset(
    make_app: object, window: object, tmp_path: Path, how: str
) -> None:
    clock = FakeClock()
    tablet_with_professional(url_of(tmp_path), "Sanne de Vries", PIN)
    five_wrong(make_app, clock)
    key_file = tmp_path / KEY_FILE
    damage(key_file, how)
    clock.advance(WAIT_AFTER_FIVE + 1)  # the 30 s are over: a fresh count would let the PIN in

    app = make_app(clock=clock)  # the start: no crash, and the reason before anything is typed
    lock = app.screen("lock")
    assert lock.message.startswith(f"Het bestand {KEY_FILE} ontbreekt of is beschadigd")
    assert "de langste wachttijd: wacht 15 minuten" in lock.message
    on_screen(lock, window)
    tap(button(lock.ids.pad, "4"))  # still so while a PIN is typed: the message stays
    assert lock.message.startswith(f"Het bestand {KEY_FILE} ontbreekt of is beschadigd")
    tap(lock.ids.pad.ids.erase)
    type_pin(lock, PIN)  # even the right PIN waits: the count could not be checked
    assert app.current == "lock" and app.data_key is None
    assert lock.wait_text == "Wacht nog 15 minuten." and "15 minuten" in lock.message
    assert len(bytes.fromhex(key_file.read_text("ascii"))) == 32  # a new key seals the longest wait

    app = make_app(clock=clock)  # a restart in the wait does not shorten it
    lock = app.screen("lock")
    assert lock.message == ""
    type_pin(lock, PIN)
    assert app.current == "lock" and lock.wait_text == "Wacht nog 15 minuten."
    clock.advance(MAX_DELAY + 1)
    lock.tick()
    type_pin(lock, WRONG)  # a wrong PIN after the wait: the longest wait again, not a free try
    assert lock.wait_text == "Wacht nog 15 minuten."
    clock.advance(MAX_DELAY + 1)
    lock.tick()
    type_pin(lock, PIN)
    assert app.current != "lock" and app.data_key is not None


def test_stripped_seals_with_the_key_file_removed_are_the_longest_wait(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Who can write the data folder must not get a fresh count by removing what checks it."""
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))
    professional_id, _key = tablet_with_professional(url_of(tmp_path), "Sanne de Vries", PIN)
    keyring = Keyring.for_database(url_of(tmp_path))
    data = json.loads(keyring.path.read_text("utf-8"))
    for entry in data["professionals"]:
        entry.pop("seal")
    keyring.path.write_text(json.dumps(data), "utf-8")
    (tmp_path / KEY_FILE).unlink()
    with pytest.raises(LockedOutError) as locked:
        keyring.unlock(professional_id, PIN, now=1_900_000_000.0)
    assert locked.value.wait_seconds == MAX_DELAY and "ontbreekt of is beschadigd" in str(locked.value)
