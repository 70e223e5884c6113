"""The board, the lock screen and the afronden screen at every supported window size:
``python docs/make_size_screenshots.py``; writes ``docs/sizes/<screen>-<W>x<H>.png``. Run
from the repository root. One process draws every size (headless.window_image draws the
window's widgets into an Fbo of the window's size).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PIN = "482913"
SIZES = ((800, 600), (1280, 800), (1920, 1200), (800, 1280), (2560, 1600))
CONCEPT_DOSSIER = "WT-2025-01016"  # a vervolgmeting left unfinished in the demo data


def main(out: Path = ROOT / "docs" / "sizes") -> int:
    data = Path(tempfile.mkdtemp(prefix="magneetbord-sizes-"))
    os.environ["MAGNEETBORD_DATA_DIR"] = str(data)
    from widgets.headless import configure, window_image

    configure()
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from docs.sample_database import FAST as fast
    from docs.sample_database import open_sample_database
    from services.demo import fill
    from widgets.app import MagneetbordApp

    url, repository = open_sample_database(data, PIN)
    fill(repository)
    repository.close()
    out.mkdir(parents=True, exist_ok=True)

    def shot(name: str, size: tuple[int, int]) -> None:
        for _ in range(4):
            EventLoop.idle()
        path = out / f"{name}-{size[0]}x{size[1]}.png"
        window_image().save(path, optimize=True)
        print(path)

    app = MagneetbordApp(url, kdf=fast, today=lambda: date(2026, 11, 23))
    Window.add_widget(app.build())
    lock = app.screen("lock")
    for _ in range(3):
        EventLoop.idle()
    lock.ids.pad.pin = PIN
    lock.ids.pad.submit()
    app.show_inwoner(app.repository.find_inwoner(CONCEPT_DOSSIER))
    app.open_visit()
    for size in SIZES:
        Window.size = size
        app.show_meting_step("bord")
        shot("bord", size)
        app.show_meting_step("afronden")
        shot("afronden", size)
        app.lock()
        lock.ids.pad.pin = "48"
        shot("lock", size)
        lock.ids.pad.pin = PIN
        lock.ids.pad.submit()
    # All 14 bars at 800x600 keep 48 dp and scroll: the top, then slid to the bottom.
    Window.size = (800, 600)
    app.show_meting_step("bord")
    for key in app.live.meting.niet_gekozen:
        app.live.apply(lambda m, key=key: m.choose(key))
    board = app.screen("bord").board_screen.board
    board.scroll = 0
    shot("bord-14", (800, 600))
    board.scroll = board.layout.overflow
    shot("bord-14-onder", (800, 600))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        import traceback

        traceback.print_exc(file=sys.__stderr__)  # Kivy's logger has taken sys.stderr
        sys.exit(1)
