"""The afronden screen, driven by touches: the rapportcijfer and the next meting, a board
that is not complete yet stays a concept, and afronden makes the bundle for the dossier."""

from __future__ import annotations

from datetime import date

from board import Status
from board.datums import add_months
from tests.kivy_helpers import button, frames, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import modal, start_visit, unlocked_app

TODAY = date(2026, 3, 2)


def on_afronden(make_app: object) -> tuple[object, object]:
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    inwoner = start_visit(app)
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.2))
    app.live.apply(lambda m: m.choose("wonen"))  # chosen, no fiche yet
    app.show_meting_step("afronden")
    frames(2)
    return app, inwoner


def confirm_afronden(app: object) -> None:
    screen = app.screen("afronden")
    tap(screen.ids.afronden)
    tap(modal(app, "AfrondenVraag").ids.yes)
    if app.export_thread is not None:
        app.export_thread.join()
    frames(3)


def test_the_rapportcijfer_and_the_next_meting_are_saved_at_once(make_app: object) -> None:
    app, inwoner = on_afronden(make_app)
    screen = app.screen("afronden")
    tap(button(screen.ids.cijfers, "7"))
    assert [k.cijfer for k in screen.ids.cijfers.children if k.selected] == [7]
    assert screen.volgende == "nog niet gepland"
    tap(screen.ids.plus)  # three months, the default
    tap(screen.ids.plus)
    tap(screen.ids.plus)
    tap(screen.ids.minus)
    stored = app.repository.current_concept(inwoner.id)
    assert stored.rapportcijfer == 7 and stored.volgende_meting == add_months(TODAY, 4)
    assert screen.volgende.startswith("over 4 maanden")


def test_a_board_that_is_not_complete_stays_a_concept(make_app: object) -> None:
    app, inwoner = on_afronden(make_app)
    tap(button(app.screen("afronden").ids.cijfers, "6"))
    confirm_afronden(app)
    assert app.current == "afronden" and app.export_thread is None
    assert app.repository.current_concept(inwoner.id).status is Status.CONCEPT
    assert "Wonen" in app.screen("bord").board_screen.message  # the board says what is missing


def test_afronden_makes_the_bundle_and_only_the_pin_leads_away(make_app: object, tmp_path: object) -> None:
    app, inwoner = on_afronden(make_app)
    app.live.apply(lambda m: m.place_fiche("wonen", "inwoner", 0.7))
    tap(button(app.screen("afronden").ids.cijfers, "6"))
    confirm_afronden(app)
    screen = app.screen("afronden")
    assert screen.afgerond and screen.export_state == "done"
    assert all(k.disabled for k in screen.ids.cijfers.children)  # an afgeronde meting does not change
    stored = app.repository.latest_afgerond(inwoner.id)
    assert stored.rapportcijfer == 6 and app.repository.current_concept(inwoner.id) is None
    bundle = tmp_path / "outbox" / f"{TODAY.isoformat()}_{stored.id}"
    assert {"snapshot.png", "koelkastblad.pdf", "dossier.pdf", "manifest.json"} <= {p.name for p in bundle.iterdir()}
    tap(screen.ids.done)
    assert app.current == "lock"
