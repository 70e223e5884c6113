"""The first start on a real screen: the kiosk fills the display also without a window
manager, a development window is 1280x800 (or what fits), and with no display at all the
app says so and stops instead of running unseen."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.xvfb import ROOT, app_env, start_app, stop, wait_for_window, xserver_fixture  # noqa: F401

KEY_COLOUR = (237, 235, 227)  # a key of the PIN keypad (Knop, rgba 0.93, 0.92, 0.89)


def keypad_pixels(image: object) -> int:
    return sum(count for count, colour in image.convert("RGB").getcolors(1 << 24) if colour == KEY_COLOUR)


@pytest.mark.slow
@pytest.mark.parametrize("width, height", [(1920, 1080), (1024, 600)])
def test_the_kiosk_fills_a_screen_that_has_no_window_manager(
    xserver: object, tmp_path: Path, width: int, height: int
) -> None:
    server = xserver(width, height)
    app = start_app(app_env(tmp_path, server.display))
    try:
        assert wait_for_window(server, app) == (0, 0, width, height)
        # The first start shows the keypad, all of it on screen: ten digits, Wis and OK.
        assert keypad_pixels(server.grab()) > 11 * 60 * 60
    finally:
        stop(app)


def test_a_second_start_on_the_same_tablet_says_so_and_stops(xserver: object, tmp_path: Path) -> None:
    """Two kiosks on one database would overwrite each other's visit; the second start says
    in Dutch that the app runs already, and the first goes on. After the first ends (even
    killed), a new start works: the lock goes with the process."""
    server = xserver(1280, 800)
    env = app_env(tmp_path, server.display)
    first = start_app(env)
    try:
        wait_for_window(server, first)
        second = start_app(env)
        _out, err = second.communicate(timeout=120)
        assert second.returncode == 1 and "draait al" in err and "Traceback" not in err
        assert first.poll() is None
        first.kill()
        first.wait(timeout=30)
        third = start_app(env)
        try:
            wait_for_window(server, third)
        finally:
            stop(third)
    finally:
        stop(first)


@pytest.mark.slow
@pytest.mark.parametrize("width, height, expected", [(1920, 1080, (1280, 800)), (1024, 600, (1024, 600))])
def test_windowed_opens_at_1280x800_or_what_fits(
    xserver: object, tmp_path: Path, width: int, height: int, expected: tuple[int, int]
) -> None:
    server = xserver(width, height)
    app = start_app(app_env(tmp_path, server.display, MAGNEETBORD_WINDOWED="1"))
    try:
        assert wait_for_window(server, app)[2:] == expected
    finally:
        stop(app)


def _free_display() -> str:
    number = next(n for n in range(917, 999) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    return f":{number}"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="a display can only be missing on Linux")
@pytest.mark.parametrize(
    "display, says",
    [
        (None, "er is geen beeldscherm (DISPLAY en WAYLAND_DISPLAY zijn leeg)"),
        (_free_display(), "is niet bereikbaar"),
    ],
)
def test_without_a_display_the_app_says_so_and_stops(tmp_path: Path, display: str | None, says: str) -> None:
    result = subprocess.run(
        [sys.executable, "main.py"],
        cwd=ROOT,
        env=app_env(tmp_path, display),
        capture_output=True,
        text=True,
        timeout=30,  # today it would run on, unseen: the timeout fails the test
    )
    assert result.returncode != 0
    assert says in result.stderr and "python3 main.py --help" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "mb.sqlite3.keys.json").exists()  # nothing was started


def test_windowed_where_nobody_asks_the_display_is_1280x800_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """macOS and Windows always have a display and a window manager: nothing is asked, and the
    development window still opens at the size the screens are designed at."""
    from kivy.config import Config

    from widgets import display, kiosk

    before = {key: Config.get("graphics", key) for key in ("width", "height", "fullscreen")}
    monkeypatch.setattr(display, "applies", lambda: False)
    monkeypatch.setattr(display, "probe", lambda: pytest.fail("asked SDL2 where it should not"))
    monkeypatch.setenv(kiosk.WINDOWED_ENV, "1")
    try:
        assert kiosk.prepare() is None
        assert (Config.get("graphics", "width"), Config.get("graphics", "height")) == ("1280", "800")
    finally:
        for key, value in before.items():
            Config.set("graphics", key, value)
