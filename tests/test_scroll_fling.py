"""A list flicked with a finger on a slow tablet glides on the way it was pushed and comes to
rest inside its content. On a loaded machine the compared boards of the history were thrown
~200000 px away after a drag (test_geschiedenis_sizes failed, now and then): Kivy stamps touch
moves when it handles them, so the moves of a busy frame come microseconds apart and the fling
is a million px/s; and a frame longer than ~0.6 s turned Kivy's friction round and threw the
list the other way. Both are made here on purpose, on the app's own lists, the clock ticking:
the moves of a drag handled in one frame, one frame of 0.9 s after the finger lifts."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import frames, make_app_fixture, moved_clock, time_ahead, window_fixture  # noqa: F401
from tests.screen_helpers import unlocked_app
from tests.test_geschiedenis_sizes import _thirteen

FRAME = 1 / 60


def _frame(seconds: float = FRAME) -> None:
    """One frame of the app that took ``seconds`` (the clock moved, not waited for)."""
    from kivy.base import EventLoop

    time_ahead()[0] += seconds
    EventLoop.idle()


def _content(scroll: object) -> tuple[float, float, float, float]:
    """Where the list's content is on the window (bottom, top) and the list's window (bottom, top)."""
    content = scroll.children[0]
    _x, bottom = content.to_window(content.x, content.y)
    _sx, view = scroll.to_window(scroll.x, scroll.y)
    return bottom, bottom + content.height, view, view + scroll.height


def _flick(scroll: object, *, one_frame: bool, slow: float,
           frame: float = FRAME) -> list[tuple[float, float, float, float]]:
    """A finger pushes the list up by 9 moves of 30 px and lifts: the moves each in a frame of
    their own (1800 px/s) or all handled in one frame (a busy tablet); then one frame of
    ``slow`` seconds, then frames of ``frame`` seconds until the list has been still for 30 frames.
    Where the content was at lift-off and after every frame since."""
    from kivy.tests.common import UnitTestTouch

    _bottom, _top, view, _view_top = _content(scroll)
    x = scroll.to_window(scroll.center_x, 0)[0]
    touch = UnitTestTouch(x, view + 20)
    touch.touch_down()
    for move in range(1, 10):
        if not one_frame:
            _frame(frame)
        touch.touch_move(x, view + 20 + 30 * move)
    touch.touch_up()
    seen = [_content(scroll)]
    _frame(slow)
    seen.append(_content(scroll))
    still = 0
    for _ in range(int(6 / frame)):  # six seconds at most: a fling is over long before
        _frame(frame)
        seen.append(_content(scroll))
        still = still + 1 if abs(seen[-1][0] - seen[-2][0]) < 0.01 else 0
        if still >= 30:
            break
    return seen


def _check(scroll: object, seen: list[tuple[float, float, float, float]]) -> None:
    """The list glides on upwards and bounces at its end at most a quarter of itself; it never
    turns round and is never thrown out of sight; it comes to rest with the window full."""
    lifted = seen[0][0]
    for bottom, top, view, view_top in seen:
        reach = (view_top - view) / 4
        assert bottom >= lifted - 0.5, (bottom, lifted)  # never back against the push
        assert top >= view_top - reach and bottom <= view + reach, (bottom, top, view, view_top)
    bottom, top, view, view_top = seen[-1]
    assert top >= view_top - 0.5 and bottom <= view + 0.5, seen[-1]  # at rest: nothing empty
    assert bottom > seen[0][0] + 1, (seen[0], seen[-1])  # and it glided on after the lift-off


@pytest.fixture(name="stamps")
def stamps_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """Touch moves stamped by a clock that moves with the frames only (as Kivy stamps them:
    when it handles them), so that the moves of one frame are stamped alike."""
    clock = moved_clock()
    monkeypatch.setattr("kivy.effects.kinetic.time", clock)
    monkeypatch.setattr("kivy.effects.scroll.time", clock)


@pytest.mark.parametrize(("one_frame", "slow"), [(True, FRAME), (False, 0.9), (True, 0.9)],
                         ids=["moves-in-one-frame", "slow-frame-after-lift-off", "both"])
def test_the_compared_boards_glide_on_and_come_to_rest_after_a_flick(
        make_app: object, window: object, stamps: None, one_frame: bool, slow: float) -> None:
    window.size = (800, 600)
    frames(1)
    app = _thirteen(make_app)
    screen = app.screen("geschiedenis")
    assert screen.stacked
    scroll = screen.ids.boards_scroll
    frames(2)
    _check(scroll, _flick(scroll, one_frame=one_frame, slow=slow))


@pytest.mark.parametrize("frame", [FRAME, 0.02, 0.05], ids=["60fps", "50fps", "20fps"])
def test_a_hard_flick_bounces_at_the_end_no_further_at_any_frame_rate(
        make_app: object, window: object, stamps: None, frame: float) -> None:
    """The fastest fling (moves handled in one frame) reaches the end of the compared boards at
    speed: Kivy's bounce, whose spring acts per frame, ran 101 px (60 fps), 110 px (50 fps)
    and 107 px (20 fps) past the end of a 390 px window; a CI run saw it. Now at most a fifth."""
    window.size = (800, 600)
    frames(1)
    app = _thirteen(make_app)
    scroll = app.screen("geschiedenis").ids.boards_scroll
    frames(2)
    seen = _flick(scroll, one_frame=True, slow=frame, frame=frame)
    _check(scroll, seen)
    furthest = max(bottom - view for bottom, _top, view, _view_top in seen)
    window_height = seen[0][3] - seen[0][2]
    assert 0 < furthest <= window_height / 5 + 1, (furthest, window_height)


def test_the_list_of_inwoners_glides_on_and_comes_to_rest_after_a_flick_on_a_busy_tablet(
        make_app: object, window: object, stamps: None) -> None:
    window.size = (800, 600)
    frames(1)
    app = unlocked_app(make_app, aantal=30, today=lambda: date(2026, 11, 23))
    assert app.current == "inwoners"
    scroll = app.screen("inwoners").ids.rows.parent
    frames(2)
    bottom, top, view, view_top = _content(scroll)
    assert top - bottom > 2 * (view_top - view)  # a list longer than the window
    _check(scroll, _flick(scroll, one_frame=True, slow=0.9))
    assert app.current == "inwoners"  # a flick, not a tap on a row
