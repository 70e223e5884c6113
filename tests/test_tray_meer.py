"""The tray's "Meer kaartjes" card stays at one spot on every page: a finger that taps the same
spot again turns page after page, back to the first. An outside walk found it at the 4th place
on a full page and at the 2nd on the last (800x600 and 1280x800): the same spot hit nothing."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import app_with_inwoner, frames, make_app_fixture, tap, touch_down, window_fixture  # noqa: F401
from widgets.tray import MORE

SIZES = [(800, 600), (1280, 800)]


@pytest.mark.parametrize("taal", ["nl", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_tapping_the_same_spot_turns_every_page_and_back_to_the_first(make_app: object, window: object,
                                                                      size: tuple[int, int], taal: str) -> None:
    window.size = size
    frames(1)
    app, inwoner = app_with_inwoner(make_app, "D-MEER", today=lambda: date(2026, 11, 23))
    app.repository.set_taal(inwoner.id, taal)
    app.show_inwoner(app.repository.get_inwoner(inwoner.id))
    tap(app.screen("inwoner").ids.start)
    frames(3)
    tray = app.screen("bord").board_screen.tray
    more = next(c for c in tray.cards if c.key == MORE)
    # The middle of "Meer kaartjes" on the first page, in the window: the finger's spot from now on.
    spot = tray.to_window(more.rect[0] + more.rect[2] / 2, more.rect[1] + more.rect[3] / 2)
    first = [c.key for c in tray.cards]
    pages, seen = [first], set(first)
    for _tap in range(8):
        touch = touch_down(*spot)
        frames(1)
        touch.touch_up()
        frames(2)
        shown = [c.key for c in tray.cards]
        if shown == first:
            break
        assert shown not in pages, f"tap {_tap + 1} on the spot did not turn the page: {shown}"
        pages.append(shown)
        seen |= set(shown)
    else:
        pytest.fail(f"the spot never led back to the first page: {pages}")
    assert len(pages) >= 2
    assert seen - {MORE} == set(app.live.meting.leefgebieden.keys)  # every kaartje met on the way
    assert app.live.meting.gekozen == ()  # the spot never took a kaartje onto the board


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_page_turned_to_stays_shown_while_kaartjes_are_taken(make_app: object, window: object,
                                                               size: tuple[int, int]) -> None:
    """Turned once round (1/3, 2/3, 3/3, 1/3) and then two kaartjes taken: the tray shows its first
    page, "1/2". The page count was never wrapped, so the tray jumped to page 2 of 2 under the
    inwoner's finger (an outside walk at 800x600)."""
    from kivy.metrics import dp

    from tests.kivy_helpers import moved_clock, run_clock
    from widgets.tray import CLOSE_UP_DELAY

    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-BLAD", today=lambda: date(2026, 11, 23))
    tap(app.screen("inwoner").ids.start)
    frames(3)
    tray = app.screen("bord").board_screen.tray
    tray.now = moved_clock()
    more = next(c for c in tray.cards if c.key == MORE)
    spot = tray.to_window(more.rect[0] + more.rect[2] / 2, more.rect[1] + more.rect[3] / 2)
    first = [c.key for c in tray.cards]
    for _turn in range(8):  # once round, back to the first page
        touch = touch_down(*spot)
        frames(1)
        touch.touch_up()
        frames(2)
        if [c.key for c in tray.cards] == first:
            break
    assert _turn >= 1 and [c.key for c in tray.cards] == first
    for taken in range(1, 9):  # kaartjes from the first page onto the board: pages go away
        card = next(c for c in tray.cards if c.key != MORE)
        touch_down(*tray.to_window(card.rect[0] + dp(4), card.rect[1] + dp(4))).touch_up()
        run_clock(CLOSE_UP_DELAY + 0.3, step=0.1)  # no finger on the tray: the cards close up
        shown = [c.key for c in tray.cards if c.key != MORE]
        assert shown[0] == app.live.meting.niet_gekozen[0], f"after {taken} taken the tray shows {shown}"
