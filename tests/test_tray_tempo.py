"""Two quick taps on two kaartjes, the clock ticking, at three window sizes: both leefgebieden the
finger aimed at reach the board. A new user saw the cards close up at once after a tap, so a
second tap 150 ms later picked the card that had moved under the finger. The gap stays until no
finger has touched the tray for a short moment; then the cards close up."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import (  # noqa: F401
    app_with_inwoner,
    drag,
    frames,
    make_app_fixture,
    moved_clock,
    run_clock,
    tap,
    window_fixture,
)
from widgets.tray import CLOSE_UP_DELAY, MORE

SIZES = [(800, 600), (1280, 800), (800, 1280)]


def _board(make_app: object, window: object, size: tuple[int, int]) -> tuple[object, object]:
    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-TEMPO", today=lambda: date(2026, 11, 23))
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord"
    frames(2)
    tray = app.screen("bord").board_screen.tray
    tray.now = moved_clock()  # the moment waited for is moved time: a slow frame on a busy machine is no wait
    return app, tray


def _centre(tray: object, rect: tuple) -> tuple[float, float]:
    x, y, w, h = rect
    return tray.to_window(x + w / 2, y + h / 2)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_two_taps_150_ms_apart_take_the_two_kaartjes_aimed_at(make_app: object, window: object,
                                                              size: tuple[int, int]) -> None:
    app, tray = _board(make_app, window, size)
    cards = [c for c in tray.cards if c.key != MORE]
    first, second, third = cards[0], cards[1], cards[2]
    drag([_centre(tray, first.rect)])
    run_clock(0.15, step=0.05)  # the finger comes down again 150 ms later, the clock ticking
    drag([_centre(tray, second.rect)])
    run_clock(0.05, step=0.05)
    assert app.live.session.committed.gekozen == (first.key, second.key)
    # Still within the moment: a third tap where the first card was lands in its gap: nothing.
    drag([_centre(tray, first.rect)])
    run_clock(0.05, step=0.05)
    assert app.live.session.committed.gekozen == (first.key, second.key)
    assert next(c.key for c in tray.cards if c.key != MORE) == third.key
    assert next(c for c in tray.cards if c.key == third.key).rect == third.rect  # not moved yet
    run_clock(CLOSE_UP_DELAY + 0.3, step=0.1)  # no finger for a moment: the cards close up
    assert next(c for c in tray.cards if c.key == third.key).rect == first.rect
    drag([_centre(tray, first.rect)])  # where the first card was now holds the third
    run_clock(0.05, step=0.05)
    assert app.live.session.committed.gekozen == (first.key, second.key, third.key)
    assert app.repository.get_meting(app.live.session.committed.id).gekozen == (first.key, second.key, third.key)


def test_a_finger_resting_on_the_tray_keeps_the_gap_until_it_is_lifted(make_app: object, window: object) -> None:
    from tests.kivy_helpers import touch_down

    app, tray = _board(make_app, window, (1280, 800))
    cards = [c for c in tray.cards if c.key != MORE]
    tray.long_press = 60  # the finger rests without opening the prompts
    drag([_centre(tray, cards[0].rect)])
    touch = touch_down(*_centre(tray, cards[1].rect))  # the next finger comes and stays
    run_clock(CLOSE_UP_DELAY + 0.5, step=0.1)
    assert next(c for c in tray.cards if c.key == cards[1].key).rect == cards[1].rect
    touch.touch_up()
    run_clock(CLOSE_UP_DELAY + 0.3, step=0.1)
    assert app.live.session.committed.gekozen == (cards[0].key, cards[1].key)
    assert next(c for c in tray.cards if c.key == cards[2].key).rect == cards[0].rect
