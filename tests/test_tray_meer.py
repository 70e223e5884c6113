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
