"""The board widget on the touch path: P1 (the cost of one drag move) and P2 (frames
between a touch move and the fiche drawn there).

Each variant runs in its own process (``python bench/bench_widgets.py VARIANT`` prints
JSON), because GALLIUM_NOOP and the window size must be set before GL starts.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.common import Figure, benchmark, interleaved, median, percentile  # noqa: E402

SIZE = (1920, 1200)
RUNS = 600
RUNS_RENDERED = 80  # llvmpipe draws a 1920x1200 frame in software: slow, for information only
WARMUP = 60


def _board() -> tuple[object, object]:
    """A full board (14 bars, 3 perspectieven, ghosts) on a 1920x1200 offscreen window."""
    from widgets.headless import configure

    configure(*SIZE)
    from kivy.config import Config

    Config.set("graphics", "maxfps", "0")  # no sleeping in Clock.tick: we time frames
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from board import BoardSession
    from samples.voorbeeld_bord import volle_vervolgmeting
    from widgets.board_screen import build_board_screen

    EventLoop.ensure_window()
    screen = build_board_screen(BoardSession(volle_vervolgmeting()))
    Window.add_widget(screen)
    for _ in range(5):
        EventLoop.idle()
    return screen, Window


def _renderer() -> str:
    from kivy.graphics.opengl import GL_RENDERER, glGetString

    return glGetString(GL_RENDERER).decode()


def _p1(finish: bool, runs: int = RUNS) -> dict:
    screen, window = _board()  # first: it configures Kivy before anything imports it
    from kivy.base import EventLoop
    from kivy.graphics.opengl import glFinish
    from kivy.tests.common import UnitTestTouch

    board = screen.board
    row = board.layout.row("geld")
    drawn = board.drawn_fiche("geld")
    shares = [0.05 + 0.9 * (i % 97) / 96 for i in range(runs + WARMUP)]
    touch = UnitTestTouch(row.x_for(board.live.meting.positie("geld")), row.center_y)
    touch.touch_down()
    moves = iter(shares)
    directs = iter(reversed(shares))

    def frame() -> None:
        EventLoop.idle()
        if finish:
            glFinish()

    def drag_move() -> None:  # a touch move dispatched, board/ updated, the frame drawn
        touch.touch_move(row.x_for(next(moves)), row.center_y)
        frame()

    def direct_move() -> None:  # the same frame, the fiche's instruction moved by hand
        drawn.set(next(directs))
        frame()

    def empty_frame() -> None:  # an empty window: clear and flip
        window.clear()
        window.flip()
        glFinish()

    baseline = empty_frame if finish else direct_move
    interleaved(drag_move, baseline, WARMUP // 2)
    subject_times, baseline_times = interleaved(drag_move, baseline, runs)
    commits = []
    board.live.session.on_commit = lambda before, after: commits.append(after)
    touch.touch_up()
    return {
        "renderer": _renderer(),
        "subject": subject_times,
        "baseline": baseline_times,
        "commits_on_release": len(commits),
    }


def _p2() -> dict:
    """Stamp a move as input for the next frame; at each Window.on_flip, look whether the
    fiche is drawn under the finger (its instruction, and the pixel under the finger)."""
    screen, window = _board()  # first: it configures Kivy before anything imports it
    from kivy.base import EventLoop
    from kivy.graphics.opengl import GL_RGBA, GL_UNSIGNED_BYTE, glReadPixels
    from kivy.tests.common import UnitTestTouch

    from board import Perspectief
    from board.weergave import FICHE_STIJL

    board = screen.board
    row = board.layout.row("geld")
    blue = FICHE_STIJL[Perspectief.INWONER].kleur
    touch = UnitTestTouch(row.x_for(board.live.meting.positie("geld")), row.center_y)
    touch.touch_down()
    EventLoop.idle()
    pending: dict = {}
    late: list[int] = []
    pixel_late: list[int] = []

    def on_flip(*_args: object) -> None:
        x = pending["x"]
        center = board.fiche_center("geld")
        if center is not None and abs(center[0] - x) < 0.5:
            pending.setdefault("drawn", pending["frame"])
        pixel = tuple(glReadPixels(round(x), round(row.center_y), 1, 1, GL_RGBA, GL_UNSIGNED_BYTE)[:3])
        if all(abs(a - b) <= 3 for a, b in zip(pixel, blue, strict=True)):
            pending.setdefault("seen", pending["frame"])

    window.bind(on_flip=on_flip)
    shares = [0.1, 0.5, 0.9, 0.3, 0.7]  # steps longer than a fiche: the old place is not blue
    for i in range(100):
        x = row.x_for(shares[i % len(shares)])
        pending.clear()
        pending.update(x=x, frame=0)
        touch.move({"x": x / (window.width - 1.0), "y": row.center_y / (window.height - 1.0)})
        EventLoop.input_events.append(("update", touch))  # read by the next frame, as from a screen
        # Frame 0 is the one that dispatches the move; a frame that draws nothing new
        # (no flip) still counts, as a screen would show the old picture.
        while pending["frame"] < 4 and not {"drawn", "seen"} <= pending.keys():
            EventLoop.idle()
            pending["frame"] += 1
        late.append(pending.get("drawn", 99))
        pixel_late.append(pending.get("seen", 99))
    touch.touch_up()
    return {"renderer": _renderer(), "late": late, "pixel_late": pixel_late}


def _run(variant: str, env: dict[str, str] | None = None) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, variant],
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@benchmark("P1", "board widget: one drag move on a full board at 1920x1200 (touch, board/, frame)")
def drag_move_cost() -> list[Figure]:
    noop = _run("p1", {"GALLIUM_NOOP": "1"})
    rendered = _run("p1-finish")
    figures = []
    for tag, data, goal, note in (
        ("", noop, "<= 1.3x", "baseline: the same frame with the fiche's instruction moved directly"),
        (".llvmpipe", rendered, "for information", "baseline: an empty window's frame (clear, flip, glFinish)"),
    ):
        subject, baseline = data["subject"], data["baseline"]
        for stat, fn in (("median", median), ("p95", lambda v: percentile(v, 95))):
            value, base = fn(subject) * 1e3, fn(baseline) * 1e3
            figures.append(
                Figure(
                    f"P1{tag}" + ("" if stat == "median" else ".p95"),
                    f"drag move + frame, {stat} (renderer: {data['renderer']})",
                    value,
                    "ms",
                    goal=goal if stat == "median" else "",
                    baseline=base,
                    ratio=value / base,
                    note=f"{note}; {data['commits_on_release']} commit on release",
                )
            )
    return figures


@benchmark("P2", "board widget: frames between a touch move and the fiche drawn there")
def frames_to_follow() -> list[Figure]:
    data = _run("p2")
    late, pixel_late = data["late"], data["pixel_late"]
    return [
        Figure("P2", "frames late, worst of 100 moves (instruction at the finger at on_flip)", max(late),
               "frames", goal="0", note=f"renderer {data['renderer']}; median {median(late)}"),
        Figure("P2.pixel", "frames late, worst of 100 moves (pixel under the finger at on_flip)", max(pixel_late),
               "frames", goal="0", note="glReadPixels of the inwoner's colour under the finger"),
    ]


if __name__ == "__main__":
    variant = sys.argv[1]
    if variant == "p1":
        out = _p1(finish=False)
    elif variant == "p1-finish":
        out = _p1(finish=True, runs=RUNS_RENDERED)
    else:
        out = _p2()
    print(json.dumps(out))
