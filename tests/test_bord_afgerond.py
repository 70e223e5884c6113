"""A finished (afgeronde) meting's board looks and reads finished: no perspectief switch, undo,
hint or tray of kaartjes, no reorder handles; a line that says it is afgerond, with its date; a
drag on a fiche moves nothing and the toast tells the inwoner, in their language, that the
professional can begin a vervolgmeting (not "Begin een vervolgmeting", which only the
professional can). What a finished board still offers stays: Doelen, Naar professional, the
language, its prompts. An outside walk found the board after afronden looking editable. By
touches at 800x600 and 1280x800, from afronden back to the board as the user goes."""

from __future__ import annotations

import re
from datetime import date

import pytest
from kivy.metrics import dp

from board import Perspectief
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    choose_taal,
    close_modals,
    frames,
    make_app_fixture,
    run_clock,
    tap,
    touch_down,
    type_pin,
    window_fixture,
)
from tests.screen_helpers import back_to_finished_board, start_visit, unlocked_app

TODAY = date(2026, 3, 2)
SIZES = [(800, 600), (1280, 800)]
# What the board said on the inwoner's screen in the language (and no Dutch or English in it).
SCRIPT = {"nl": r"[A-Za-z]", "uk": r"[\u0400-\u04FF]"}


def _texts(widget: object) -> list[str]:
    """Every text shown on screen in ``widget``'s tree (labels and buttons in the window)."""
    return [w.text for w in widget.walk() if getattr(w, "text", "") and w.get_root_window() is not None
            and w.opacity > 0]


def _finished_board(make_app: object, window: object, size: tuple[int, int], taal: str) -> tuple[object, object]:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    start_visit(app)
    if taal != "nl":
        choose_taal(app, taal)  # the language button on the board, as the inwoner does
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.3))
    frames(2)
    return app, back_to_finished_board(app)  # as the walk went


@pytest.mark.parametrize("taal", ["nl", "uk"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_finished_board_reads_finished_and_a_drag_says_who_can_go_on(
        make_app: object, window: object, size: tuple[int, int], taal: str) -> None:
    app, bord = _finished_board(make_app, window, size, taal)
    tr = app.inwoner_tr()
    before = app.live.meting

    # Nothing in the side panel invites a change.
    on_screen = [w for w in bord.walk() if w.get_root_window() is not None]
    kinds = {type(w).__name__ for w in on_screen}
    assert not kinds & {"PerspectiefKnop", "Tray"}, kinds & {"PerspectiefKnop", "Tray"}
    shown = _texts(bord)
    for invite in ("Wiens fiche?", "Stap terug", "Opnieuw", "Kaartjes",
                   "Tik op een kaartje of sleep het naar het bord. Lang drukken: vragen."):
        said = tr.pgettext("inwoner", invite)
        assert not any(said in text for text in shown), f"{said!r} on a finished board"
    rows = bord.board.layout.rows
    assert all(row.handle is None for row in rows)  # no reorder handles
    assert all(row.pictogram is not None for row in rows)  # the pictograms stay, as on a live board

    # It says it is afgerond, with the day it was (afronden's clock), in the inwoner's language.
    datum = tr.datum(before.afgerond_op.date())
    lines = [text for text in shown if datum in text]
    assert lines, f"no line with {datum!r}: {shown}"
    assert re.search(SCRIPT[taal], lines[0]) and (taal == "nl" or not re.search(r"[A-Za-z]", lines[0]))
    if taal == "nl":
        assert "afgerond" in lines[0]

    # What a finished board still offers: the way on, the professional, the language, all in sight.
    nav = app.screen("bord").ids_nav
    for name in ("doelen", "professional", "taal"):
        knop = nav[name]
        x, y = knop.to_window(knop.x, knop.y)
        assert knop.height >= dp(48) - 0.5 and x >= 0 and x + knop.width <= window.width + 0.5
        assert y >= 0 and y + knop.height <= window.height + 0.5 and not knop.disabled

    # A drag on the fiche moves nothing, and the toast is addressed to the inwoner.
    board = bord.board
    row = board.layout.row("geld")
    start = board.to_window(*row.fiche_center(0.3, Perspectief.INWONER))
    touch = touch_down(*start)
    for step in range(1, 6):
        touch.touch_move(start[0] + step * 30, start[1])
        frames(1)
    touch.touch_up()
    frames(2)
    assert app.live.meting == before
    toast = bord.ids.toast
    assert toast.opacity > 0 and bord.message
    assert "professional" in bord.message if taal == "nl" else not re.search(r"[A-Za-z]", bord.message)
    assert "Begin een vervolgmeting" not in bord.message
    assert bord.message != tr.gettext(
        "Deze meting is afgerond en kan niet meer worden veranderd. Begin een vervolgmeting om verder te gaan.")

    # Its prompts too: a long press on a bar's name (the clock running past it).
    x, y, w, h = row.name
    touch = touch_down(*board.to_window(x + w / 2, y + h / 2))
    run_clock(1.0, step=0.1)
    touch.touch_up()
    frames(2)
    views = [v for v in window.children if type(v).__name__ == "VragenView"]
    assert len(views) == 1 and views[0].naam == before.leefgebieden["geld"].naam_in(tr.code)
    close_modals(window)

    # Doelen still leads on.
    tap(nav["doelen"])
    frames(2)
    assert app.current == "doelen"


    # The finished board's panel goes with it: the next inwoner's concept, on the same screen
    # (kept between visits), has the switch, undo, the hint and the tray again.
    tap(app.screen("doelen").ids.professional)  # "Naar professional": the PIN, then the inwoner's page
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoner"
    start_visit(app, dossier="D-2026-901")
    frames(3)
    assert app.screen("bord").board_screen is bord and not app.live.meting.afgerond
    kinds = {type(w).__name__ for w in bord.walk() if w.get_root_window() is not None}
    assert {"PerspectiefKnop", "Tray"} <= kinds
    assert bord.ids.undo.get_root_window() is not None and bord.ids.kaartjes_uitleg.get_root_window() is not None
    shown = _texts(bord)
    assert not any(datum in text for text in shown)
    assert any(app.inwoner_tr().pgettext("inwoner", "Wiens fiche?") in text for text in shown)
