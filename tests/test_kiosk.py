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
        assert window.dispatch("on_request_close") is True  # a kiosk is not closed
    finally:
        window.unbind(on_keyboard=kiosk._swallow_back, on_request_close=kiosk._refuse_close)
        window.show_cursor = True


def test_the_idle_time_is_read_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(kiosk.IDLE_ENV, "120")
    assert kiosk.idle_seconds(300) == 120
    for wrong in ("", "abc", "-5", "0"):
        monkeypatch.setenv(kiosk.IDLE_ENV, wrong)
        assert kiosk.idle_seconds(300) == 300
