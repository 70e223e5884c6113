"""Kiosk behaviour: fullscreen, no way out with Escape or the back key, no cursor on a touch
screen, no screen saver during a visit.

``configure()`` runs before the window exists (Kivy reads these settings when it opens it);
``guard(window)`` runs once it does. On a desktop, ``MAGNEETBORD_WINDOWED=1`` keeps an ordinary
window (and the mouse cursor, and closing it) for development.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from widgets.display import Display

WINDOWED_ENV = "MAGNEETBORD_WINDOWED"  # 1: a window on a desktop, for development
CURSOR_ENV = "MAGNEETBORD_CURSOR"  # 1: show the mouse cursor (a kiosk with a mouse)
IDLE_ENV = "MAGNEETBORD_IDLE_SECONDS"  # lock the professional's part after this many idle seconds
KEY_ESCAPE = 27  # Escape on a keyboard, the back key on Android


def windowed() -> bool:
    return os.environ.get(WINDOWED_ENV, "") not in ("", "0")


def idle_seconds(default: float) -> float:
    """The idle time before the app locks: ``MAGNEETBORD_IDLE_SECONDS`` or ``default``."""
    try:
        value = float(os.environ.get(IDLE_ENV, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def environment() -> None:
    """Environment for Kivy, set before anything imports it: images through SDL2 only. (The
    default also tries Pillow's provider, which pulls in Pillow and NumPy: slower to start and
    more memory, for PNGs that SDL2 reads itself.)"""
    os.environ.setdefault("KIVY_IMAGE", "sdl2,tex,dds")


def prepare() -> str | None:
    """Before the app's window opens: a message when there is no display to open it on;
    otherwise the kiosk settings, with the window sized to the display (``widgets.display``)."""
    from widgets import display

    found = display.probe() if display.applies() else None
    if display.applies() and (problem := display.missing_display_message(found, os.environ)):
        return problem
    configure(found)
    if found is None and windowed():  # not asked (macOS, Windows: the system keeps it on screen)
        _window_size(*display.WINDOWED_SIZE)
    return None


def configure(screen: Display | None = None) -> None:
    """Kivy settings that must be made before the window opens. With the ``screen`` it will
    open on, the window takes that screen's size (or 1280x800 when windowed) from the start:
    where no window manager makes it fullscreen, it still fills the screen."""
    from kivy.config import Config

    Config.set("kivy", "exit_on_escape", "0")
    Config.set("kivy", "pause_on_minimize", "0")
    if not windowed():
        Config.set("graphics", "fullscreen", "auto")
        Config.set("graphics", "borderless", "1")
    from widgets.display import INVISIBLE_DRIVERS, window_geometry

    if screen is None or screen.driver in INVISIBLE_DRIVERS or screen.width <= 0 or screen.height <= 0:
        return
    width, height, left, top = window_geometry(screen, windowed())
    _window_size(width, height)
    if left is not None and top is not None:
        Config.set("graphics", "position", "custom")
        Config.set("graphics", "left", str(left))
        Config.set("graphics", "top", str(top))


def _window_size(width: int, height: int) -> None:
    from kivy.config import Config

    Config.set("graphics", "width", str(width))
    Config.set("graphics", "height", str(height))


def guard(window: object) -> None:
    """Keys that would leave the app do nothing; the cursor hides; the screen stays on."""
    window.bind(on_keyboard=_swallow_back, on_request_close=_refuse_close)
    window.show_cursor = windowed() or os.environ.get(CURSOR_ENV, "") not in ("", "0")
    window.allow_screensaver = False


def _swallow_back(_window: object, key: int, *_args: object) -> bool:
    return key == KEY_ESCAPE  # True: handled, so Kivy neither quits nor pauses


def _refuse_close(*_args: object, source: str | None = None, **_kwargs: object) -> bool:
    """A key (Escape, Alt+F4 as keys) never closes the kiosk. A request from the system
    (SIGTERM at shutdown, the OS closing the app) is honoured: every change is saved already."""
    return source == "keyboard" and not windowed()
