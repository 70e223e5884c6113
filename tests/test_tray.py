"""The tray of kaartjes: choose by tapping or dragging, long-press for the prompts."""

from __future__ import annotations

import time
from datetime import date

import pytest

from board import Meting
from board.geometry_tray import MORE, card_rects, page_name_font
from tests.kivy_helpers import frames, show_fixture, touch_down, window_fixture  # noqa: F401


def nulmeting(*keys: str) -> Meting:
    meting = Meting.nulmeting("test", date(2026, 3, 1))
    for key in keys:
        meting = meting.choose(key)
    return meting


def card(screen: object, key: str) -> tuple[float, float]:
    rect = next(c.rect for c in screen.tray.cards if c.key == key)
    return screen.tray.to_window(rect[0] + rect[2] / 2, rect[1] + rect[3] / 2)


def test_the_tray_holds_every_leefgebied_not_on_the_board(show: object) -> None:
    screen, _, _ = show(nulmeting("geld"))
    keys = [c.key for c in screen.tray.cards]
    assert keys == list(screen.live.meting.leefgebieden.keys[:2]) + list(screen.live.meting.leefgebieden.keys[3:])
    assert len(keys) == 13 and "geld" not in keys


def test_tapping_a_card_puts_it_at_the_bottom_of_the_board(show: object) -> None:
    screen, session, recorder = show(nulmeting("geld"))
    touch = touch_down(*card(screen, "zingeving"))
    touch.touch_up()
    assert session.committed.gekozen == ("geld", "zingeving")
    assert len(recorder.commits) == 1
    assert "zingeving" not in [c.key for c in screen.tray.cards]
    assert screen.board.layout.row("zingeving") is not None


def test_dragging_a_card_onto_the_board_puts_it_where_it_is_dropped(show: object) -> None:
    screen, session, recorder = show(nulmeting("geld", "wonen"))
    start = card(screen, "werk")
    geld = screen.board.layout.row("geld")
    touch = touch_down(*start)
    touch.touch_move(start[0] - 100, start[1])  # still over the tray: a card under the finger
    assert len(screen.tray.canvas.after.children) > 0
    touch.touch_move(geld.x_for(0.5), geld.center_y)
    # Over the board the card is already a bar, at the top; nothing saved yet.
    assert screen.board.layout.rows[0].key == "werk"
    assert recorder.commits == []
    touch.touch_up()
    assert session.committed.gekozen == ("werk", "geld", "wonen")
    assert len(recorder.commits) == 1
    assert len(screen.tray.canvas.after.children) == 0


def test_a_card_dragged_back_off_the_board_is_not_chosen(show: object) -> None:
    screen, session, recorder = show(nulmeting("geld"))
    start = card(screen, "werk")
    geld = screen.board.layout.row("geld")
    touch = touch_down(*start)
    touch.touch_move(geld.x_for(0.5), geld.center_y)
    touch.touch_move(*start)
    touch.touch_up()
    assert session.committed.gekozen == ("geld",)
    assert recorder.commits == []
    assert "werk" in [c.key for c in screen.tray.cards]


def test_long_press_on_a_card_shows_its_conversation_prompts(show: object, window: object) -> None:
    from widgets.board_screen import VragenView

    screen, session, recorder = show(nulmeting())
    screen.tray.long_press = 0.05
    touch = touch_down(*card(screen, "geld"))
    time.sleep(0.1)
    frames(2)
    views = [w for w in window.children if isinstance(w, VragenView)]
    assert len(views) == 1
    assert views[0].naam == "Geld"
    assert "Kun je rondkomen van wat je hebt?" in views[0].ids.vragen.text
    touch.touch_up()
    assert session.committed.gekozen == ()  # a long press does not choose the card
    assert recorder.commits == []
    views[0].dismiss(animation=False)


@pytest.mark.parametrize("size", [(360, 450), (300, 450), (360, 300)])
def test_cards_are_at_least_48_dp_high_and_do_not_overlap(size: tuple[int, int]) -> None:
    rects = card_rects((0, 0, *size), 14, 1.0)
    assert all(h >= 48 for _, _, _, h in rects)
    for i, a in enumerate(rects):
        for b in rects[i + 1 :]:
            overlap_x = min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0])
            overlap_y = min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1])
            assert overlap_x <= 0 or overlap_y <= 0


def test_a_page_has_one_name_size_the_smallest_names_biggest_never_below_the_least() -> None:
    own = {"leren": 17, "huishouden": 15, "geld": 17, MORE: 9}  # MORE's text is not a name
    assert page_name_font(["leren", "huishouden", "geld", MORE], own.__getitem__, 14) == 15
    assert page_name_font(["leren", "geld"], own.__getitem__, 14) == 17
    assert page_name_font(["leren", "huishouden"], {"leren": 17, "huishouden": 11}.__getitem__, 14) == 14
    assert page_name_font([MORE], own.__getitem__, 14) == 14
