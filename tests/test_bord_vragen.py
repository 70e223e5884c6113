"""A long press on a bar's name on the board shows the leefgebied's prompts, as a long press on
its kaartje in the tray does; a long press that starts on the fiche stays a drag. With every
kaartje on the board the hint says what a long press still does (on a name), not "tap a
kaartje". An outside walk found a long press on a bar's name doing nothing, and the hint
"Lang drukken: vragen" under an empty tray. Real touches, the clock running past the long press
(moved, not waited for: ``run_clock``), at 800x600 and 1280x800."""

from __future__ import annotations

from datetime import date

import pytest

from board import Perspectief
from tests.kivy_helpers import (  # noqa: F401
    app_with_inwoner,
    close_modals,
    frames,
    make_app_fixture,
    page_to,
    run_clock,
    tap,
    touch_down,
    window_fixture,
)

SIZES = [(800, 600), (1280, 800)]


def _board(make_app: object, window: object, size: tuple[int, int]) -> tuple[object, object]:
    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-LANG", today=lambda: date(2026, 11, 23))
    tap(app.screen("inwoner").ids.start)
    frames(3)
    return app, app.screen("bord").board_screen


def _tap_kaartje(bord: object, key: str) -> None:
    """Turn the tray's pages until ``key``'s kaartje shows and tap it onto the board."""
    tray = bord.tray
    card = page_to(tray, key)
    touch_down(*tray.to_window(card.rect[0] + card.rect[2] / 2, card.rect[1] + card.rect[3] / 2)).touch_up()
    run_clock(0.5, step=0.25)  # the cards close up


def _dialogs(window: object) -> list:
    from widgets.board_screen import VragenView

    return [w for w in window.children if isinstance(w, VragenView)]


def _hold(window_pos: tuple[float, float], seconds: float = 1.0, to: tuple[float, float] | None = None) -> None:
    """A finger held still at ``window_pos`` while the clock runs ``seconds``, then (moved to
    ``to``) lifted."""
    touch = touch_down(*window_pos)
    run_clock(seconds, step=0.1)
    if to is not None:
        touch.touch_move(*to)
        frames(1)
    touch.touch_up()
    frames(2)


def _name_spot(bord: object, key: str) -> tuple[float, float]:
    board = bord.board
    x, y, w, h = board.layout.row(key).name
    return board.to_window(x + w / 2, y + h / 2)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_long_press_on_a_bars_name_shows_its_prompts_and_on_the_fiche_it_drags(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    app, bord = _board(make_app, window, size)
    for key in ("geld", "wonen"):
        _tap_kaartje(bord, key)
    before = app.live.meting
    assert before.gekozen == ("geld", "wonen")

    touch = touch_down(*_name_spot(bord, "wonen"))
    run_clock(0.3, step=0.1)  # half a long press: nothing yet
    assert _dialogs(window) == []
    run_clock(0.6, step=0.1)
    assert len(_dialogs(window)) == 1, "no prompts after a long press on the bar's name"
    touch.touch_up()
    frames(2)
    view = _dialogs(window)[0]
    wonen = before.leefgebieden["wonen"]
    assert view.naam == wonen.naam and view.vragen == list(wonen.vragen_in("nl"))
    assert app.live.meting == before  # nothing on the board moved, nothing saved as a change
    close_modals(window)

    # A short tap on the name is no long press.
    _hold(_name_spot(bord, "geld"), seconds=0.2)
    assert _dialogs(window) == []

    # A long press that starts on the fiche stays a drag: the fiche goes where the finger goes.
    board = bord.board
    row = board.layout.row("geld")
    start = board.to_window(*row.fiche_center(0.5, Perspectief.INWONER))
    _hold(start, seconds=0.2)  # a tap on the bar puts the inwoner's fiche there
    placed = app.live.meting.positie("geld")
    assert placed is not None and abs(placed - 0.5) < 0.02
    end = board.to_window(row.x_for(0.85), row.center_y)
    _hold(start, seconds=1.0, to=end)
    assert _dialogs(window) == []
    assert abs(app.live.meting.positie("geld") - 0.85) < 0.02


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_with_every_kaartje_on_the_board_the_hint_says_the_long_press_on_a_name(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    app, bord = _board(make_app, window, size)
    hint = bord.ids.kaartjes_uitleg
    assert "kaartje" in hint.text and "Lang drukken" in hint.text  # kaartjes in the tray: they are meant
    for key in app.live.meting.leefgebieden.keys:
        _tap_kaartje(bord, key)
    assert app.live.meting.niet_gekozen == () and [c for c in bord.tray.cards] == []
    assert hint.parent is not None and hint.get_root_window() is not None  # still on screen
    assert "kaartje" not in hint.text.lower(), f"the hint speaks of kaartjes under an empty tray: {hint.text!r}"
    assert "Lang drukken" in hint.text

    # And what it says works: a long press on a name (the top bar in sight) shows that bar's prompts.
    board = bord.board
    shown = next(r for r in board.layout.rows if r.rect[1] >= board.y and r.rect[1] + r.rect[3] <= board.top)
    _hold(_name_spot(bord, shown.key))
    views = _dialogs(window)
    assert len(views) == 1 and views[0].naam == app.live.meting.leefgebieden[shown.key].naam
