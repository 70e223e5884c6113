"""A visit's writes on the ordered storage worker (P10, ``storage.writer``), through the running
app: the tap shows the board before its meting is stored, what the inwoner does after it is
stored after the meting; a write that fails for real (a full disk) stops the visit with a Dutch
message and stores nothing half; a process killed right after the tap leaves a consistent
database that the next start resumes."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

from board import Inwoner, Perspectief
from storage import audit
from storage.engine import connect_sqlite
from storage.repository import Repository
from tests.kivy_helpers import (  # noqa: F401
    FAST_KDF_MEMORY_KIB,
    FAST_KDF_TIME,
    PIN,
    drag,
    frames,
    make_app_fixture,
    tap,
    type_pin,
    window_fixture,
)
from tests.screen_helpers import row_of
from tests.test_app import slide, tap_card

TODAY = date(2026, 3, 2)


def new_tablet(make_app: object, *dossiers: str, **kwargs: object) -> object:
    """An app with one professional and these new inwoners, at the list."""
    app = make_app(today=lambda: TODAY, **kwargs)
    account = app.screen("account")
    account.ids.naam.text = "Sanne"
    type_pin(account, PIN)
    type_pin(account, PIN)
    for dossier in dossiers:
        app.repository.add_inwoner(Inwoner.create(dossier, "Gestel"))
    app.show_list()
    frames(3)
    return app


def statements_by_thread(repository: Repository) -> list[str]:
    """The names of the threads on which the repository's SQL runs from now on, one per statement."""
    seen: list[str] = []
    sa.event.listen(repository.engine, "before_cursor_execute",
                    lambda *_args: seen.append(threading.current_thread().name))
    return seen


def block_worker(repository: Repository) -> threading.Event:
    """The storage worker stops at a job that waits for the event (set it to go on)."""
    go = threading.Event()
    repository._writer.submit(lambda: go.wait(30) or None)
    return go


def stored(url: str, key: bytes, inwoner_id: str) -> tuple[list, list[audit.AuditEntry]]:
    """The inwoner's metingen and the whole audit log, read on a connection of its own."""
    other = Repository.open(url, key)
    try:
        history = other.history(inwoner_id)
        return history, other.audit_log()
    finally:
        other.close()


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_the_tap_shows_the_board_first_and_a_drag_is_stored_after_its_meting(
    make_app: object, window: object, size: tuple[int, int]
) -> None:
    window.size = size
    app = new_tablet(make_app, "Q-1", "Q-2")
    inwoner = app.repository.find_inwoner("Q-1")
    seen = statements_by_thread(app.repository)
    frames(3)  # the list's reads were made ready on the worker
    go = block_worker(app.repository)
    seen.clear()
    tap(row_of(app, "Q-1"))
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord" and app.inwoner_mode
    assert seen == []  # nothing read or written on the UI thread: the worker has it all, queued
    # The board shows; its 0-meting and the 'geopend' entry are not stored yet.
    frames(2)
    meting = app.live.meting
    assert stored(app.url, app.data_key, inwoner.id)[0] == []
    # The inwoner takes a kaartje and slides its fiche while the meting waits in the queue:
    # the save waits for it (the worker goes on in a second), and is stored after it.
    threading.Timer(1.0, go.set).start()
    assert not go.is_set()
    tap_card(app, "geld")
    slide(app, "geld", 0.5, 0.3)
    assert seen and "storage-writer" in seen
    history, log = stored(app.url, app.data_key, inwoner.id)
    assert [m.id for m in history] == [meting.id]
    assert history[0].positie("geld", Perspectief.INWONER) == pytest.approx(app.live.meting.positie("geld"))
    mine = [(e.actie, e.resultaat) for e in log if e.inwoner_id == inwoner.id]
    assert mine[:3] == [(audit.AANGEMAAKT, audit.GELUKT), (audit.GEOPEND, audit.GELUKT),
                        (audit.AANGEMAAKT, audit.GELUKT)]  # the inwoner, then opened, then the meting
    assert mine[3:] == [(audit.GEWIJZIGD, audit.GELUKT)]
    assert audit.verify(log) == []


def swaps_and_openings(app: object, window: object, monkeypatch: pytest.MonkeyPatch) -> tuple[list, list]:
    """When each buffer swap ended and when each queued 'geopend' write began (perf_counter).
    The swap sleeps 10 ms first, without the interpreter lock, as a swap that waits for the
    screen's refresh does: a worker let go before it takes its turn then."""
    import time

    swapped: list[float] = []
    opened: list[float] = []
    real_flip, real_opened = window.flip, app.repository._write_opened

    def flip() -> None:
        time.sleep(0.01)
        real_flip()
        swapped.append(time.perf_counter())

    def write_opened(inwoner_id: str) -> None:
        opened.append(time.perf_counter())
        real_opened(inwoner_id)

    monkeypatch.setattr(window, "flip", flip)
    monkeypatch.setattr(app.repository, "_write_opened", write_opened)
    return swapped, opened


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_a_tapped_screens_writes_wait_until_its_frame_is_on_screen(
    make_app: object, window: object, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """The 'geopend' entry that the tap on a name queues is written after the frame that shows
    the inwoner's screen is swapped, not during the swap (``on_flip``'s handlers run before it;
    a worker let go there took the interpreter lock while the UI thread swapped)."""
    window.size = size
    app = new_tablet(make_app, "Q-1")
    swapped, opened = swaps_and_openings(app, window, monkeypatch)
    tap(row_of(app, "Q-1"))  # its last frame shows the inwoner's screen
    assert app.current == "inwoner" and len(swapped) == 1
    frames(3)
    assert app.repository.settle() is None
    assert len(opened) == 1 and opened[0] > swapped[0]


def test_a_second_tap_before_the_write_keeps_it_until_the_board_is_on_screen(
    make_app: object, window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A professional who taps the big button at once (before the worker had its turn): the
    'geopend' entry waits until the board's frame is on screen, and is then written first."""
    app = new_tablet(make_app, "Q-1")
    inwoner = app.repository.find_inwoner("Q-1")
    swapped, opened = swaps_and_openings(app, window, monkeypatch)
    tap(row_of(app, "Q-1"))  # its last frame shows the inwoner's screen
    assert app.current == "inwoner" and len(swapped) == 1
    start = app.screen("inwoner").ids.start
    drag([start.to_window(*start.center)])  # at once: no frame between
    frames(1)  # the board's first frame
    assert app.current == "bord" and len(swapped) == 2
    frames(3)
    assert app.repository.settle() is None
    assert len(opened) == 1 and opened[0] > swapped[1]
    log = [e.actie for e in app.repository.audit_log(inwoner.id)]
    assert log[:3] == [audit.AANGEMAAKT, audit.GEOPEND, audit.AANGEMAAKT]  # opened before the meting


def test_what_was_made_ready_while_the_list_showed_is_never_stale(make_app: object) -> None:
    """The list's reads are made ready before any tap; a write for an inwoner (a meting begun
    elsewhere in the app, a visit just made) drops them, so their screen says what is stored."""
    app = new_tablet(make_app, "R-1", "R-2")
    first, second = (app.repository.find_inwoner(d) for d in ("R-1", "R-2"))
    app.repository.settle()
    seen = statements_by_thread(app.repository)
    tap(row_of(app, "R-2"))
    assert "MainThread" not in seen and app.screen("inwoner").action == "0-meting beginnen"  # made ready
    app.show_list()
    frames(2)
    app.repository.start_nulmeting(first.id, TODAY)  # written while R-1's reads were ready
    tap(row_of(app, "R-1"))
    assert app.screen("inwoner").action == "Verder met de meting"
    # A visit's own meting, queued on the worker: the next look at the inwoner shows it.
    app.show_list()
    frames(2)
    tap(row_of(app, "R-2"))
    tap(app.screen("inwoner").ids.start)
    meting = app.live.meting
    app._end_visit()
    app.show_list()
    frames(2)
    tap(row_of(app, "R-2"))
    assert app.screen("inwoner").action == "Verder met de meting"
    assert app.screen("inwoner").take_history(second.id)[0] == [meting]


def test_a_meting_that_cannot_be_stored_stops_the_visit_and_nothing_half_is_kept(
    make_app: object, tmp_path: Path
) -> None:
    """A full disk, for real (a small tmpfs, filled while the meting waits in the queue)."""
    from tests.test_full_disk import fill, small_disk

    with small_disk(tmp_path / "schijf", "8m") as disk:
        app = new_tablet(make_app, "V-1", url=f"sqlite:///{disk}/magneetbord.sqlite3")
        inwoner = app.repository.find_inwoner("V-1")
        tap(row_of(app, "V-1"))
        frames(3)  # the 'geopend' entry is written
        go = block_worker(app.repository)
        tap(app.screen("inwoner").ids.start)
        assert app.current == "bord"
        filler = fill(disk)
        go.set()
        app.repository.settle()
        frames(3)
        # The professional's PIN, with what happened; the inwoner gets no list.
        assert app.current == "lock" and not app.inwoner_mode
        message = app.screen("lock").message
        assert "Het bezoek is gestopt" in message and "vol" in message
        filler.unlink()
        history, log = stored(app.url, app.data_key, inwoner.id)
        assert history == []  # no meting, nor any part of one
        done = [e.actie for e in log if e.inwoner_id == inwoner.id and e.resultaat == audit.GELUKT]
        assert done == [audit.AANGEMAAKT, audit.GEOPEND]  # the inwoner, opened; no meting
        assert app.marker.read() is None
        type_pin(app.screen("lock"), PIN)
        assert app.current == "inwoners" and "Het bezoek is gestopt" in app.screen("inwoners").melding
        # With room again the visit starts as before.
        tap(row_of(app, "V-1"))
        tap(app.screen("inwoner").ids.start)
        app.repository.settle()
        assert app.current == "bord" and stored(app.url, app.data_key, inwoner.id)[0] == [app.live.meting]
        app.repository.close()
        app.repository = None


# ----- killed right after the tap ----------------------------------------------------------------

KILL_AFTER = ["tap", "flip+0", "flip+2", "flip+6", "later"]  # ms after the board's first frame


def _child(folder: str, dossier: str, moment: str) -> None:  # pragma: no cover  (a killed process)
    """The app on ``folder``: unlock, the list, a tap on ``dossier`` and on its button, then
    SIGKILL at ``moment`` (right after the tap, or a few ms after the board's first frame)."""
    import signal
    import time

    from widgets.headless import configure

    configure(1280, 800)
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from bench.app_start import PIN as BENCH_PIN
    from bench.app_start import unlocked_app
    from bench.touch import touch
    from storage.keyring import KdfParams

    assert BENCH_PIN == PIN  # the tablet was made with the tests' PIN

    def tap_on(widget: object) -> None:
        touch(*widget.to_window(*widget.center))

    def kill() -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    app = unlocked_app(f"sqlite:///{folder}/magneetbord.sqlite3", today=lambda: TODAY,
                       kdf=KdfParams(memory_kib=FAST_KDF_MEMORY_KIB, time_cost=FAST_KDF_TIME))
    for _ in range(5):
        EventLoop.idle()
    app.repository.settle()  # the list's reads are ready
    row = row_of(app, dossier)
    tap_on(row)
    for _ in range(3):
        EventLoop.idle()
    if moment.startswith("flip+"):
        delay = float(moment.removeprefix("flip+")) / 1000
        Window.bind(on_flip=lambda *_a: (time.sleep(delay), kill()))
    tap_on(app.screen("inwoner").ids.start)
    if moment == "tap":
        kill()
    for _ in range(10):
        EventLoop.idle()
    kill()


@pytest.mark.parametrize("moment", KILL_AFTER)
def test_a_kill_right_after_the_tap_leaves_a_consistent_database_that_resumes(
    make_app: object, tmp_path: Path, moment: str
) -> None:
    app = new_tablet(make_app, "K-1")
    inwoner = app.repository.find_inwoner("K-1")
    url, key = app.url, app.data_key
    app.release()
    app.repository.close()
    app.repository = None
    env = dict(os.environ, MAGNEETBORD_DATA_DIR=str(tmp_path), PYTHONPATH=str(Path(__file__).parent.parent))
    code = f"from tests.test_visit_queue import _child; _child({str(tmp_path)!r}, 'K-1', {moment!r})"
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,
                          check=False)
    assert done.returncode == -9, done.stderr[-3000:]
    history, log = stored(url, key, inwoner.id)
    assert audit.verify(log) == []
    mine = [e.actie for e in log if e.inwoner_id == inwoner.id]
    # Before or after, never between: a stored meting has its entry, and 'geopend' came first.
    assert len(history) in (0, 1) and mine.count(audit.AANGEMAAKT) == 1 + len(history)
    if history:
        assert mine.index(audit.GEOPEND) < len(mine) - 1 and mine[-1] == audit.AANGEMAAKT
    conn = connect_sqlite(url.removeprefix("sqlite:///"), key)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()
    if moment == "tap":
        assert history == []  # the board showed before its meting was stored
    # The next start: the PIN, then the board of the stored meting, or the list.
    again = make_app(today=lambda: TODAY)
    type_pin(again.screen("lock"), PIN)
    if moment == "later":  # stored, and the visit marker written after the board's first frame
        assert again.current == "bord" and len(history) == 1
    if again.current == "bord":
        assert [again.live.meting] == history
    else:
        assert again.current == "inwoners"
        tap(row_of(again, "K-1"))
        tap(again.screen("inwoner").ids.start)
        again.repository.settle()
        assert again.current == "bord" and stored(url, key, inwoner.id)[0][-1] == again.live.meting
