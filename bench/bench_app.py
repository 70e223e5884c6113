"""The kiosk app from a cold start: P3 (process start to the lock screen drawn and taking a
touch; also PIN to board, and start to an interactive board) and P8 (resident memory with
the board shown), each against a bare Kivy app that opens an empty window.

Every run is a fresh process (``python bench/bench_app.py CHILD DATA_DIR`` prints one JSON
line when it is ready), alternating app and bare window. The app's run is the real path of
a resumed visit: the lock screen and a finger on its keypad, the PIN (the real Argon2id cost),
the board of the concept meting that was open, drawn, and a touch on it that moves a fiche.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.app_start import PIN, SIZE, prepare, run_child  # noqa: E402
from bench.common import Figure, benchmark, median  # noqa: E402

RUNS = 7
CONCEPT_DOSSIER = "WT-2025-01016"  # a vervolgmeting left unfinished in the demo data


def _rss_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _report(started: float, extra: dict | None = None) -> None:
    print(json.dumps({"ready": time.time(), "started": started, "rss_kib": _rss_kib(), **(extra or {})}), flush=True)


def _touch(x: float, y: float, to: float | None = None) -> None:
    from bench.touch import touch

    touch(x, y, to)


def child_bare() -> None:
    """A bare Kivy app: an empty window, ready when its first frame is drawn and a touch was handled."""
    started = time.time()
    from widgets.kiosk import KIVY_ENVIRONMENT

    os.environ.update(KIVY_ENVIRONMENT)  # Kivy set up as the app's (its image providers): a fair baseline
    from widgets.headless import configure

    configure(*SIZE)
    from kivy.app import App
    from kivy.clock import Clock
    from kivy.uix.widget import Widget

    class Bare(App):
        def build(self) -> Widget:
            return Widget()

        def on_start(self) -> None:
            Clock.schedule_once(self.ready, 0)

        def ready(self, _dt: float) -> None:
            _touch(100, 100)
            Clock.schedule_once(self.touched, 0)  # input is handled in the next frame

        def touched(self, _dt: float) -> None:
            _report(started)
            self.stop()

    Bare().run()


def child_app() -> None:
    """The Magneetbord app on a prepared data folder: PIN, then the resumed board, then a touch."""
    started = time.time()
    from widgets import kiosk

    kiosk.environment()  # as main.py does, before Kivy is imported
    from widgets.headless import configure

    configure(*SIZE)
    os.environ["MAGNEETBORD_WINDOWED"] = "1"
    kiosk.configure()
    from kivy.clock import Clock

    from widgets.app import MagneetbordApp

    class Measured(MagneetbordApp):
        def on_start(self) -> None:
            self.lock_ready = 0.0
            Clock.schedule_once(self.press_key, 0)

        def press_key(self, _dt: float) -> None:
            """The lock screen is drawn: a finger on the keypad's 4."""
            assert self.current == "lock", self.current
            pad = self.screen("lock").ids.pad
            key = next(k for k in pad.children if getattr(k, "text", "") == PIN[0])
            if key.width < 10:  # not laid out yet: one more frame
                Clock.schedule_once(self.press_key, 0)
                return
            _touch(*key.to_window(*key.center))  # handled in the next frame
            Clock.schedule_once(self.key_taken, 0)

        def key_taken(self, _dt: float) -> None:
            pad = self.screen("lock").ids.pad
            if pad.pin != PIN[0]:
                Clock.schedule_once(self.key_taken, 0)
                return
            self.lock_ready = time.time()  # the lock screen is drawn and takes touches
            pad.pin = PIN
            self.pin_accepted = time.time()
            pad.submit()
            Clock.schedule_once(self.ready, 0)  # the board is drawn in the next frame

        def ready(self, _dt: float) -> None:
            assert self.current == "bord", self.current
            board = self.screen("bord").board_screen.board
            if board.width < SIZE[0] / 2 or not board.layout.rows:  # not laid out yet: one more frame
                Clock.schedule_once(self.ready, 0)
                return
            self.board_drawn = time.time()
            row = board.layout.rows[0]
            before = self.live.session.committed
            target = 0.2 if (before.positie(row.key) or 0.0) > 0.5 else 0.8  # a change on every run
            _touch(row.x_for(0.5), row.center_y, to=row.x_for(target))  # handled in the next frame
            Clock.schedule_once(lambda _dt: self.touched(before, len(board.layout.rows), 30), 0)

        def touched(self, before: object, rows: int, frames_left: int) -> None:
            if self.live.session.committed is before:  # the drag is not committed (and saved) yet
                assert frames_left > 0, "the board did not take the touch"
                Clock.schedule_once(lambda _dt: self.touched(before, rows, frames_left - 1), 0)
                return
            if os.environ.get("MB_DUMP_MODULES"):
                print(sorted({m.split(".")[0] for m in sys.modules}), file=sys.__stdout__)
            _report(started, {"rows": rows, "lock_ready": self.lock_ready,
                              "pin_to_board": self.board_drawn - self.pin_accepted})
            self.stop()

    Measured().run()


def _run(kind: str, folder: Path) -> dict:
    start = time.time()
    result = run_child(__file__, [kind, str(folder)], folder)
    result["seconds"] = result["ready"] - start
    return result


@cache  # P3 and P8 come from the same runs
def measure(runs: int = RUNS) -> tuple[list[dict], list[dict]]:
    folder = Path(tempfile.mkdtemp(prefix="magneetbord-bench-app-"))
    prepare(folder, open_concept_of=CONCEPT_DOSSIER)
    _run("app", folder)  # once untimed: the first start compiles .pyc files and the kv parser caches
    _run("bare", folder)
    apps, bares = [], []
    for _ in range(runs):
        bares.append(_run("bare", folder))
        apps.append(_run("app", folder))
    return apps, bares


@benchmark("P3", "cold start to the lock screen drawn and taking a touch vs a bare Kivy window")
def bench_p3() -> list[Figure]:
    apps, bares = measure()
    lock_s = median([r["seconds"] - (r["ready"] - r["lock_ready"]) for r in apps])  # as "seconds": from spawn
    bare_s = median([r["seconds"] for r in bares])
    board_s = median([r["seconds"] for r in apps])
    pin_s = median([r["pin_to_board"] for r in apps])
    note = f"{RUNS} runs each, interleaved, median"
    return [
        Figure("P3", "process start → lock screen drawn and taking a touch", lock_s, "s", "≤ 1.3x", bare_s,
               lock_s / bare_s, note),
        Figure("P3.pin", "PIN accepted → resumed board drawn (Argon2id 19 MiB, 2 passes; database opened)",
               pin_s, "s", note=note),
        Figure("P3.board", "process start → resumed board drawn and taking a touch (the old P3)", board_s, "s",
               baseline=bare_s, ratio=board_s / bare_s, note=note),
    ]


@benchmark("P8", "resident memory with the board shown vs a bare Kivy window")
def bench_p8() -> list[Figure]:
    apps, bares = measure()
    app_kib, bare_kib = median([r["rss_kib"] for r in apps]), median([r["rss_kib"] for r in bares])
    return [
        Figure("P8", "resident memory (VmRSS) with the board shown", app_kib / 1024, "MiB", "≤ 1.3x",
               bare_kib / 1024, app_kib / bare_kib, f"same runs as P3; {RUNS} each, median"),
    ]


if __name__ == "__main__":
    if len(sys.argv) == 3:
        os.environ["MAGNEETBORD_DATA_DIR"] = sys.argv[2]
        try:
            {"bare": child_bare, "app": child_app}[sys.argv[1]]()
        except BaseException:
            import traceback

            traceback.print_exc(file=sys.__stdout__)  # Kivy's logger has taken sys.stderr
            raise
    else:
        for figure in bench_p3() + bench_p8():
            print(figure)
