"""The tray of a new 0-meting (all 14 kaartjes in it) from 800x600 to 1920x1200 and portrait:
as many kaartjes a page as fit, each at least 48 dp high and its name at least MIN_TEXT,
inside the tray and clear of the buttons below it. An outside walk found 3 kaartjes a page at
800x600 ("Meer kaartjes 1/5") beside an empty half of the screen."""

from __future__ import annotations

from datetime import date

import pytest
from kivy.metrics import dp

from tests.kivy_helpers import app_with_inwoner, frames, make_app_fixture, tap, touch_down, window_fixture  # noqa: F401
from widgets.kaartje import MIN_CARD_FONT, name_font
from widgets.tray import MORE

# The kaartjes on the first page at least (with the "more" card where not all fit).
FIRST_PAGE = {(800, 600): 5, (1280, 800): 11, (1920, 1200): 14, (800, 1280): 9}


def _problems(bord: object, nav: list) -> list[str]:
    tray = bord.tray
    unit = dp(1) * tray.scale
    meting = bord.live.meting
    tx, ty = tray.to_window(tray.x, tray.y)
    found = []
    for card in tray.cards:
        x, y, w, h = card.rect
        wx, wy = tray.to_window(x, y)
        if h < dp(48) - 0.5:
            found.append(f"{card.key or 'meer'}: {h:.0f} px high")
        if wx < tx - 0.5 or wy < ty - 0.5 or wx + w > tx + tray.width + 0.5 or wy + h > ty + tray.height + 0.5:
            found.append(f"{card.key or 'meer'} outside the tray")
        for knop in nav:
            kx, ky = knop.to_window(knop.x, knop.y)
            if wx < kx + knop.width and kx < wx + w and wy < ky + knop.height and ky < wy + h:
                found.append(f"{card.key or 'meer'} under {knop.text!r}")
        if card.key != MORE:
            font = name_font(meting.leefgebieden[card.key].naam, w, h, unit)
            if font < round(MIN_CARD_FONT * unit):
                found.append(f"{card.key}: its name at {font} px")
    return found


@pytest.mark.parametrize("size", list(FIRST_PAGE), ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_tray_shows_as_many_readable_kaartjes_as_fit(make_app: object, window: object,
                                                         size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-BAKJE", today=lambda: date(2026, 11, 23))
    tap(app.screen("inwoner").ids.start)
    frames(2)
    bord = app.screen("bord").board_screen
    nav = [app.screen("bord").ids_nav[name] for name in ("professional", "doelen")]
    tray = bord.tray
    first = [c.key for c in tray.cards if c.key != MORE]
    assert len(first) >= FIRST_PAGE[size], f"{len(first)} kaartjes on the first page"
    seen, found = set(first), _problems(bord, nav)
    for _page in range(6):  # "Meer kaartjes" turns the pages, back to the first
        more = next((c for c in tray.cards if c.key == MORE), None)
        if more is None:
            break
        touch = touch_down(*tray.to_window(more.rect[0] + more.rect[2] / 2, more.rect[1] + more.rect[3] / 2))
        touch.touch_up()
        frames(2)
        seen |= {c.key for c in tray.cards if c.key != MORE}
        found += _problems(bord, nav)
    assert seen == set(app.live.meting.leefgebieden.keys)
    assert found == []
