"""Kivy without a screen (tests, screenshots, benchmarks): set before Kivy is imported."""

from __future__ import annotations

import os
import tempfile


def configure(width: int | None = None, height: int | None = None) -> None:
    """Keep Kivy off the command line and the console, in its own home, offscreen when
    there is no display; optionally the window size (the offscreen GL surface keeps the
    size it was created with, so it must be set before the window exists)."""
    os.environ.setdefault("KIVY_NO_ARGS", "1")
    os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
    os.environ.setdefault("KIVY_NO_FILELOG", "1")
    os.environ.setdefault("KIVY_HOME", tempfile.mkdtemp(prefix="magneetbord-kivy-"))
    if not os.environ.get("DISPLAY"):
        os.environ.setdefault("SDL_VIDEODRIVER", "offscreen")
    if width and height:
        from kivy.config import Config

        Config.set("graphics", "width", str(width))
        Config.set("graphics", "height", str(height))
