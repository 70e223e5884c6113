"""A kaartje keeps its size while the inwoner takes the others onto the board: it grew as fewer
were left (a card 62 px high became 68, then 76 at 1280x800), so the tray changed under the
inwoner's eyes at every tap, and every card was drawn again at each new height (P10). Reached by
taps on the kaartjes, the clock ticking until the cards close up the gap."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import (  # noqa: F401
    app_with_inwoner,
    frames,
    make_app_fixture,
    run_clock,
    tap,
    touch_down,
    window_fixture,
)
from widgets.tray import CLOSE_UP_DELAY, MORE

SIZES = [(800, 600), (1280, 800), (1920, 1200)]


def _heights(tray: object) -> dict[str, float]:
    return {card.key: round(card.rect[3], 1) for card in tray.cards if card.key != MORE}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_kaartje_keeps_its_size_while_the_others_are_taken(make_app: object, window: object,
                                                             size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-MAAT", today=lambda: date(2026, 11, 23))
    tap(app.screen("inwoner").ids.start)
    frames(2)
    bord = app.screen("bord").board_screen
    tray = bord.tray
    first = _heights(tray)
    assert len(first) >= 4
    for taken in range(1, min(6, len(first) - 1) + 1):  # the page's first kaartje onto the board, again and again
        card = next(c for c in tray.cards if c.key != MORE)
        x, y, w, h = card.rect
        tap_at = tray.to_window(x + w / 2, y + h / 2)
        touch_down(*tap_at).touch_up()
        run_clock(CLOSE_UP_DELAY + 0.3, step=0.1)  # no finger on the tray: the cards close up
        assert len(app.live.meting.gekozen) == taken
        now = _heights(tray)
        changed = {key: (first[key], high) for key, high in now.items() if key in first and high != first[key]}
        assert changed == {}, f"after {taken} taken: {changed}"
