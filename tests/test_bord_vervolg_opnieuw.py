"""A vervolgmeting's board and a finished board, as an outside walk (Xvfb, mouse) found them.

A vervolgmeting draws last time's fiches faintly; they look like fiches, and only afronden said
that every bar needs the inwoner's fiche again. Now the side panel says so, in the inwoner's
language, while a bar with a light fiche has none of the inwoner's (no longer once each has one,
placed by a finger, nor for a new bar tapped onto the board, which has no light fiche). The
finished board's title "Meting afgerond" wrapped onto two lines beside the language button at
800x600: it stays on one line. Its date line is the meting's own afgerond day as stored, on
the app's day (``today``, moved here), not the machine's. By touches at 800x600 and 1280x800,
in Dutch and in Arabic (right to left)."""

from __future__ import annotations

from datetime import date

import pytest
from kivy.metrics import dp

from board import Perspectief
from board.passen import MIN_TEXT
from tests.kivy_helpers import (  # noqa: F401
    choose_taal,
    drag,
    frames,
    make_app_fixture,
    tap,
    window_fixture,
)
from tests.screen_helpers import (
    back_to_finished_board,
    open_inwoner,
    start_visit,
    unlocked_app,
    with_afgeronde_nulmeting,
)
from widgets.tray import MORE

TODAY = date(2026, 3, 2)  # the app's day: not the machine's
SIZES = [(800, 600), (1280, 800)]
HINT = "De lichte fiches zijn van de vorige keer. Zet op elke balk opnieuw je eigen fiche."


def _in_sight(label: object, window: object) -> bool:
    """Shown in the window, whole: on screen, not transparent, its text not cut by its height."""
    if label.get_root_window() is None or label.opacity < 1:
        return False
    x, y = label.to_window(label.x, label.y)
    return (x >= -0.5 and y >= -0.5 and x + label.width <= window.width + 0.5
            and y + label.height <= window.height + 0.5 and label.texture_size[1] <= label.height + 1)


def _app(make_app: object, window: object, size: tuple[int, int]) -> object:
    window.size = size
    frames(1)
    return unlocked_app(make_app, aantal=0, today=lambda: TODAY)


def _shown(bord: object, text: str) -> list[object]:
    return [w for w in bord.walk() if text and text in str(getattr(w, "text", ""))]


@pytest.mark.parametrize("taal", ["nl", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_vervolgmeting_says_to_place_each_fiche_again_until_each_bar_has_one(
        make_app: object, window: object, size: tuple[int, int], taal: str) -> None:
    app = _app(make_app, window, size)
    with_afgeronde_nulmeting(app, "T-VERVOLG")  # Geld, the inwoner's fiche at 0.3, afgerond
    screen = open_inwoner(app, "T-VERVOLG")
    tap(screen.ids.start)  # the vervolgmeting, as the professional begins it
    frames(3)
    assert app.current == "bord" and app.live.meting.vorige is not None
    if taal != "nl":
        choose_taal(app, taal)
    tr = app.inwoner_tr()
    bord = app.screen("bord").board_screen
    hint = tr.pgettext("inwoner", HINT)
    assert taal == "nl" or hint != HINT  # translated, not the Dutch
    labels = _shown(bord, hint if not tr.rtl else "")
    if tr.rtl:  # shaped and ordered for the screen: found by the row, its words read back
        labels = [bord.ids.opnieuw_uitleg] if bord.ids.opnieuw_uitleg.get_root_window() else []
    assert labels and _in_sight(labels[0], window), f"no hint in sight at {size} in {taal}"
    assert labels[0].font_size >= dp(MIN_TEXT) - 0.01
    # The hint leaves the tray room: at 800x600 it and the tray's own hint left one kaartje a page.
    assert len([c for c in bord.tray.cards if c.key != MORE]) >= 3

    # The inwoner's finger puts the fiche on Geld again (from the sad end along the bar).
    board = bord.board
    row = board.layout.row("geld")
    y = row.track[1] + row.track[3] / 2
    drag([board.to_window(row.x_for(0.7), y), board.to_window(row.x_for(0.8), y)])
    frames(3)
    assert app.live.meting.positie("geld") is not None, "the finger placed no fiche"
    assert bord.ids.opnieuw_uitleg.get_root_window() is None  # said no more: each bar has its fiche
    assert not _shown(bord, hint)

    # A new bar (a kaartje tapped onto the board) has no light fiche: nothing to place "again",
    # so the hint stays away though that bar has no fiche yet (it came back: outside walk).
    tray = bord.tray
    card = tray.cards[0]
    tap_at = tray.to_window(card.rect[0] + card.rect[2] / 2, card.rect[1] + card.rect[3] / 2)
    drag([tap_at])
    frames(3)
    meting = app.live.meting
    assert len(meting.gekozen) == 2 and meting.zonder_fiche == (card.key,)
    assert meting.vorige_positie(card.key) is None  # a new bar: no ghost on it
    assert bord.ids.opnieuw_uitleg.get_root_window() is None, "the hint came back for a new bar"
    assert not _shown(bord, hint)


def _cut_lines(label: object) -> int:
    """How many lines Kivy laid the label's text out in (what it draws)."""
    return len(label._label._cached_lines)


@pytest.mark.parametrize("taal", ["nl", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_finished_boards_title_is_one_line_and_its_date_the_stored_day(
        make_app: object, window: object, size: tuple[int, int], taal: str) -> None:
    app = _app(make_app, window, size)
    inwoner = start_visit(app)
    if taal != "nl":
        choose_taal(app, taal)
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", Perspectief.INWONER, 0.3))
    frames(2)
    bord = back_to_finished_board(app)
    frames(3)
    tr = app.inwoner_tr()

    titel = bord.ids.titel
    assert tr.pgettext("inwoner", "Meting afgerond") in titel.text or tr.rtl
    assert _cut_lines(titel) == 1, f"the title in {_cut_lines(titel)} lines: {titel.text!r}"
    assert titel.font_size >= dp(MIN_TEXT) - 0.01 and titel.texture_size[0] <= titel.width + 1
    taal_knop = app.screen("bord").ids_nav["taal"]
    tx = titel.to_window(titel.x, titel.y)[0]
    kx = taal_knop.to_window(taal_knop.x, taal_knop.y)[0]
    assert tx + titel.width <= kx + 0.5 or kx + taal_knop.width <= tx + 0.5  # beside the button, not under it

    # The date line: the day afronden stored (the app's day), in the inwoner's language.
    stored = app.repository.history(inwoner.id)[-1]
    assert stored.afgerond and stored.afgerond_op.date() == TODAY
    uitleg = bord.ids.afgerond_uitleg
    datum = tr.datum(TODAY)
    assert datum in uitleg.text or (tr.rtl and uitleg.text), uitleg.text
    if not tr.rtl:
        assert datum in uitleg.text
    else:  # shaped for the screen: the words of the date, each shown
        assert all(word in uitleg.text for word in datum.split() if word.isdigit())
