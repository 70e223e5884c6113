"""Doelen from the previous meting, by touches at 1280x800 and 800x600 (an outside walk under
Xvfb found each):

- After "Nieuwe datum" the card said only "Nog kiezen: hoe ging het met dit doel?", read as if
  the new date were the answer. Now it says the new date is chosen and what is still to choose.
- Rated "Behaald" after a new date, the card showed "Klaar op: <the new date>": a behaald doel
  keeps the date agreed before (stored so, shown so) and its passed day is no warning in red.
- The afronden screen's sentence with 3 doelen of which 1 is rated said "the doel is behaald"
  (in every language): now it counts of the 3, and says how many are still to choose.
- "Meting afronden" refused: the message came into sight by moving the button up under the
  finger (134 px at 800x600). Now the button stays where it was and the message is in sight.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from board import Evaluatie
from board.datums import add_months
from board.kleuren import FOUT
from board.taal import vertaler
from tests.kivy_helpers import button, drag, frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_checks import window_rect
from tests.screen_helpers import modal, panel_with
from tests.test_doelen_evaluatie_app import (
    GELD,
    KIEZEN,
    VERZET,
    VOORBIJ,
    WERK,
    WONEN,
    _doel,
    _in_window,
    _label,
    _vervolg,
)
from tests.test_koelkastblad_app import TODAY, afronden_by_touch, open_with_pin, pdf_text
from widgets.textures import rgba

SIZES = [(1280, 800), (800, 600)]


def _nieuwe_datum(app: object, tekst: str, plus: int = 1) -> None:
    """"Nieuwe datum" on the card of ``tekst``, ``plus`` taps on + (from three months), saved."""
    doelen = app.screen("doelen")
    knop = button(panel_with(doelen, tekst), doelen.tr.pgettext("inwoner", "Nieuwe datum"))
    into_sight(knop)
    tap(knop)
    editor = modal(app, "DoelEditor")
    for _i in range(plus):
        tap(editor.ids.plus)
    tap(editor.ids.save)
    frames(2)


def _tap_result(app: object, tekst: str, evaluatie: Evaluatie) -> None:
    """The result's button on the card of ``tekst`` (found by what it sets: Arabic is shaped)."""
    (knop,) = [w for w in panel_with(app.screen("doelen"), tekst).walk(restrict=True)
               if getattr(w, "evaluatie", None) == evaluatie.value]
    into_sight(knop)
    tap(knop)


def _datum_label(app: object, tekst: str) -> object:
    (found,) = [w for w in panel_with(app.screen("doelen"), tekst).walk(restrict=True)
                if type(w).__name__ == "Label" and w.text.startswith("Klaar op:")]
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_new_date_says_what_is_done_and_behaald_keeps_the_date_from_before(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    nl = vertaler("nl")
    app, folder = _vervolg(make_app, tmp_path, monkeypatch, size, "D-2026-941", {"geld": GELD, "wonen": WONEN})
    doelen = app.screen("doelen")
    nieuw = add_months(TODAY, 2)  # the editor starts a passed date at one month ahead
    _nieuwe_datum(app, GELD)
    assert _doel(app, GELD).streefdatum == nieuw and _doel(app, GELD).evaluatie is None

    # The card: the new date is done, the evaluation is still to choose; in sight, nothing else asks.
    verzet = _label(panel_with(doelen, GELD), VERZET)
    into_sight(verzet)
    assert verzet.opacity == 1 and _in_window(verzet) and verzet.height > 0
    assert _label(panel_with(doelen, GELD), KIEZEN).opacity == 0
    assert _datum_label(app, GELD).text == f"Klaar op: {nl.datum(nieuw)}"
    # The card not given a new date asks as before.
    assert _label(panel_with(doelen, WONEN), KIEZEN).opacity == 1
    assert _label(panel_with(doelen, WONEN), VERZET).opacity == 0

    # Behaald: the new date no longer applies; the date agreed before is back, stored so, and its
    # passed day is no warning (no red, no "voorbij").
    _tap_result(app, GELD, Evaluatie.BEHAALD)
    assert _doel(app, GELD).evaluatie is Evaluatie.BEHAALD
    stored = app.repository.current_concept(app.live.meting.inwoner_id)
    (geld,) = [d for d in stored.doelen if d.tekst == GELD]
    assert geld.streefdatum == VOORBIJ and geld.evaluatie is Evaluatie.BEHAALD
    datum = _datum_label(app, GELD)
    assert datum.text == f"Klaar op: {nl.datum(VOORBIJ)}" and nl.datum(nieuw) not in datum.text
    assert tuple(datum.color[:3]) != pytest.approx(tuple(rgba(FOUT)[:3]))
    assert _label(panel_with(doelen, GELD), VERZET).opacity == 0
    # The doel not rated yet still warns: its day has passed and it runs on.
    wonen = _datum_label(app, WONEN)
    assert "voorbij" in wonen.text and tuple(wonen.color[:3]) == pytest.approx(tuple(rgba(FOUT)[:3]))

    # Vervallen likewise (its own date given first); then afronden: the sheet holds neither
    # doel nor either new date.
    _nieuwe_datum(app, WONEN, plus=2)
    _tap_result(app, WONEN, Evaluatie.VERVALLEN)
    assert _doel(app, WONEN).streefdatum == VOORBIJ
    assert "voorbij" not in _datum_label(app, WONEN).text
    afronden_by_touch(app)
    afgerond = app.repository.latest_afgerond(app.live.meting.inwoner_id)
    assert {d.tekst: d.streefdatum for d in afgerond.doelen} == {GELD: VOORBIJ, WONEN: VOORBIJ}
    view = open_with_pin(app)
    assert view.gelukt, view.tekst
    (sheet,) = folder.iterdir()
    text = pdf_text(sheet)
    assert GELD not in text and WONEN not in text and nl.datum(nieuw) not in text
    assert nl.datum(add_months(TODAY, 3)) not in text


ZINNEN = {  # 1 of 3 rated behaald, 2 still to choose: the counts as each language says them
    "nl": ("1 van de 3 doelen is behaald", "bij 2 van de 3 doelen is nog niet gekozen hoe het ging"),
    "en": ("1 of the 3 goals has been achieved", "for 2 of the 3 goals, how it went is not chosen yet"),
    "uk": ("1 з 3 цілей досягнуто", "для 2 з 3 цілей ще не вибрано, як усе пройшло"),
    "ar": ("تحقق 1 من 3 أهداف", "لم يتم بعد اختيار كيف سار 2 من 3 أهداف"),
}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("taal", sorted(ZINNEN))
def test_the_afronden_sentence_counts_the_doelen_of_all_three(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], taal: str
) -> None:
    app, _folder = _vervolg(make_app, tmp_path, monkeypatch, size, "D-2026-942",
                            {"geld": GELD, "wonen": WONEN, "werk": WERK}, taal=taal)
    _tap_result(app, WONEN, Evaluatie.BEHAALD)
    tap(app.screen("doelen").ids.next)
    assert app.current == "afronden"
    screen = app.screen("afronden")
    frames(2)
    behaald, open_doelen = ZINNEN[taal]
    assert behaald in screen.zin and open_doelen in screen.zin, screen.zin
    tr = vertaler(taal)
    assert tr.gettext("het doel is behaald") not in screen.zin  # not as if there were one doel
    zin = screen.ids.zin
    into_sight(zin)
    assert zin.texture_size[1] > 0 and zin.height >= zin.texture_size[1] - 1 and _in_window(zin)
    # All three rated: the whole count, nothing left to choose.
    tap(screen.ids.back)
    _tap_result(app, GELD, Evaluatie.NIET_BEHAALD)
    _tap_result(app, WERK, Evaluatie.BEHAALD)
    tap(app.screen("doelen").ids.next)
    frames(2)
    twee = {"nl": "2 van de 3 doelen zijn behaald", "en": "2 of the 3 goals have been achieved",
            "uk": "2 з 3 цілей досягнуто", "ar": "تحقق 2 من 3 أهداف"}[taal]
    assert twee in screen.zin and open_doelen not in screen.zin, screen.zin


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_refused_afronden_keeps_the_button_under_the_finger_and_shows_why(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    app, _folder = _vervolg(make_app, tmp_path, monkeypatch, size, "D-2026-943",
                            {"geld": GELD, "wonen": WONEN, "werk": WERK})
    tap(app.screen("doelen").ids.next)
    screen = app.screen("afronden")
    knop = screen.ids.afronden
    into_sight(knop)
    frames(2)
    x, y = knop.to_window(*knop.center)
    before = window_rect(knop)
    drag([(x, y)])  # the finger on the button
    frames(10)  # laid out, placed and scrolled: the clock running
    assert screen.melding and "Twee ochtenden" in screen.ids.melding_text.text
    assert window_rect(knop) == pytest.approx(before, abs=1)
    # The whole message in sight: in the window and inside the scrolled page's view.
    melding = screen.ids.melding
    (mx, my, mw, mh), (sx, sy, sw, sh) = window_rect(melding), window_rect(screen.ids.scroll)
    assert melding.opacity == 1 and mh > 0 and _in_window(melding)
    assert my >= sy - 1 and my + mh <= sy + sh + 1, ((mx, my, mw, mh), (sx, sy, sw, sh))
    # A second tap on the same spot lands on the button again (the reason again, no question).
    assert knop.collide_point(*knop.to_widget(x, y))
    drag([(x, y)])
    frames(4)
    assert window_rect(knop) == pytest.approx(before, abs=1)
    assert not any(type(w).__name__ == "AfrondenVraag" for w in app.manager.get_root_window().children)
    # Rated, the message goes and afronden goes through.
    tap(screen.ids.back)
    for tekst in (GELD, WONEN, WERK):
        _tap_result(app, tekst, Evaluatie.DEELS_BEHAALD)
    afronden_by_touch(app)
    assert not screen.melding
