"""Which touches move a fiche: only those that start on a fiche, on the bar's track or within
a finger's reach of them; never the second tap of a double tap on a dialog's button. Real
touches on the board screen, at a landscape and a portrait window size."""

from __future__ import annotations

import time

import pytest

from board import Perspectief
from board.geometry import FINGER
from tests.kivy_helpers import button, drag, frames, frames_until, show_fixture, tap, window_fixture  # noqa: F401
from tests.test_board_widget import board_with
from widgets.touch_guard import GUARD_SECONDS

SIZES = [(1280, 800), (800, 1280), (800, 600)]


@pytest.fixture(params=SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def sized(request: pytest.FixtureRequest, window: object, show: object) -> object:
    window.size = request.param
    frames(1)
    return show


def test_a_tap_on_the_row_far_from_bar_and_fiche_moves_nothing(sized: object) -> None:
    screen, session, recorder = sized(board_with("geld", "wonen", fiches={"geld": 0.75}))
    geld = screen.board.layout.row("geld")
    top = geld.rect[1] + geld.rect[3] - 3  # inside the row, between the smileys, above the bar
    drag([(geld.x_for(0.3), top)])
    frames(1)
    assert session.committed.positie("geld") == 0.75
    assert recorder.commits == []
    # Within a finger's reach of the bar it does move.
    drag([(geld.x_for(0.3), geld.track[1] + geld.track[3] + FINGER * 0.8)])
    assert session.committed.positie("geld") == pytest.approx(0.3, abs=1e-3)


def test_a_fiche_above_the_bar_is_picked_up_where_it_is(sized: object) -> None:
    meting = board_with("geld", "wonen").place_fiche("geld", Perspectief.PROFESSIONAL, 0.2)
    screen, session, _ = sized(meting)
    geld = screen.board.layout.row("geld")
    x, y = geld.fiche_center(0.2, Perspectief.PROFESSIONAL)
    drag([(x, y + 4), (geld.x_for(0.6), y + 4)])
    assert session.committed.positie("geld", Perspectief.PROFESSIONAL) == pytest.approx(0.6, abs=1e-3)


def test_a_second_tap_on_sluiten_after_the_prompts_closed_does_not_reach_the_board(sized: object) -> None:
    keys = ("zingeving", "geld", "wonen", "werk", "leren", "huishouden", "dagbesteding")
    screen, session, recorder = sized(board_with(*keys, fiches={key: 0.75 for key in keys}))
    view = screen.show_vragen("zingeving")
    frames(2)
    sluiten = button(view, "Sluiten")
    x, y = sluiten.to_window(*sluiten.center)
    row = screen.board.layout.row_at(y)  # over a bar (landscape), or over the tray (portrait)
    if row is not None:
        y = row.center_y + (2 if y > row.center_y else -2)  # on the bar, still on the button
    assert sluiten.collide_point(*sluiten.to_widget(x, y))
    drag([(x, y)])  # the first tap closes the dialog
    assert frames_until(lambda: view.parent is None)  # it fades out and is gone
    before = session.committed
    drag([(x, y)])  # the second tap of the double tap
    frames(1)
    assert session.committed == before and recorder.commits == []
    if row is None:
        return
    drag([(row.x_for(0.3), row.center_y)])  # a touch elsewhere on the board is a new one: it works
    assert session.committed.positie(row.key) == pytest.approx(0.3, abs=1e-3)
    time.sleep(GUARD_SECONDS)
    frames(1)
    drag([(x, y)])  # and a moment later, the same place works too
    assert session.committed.positie(row.key) == pytest.approx(min(1.0, max(0.0, row.positie_at(x))), abs=1e-3)


def test_two_fingers_on_two_bars_drag_at_once(sized: object) -> None:
    from tests.kivy_helpers import touch_down

    screen, session, _ = sized(board_with("geld", "wonen", fiches={"geld": 0.2, "wonen": 0.8}))
    geld, wonen = screen.board.layout.row("geld"), screen.board.layout.row("wonen")
    first = touch_down(geld.x_for(0.2), geld.center_y)
    second = touch_down(wonen.x_for(0.8), wonen.center_y)
    first.touch_move(geld.x_for(0.5), geld.center_y)
    second.touch_move(wonen.x_for(0.4), wonen.center_y)
    assert screen.board.fiche_center("geld")[0] == pytest.approx(geld.x_for(0.5))
    assert screen.board.fiche_center("wonen")[0] == pytest.approx(wonen.x_for(0.4))
    first.touch_up()
    second.touch_up()
    assert session.committed.positie("geld") == pytest.approx(0.5, abs=1e-3)
    assert session.committed.positie("wonen") == pytest.approx(0.4, abs=1e-3)
