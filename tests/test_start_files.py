"""Small files the app reads at start, found as a damaged file system or a mistake can leave
them: 8 TiB (sparse: it takes no room) or a FIFO (no writer: a plain read blocks for ever).
The running app must start, say in Dutch what is wrong, and touch nothing: never read the
whole file, never wait on the FIFO. (Before 2026-12-03 the 8 TiB keys file was a MemoryError
that stopped the app, and a FIFO kept the start waiting for ever; the same for the crash notice
until later that day.)"""

from __future__ import annotations

import errno
import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from services.visit import VISIT_FILE
from storage.backoff_seal import KEY_FILE
from storage.crash_log import CRASH_DIR, NOTICE
from tests.damaged import DB_NAME, good_tablet
from tests.kivy_helpers import PIN, frames, make_app_fixture, type_pin, window_fixture  # noqa: F401

HUGE = 8 * 2**40


def huge(path: Path) -> None:
    try:
        os.truncate(path, HUGE)
    except OSError as exc:
        pytest.skip(f"this file system takes no 8 TiB file ({exc})")


def fifo(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.mkfifo(path)


@pytest.fixture(name="late_writer")
def late_writer_fixture() -> Iterator[Callable[[Path], None]]:
    """Opens a FIFO for writing once a reader waits on it, and closes it at once: a start that
    blocks on the FIFO is freed (it reads nothing) instead of hanging the test for ever."""
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def watch(path: Path) -> None:
        def run() -> None:
            while not stop.wait(0.5):
                try:
                    os.close(os.open(path, os.O_WRONLY | os.O_NONBLOCK))
                except OSError as exc:
                    if exc.errno not in (errno.ENXIO, errno.ENOENT):  # ENXIO: no reader yet
                        return

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        threads.append(thread)

    yield watch
    stop.set()
    for thread in threads:
        thread.join()


def database(folder: Path) -> tuple[bytes, int]:
    path = folder / DB_NAME
    return path.read_bytes(), path.stat().st_mtime_ns


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)])
@pytest.mark.parametrize("make", [huge, fifo], ids=["8TiB", "fifo"])
def test_a_keys_file_that_is_huge_or_a_fifo_is_refused_at_the_lock_screen(
    make: Callable[[Path], None],
    size: tuple[int, int],
    make_app: object,
    window: object,
    tmp_path: Path,
    late_writer: Callable[[Path], None],
) -> None:
    window.size = size
    frames(2)
    good_tablet(tmp_path, PIN)
    keys = tmp_path / (DB_NAME + ".keys.json")
    make(keys)
    late_writer(keys)
    before = database(tmp_path)
    app = make_app()
    lock = app.screen("lock")
    assert app.current == "lock" and lock.ids.pad.locked
    reason = "(het is geen gewoon bestand)" if make is fifo else "(het is veel groter dan een sleutelbestand kan zijn)"
    assert lock.message.startswith(f"Het sleutelbestand {keys} is beschadigd") and reason in lock.message
    assert "Er is niets veranderd." in lock.message
    label = lock.ids.message
    assert label.text == lock.message and label.texture_size[0] <= label.width + 1 and label.y >= 0
    type_pin(lock, PIN)
    frames(2)
    assert app.current == "lock" and app.repository is None and app.data_key is None
    assert database(tmp_path) == before
    assert keys.exists() and (keys.stat().st_size == HUGE if make is huge else not keys.is_file())


@pytest.mark.parametrize("make", [huge, fifo], ids=["8TiB", "fifo"])
@pytest.mark.parametrize("name", [VISIT_FILE, KEY_FILE])
def test_a_visit_marker_or_backoff_key_that_is_huge_or_a_fifo_does_not_stop_the_start(
    name: str, make: Callable[[Path], None], make_app: object, tmp_path: Path, late_writer: Callable[[Path], None]
) -> None:
    """``bezoek.json`` (read after the PIN) names no visit: the list shows. ``backoff.key`` is
    garbled: the longest wait, said on the lock screen, never a crash or a hang."""
    good_tablet(tmp_path, PIN)
    path = tmp_path / name
    path.write_bytes(b"")
    make(path)
    late_writer(path)
    app = make_app()
    lock = app.screen("lock")
    assert app.current == "lock"
    if name == KEY_FILE:
        assert lock.message.startswith(f"Het bestand {KEY_FILE} ontbreekt of is beschadigd"), lock.message
        return
    assert lock.message == ""
    type_pin(lock, PIN)
    frames(3)
    assert app.current == "inwoners" and app.repository is not None


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)])
@pytest.mark.parametrize("make", [huge, fifo], ids=["8TiB", "fifo"])
def test_a_crash_notice_that_is_huge_or_a_fifo_still_says_that_the_app_stopped(
    make: Callable[[Path], None],
    size: tuple[int, int],
    make_app: object,
    window: object,
    tmp_path: Path,
    late_writer: Callable[[Path], None],
) -> None:
    """``crashes/melden.json`` is read at every start and only written when the app stopped:
    damaged, it still means that. The lock screen says the app stopped, with the line for a
    state not known (what was not saved is gone), once; the PIN opens the list. (Before, the
    8 TiB notice was a MemoryError that stopped the start, and a FIFO kept it waiting until a
    writer came, then said nothing.)"""
    window.size = size
    frames(2)
    good_tablet(tmp_path, PIN)
    notice = tmp_path / CRASH_DIR / NOTICE
    notice.parent.mkdir(mode=0o700)
    notice.write_bytes(b"")
    make(notice)
    late_writer(notice)
    app = make_app()
    lock = app.screen("lock")
    said = lock.ids.crash_bar.ids.regel
    assert app.current == "lock" and lock.message == ""
    assert said.text.startswith("De app is de vorige keer onverwacht gestopt. Wat bewaard was, is er nog.")
    assert "is weg" in said.text and str(tmp_path / CRASH_DIR) in said.text and "python3 main.py crashes" in said.text
    frames(2)
    assert said.height >= said.texture_size[1] > 0 and said.y >= 0 and said.right <= window.width
    assert said.top <= min(lock.ids.dots.y, lock.ids.pad.y)
    assert not notice.exists() and not notice.is_fifo()  # taken: the next start says nothing
    type_pin(lock, PIN)
    frames(3)
    assert app.current == "inwoners" and app.repository is not None
    assert make_app().screen("lock").ids.crash_bar.tekst == ""
