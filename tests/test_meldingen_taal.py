"""A refusal of the board is said in the inwoner's language where the inwoner reads it: in the
doel editor and on the afronden screen (the board's toast takes the same path), driven by
touches on the running app at two window sizes; the new-user trial found them in Dutch on a
Ukrainian board. For Arabic the message is shaped and right-aligned like the screen around it."""

from __future__ import annotations

from datetime import date

import pytest

from board import schrift
from board.taal import vertaler
from tests.kivy_helpers import button, frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import modal, panel_with, visit_in_taal

TODAY = date(2026, 3, 2)
SIZES = [(800, 600), (1280, 800)]


def _visit_in(make_app: object, window: object, size: tuple[int, int], taal: str) -> object:
    return visit_in_taal(make_app, window, size, taal, TODAY, zonder_fiche=("wonen",))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_empty_doel_is_refused_in_the_inwoners_language(make_app: object, window: object,
                                                           size: tuple[int, int]) -> None:
    app = _visit_in(make_app, window, size, "tr")
    tr = vertaler("tr")
    tap(app.screen("bord").ids_nav["doelen"])
    geld = app.live.meting.leefgebieden["geld"].naam_in("tr")
    plus = button(panel_with(app.screen("doelen"), geld), tr.pgettext("inwoner", "+ Doel"))
    into_sight(plus)
    tap(plus)
    editor = modal(app, "DoelEditor")
    tap(editor.ids.save)  # no words typed
    expected = tr.gettext("{what} is leeg. Schrijf een paar woorden.").format(what=tr.gettext("Het doel"))
    assert expected != "Het doel is leeg. Schrijf een paar woorden."  # the catalogue has it in Turkish
    assert editor.message == expected and editor.ids.message.text == expected
    assert editor.ids.message.height > 0  # shown, not only set
    assert app.live.session.committed.doelen == ()  # nothing saved
    tap(editor.ids.cancel)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("taal", ["uk", "ar"])
def test_afronden_names_what_is_missing_in_the_inwoners_language(make_app: object, window: object,
                                                                  size: tuple[int, int], taal: str) -> None:
    app = _visit_in(make_app, window, size, taal)
    tr = vertaler(taal)
    app.show_meting_step("afronden")
    frames(2)
    screen = app.screen("afronden")
    into_sight(screen.ids.afronden)
    tap(screen.ids.afronden)
    frames(3)
    wonen = app.live.meting.leefgebieden["wonen"]
    expected = tr.gettext("Zet eerst de fiche van de inwoner op: {namen}.").format(namen=wonen.naam_in(taal))
    assert screen.melding == expected and wonen.naam_in(taal) != wonen.naam
    shown = screen.ids.melding_text.text
    if taal == "ar":  # shaped and in drawing order, right-aligned like the rest of the screen
        assert shown != expected and all(not schrift.has_rtl(c) or 0xFE70 <= ord(c) <= 0xFEFF for c in shown)
        assert screen.ids.melding_text.halign == "right"
    else:
        assert shown == expected
    # Said, and nothing changed.
    assert app.live.session.committed.positie("wonen") is None  # nothing changed


@pytest.mark.parametrize("taal", ["uk", "ar"])
def test_the_way_back_to_the_board_on_the_lock_screen_is_in_the_inwoners_language(
        make_app: object, window: object, taal: str) -> None:
    app = _visit_in(make_app, window, (1280, 800), taal)
    tap(app.screen("bord").ids_nav["professional"])
    assert app.current == "lock"
    back = app.screen("lock").ids.back
    expected = vertaler(taal).pgettext("inwoner", "Terug naar het bord")
    assert expected != "Terug naar het bord"
    if taal == "ar":  # shaped, in drawing order
        assert back.text != expected and all(not schrift.has_rtl(c) or 0xFE70 <= ord(c) <= 0xFEFF for c in back.text)
    else:
        assert back.text == expected
    tap(back)
    assert app.current == "bord"  # and it leads back, without the PIN


@pytest.mark.parametrize("taal", ["uk", "ar"])
def test_the_question_before_afronden_and_the_editors_title_are_in_the_inwoners_language(
        make_app: object, window: object, taal: str) -> None:
    """A new user's trial: "Meting afronden? / Nog niet / Ja, afronden" stayed Dutch on a
    Ukrainian board, and the doel editor's Arabic title was drawn unshaped and backwards."""
    app = _visit_in(make_app, window, (800, 600), taal)
    tr = vertaler(taal)
    app.live.apply(lambda m: m.place_fiche("wonen", "inwoner", 0.5))
    tap(app.screen("bord").ids_nav["doelen"])
    geld = app.live.meting.leefgebieden["geld"].naam_in(taal)
    editor = app.screen("doelen").edit("geld")
    frames(2)
    (title,) = [w for w in editor.walk() if w.__class__.__name__ == "Groot" and w.text and (
        w.text == geld or schrift.has_rtl(w.text))][:1] or [None]
    assert title is not None
    if taal == "ar":
        assert title.text != geld and all(not schrift.has_rtl(c) or 0xFE70 <= ord(c) <= 0xFEFF for c in title.text)
        assert title.halign == "right"
    editor.dismiss(animation=False)
    app.show_meting_step("afronden")
    frames(2)
    screen = app.screen("afronden")
    into_sight(screen.ids.afronden)
    tap(screen.ids.afronden)
    vraag = modal(app, "AfrondenVraag")
    texts = [w.text for w in vraag.walk() if getattr(w, "text", "")]
    for msgid in ("Meting afronden?", "Nog niet", "Ja, afronden"):
        said = tr.pgettext("inwoner", msgid)
        assert said != msgid
        if taal != "ar":
            assert said in texts, (said, texts)
    assert not any(t in texts for t in ("Meting afronden?", "Nog niet", "Ja, afronden"))
    tap(vraag.ids.no)
