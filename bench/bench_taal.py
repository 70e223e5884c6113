"""P17: switching the inwoner's language on a full board (all 14 bars, fiches placed), in
frames to the first complete frame in the new language, rasterization off (Mesa
``GALLIUM_NOOP``, as P1 and P10): what is measured is the app's work (catalogue, shaping,
layout, canvas), not llvmpipe's drawing.

The switch goes the way the inwoner makes it (``choose_taal``: stored with the inwoner, the
board, tray and buttons redrawn) through nl → ar (mirrored, shaped) → uk → ti → nl, over and
over. The baseline in the same process: the same full board rebuilt without a language
change (its structure cache dropped: the canvas of all 14 bars and the tray drawn anew).

``python bench/bench_taal.py child DATA_DIR`` runs one process and prints JSON.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.app_start import unlocked_app  # noqa: E402
from bench.common import Figure, benchmark, median  # noqa: E402

SIZE = (1280, 800)
RUNS = 12
FRAME_MS = 1000 / 60
ORDER = ("ar", "uk", "ti", "nl")


def child(folder: Path) -> dict:
    from widgets.headless import configure

    configure(*SIZE)
    from kivy.base import EventLoop
    from kivy.config import Config
    from kivy.core.window import Window

    Config.set("graphics", "maxfps", "0")
    from board import Inwoner
    from board.leefgebieden import load_set

    app = unlocked_app(f"sqlite:///{folder / 'magneetbord.sqlite3'}")
    inwoner = Inwoner.create("D-BENCH-TAAL", "Gestel")
    app.repository.add_inwoner(inwoner)
    app.show_inwoner(inwoner)
    app.open_visit()
    for index, key in enumerate(load_set().keys):
        app.live.apply(lambda m, k=key, p=index / 13: m.choose(k).place_fiche(k, "inwoner", p))
    screen = app.screen("bord").board_screen
    board, tray = screen.board, screen.tray

    def frames_until(done: object) -> int:
        seen = {"frames": 0, "done": False}

        def on_flip(*_args: object) -> None:
            seen["frames"] += 1
            seen["done"] = seen["done"] or done()

        Window.bind(on_flip=on_flip)
        try:
            while not seen["done"]:
                EventLoop.idle()
                assert seen["frames"] < 120
        finally:
            Window.unbind(on_flip=on_flip)
        return seen["frames"]

    def drawn(code: str) -> object:
        return lambda: board.is_drawn() and board.tr.code == code and tray.is_drawn() and tray.tr.code == code

    for _ in range(3):
        EventLoop.idle()
    switch, rebuild, switch_frames, rebuild_frames = [], [], [], []
    for run in range(RUNS + 1):
        code = ORDER[run % len(ORDER)]
        start = time.perf_counter()
        app.choose_taal(code)
        frames = frames_until(drawn(code))
        switch.append(time.perf_counter() - start)
        switch_frames.append(frames)
        start = time.perf_counter()
        board._structure, tray._shown = (), ()  # the same board, drawn anew
        board._geometry()
        tray._geometry()
        frames = frames_until(lambda: board.is_drawn() and tray.is_drawn())
        rebuild.append(time.perf_counter() - start)
        rebuild_frames.append(frames)
    assert len(board.layout.rows) == 14
    return {"switch": switch, "rebuild": rebuild, "switch_frames": switch_frames, "rebuild_frames": rebuild_frames}


@benchmark("P17", "switching the inwoner's language on a full board (rasterization off) vs redrawing it")
def bench_p17() -> list[Figure]:
    from bench.bench_switch import prepare

    folder = Path(tempfile.mkdtemp(prefix="magneetbord-bench-taal-"))
    prepare(folder)
    env = dict(os.environ, MAGNEETBORD_DATA_DIR=str(folder), GALLIUM_NOOP="1")
    env.pop("KIVY_HOME", None)
    out = subprocess.run([sys.executable, __file__, "child", str(folder)], env=env, capture_output=True, text=True,
                         timeout=900, check=False, cwd=ROOT)
    line = next((raw for raw in reversed(out.stdout.splitlines()) if raw.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"P17 failed: {out.stdout[-2000:]} {out.stderr[-3000:]}")
    result = json.loads(line)
    switch_ms, rebuild_ms = median(result["switch"][1:]) * 1e3, median(result["rebuild"][1:]) * 1e3
    note = (f"14 bars, {RUNS} switches nl→ar→uk→ti→nl…, median; frames drawn: switch "
            f"{median(result['switch_frames'][1:])}, redraw {median(result['rebuild_frames'][1:])}; first switch "
            f"(catalogue and font loaded) {result['switch'][0] * 1e3:.0f} ms")
    return [
        Figure("P17", "language switch on a full board → first complete frame, in frames of 16.7 ms",
               switch_ms / FRAME_MS, "frames", "", rebuild_ms / FRAME_MS, switch_ms / rebuild_ms, note),
        Figure("P17.ms", "the same in milliseconds", switch_ms, "ms", "", rebuild_ms, switch_ms / rebuild_ms, ""),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "child":
        os.environ["MAGNEETBORD_DATA_DIR"] = sys.argv[2]
        try:
            print(json.dumps(child(Path(sys.argv[2]))), file=sys.__stdout__, flush=True)
        except BaseException:
            import traceback

            traceback.print_exc(file=sys.__stdout__)
            raise
