"""Closing the kiosk: from the professional's list of inwoners, behind the PIN, after a
confirmation; never from the inwoner's screens, nor with Ctrl+C. And for real: the app under
Xvfb, unlocked with the PIN typed on the keyboard, closed with the mouse."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from board import Inwoner
from storage.keyring import KdfParams
from tests.keys import tablet_with_professional
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    button,
    frames,
    make_app_fixture,
    tap,
    type_pin,
    window_fixture,
)
from tests.xvfb import (  # noqa: F401
    app_env,
    needs_xdotool,
    shows_list,
    start_app,
    stop,
    unlocked_app,
    wait_for_screen,
    wait_for_window,
    xdotool,
    xserver_fixture,
)
from widgets.afsluiten import AfsluitenView
from widgets.common import buttons_in

FAST = KdfParams(memory_kib=64, time_cost=1)
HOOFDKNOP = (0, 114, 178)  # a main button (Hoofdknop)


def open_views(window: object) -> list[AfsluitenView]:
    return [child for child in window.children if isinstance(child, AfsluitenView)]


def test_the_professional_closes_the_app_after_confirming(
    make_app: object, window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tablet_with_professional(f"sqlite:///{tmp_path}/magneetbord.sqlite3", "Sanne", PIN, kdf=FAST)
    app = make_app()
    stopped: list[bool] = []
    monkeypatch.setattr(app, "stop", lambda *_a: stopped.append(True))  # the real stop ends the test's event loop
    type_pin(app.screen("lock"), PIN)
    inwoners = app.screen("inwoners")
    tap(inwoners.ids.afsluiten)
    [view] = open_views(window)
    assert "Alles is bewaard" in " ".join(w.text for w in view.walk() if hasattr(w, "text"))
    tap(button(view, "Annuleren"))
    assert open_views(window) == [] and stopped == [] and app.current == "inwoners"
    tap(inwoners.ids.afsluiten)
    tap(button(open_views(window)[0], "Afsluiten"))
    assert stopped == [True] and open_views(window) == []


def test_nothing_the_inwoner_sees_closes_the_app(make_app: object, tmp_path: Path) -> None:
    tablet_with_professional(f"sqlite:///{tmp_path}/magneetbord.sqlite3", "Sanne", PIN, kdf=FAST)
    app = make_app()
    assert "Afsluiten" not in [b.text for b in buttons_in(app.screen("lock"))]
    type_pin(app.screen("lock"), PIN)
    inwoner = Inwoner.create("D-1", "Strijp")
    app.repository.add_inwoner(inwoner)
    app.show_inwoner(inwoner)
    app.open_visit()
    frames(2)
    for name in ("bord", "doelen", "afronden"):
        app.show_meting_step(name)
        frames(2)
        assert "Afsluiten" not in [getattr(b, "text", "") for b in buttons_in(app.screen(name))], name


def _rightmost_run(image: object, y: int, colour: tuple[int, int, int]) -> int:
    """The middle of the rightmost run of ``colour`` pixels on row ``y``."""
    pixels = image.convert("RGB").load()
    right = next(x for x in range(image.width - 1, -1, -1) if pixels[x, y] == colour)
    left = right
    while left > 0 and pixels[left - 1, y] == colour:
        left -= 1
    return (left + right) // 2


@pytest.mark.slow
def test_ctrl_c_does_not_stop_the_kiosk_and_kill_does(xserver: object, tmp_path: Path) -> None:
    """README, "Stopping the kiosk": Ctrl+C, in the window or as SIGINT from a terminal (on a
    Linux console without X the keyboard the inwoner types on is the terminal's), does not stop
    it; SIGTERM (kill, shutdown) does. Before, SIGINT ended it at once."""
    needs_xdotool()
    server = xserver(1024, 768)
    env = app_env(tmp_path, server.display)
    app = start_app(env, interruptible=True)
    try:
        assert wait_for_window(server, app) == (0, 0, 1024, 768)
        app.send_signal(signal.SIGINT)
        xdotool(env, "key", "ctrl+c")
        before = server.grab().convert("RGB")
        # A digit typed afterwards shows on the keypad's dots: the app went on past both.
        xdotool(env, "type", "7")
        wait_for_screen(server, lambda shot: shot.tobytes() != before.tobytes(), "the digit typed after Ctrl+C")
        assert app.poll() is None, f"Ctrl+C stopped the kiosk (exit {app.returncode})"
        app.terminate()
        assert app.wait(timeout=30) == 0
    finally:
        stop(app)


@pytest.mark.slow
def test_for_real_pin_on_the_keyboard_then_afsluiten(
    xserver: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    server = xserver(1280, 800)
    with unlocked_app(server, tmp_path, monkeypatch, PIN) as unlocked:
        # The inwoners list: its top bar has the white quiet buttons; Afsluiten is the rightmost.
        unlocked.xdotool("mousemove", str(_rightmost_run(unlocked.listed, 38, (255, 255, 255))), "38", "click", "1")
        dimmed = wait_for_screen(server, lambda shot: not shows_list(server)(shot), "no confirmation")
        blue = [(x, y) for x in range(0, 1280, 4) for y in range(0, 800, 4) if dimmed.getpixel((x, y)) == HOOFDKNOP]
        assert blue, "the confirmation has no Afsluiten button"
        x, y = sum(p[0] for p in blue) // len(blue), sum(p[1] for p in blue) // len(blue)
        assert unlocked.app.poll() is None  # asking is not closing
        unlocked.xdotool("mousemove", str(x), str(y), "click", "1")
        assert unlocked.app.wait(timeout=30) == 0
        # Closed cleanly, the database file holds everything: no write-ahead log left to lose
        # when only the database file is copied for a backup.
        database = Path(unlocked.env["MAGNEETBORD_DB"].removeprefix("sqlite:///"))
        wal = database.with_name(database.name + "-wal")
        assert database.stat().st_size > 0 and (not wal.exists() or wal.stat().st_size == 0)
