"""Doelen from the previous meting at a vervolgmeting, by touches at 1280x800 and 800x600 (an
outside walk under Xvfb found both):

- "Nieuwe datum" is no evaluation: afronden still refuses, and now names the doel (its words,
  shortened, and its leefgebied), and the doel's card says that its evaluation is still to choose;
  rated and extended, the koelkastblad (read back with pdftotext) shows it as a current doel with
  its new date, not as "Niet behaald".
- A result chosen on one card does not move the other cards: a second tap on the spot where the
  next card's button was lands on that button (before, the card above lost its "Nieuwe datum"
  row, the cards below moved up 72 dp and the tap opened the doel editor).
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from board import Actie, Evaluatie
from board.datums import add_months
from board.taal import vertaler
from board.weergave import evaluatie_naam
from tests.kivy_helpers import button, drag, frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_checks import overflowing, window_rect
from tests.screen_helpers import modal, panel_with
from tests.test_koelkastblad_app import TODAY, afronden_by_touch, open_with_pin, pdf_text, visit_to_save

SIZES = [(1280, 800), (800, 600)]
GELD = "Ik wil mijn rekeningen op tijd betalen en weten wat er elke maand binnenkomt"
WONEN = "Een huis met een slaapkamer voor de kinderen"
WERK = "Twee ochtenden per week vrijwilligerswerk"
ACTIE = "Elke maandag de post openen"
VOORBIJ = date(2026, 1, 1)  # the streefdatum set at the 0-meting: passed on TODAY
KIEZEN = "Nog kiezen: hoe ging het met dit doel?"
VERZET = "De nieuwe datum is gekozen. Nog kiezen, met een knop hierboven: hoe ging het met dit doel?"


def afgerond_met_doelen(repository: object, nul: object, doelen: dict[str, str]) -> None:
    """``nul`` (a 0-meting begun on 1 October 2025) with ``doelen`` (leefgebied: words), each
    with a passed streefdatum and an actie of the inwoner, saved and afgerond that day."""
    gevuld = nul
    for key, tekst in doelen.items():
        gevuld = (gevuld.choose(key).place_fiche(key, "inwoner", 0.3)
                  .add_doel(key, tekst, VOORBIJ, (Actie.create("inwoner", ACTIE),)))
    repository.save_change(nul, gevuld)
    repository.save_change(gevuld, gevuld.afronden(datetime(2025, 10, 1, 11)))


def _vervolg(make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int],
             dossier: str, doelen: dict[str, str], taal: str = "nl") -> tuple[object, Path]:
    """An app at ``size`` on the doelen screen of a vervolgmeting whose 0-meting set ``doelen``
    (leefgebied: words), each with a streefdatum that has passed; the inwoner reads ``taal``."""
    app, inwoner, folder, nul = visit_to_save(make_app, tmp_path, monkeypatch, size, dossier, date(2025, 10, 1))
    afgerond_met_doelen(app.repository, nul, doelen)
    if taal != "nl":
        app.repository.set_taal(inwoner.id, taal)
    app.show_inwoner(app.repository.get_inwoner(inwoner.id))  # the vervolgmeting, as the professional opens it
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord" and app.live.meting.volgnummer == 1
    for key in doelen:
        app.live.apply(lambda m, k=key: m.place_fiche(k, "inwoner", 0.5))
    tap(app.screen("bord").ids_nav["doelen"])
    assert app.current == "doelen"
    return app, folder


def _in_window(widget: object) -> bool:
    from kivy.core.window import Window

    x, y = widget.to_window(widget.x, widget.y)
    return x >= 0 and y >= 0 and x + widget.width <= Window.width + 1 and y + widget.height <= Window.height + 1


def _beside(label: object, knop: object) -> bool:
    """``label`` beside ``knop`` in its row, the reading way after it: not over it, not out of its card."""
    (lx, ly, lw, lh), (kx, ky, kw, kh) = window_rect(label), window_rect(knop)
    card = window_rect(knop.parent.parent)
    return lx >= kx + kw - 1 and lx + lw <= card[0] + card[2] + 1 and ly < ky + kh and ky < ly + lh


def _label(root: object, text: str) -> object:
    (found,) = [w for w in root.walk(restrict=True) if type(w).__name__ == "Label" and w.text == text]
    return found


def _tap_result(app: object, tekst: str, evaluatie: Evaluatie) -> None:
    doelen = app.screen("doelen")
    knop = button(panel_with(doelen, tekst), evaluatie_naam(evaluatie, doelen.tr))
    into_sight(knop)
    tap(knop)


def _doel(app: object, tekst: str) -> object:
    return next(d for d in app.live.meting.doelen if d.tekst == tekst)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_new_date_is_no_evaluation_afronden_names_the_doel_and_its_card_asks(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    nl = vertaler("nl")
    app, folder = _vervolg(make_app, tmp_path, monkeypatch, size, "D-2026-931", {"geld": GELD, "wonen": WONEN})
    doelen = app.screen("doelen")
    _tap_result(app, WONEN, Evaluatie.BEHAALD)
    knop = button(panel_with(doelen, GELD), "Nieuwe datum")
    into_sight(knop)
    tap(knop)
    editor = modal(app, "DoelEditor")
    tap(editor.ids.plus)
    tap(editor.ids.save)
    frames(2)
    nieuw = add_months(TODAY, 2)
    assert _doel(app, GELD).streefdatum == nieuw and _doel(app, GELD).evaluatie is None

    # Afronden refuses and says which doel: its words (the start of them) and its leefgebied.
    tap(doelen.ids.next)
    assert app.current == "afronden"
    afronden = app.screen("afronden")
    into_sight(afronden.ids.afronden)
    tap(afronden.ids.afronden)
    assert not any(type(w).__name__ == "AfrondenVraag" for w in app.manager.get_root_window().children)
    melding = afronden.ids.melding_text.text
    # the start of the words, cut after a whole word, and the leefgebied
    assert "“Ik wil mijn rekeningen op tijd betalen…” (Geld)" in melding and GELD not in melding, melding
    assert WONEN not in melding
    frames(2)
    assert afronden.ids.melding.opacity == 1 and _in_window(afronden.ids.melding_text)

    # Back to the doelen: the card still asks for its evaluation, in sight beside "Nieuwe datum";
    # the other card does not. Rated "Niet behaald", it no longer asks, and afronden goes through.
    tap(afronden.ids.back)
    assert app.current == "doelen"
    vraag = _label(panel_with(doelen, GELD), VERZET)  # the new date done, the evaluation still to choose
    into_sight(vraag)
    assert vraag.opacity == 1 and _in_window(vraag) and vraag.height > 0
    assert _beside(vraag, button(panel_with(doelen, GELD), "Nieuwe datum")) and overflowing(vraag.parent) == []
    assert _label(panel_with(doelen, WONEN), KIEZEN).opacity == 0
    _tap_result(app, GELD, Evaluatie.NIET_BEHAALD)
    assert _label(panel_with(doelen, GELD), KIEZEN).opacity == 0
    assert _label(panel_with(doelen, GELD), VERZET).opacity == 0
    afronden_by_touch(app)
    view = open_with_pin(app)
    assert view.gelukt, view.tekst
    (sheet,) = folder.iterdir()
    text = pdf_text(sheet)
    # Extended, it is a current doel with its new date: no verdict, no passed day.
    assert GELD in text and f"Klaar op: {nl.datum(nieuw)}" in text, text
    assert "Niet behaald" not in text and "voorbij" not in text and nl.datum(VOORBIJ) not in text
    assert WONEN not in text  # behaald: done, off the sheet


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("evaluatie", [Evaluatie.BEHAALD, Evaluatie.VERVALLEN])
def test_a_result_on_one_card_does_not_move_the_next_card_under_the_finger(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], evaluatie: Evaluatie
) -> None:
    app, _folder = _vervolg(make_app, tmp_path, monkeypatch, size, "D-2026-932",
                            {"geld": GELD, "wonen": WONEN, "werk": WERK}, taal="pl")
    doelen = app.screen("doelen")
    pl = doelen.tr
    assert pl.code == "pl"
    boven = panel_with(doelen, GELD)
    volgende = panel_with(doelen, WONEN)
    assert boven.y > volgende.y  # the card aimed at lies below the one rated first
    doel = button(volgende, evaluatie_naam(Evaluatie.DEELS_BEHAALD, pl))
    into_sight(doel)
    eerst = button(boven, evaluatie_naam(evaluatie, pl))
    assert _in_window(eerst) and _in_window(doel)  # both in sight: no scrolling between the taps
    x, y = doel.to_window(*doel.center)

    tap(eerst)
    assert _doel(app, GELD).evaluatie is evaluatie
    drag([(x, y)])  # the same spot, as the finger comes down again
    frames(2)
    assert not any(type(w).__name__ == "DoelEditor" for w in app.manager.get_root_window().children)
    assert _doel(app, WONEN).evaluatie is Evaluatie.DEELS_BEHAALD
    assert _doel(app, WERK).evaluatie is None and _doel(app, GELD).evaluatie is evaluatie
    nu = button(panel_with(doelen, WONEN), evaluatie_naam(Evaluatie.DEELS_BEHAALD, pl))
    assert nu.to_window(*nu.center) == pytest.approx((x, y), abs=1)

    # The rated card keeps its row: "Nieuwe datum" shown off, and why.
    datum = button(panel_with(doelen, GELD), pl.pgettext("inwoner", "Nieuwe datum"))
    assert datum.disabled
    reden = _label(panel_with(doelen, GELD), pl.pgettext("inwoner", "Behaald of vervallen: geen nieuwe datum nodig."))
    assert reden.opacity == 1 and _in_window(reden) and _beside(reden, datum) and overflowing(reden.parent) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_afronden_says_everything_still_to_do_at_once(
        make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]) -> None:
    """A bar without the inwoner's fiche and a doel from before without its result: one refusal
    names both (an outside walk met the doel only in a second refusal, after placing the fiches)."""
    app, _folder = _vervolg(make_app, tmp_path, monkeypatch, size, "D-ALLES", {"geld": GELD})
    app.live.apply(lambda m: m.choose("werk"))  # on the board, no fiche yet
    doelen = app.screen("doelen")
    tap(doelen.ids.next)
    assert app.current == "afronden"
    afronden = app.screen("afronden")
    into_sight(afronden.ids.afronden)
    tap(afronden.ids.afronden)
    frames(2)
    melding = afronden.ids.melding_text.text
    assert "Zet eerst de fiche van de inwoner op: Werk." in melding, melding
    assert "(Geld)" in melding and "Kies eerst hoe het ging met dit doel" in melding, melding
    assert afronden.ids.melding.opacity == 1 and _in_window(afronden.ids.melding_text)
    assert app.live.meting.status.name != "AFGEROND"
