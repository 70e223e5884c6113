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


def window_image() -> object:
    """What the window shows now, as a PIL RGB image (top row first), at ``Window.size``.

    The offscreen GL surface keeps the size it was created with, so the window's widgets
    are drawn again, with the same canvas instructions, into an Fbo of the window's size:
    screenshots and pixel tests at any window size from one process.
    """
    from kivy.core.window import Window
    from kivy.graphics import ClearBuffers, ClearColor, Fbo
    from PIL import Image

    width, height = (int(v) for v in Window.size)
    fbo = Fbo(size=(width, height), with_stencilbuffer=True)
    with fbo:
        ClearColor(0, 0, 0, 1)
        ClearBuffers()
    # Kivy's own Widget.export_as_image takes a canvas out of its parent before adding it to
    # an Fbo and puts it back after: an instruction has one parent, and a canvas left owned by
    # the Fbo is never removed from the window again (every later frame would draw it).
    canvases = sorted(((Window.canvas.indexof(child.canvas), child.canvas) for child in Window.children),
                      key=lambda pair: pair[0])
    for _index, canvas in canvases:
        Window.canvas.remove(canvas)
        fbo.add(canvas)  # in the window's order: the first child is drawn last (on top)
    fbo.draw()
    data = fbo.pixels
    for index, canvas in canvases:
        fbo.remove(canvas)
        Window.canvas.insert(index, canvas)
    image = Image.frombytes("RGBA", (width, height), data).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    return image.convert("RGB")
