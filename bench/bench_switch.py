"""P10: a tap on an inwoner in the list to the board screen's first complete frame.

The path as a professional takes it: a tap on the inwoner's row in the list (the inwoner's
screen), then at once a tap on "Verder met de meting" (the board of the concept meting). Two
inwoners are taken in turn, so every visit draws another board. Rasterization is off (Mesa
``GALLIUM_NOOP``, as P1): what is measured is the app's work (Python, layout, canvas) to the
frame, not llvmpipe's drawing. The time is counted from the first tap to the
``Window.on_flip`` of the first frame in which the board shows the meting's bars at its final
size and the tray its kaartjes (taken in that on_flip: what the app does after its frame is
on screen, such as writing the visit marker, is not in it); it is given in frames of 16.7 ms. The baseline does the same
two taps in a bare Kivy ``ScreenManager``: each switches to a new screen with as many plain
widgets as the app's screen has (built on the tap; the app builds its board screen once and
gives it the next visit's session).

Each variant runs in its own process (``python bench/bench_switch.py app|bare DATA_DIR``
prints JSON), because GALLIUM_NOOP and the window size must be set before GL starts.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.app_start import PIN, SIZE, database_url, prepare, run_child  # noqa: E402
from bench.common import Figure, benchmark, median  # noqa: E402

RUNS = 15
FRAME_MS = 1000 / 60


def _window() -> None:
    from widgets.headless import configure

    configure(*SIZE)
    from kivy.config import Config

    Config.set("graphics", "maxfps", "0")  # no sleeping in Clock.tick: we time frames


def _tap(widget: object) -> None:
    from bench.touch import touch

    x, y = widget.to_window(*widget.center)
    touch(x, y)


def _until(done: object, limit: int = 60) -> tuple[int, float, float]:
    """Frames until ``done()`` is true at a Window.on_flip: how many were drawn, and the
    ``perf_counter`` and ``process_time`` of that flip (what the app does after the frame is
    on screen is not in it)."""
    from kivy.base import EventLoop
    from kivy.core.window import Window

    seen: dict = {"frames": 0, "at": None, "cpu": None}

    def on_flip(*_args: object) -> None:
        seen["frames"] += 1
        if seen["at"] is None and done():
            seen["at"], seen["cpu"] = time.perf_counter(), time.process_time()

    Window.bind(on_flip=on_flip)
    try:
        while seen["at"] is None:
            EventLoop.idle()
            assert seen["frames"] < limit, "the screen never completed"
    finally:
        Window.unbind(on_flip=on_flip)
    return seen["frames"], seen["at"], seen["cpu"]


def child_app(folder: Path) -> dict:
    _window()
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from widgets.app import MagneetbordApp

    EventLoop.ensure_window()
    app = MagneetbordApp(database_url(folder))
    Window.add_widget(app.build())
    for _ in range(3):
        EventLoop.idle()
    pad = app.screen("lock").ids.pad
    pad.pin = PIN
    pad.submit()
    times, frames, widgets, split, cpu_times = [], [], {}, [], []

    def inwoner_ready() -> bool:
        start = app.screen("inwoner").ids.start
        return app.current == "inwoner" and start.width > 0 and start.text != ""

    def board_ready() -> bool:
        if app.current != "bord" or app.manager.current_screen is not app.screen("bord"):
            return False
        screen = app.screen("bord").board_screen
        board, tray, meting = screen.board, screen.tray, screen.live.meting
        return (
            board.width > SIZE[0] / 2
            and [row.key for row in board.layout.rows] == list(meting.gekozen)
            and board._structure[3] == tuple(board.size)
            and len(tray.cards) == len(meting.niet_gekozen)
            and tray._shown[2] == tuple(tray.size)
        )

    dossiers: list[str] = []
    for run in range(RUNS + 1):  # the first run (screens made on first use) is reported apart
        app.show_list()
        for _ in range(3):
            EventLoop.idle()
        rows = app.screen("inwoners").ids.rows.children
        if not dossiers:  # two inwoners with an unfinished meting, taken in turn: each visit a different board
            dossiers.extend(r.dossier for r in rows if app.repository.current_concept(r.inwoner.id) is not None)
            assert len(dossiers) >= 2, dossiers
        row = next(r for r in rows if r.dossier == dossiers[run % 2])
        row.parent.parent.scroll_to(row, animate=False)  # the list's ScrollView (not timed)
        for _ in range(3):
            EventLoop.idle()
        start, cpu = time.perf_counter(), time.process_time()
        _tap(row)
        first, middle, _cpu = _until(inwoner_ready)
        _tap(app.screen("inwoner").ids.start)
        second, end, cpu_end = _until(board_ready)
        times.append(end - start)
        cpu_times.append(cpu_end - cpu)
        split.append(middle - start)
        frames.append(first + second)
        widgets = {
            "inwoner": len(list(app.screen("inwoner").walk(restrict=True))),
            "bord": len(list(app.screen("bord").walk(restrict=True))),
        }
        app._end_visit()  # back to the professional's list (not timed)
    return {"times": times, "frames": frames, "widgets": widgets, "renderer": _renderer(), "split": split,
            "cpu": cpu_times}


def child_bare(counts: dict[str, int]) -> dict:
    _window()
    from kivy.base import EventLoop
    from kivy.core.window import Window
    from kivy.uix.button import Button
    from kivy.uix.floatlayout import FloatLayout
    from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager
    from kivy.uix.widget import Widget

    EventLoop.ensure_window()
    manager = ScreenManager(transition=NoTransition())
    home = Screen(name="list")
    manager.add_widget(home)
    Window.add_widget(manager)

    def switch(name: str, count: int) -> Button:
        if manager.has_screen(name):
            manager.remove_widget(manager.get_screen(name))
        screen = Screen(name=name)
        layout = FloatLayout()
        button = Button(size_hint=(0.2, 0.1), pos_hint={"x": 0.4, "y": 0.1})
        layout.add_widget(button)
        for i in range(max(0, count - 3)):  # the screen, its layout and the button count too
            layout.add_widget(Widget(size_hint=(0.05, 0.05), pos_hint={"x": (i % 20) / 20, "y": (i // 20) / 20}))
        screen.add_widget(layout)
        manager.add_widget(screen)
        manager.current = name
        return button

    times, frames, cpu_times = [], [], []
    holder: dict = {}
    for _ in range(RUNS + 1):
        holder.clear()
        manager.current = "list"
        home.clear_widgets()
        to_first = Button(size_hint=(0.2, 0.1), pos_hint={"x": 0.4, "y": 0.4})
        home.add_widget(to_first)
        to_first.bind(on_release=lambda _b: holder.update(next=switch("first", counts["inwoner"])))
        for _ in range(3):
            EventLoop.idle()
        start, cpu = time.perf_counter(), time.process_time()
        _tap(to_first)
        first, _middle, _cpu = _until(lambda: manager.current == "first" and holder["next"].width > 0)
        holder["next"].bind(on_release=lambda _b: holder.update(last=switch("second", counts["bord"])))
        _tap(holder["next"])
        second, end, cpu_end = _until(
            lambda: manager.current == "second" and "last" in holder and holder["last"].width > 0
        )
        times.append(end - start)
        cpu_times.append(cpu_end - cpu)
        frames.append(first + second)
    return {"times": times, "frames": frames, "renderer": _renderer(), "cpu": cpu_times}


def _renderer() -> str:
    from kivy.graphics.opengl import GL_RENDERER, glGetString

    return glGetString(GL_RENDERER).decode()


def _run(kind: str, folder: Path, counts: dict | None = None) -> dict:
    return run_child(__file__, [kind, str(folder), json.dumps(counts or {})], folder, {"GALLIUM_NOOP": "1"},
                     timeout=600)


@benchmark("P10", "tap on an inwoner in the list to the board's first complete frame (rasterization off)")
def bench_p10() -> list[Figure]:
    folder = Path(tempfile.mkdtemp(prefix="magneetbord-bench-switch-"))
    prepare(folder)
    app = _run("app", folder)
    bare = _run("bare", folder, app["widgets"])
    app_ms = median(app["times"][1:]) * 1e3
    bare_ms = median(bare["times"][1:]) * 1e3
    app_cpu, bare_cpu = median(app["cpu"][1:]) * 1e3, median(bare["cpu"][1:]) * 1e3
    widgets = app["widgets"]
    note = (
        f"two taps (list row, then 'Verder met de meting'), {RUNS} runs, median; renderer {app['renderer']}; "
        f"frames drawn: app {median(app['frames'][1:])}, bare {median(bare['frames'][1:])}; "
        f"first run (screens made on first use) {app['times'][0] * 1e3:.0f} ms; "
        f"baseline: bare ScreenManager switches to screens of {widgets['inwoner']} and {widgets['bord']} widgets"
    )
    return [
        Figure("P10", "tap in the list → board's first complete frame, in frames of 16.7 ms", app_ms / FRAME_MS,
               "frames", "≤ 3 frames and ≤ 1.5x", bare_ms / FRAME_MS, app_ms / bare_ms, note),
        Figure("P10.ms", "the same in milliseconds", app_ms, "ms", "", bare_ms, app_ms / bare_ms, ""),
        Figure("P10.cpu", "the same in CPU time of the process (less hit by other processes on a busy machine)",
               app_cpu, "ms", "", bare_cpu, app_cpu / bare_cpu, "process_time, same runs"),
    ]


def _child(kind: str, data: Path, counts: dict) -> dict:
    if kind == "bare":
        return child_bare(counts)
    if not os.environ.get("MB_PROFILE"):
        return child_app(data)
    import cProfile
    import pstats

    profile = cProfile.Profile()
    result = profile.runcall(child_app, data)
    pstats.Stats(profile, stream=sys.__stderr__).sort_stats("cumulative").print_stats(60)
    return result


if __name__ == "__main__":
    if len(sys.argv) == 4:
        os.environ["MAGNEETBORD_DATA_DIR"] = sys.argv[2]
        try:
            result = _child(sys.argv[1], Path(sys.argv[2]), json.loads(sys.argv[3]))
        except BaseException:
            import traceback

            traceback.print_exc(file=sys.__stderr__)
            raise
        print(json.dumps(result), flush=True)
