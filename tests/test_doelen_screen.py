"""The doelen screen, driven by touches and typed text: a doel in the inwoner's words with
who does what, saved at once; a doel without words or an actie without who is refused with
a message and saves nothing; a doel of last time is evaluated with one tap."""

from __future__ import annotations

from datetime import date

from board import Evaluatie
from board.datums import add_months
from samples.voorbeeld import voorbeeld
from tests.kivy_helpers import button, frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import modal, panel_with, start_visit, unlocked_app

TODAY = date(2026, 3, 2)


def on_doelen(make_app: object) -> tuple[object, object]:
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    inwoner = start_visit(app)
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.2))
    app.live.apply(lambda m: m.choose("wonen").place_fiche("wonen", "inwoner", 0.6))
    tap(app.screen("bord").ids_nav["doelen"])
    assert app.current == "doelen"
    return app, inwoner


def open_editor(app: object, leefgebied_naam: str) -> object:
    plus = button(panel_with(app.screen("doelen"), leefgebied_naam), "+ Doel")
    into_sight(plus)  # with many doelen the panel is below the fold
    tap(plus)
    frames(1)
    return modal(app, "DoelEditor")


def test_a_doel_in_the_inwoners_words_is_saved_with_who_does_what(make_app: object) -> None:
    app, inwoner = on_doelen(make_app)
    editor = open_editor(app, "Geld")
    editor.ids.tekst.text = "Ik wil mijn rekeningen op tijd betalen."
    tap(editor.ids.plus)  # a month later than the default
    tap(button(editor.ids.wie, "Ik zelf"))
    editor.ids.wat.text = "Elke maandag de post openen"
    tap(editor.ids.add_actie)
    tap(button(editor.ids.wie, "Het wijkteam"))
    editor.ids.wat.text = "Samen een budgetplan maken"
    tap(editor.ids.add_actie)
    tap(editor.ids.save)
    stored = app.repository.current_concept(inwoner.id)
    (doel,) = stored.doelen
    assert (doel.leefgebied, doel.tekst) == ("geld", "Ik wil mijn rekeningen op tijd betalen.")
    assert [(a.wie.value, a.wat) for a in doel.acties] == [
        ("inwoner", "Elke maandag de post openen"), ("wijkteam", "Samen een budgetplan maken")]
    assert doel.streefdatum == add_months(TODAY, 4)
    geld = panel_with(app.screen("doelen"), "Geld")
    assert "rekeningen" in " ".join(str(getattr(w, "text", "")) for w in geld.walk())


def test_a_doel_without_words_or_an_actie_without_who_is_refused(make_app: object) -> None:
    app, inwoner = on_doelen(make_app)
    editor = open_editor(app, "Wonen")
    editor.ids.wat.text = "De verhuurder bellen"
    tap(editor.ids.add_actie)  # nobody chosen yet
    assert editor.message == "Tik eerst aan wie het doet." and editor.acties == []
    tap(editor.ids.save)  # no words
    assert editor.message and app.repository.current_concept(inwoner.id).doelen == ()
    tap(editor.ids.cancel)
    assert app.repository.current_concept(inwoner.id).doelen == ()


def test_a_doel_of_last_time_is_evaluated_with_one_tap(make_app: object) -> None:
    inwoner, history = next(
        (i, h) for i, h in voorbeeld() if not h[-1].afgerond and h[-1].volgnummer > 0 and h[-1].open_evaluaties
    )
    app = unlocked_app(make_app)
    app.show_inwoner(inwoner)
    tap(app.screen("inwoner").ids.start)  # carries on with the concept vervolgmeting
    assert app.live.meting.id == history[-1].id
    tap(app.screen("bord").ids_nav["doelen"])
    doel = history[-1].open_evaluaties[0]
    panel = next(
        p for p in app.screen("doelen").ids.content.children
        if doel.tekst in " ".join(str(getattr(w, "text", "")) for w in p.walk(restrict=True))
        and any(getattr(b, "text", "") == "Behaald" for b in p.walk(restrict=True))
    )
    tap(button(panel, "Deels behaald"))
    stored = app.repository.current_concept(inwoner.id)
    assert next(d for d in stored.doelen if d.id == doel.id).evaluatie is Evaluatie.DEELS_BEHAALD


def test_the_editor_says_when_a_doel_has_the_most_acties_or_a_meting_the_most_doelen(make_app: object) -> None:
    from board.grenzen import MAX_ACTIES, MAX_DOELEN

    app, inwoner = on_doelen(make_app)
    editor = open_editor(app, "Geld")
    editor.ids.tekst.text = "Ik wil mijn rekeningen op tijd betalen."
    for number in range(MAX_ACTIES + 1):  # the column scrolls to each new actie: back up to the choices
        wie = button(editor.ids.wie, "Het wijkteam")
        into_sight(wie)
        tap(wie)
        editor.ids.wat.text = f"Stap {number + 1}"
        into_sight(editor.ids.add_actie)
        tap(editor.ids.add_actie)
    assert len(editor.acties) == MAX_ACTIES
    assert editor.message.startswith(f"Een doel heeft hoogstens {MAX_ACTIES} acties")
    assert editor.ids.wat.text == f"Stap {MAX_ACTIES + 1}"  # what was typed stays, nothing is lost
    editor.ids.wat.text = ""
    tap(editor.ids.save)
    assert len(app.repository.current_concept(inwoner.id).doelen[0].acties) == MAX_ACTIES
    for number in range(MAX_DOELEN - 1):
        app.live.apply(lambda m, n=number: m.add_doel("wonen", f"Doel {n}"))
    editor = open_editor(app, "Wonen")
    editor.ids.tekst.text = "Nog een doel"
    tap(editor.ids.save)
    assert editor.message.startswith(f"Bij één meting horen hoogstens {MAX_DOELEN} nieuwe doelen")
    assert len(app.repository.current_concept(inwoner.id).doelen) == MAX_DOELEN
