"""The professional's list of inwoners, driven by touches and typed text: everyone, a
search, one inwoner opened, and a new inwoner whose dossier number is taken."""

from __future__ import annotations

from samples.voorbeeld import voorbeeld
from tests.kivy_helpers import button, frames, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import modal, row_of, unlocked_app

SAMPLE = [inwoner for inwoner, _history in voorbeeld()]


def shown(app: object) -> list[str]:
    """The dossier numbers in the list, top to bottom."""
    return [row.dossier for row in reversed(app.screen("inwoners").ids.rows.children)]


def test_the_list_shows_everyone_and_a_search_narrows_it(make_app: object) -> None:
    app = unlocked_app(make_app)
    screen = app.screen("inwoners")
    assert sorted(shown(app)) == sorted(i.dossiernummer for i in SAMPLE)
    screen.ids.search.text = "tongelre"  # any case, any field
    frames(1)
    assert sorted(shown(app)) == sorted(i.dossiernummer for i in SAMPLE if i.wijk == "Tongelre")
    screen.ids.search.text = SAMPLE[7].dossiernummer
    frames(1)
    assert shown(app) == [SAMPLE[7].dossiernummer]
    screen.ids.search.text = "niemand-heet-zo"
    frames(1)
    assert shown(app) == [] and "Niemand gevonden" in screen.ids.empty.text


def test_an_empty_tablet_says_what_to_do(make_app: object) -> None:
    app = unlocked_app(make_app, aantal=0)
    assert shown(app) == [] and "Nieuwe inwoner" in app.screen("inwoners").ids.empty.text


def test_tapping_a_row_opens_that_inwoner(make_app: object) -> None:
    app = unlocked_app(make_app)
    top = shown(app)[0]  # the first row, in view
    chosen = next(i for i in SAMPLE if i.dossiernummer == top)
    tap(row_of(app, top))
    assert app.current == "inwoner" and app.inwoner == chosen
    assert chosen.dossiernummer in app.screen("inwoner").title


def test_after_a_search_and_back_each_row_shows_and_opens_its_own_inwoner(make_app: object) -> None:
    """The rows are reused when the list changes (P10): what a row says and what it opens
    must change with it."""
    app = unlocked_app(make_app)
    screen = app.screen("inwoners")
    screen.ids.search.text = SAMPLE[7].dossiernummer
    frames(1)
    tap(screen.ids.rows.children[0])
    assert app.current == "inwoner" and app.inwoner == SAMPLE[7]
    screen.ids.search.text = ""
    app.show_list()
    frames(2)
    rows = list(reversed(screen.ids.rows.children))
    assert sorted(shown(app)) == sorted(i.dossiernummer for i in SAMPLE)
    for row in (rows[0], rows[-1]):
        words = [w.text for w in row.walk(restrict=True) if hasattr(w, "text")]  # the labels, as drawn
        assert row.inwoner.dossiernummer in words and any(row.inwoner.wijk in w for w in words)
    screen.ids.rows.parent.scroll_to(rows[-1], animate=False)  # scrolled down to it, as a finger would
    frames(2)
    tap(rows[-1])
    assert app.current == "inwoner" and app.inwoner.dossiernummer == shown(app)[-1]


def test_a_dossier_number_that_is_taken_is_refused_and_nothing_is_added(make_app: object) -> None:
    app = unlocked_app(make_app)
    tap(app.screen("inwoners").ids.new)
    form = modal(app, "NieuweInwonerView")
    form.ids.dossier.text = SAMPLE[0].dossiernummer
    tap(button(form.ids.wijken, SAMPLE[0].wijk))  # the wijken on the tablet are buttons
    assert form.ids.wijk.text == SAMPLE[0].wijk
    tap(form.ids.save)
    assert f"Er is al een inwoner met dossiernummer {SAMPLE[0].dossiernummer}" in form.message
    assert app.current == "inwoners" and len(app.repository.list_inwoners()) == len(SAMPLE)
    tap(form.ids.cancel)
    assert len(shown(app)) == len(SAMPLE)


def test_the_board_made_behind_the_list_shows_the_first_inwoners_own_board(make_app: object) -> None:
    """P10: the board screen is made while the list shows, with an empty meting of nobody;
    the first visit's taps show the tapped inwoner's own meting on it, bars and kaartjes."""
    app = unlocked_app(make_app)
    frames(2)
    assert "bord" in app._screens and app.current == "inwoners"
    top = shown(app)[0]
    tap(row_of(app, top))
    tap(app.screen("inwoner").ids.start)
    frames(2)
    screen = app.screen("bord").board_screen
    meting = screen.live.meting
    assert app.current == "bord" and meting.inwoner_id == app.inwoner.id and app.inwoner.dossiernummer == top
    assert meting.id in {m.id for m in app.repository.history(app.inwoner.id)}
    assert [row.key for row in screen.board.layout.rows] == list(meting.gekozen) and meting.gekozen
    assert {card.key for card in screen.tray.cards} - {""} <= set(meting.niet_gekozen)


def test_an_empty_dossier_number_is_asked_for_and_the_message_goes_once_it_is_typed(make_app: object) -> None:
    from kivy.core.window import Window

    app = unlocked_app(make_app)
    tap(app.screen("inwoners").ids.new)
    form = modal(app, "NieuweInwonerView")
    tap(button(form.ids.wijken, SAMPLE[0].wijk))
    tap(form.ids.save)  # nothing typed in the dossier number yet
    assert form.message == "Vul het dossiernummer in."
    assert form.ids.message.text == form.message  # shown in the dialog
    tap(form.ids.dossier)
    for char in "D-2026-777":  # typed the way SDL2 delivers it: a key down, then the text
        code = ord(char.lower())
        Window.dispatch("on_key_down", code, 0, char, [])
        Window.dispatch("on_textinput", char)
        Window.dispatch("on_key_up", code, 0)
    frames(1)
    assert form.ids.dossier.text == "D-2026-777"
    assert form.ids.message.text == ""  # the red line does not stay under a number that is right now
    assert len(app.repository.list_inwoners()) == len(SAMPLE)  # nothing saved by typing
    tap(form.ids.save)
    assert app.current == "inwoner" and app.inwoner.dossiernummer == "D-2026-777"
