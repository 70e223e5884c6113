"""Draw the board screen offscreen at the supported sizes and save the PNGs shown in the
README: ``python docs/make_screenshots.py``. Run from the repository root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SIZES = ((1280, 800), (1920, 1200))


def window_png(path: Path) -> None:
    """The window's last frame, read back from GL and saved with Pillow."""
    from kivy.core.window import Window
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
    from PIL import Image

    width, height = Window.size
    data = glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)
    image = Image.frombytes("RGBA", (width, height), data).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image.convert("RGB").save(path, optimize=True)


def shoot(width: int, height: int) -> Path:
    """One size per process: the offscreen GL surface keeps the size it was created with."""
    from widgets.headless import configure

    configure(width, height)
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from board import BoardSession
    from board.voorbeeld import voorbeeld_vervolgmeting
    from widgets.board_screen import build_board_screen

    EventLoop.ensure_window()
    screen = build_board_screen(BoardSession(voorbeeld_vervolgmeting()))
    Window.add_widget(screen)
    for _ in range(4):
        EventLoop.idle()
    out = ROOT / "docs" / f"board-{width}x{height}.png"
    window_png(out)
    return out


def main(argv: list[str]) -> int:
    if argv:
        print(shoot(*(int(v) for v in argv[0].split("x"))))
        return 0
    for width, height in SIZES:
        subprocess.run([sys.executable, __file__, f"{width}x{height}"], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
