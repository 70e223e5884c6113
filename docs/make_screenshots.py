"""Draw the board screen offscreen at the supported sizes and save the PNGs shown in the
README: ``python docs/make_screenshots.py``. Run from the repository root."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# (size, example meting, file name): the example vervolgmeting at both sizes, and the
# fullest board (all 14 leefgebieden, three perspectieven) at the smallest size.
SHOTS = (
    ("1280x800", "voorbeeld", "board-1280x800.png"),
    ("1920x1200", "voorbeeld", "board-1920x1200.png"),
    ("1280x800", "vol", "board-14-1280x800.png"),
    ("1280x800", "vragen", "vragen-1280x800.png"),  # a long press on a kaartje
)


def window_png(path: Path) -> None:
    """The window's last frame, read back from GL and saved with Pillow."""
    from kivy.core.window import Window
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
    from PIL import Image

    width, height = Window.size
    data = glReadPixels(0, 0, width, height, GL_RGBA, GL_UNSIGNED_BYTE)
    image = Image.frombytes("RGBA", (width, height), data).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    image.convert("RGB").save(path, optimize=True)


def shoot(width: int, height: int, which: str, name: str) -> Path:
    """One size per process: the offscreen GL surface keeps the size it was created with."""
    from widgets.headless import configure

    configure(width, height)
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from board import BoardSession
    from samples.voorbeeld_bord import volle_vervolgmeting, voorbeeld_nulmeting, voorbeeld_vervolgmeting
    from widgets.board_screen import build_board_screen

    EventLoop.ensure_window()
    meting = {"vol": volle_vervolgmeting, "vragen": voorbeeld_nulmeting}.get(which, voorbeeld_vervolgmeting)()
    screen = build_board_screen(BoardSession(meting))
    Window.add_widget(screen)
    for _ in range(3):
        EventLoop.idle()
    if which == "vragen":
        screen.show_vragen(screen.tray.cards[0].key)
    for _ in range(3):
        EventLoop.idle()
    out = ROOT / "docs" / name
    window_png(out)
    return out


def main(argv: list[str]) -> int:
    if argv:
        size, which, name = argv
        width, height = (int(v) for v in size.split("x"))
        print(shoot(width, height, which, name))
        return 0
    for shot in SHOTS:
        subprocess.run([sys.executable, __file__, *shot], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
