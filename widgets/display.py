"""The screen the app will get, asked of SDL2 (the library Kivy draws with) before Kivy opens
its window.

Two things depend on it. Without a window manager (a bare X session, Xvfb, a kiosk-mode
Linux) nobody honours a request for fullscreen: SDL keeps its 800x600 window while Kivy lays
the UI out for the whole display, so the keypad lands off screen. Sizing the window to the
display before it opens makes it fill the screen with or without a window manager. And with
no display at all, SDL falls back to an invisible offscreen surface on which the app would
run unseen; the app says so and stops instead.

Only on Linux and the BSDs (not Android): elsewhere there is always a display and a window
manager. This module does not import Kivy.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from board.i18n import _

SDL_INIT_VIDEO = 0x20
INVISIBLE_DRIVERS = frozenset({"offscreen", "dummy", "evdev"})  # SDL's drivers that show nothing
WINDOWED_SIZE = (1280, 800)  # the size the screens are designed at


@dataclass(frozen=True)
class Display:
    """SDL's video driver and the first display: its bounds and the part not taken by panels."""

    driver: str
    x: int
    y: int
    width: int
    height: int
    usable_width: int
    usable_height: int


class _Rect(ctypes.Structure):
    _fields_ = [("x", ctypes.c_int), ("y", ctypes.c_int), ("w", ctypes.c_int), ("h", ctypes.c_int)]


def applies() -> bool:
    """True where a display may be missing and a window manager may be absent."""
    return sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) and "ANDROID_ARGUMENT" not in os.environ


def probe() -> Display | None:
    """Ask SDL2 which video driver it would use and how big the first display is. ``None``
    when SDL2 cannot be loaded or reports no display at all (then nobody was asked)."""
    library = _load_sdl()
    if library is None:
        return None
    library.SDL_GetCurrentVideoDriver.restype = ctypes.c_char_p
    if library.SDL_InitSubSystem(SDL_INIT_VIDEO) != 0:
        return None
    try:
        driver = (library.SDL_GetCurrentVideoDriver() or b"").decode("ascii", "replace")
        bounds, usable = _Rect(), _Rect()
        if library.SDL_GetDisplayBounds(0, ctypes.byref(bounds)) != 0:
            return Display(driver, 0, 0, 0, 0, 0, 0)
        if library.SDL_GetDisplayUsableBounds(0, ctypes.byref(usable)) != 0:
            usable = bounds
        return Display(driver, bounds.x, bounds.y, bounds.w, bounds.h, usable.w, usable.h)
    finally:
        library.SDL_QuitSubSystem(SDL_INIT_VIDEO)  # Kivy starts it again when it opens the window


def _load_sdl() -> ctypes.CDLL | None:
    """The SDL2 that Kivy's window is linked against (the wheel bundles it), else the system's."""
    candidates: list[str] = []
    try:
        import importlib.util

        spec = importlib.util.find_spec("kivy")
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        site = Path(spec.origin).resolve().parent.parent
        candidates += sorted(str(p) for p in (site / "Kivy.libs").glob("libSDL2-2*.so*"))
    # The system's SDL2 only when Kivy's own is not there: find_library runs ldconfig and more,
    # about 0.1 s of every start (P3).
    for candidate in (*candidates, "find_library", "libSDL2-2.0.so.0"):
        name = ctypes.util.find_library("SDL2") if candidate == "find_library" else candidate
        if not name:
            continue
        try:
            return ctypes.CDLL(name)
        except OSError:
            continue
    return None


def missing_display_message(display: Display | None, environ: Mapping[str, str]) -> str | None:
    """A plain-Dutch message when the app would run on no screen at all, else ``None``.

    A driver asked for by name (``SDL_VIDEODRIVER``, as the tests ask for ``offscreen``) is
    always honoured."""
    if environ.get("SDL_VIDEODRIVER"):
        return None
    if display is not None and display.driver not in INVISIBLE_DRIVERS:
        return None
    if display is None and (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        return None  # SDL2 could not be asked; the display variables are all there is to go on
    where = environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")
    first = (
        _("Magneetbord start niet: het beeldscherm {scherm} is niet bereikbaar.").format(scherm=where)
        if where
        else _("Magneetbord start niet: er is geen beeldscherm (DISPLAY en WAYLAND_DISPLAY zijn leeg).")
    )
    return "\n".join(
        [
            first,
            _("Start de app op het scherm van de tablet of computer zelf, in een grafische sessie."),
            _("De opdrachten zonder scherm staan in: python3 main.py --help"),
        ]
    )


def window_geometry(display: Display, windowed: bool) -> tuple[int, int, int | None, int | None]:
    """(width, height, left, top) for the window: the whole display for the kiosk; for a
    window on a desktop 1280x800, or what fits between the panels (placed by the system)."""
    if windowed:
        width = min(WINDOWED_SIZE[0], display.usable_width or WINDOWED_SIZE[0])
        height = min(WINDOWED_SIZE[1], display.usable_height or WINDOWED_SIZE[1])
        return width, height, None, None
    return display.width, display.height, display.x, display.y
