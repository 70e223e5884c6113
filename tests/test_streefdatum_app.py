"""A doel that runs on, with a streefdatum that has passed: in the vervolgmeting the professional
gives it a new date through the doel editor (only the date: the words and acties stay as agreed),
by touches at two window sizes; the koelkastblad, read back with pdftotext, shows the new date,
and a doel that runs on without one plainly, without its passed day.
(Before 2026-12-03 a doel that ran on kept its past date on the sheet and in the app.)"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from board import Actie
from board.datums import add_months
from board.taal import vertaler
from tests.kivy_helpers import button, frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import modal, panel_with
from tests.test_koelkastblad_app import TODAY, afronden_by_touch, open_with_pin, pdf_text, visit_to_save

GELD = "Ik wil mijn rekeningen op tijd betalen"
ACTIE = "Elke maandag de post openen"
WONEN = "Een huis met een slaapkamer voor de kinderen"
GELD_DATUM, WONEN_DATUM = date(2026, 1, 1), date(2026, 2, 1)  # both passed on TODAY


def _texts(root: object) -> list[str]:
    return [str(w.text) for w in root.walk(restrict=True) if getattr(w, "text", None)]


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_doel_that_runs_on_gets_a_new_streefdatum_and_the_sheet_shows_it(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    nl = vertaler("nl")
    app, inwoner, folder, nul = visit_to_save(make_app, tmp_path, monkeypatch, size, "D-2026-903", date(2025, 10, 1))
    gevuld = (nul.choose("geld").choose("wonen").place_fiche("geld", "inwoner", 0.2)
              .place_fiche("wonen", "inwoner", 0.5)
              .add_doel("geld", GELD, GELD_DATUM, (Actie.create("inwoner", ACTIE),))
              .add_doel("wonen", WONEN, WONEN_DATUM))
    app.repository.save_change(nul, gevuld)
    app.repository.save_change(gevuld, gevuld.afronden(datetime(2025, 10, 1, 11)))

    app.show_inwoner(inwoner)  # the vervolgmeting, as the professional opens it
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord" and app.live.meting.volgnummer == 1 and app.live.meting.datum == TODAY
    app.live.apply(lambda m: m.place_fiche("geld", "inwoner", 0.4).place_fiche("wonen", "inwoner", 0.6))
    tap(app.screen("bord").ids_nav["doelen"])
    doelen = app.screen("doelen")
    voorbij = "Klaar op: {datum}. Die dag is voorbij."
    assert voorbij.format(datum=nl.datum(GELD_DATUM)) in _texts(panel_with(doelen, GELD))  # as before

    for tekst, uitkomst in ((GELD, "Deels behaald"), (WONEN, "Niet behaald")):
        keuze = button(panel_with(doelen, tekst), uitkomst)
        into_sight(keuze)
        tap(keuze)
    knop = button(panel_with(doelen, GELD), "Nieuwe datum")
    into_sight(knop)
    tap(knop)
    editor = modal(app, "DoelEditor")
    assert editor.lopend and editor.ids.tekst.disabled and editor.ids.add_actie.disabled  # only the date
    # and it says why the rest is greyed, in sight on the dialog (the outside walk found greyed
    # buttons that did nothing and said nothing)
    uitleg = editor.ids.alleen_datum
    assert "hier verandert alleen de datum" in uitleg.text and uitleg.height > 20
    assert uitleg.opacity >= 0.75  # shown (faint, as every Uitleg)
    into_sight(uitleg)
    ux, uy = uitleg.to_window(uitleg.x, uitleg.y)
    ex, ey = editor.to_window(editor.x, editor.y)
    assert ex <= ux and ey <= uy and ux + uitleg.width <= ex + editor.width + 1
    assert editor.ids.tekst.text == GELD
    assert editor.months == 1  # its day has passed: the editor starts a month from today
    tap(editor.ids.plus)
    tap(editor.ids.plus)
    tap(editor.ids.save)
    frames(2)
    assert not any(type(w).__name__ == "DoelEditor" for w in app.manager.get_root_window().children)
    nieuw = add_months(TODAY, 3)
    doel = next(d for d in app.live.meting.doelen if d.tekst == GELD)
    assert doel.streefdatum == nieuw and doel.evaluatie == "deels behaald"
    assert [a.wat for a in doel.acties] == [ACTIE]  # its acties as agreed
    shown = _texts(panel_with(app.screen("doelen"), GELD))
    assert f"Klaar op: {nl.datum(nieuw)}" in shown and not any("voorbij" in t for t in shown)
    saved = app.repository.get_meting(app.live.meting.id)  # saved at once, as every change
    assert next(d for d in saved.doelen if d.tekst == GELD).streefdatum == nieuw

    afronden_by_touch(app)
    view = open_with_pin(app)
    assert view.gelukt, view.tekst
    (sheet,) = folder.iterdir()
    text = pdf_text(sheet)
    assert GELD in text and f"Klaar op: {nl.datum(nieuw)}" in text and nl.datum(GELD_DATUM) not in text
    # the doel about the house runs on without a new date: on the fridge plainly, without its
    # passed date (since 2026-12-04: no "Die dag is voorbij" in red for a doel talked over today)
    assert WONEN in text and nl.datum(WONEN_DATUM) not in text and "voorbij" not in text
