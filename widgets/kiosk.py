"""Kiosk behaviour: fullscreen, no way out with Escape or the back key, no cursor on a touch
screen, no screen saver during a visit.

``configure()`` runs before the window exists (Kivy reads these settings when it opens it);
``guard(window)`` runs once it does. On a desktop, ``MAGNEETBORD_WINDOWED=1`` keeps an ordinary
window (and the mouse cursor, and closing it) for development.
"""

from __future__ import annotations

import logging
import os
import signal
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from widgets.display import Display

WINDOWED_ENV = "MAGNEETBORD_WINDOWED"  # 1: a window on a desktop, for development
CURSOR_ENV = "MAGNEETBORD_CURSOR"  # 1: show the mouse cursor (a kiosk with a mouse)
IDLE_ENV = "MAGNEETBORD_IDLE_SECONDS"  # lock the professional's part after this many idle seconds
KEY_ESCAPE = 27  # Escape on a keyboard, the back key on Android (SDL2)
KEY_BACK_OLD = 1001  # the back key as older Android providers (pygame) report it
KEY_F1 = 282  # Kivy's key for its settings panel
KEY_F4 = 285
SWALLOWED = frozenset({KEY_ESCAPE, KEY_BACK_OLD, KEY_F1})
CLOSE_AFTER_KEY_S = 2.0  # a close request this soon after Alt+F4 came from the keyboard
_last_alt_f4 = [float("-inf")]  # monotonic time of the last Alt+F4 the window saw


def windowed() -> bool:
    return os.environ.get(WINDOWED_ENV, "") not in ("", "0")


def idle_seconds(default: float) -> float:
    """The idle time before the app locks: ``MAGNEETBORD_IDLE_SECONDS`` or ``default``."""
    try:
        value = float(os.environ.get(IDLE_ENV, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def idle_check_interval(idle_seconds: float) -> float:
    """How often the app looks whether the idle time has passed: every second, or more often
    for a very short idle time, so the lock comes at most a quarter of it late."""
    return min(1.0, idle_seconds / 4)


# Images through SDL2 only (the default also tries Pillow's provider, which pulls in Pillow and
# NumPy: slower to start and more memory, for PNGs that SDL2 reads itself); no Kivy log file on
# the tablet (see main.py). bench/bench_app.py gives its bare Kivy window the same.
KIVY_ENVIRONMENT = {"KIVY_IMAGE": "sdl2,tex,dds", "KIVY_NO_FILELOG": "1"}


def environment() -> None:
    """Set before anything imports Kivy: its environment (``KIVY_ENVIRONMENT``), and the
    modules the app's libraries import but the kiosk never uses made to load on first use
    (``widgets.memory.defer_unused_imports``), and one allocator arena for all threads
    (``widgets.memory.one_arena``)."""
    for name, value in KIVY_ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    from widgets.memory import defer_unused_imports, one_arena

    defer_unused_imports()
    one_arena()


def claim(db: str | None) -> str | None:
    """One kiosk per database: a plain-Dutch message when another runs on it, else None."""
    from services.one_kiosk import claim_tablet

    return claim_tablet(db)


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


def ignore_interrupt() -> None:
    """Ctrl+C does not stop the kiosk. In the window it is only a key; but where the app runs on
    a Linux console without X (SDL's kmsdrm), the keyboard the inwoner types on is also the
    terminal's, and its Ctrl+C would be a SIGINT. Set before SDL starts, which then leaves SIGINT
    alone; SIGTERM (kill, shutdown) still closes the app. A development window stops on Ctrl+C."""
    if not windowed():
        signal.signal(signal.SIGINT, signal.SIG_IGN)


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


class _NoTrace(logging.Filter):
    """Kivy's TRACE records carry the values of .kv bindings: text typed by people. Whatever
    level someone sets, they are dropped (docs/security.md, "Logs")."""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.levelno >= logging.DEBUG


_NO_TRACE = _NoTrace()


def quiet_kivy_log() -> None:
    from kivy.logger import Logger

    if _NO_TRACE not in Logger.filters:
        Logger.addFilter(_NO_TRACE)


def guard(window: object) -> None:
    """Keys that would leave the app do nothing; the cursor hides; the screen stays on; Kivy
    logs nothing that people typed."""
    quiet_kivy_log()
    window.bind(on_keyboard=_swallow_back, on_key_down=_note_alt_f4, on_request_close=_refuse_close)
    window.show_cursor = windowed() or os.environ.get(CURSOR_ENV, "") not in ("", "0")
    window.allow_screensaver = False


def unguard(window: object) -> None:
    window.unbind(on_keyboard=_swallow_back, on_key_down=_note_alt_f4, on_request_close=_refuse_close)


def _swallow_back(_window: object, key: int, *_args: object) -> bool:
    """True: handled, so Kivy neither quits, pauses nor opens its settings panel."""
    return key in SWALLOWED


def _note_alt_f4(_window: object, key: int, _scancode: object = None, _text: object = None,
                 modifiers: object = ()) -> bool:  # fmt: skip
    if key == KEY_F4 and "alt" in (modifiers or ()):
        _last_alt_f4[0] = time.monotonic()
        return True
    return False


def _refuse_close(*_args: object, source: str | None = None, **_kwargs: object) -> bool:
    """A key (Escape; Alt+F4, which a window manager turns into a close request just after
    the keys) never closes the kiosk. A request from the system (SIGTERM at shutdown, the OS
    closing the app) is honoured: every change is saved already."""
    if windowed():
        return False
    return source == "keyboard" or time.monotonic() - _last_alt_f4[0] < CLOSE_AFTER_KEY_S
