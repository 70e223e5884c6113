"""A synchronous Kivy window for widget tests, and real touches on it.

Import the fixtures into a test module (``from tests.kivy_helpers import show_fixture``);
tests then ask for ``window`` or ``show``.
The offscreen GL surface keeps the size it was created with, so tests read what is drawn
from canvas instructions (or from an Fbo export), not from the window's pixels.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import pytest

from board import BoardSession, Meting


def frames(count: int = 2) -> None:
    from kivy.base import EventLoop

    for _ in range(count):
        EventLoop.idle()


def touch_down(x: float, y: float) -> object:
    from kivy.tests.common import UnitTestTouch

    touch = UnitTestTouch(x, y)
    touch.touch_down()
    return touch


def drag(points: Sequence[tuple[float, float]]) -> None:
    """One finger: down at the first point, through the others, up at the last."""
    touch = touch_down(*points[0])
    for x, y in points[1:]:
        touch.touch_move(x, y)
    touch.touch_up()


def tap(widget: object) -> None:
    x, y = widget.to_window(*widget.center)
    drag([(x, y)])


class Recorder:
    """An on_commit that records (before, after): what storage would save."""

    def __init__(self) -> None:
        self.commits: list[tuple[Meting, Meting]] = []

    def __call__(self, before: Meting, after: Meting) -> None:
        self.commits.append((before, after))


@pytest.fixture(name="window")
def window_fixture() -> Iterator[object]:
    from kivy.base import EventLoop

    EventLoop.ensure_window()
    from kivy.core.window import Window

    Window.size = (1280, 800)
    frames(1)
    yield Window
    for child in list(Window.children):
        Window.remove_widget(child)
    frames(1)


@pytest.fixture(name="show")
def show_fixture(window: object) -> Iterator[object]:
    """``show(meting)`` puts a board screen for that meting on the window and returns
    (screen, session, recorder)."""
    from widgets.board_screen import build_board_screen

    def _show(meting: Meting) -> tuple[object, BoardSession, Recorder]:
        recorder = Recorder()
        session = BoardSession(meting, on_commit=recorder)
        screen = build_board_screen(session)
        window.add_widget(screen)
        frames(2)
        return screen, session, recorder

    yield _show
