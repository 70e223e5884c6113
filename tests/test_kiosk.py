"""Kiosk behaviour: settings before the window, keys that would leave the app, the cursor."""

from __future__ import annotations

import pytest

from tests.kivy_helpers import window_fixture  # noqa: F401
from widgets import kiosk


def test_fullscreen_and_no_exit_on_escape_unless_windowed(monkeypatch: pytest.MonkeyPatch) -> None:
    from kivy.config import Config

    monkeypatch.delenv(kiosk.WINDOWED_ENV, raising=False)
    kiosk.configure()
    assert Config.get("kivy", "exit_on_escape") == "0" and Config.get("graphics", "fullscreen") == "auto"
    Config.set("graphics", "fullscreen", "0")
    monkeypatch.setenv(kiosk.WINDOWED_ENV, "1")
    kiosk.configure()
    assert Config.get("graphics", "fullscreen") == "0"


def test_escape_and_back_are_swallowed_and_the_screen_stays_on(
    window: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(kiosk.WINDOWED_ENV, raising=False)
    monkeypatch.delenv(kiosk.CURSOR_ENV, raising=False)
    kiosk.guard(window)
    try:
        assert window.dispatch("on_keyboard", kiosk.KEY_ESCAPE, 0, None, []) is True
        assert not window.dispatch("on_keyboard", 13, 0, None, [])  # other keys go on as usual
        assert window.show_cursor is False and window.allow_screensaver is False
        assert window.dispatch("on_request_close", source="keyboard") is True  # a key never closes the kiosk
        assert not window.dispatch("on_request_close")  # the system (shutdown) may: all is saved
    finally:
        kiosk.unguard(window)
        window.show_cursor = True


def test_the_idle_time_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kiosk.IDLE_ENV, "120")
    assert kiosk.idle_seconds(300) == 120
    for wrong in ("", "abc", "-5", "0"):
        monkeypatch.setenv(kiosk.IDLE_ENV, wrong)
        assert kiosk.idle_seconds(300) == 300


@pytest.mark.slow
def test_the_running_app_stops_on_sigterm(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A kiosk ignores keys, not the operating system: at shutdown it must exit."""
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, MAGNEETBORD_DATA_DIR=str(tmp_path), KIVY_HOME=str(tmp_path / "kivy"))
    env.setdefault("SDL_VIDEODRIVER", "offscreen")
    app = subprocess.Popen([sys.executable, "main.py"], cwd=root, env=env)
    try:
        time.sleep(6)  # started: the first-start screen is up
        assert app.poll() is None, "the app did not start"
        app.send_signal(signal.SIGTERM)
        assert app.wait(timeout=20) is not None
    finally:
        if app.poll() is None:
            app.kill()
