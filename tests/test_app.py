"""The kiosk app end to end: the whole visit with touches and typed text, checked in the
database and the outbox; and a visit resumed exactly after the app was killed."""

from __future__ import annotations

from datetime import date

import pytest

from board import Evaluatie, Perspectief, Status, vergelijk
from board.datums import add_months
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    button,
    close_modals,
    drag,
    frames,
    make_app_fixture,
    page_to,
    tap,
    type_pin,
    window_fixture,
)
from tests.screen_helpers import row_of


def tap_card(app: object, key: str) -> None:
    """Tap a kaartje in the tray (turning its pages until it shows): the leefgebied goes on the board."""
    tray = app.screen("bord").board_screen.tray
    x, y, w, h = page_to(tray, key).rect
    tap_at(tray, x + w / 2, y + h / 2)


def tap_at(widget: object, x: float, y: float) -> None:
    drag([widget.to_window(x, y)])


def slide(app: object, key: str, start: float, end: float) -> None:
    """A finger on the bar at ``start`` (places the inwoner's fiche) slides to ``end``."""
    board = app.screen("bord").board_screen.board
    row = board.layout.row(key)
    drag([board.to_window(row.x_for(start), row.center_y), board.to_window(row.x_for(end), row.center_y)])
    frames(1)


def write_doel(app: object, leefgebied_naam: str, tekst: str, acties: list[tuple[str, str]]) -> None:
    """On the doelen screen: '+ Doel' under a leefgebied, the words, who does what, save."""
    doelen = app.screen("doelen")
    panel = next(p for p in doelen.ids.content.children
                 if any(getattr(w, "text", None) == leefgebied_naam for w in p.walk(restrict=True)))
    tap(button(panel, "+ Doel"))
    frames(1)
    editor = next(w for w in doelen.get_root_window().children if type(w).__name__ == "DoelEditor")
    editor.ids.tekst.text = tekst
    for wie, wat in acties:
        tap(button(editor.ids.wie, wie))
        editor.ids.wat.text = wat
        tap(editor.ids.add_actie)
    tap(editor.ids.save)
    frames(1)


def afronden(app: object, cijfer: int) -> None:
    screen = app.screen("afronden")
    tap(button(screen.ids.cijfers, str(cijfer)))
    tap(screen.ids.plus)  # the next meting: in three months
    tap(screen.ids.afronden)
    frames(1)
    yes = next(w for w in screen.get_root_window().children if type(w).__name__ == "AfrondenVraag").ids.yes
    tap(yes)
    app.export_thread.join()  # the bundle is made in the background
    frames(3)


@pytest.mark.slow
def test_the_whole_visit_is_stored_and_exported(make_app: object, tmp_path: object) -> None:
    today = [date(2026, 3, 2)]
    app = make_app(today=lambda: today[0])

    # First start: an account, with the PIN twice on the keypad.
    assert app.current == "account"
    account = app.screen("account")
    account.ids.naam.text = "Sanne de Vries"
    type_pin(account, PIN)
    type_pin(account, PIN)
    assert app.current == "inwoners"
    assert [p.naam for p in app.keyring.professionals()] == ["Sanne de Vries"]

    # Locked and unlocked again.
    tap(app.screen("inwoners").ids.lock)
    assert app.current == "lock"
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoners"

    # A new inwoner: a wrong entry gets a Dutch message and saves nothing.
    tap(app.screen("inwoners").ids.new)
    form = next(w for w in app.manager.get_root_window().children if type(w).__name__ == "NieuweInwonerView")
    form.ids.dossier.text = "D-2026-17"
    tap(form.ids.save)
    assert form.message == "Vul de wijk in (hoogstens 60 tekens)."
    assert app.repository.find_inwoner("D-2026-17") is None
    form.ids.wijk.text = "Tongelre"
    form.ids.initialen.text = "K.L."
    tap(form.ids.save)
    frames(1)
    assert app.current == "inwoner"
    inwoner = app.repository.find_inwoner("D-2026-17")
    assert (inwoner.wijk, inwoner.initialen) == ("Tongelre", "K.L.")

    # The 0-meting on the board: two kaartjes from the tray, the fiches slid along the bars.
    assert app.screen("inwoner").action == "0-meting beginnen"
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord" and app.inwoner_mode
    tap_card(app, "geld")
    tap_card(app, "wonen")
    slide(app, "geld", 0.5, 0.2)
    slide(app, "wonen", 0.5, 0.7)

    # Two doelen with acties, the lowest leefgebied first on the screen.
    tap(app.screen("bord").ids_nav["doelen"])
    assert app.current == "doelen"
    write_doel(app, "Geld", "Ik wil mijn rekeningen op tijd betalen.",
               [("Ik zelf", "Elke maandag de post openen"), ("Het wijkteam", "Samen een budgetplan maken")])
    write_doel(app, "Wonen", "Ik wil dat de schimmel weg is.", [("Familie of vrienden", "Zoon belt de verhuurder")])

    tap(app.screen("doelen").ids.next)
    assert app.current == "afronden"
    afronden(app, 6)
    assert app.screen("afronden").export_state == "done"

    stored = app.repository.latest_afgerond(inwoner.id)
    assert stored.status is Status.AFGEROND and stored.label == "0-meting"
    assert stored.gekozen == ("geld", "wonen") and stored.rapportcijfer == 6
    assert stored.positie("geld") == pytest.approx(0.2, abs=0.01)
    assert stored.positie("wonen") == pytest.approx(0.7, abs=0.01)
    assert stored.volgende_meting == add_months(date(2026, 3, 2), 3)
    assert [(d.leefgebied, d.tekst) for d in stored.doelen] == [
        ("geld", "Ik wil mijn rekeningen op tijd betalen."), ("wonen", "Ik wil dat de schimmel weg is.")]
    assert [(a.wie.value, a.wat) for a in stored.doelen[0].acties] == [
        ("inwoner", "Elke maandag de post openen"), ("wijkteam", "Samen een budgetplan maken")]
    assert all(d.streefdatum == add_months(date(2026, 3, 2), 3) for d in stored.doelen)
    bundle = tmp_path / "outbox" / f"2026-03-02_{stored.id}"
    assert {"snapshot.png", "koelkastblad.pdf", "dossier.pdf"} <= {p.name for p in bundle.iterdir()}
    assert app.repository.exported_at(stored.id) is not None

    # Only the PIN leads away from the afgeronde board.
    tap(app.screen("afronden").ids.done)
    assert app.current == "lock"
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoner" and not app.inwoner_mode

    # Three months later: the vervolgmeting shows the ghosts and evaluates the doelen.
    today[0] = date(2026, 6, 1)
    assert app.screen("inwoner").action == "Vervolgmeting beginnen"
    tap(app.screen("inwoner").ids.start)
    board_screen = app.screen("bord").board_screen
    assert board_screen.vervolg and app.live.meting.vorige == stored.fiches
    assert app.live.meting.gekozen == ("geld", "wonen")
    slide(app, "geld", 0.5, 0.6)
    slide(app, "wonen", 0.5, 0.4)
    tap(app.screen("bord").ids_nav["doelen"])
    doelen = app.screen("doelen")
    panels = [p for p in doelen.ids.content.children if type(p).__name__ == "Paneel"]
    evaluations = {p: [b for b in p.walk(restrict=True) if getattr(b, "text", "") == "Behaald"] for p in panels}
    evaluation_panels = [p for p, found in evaluations.items() if found]
    assert len(evaluation_panels) == 2
    texts = {p: " ".join(str(getattr(w, "text", "")) for w in p.walk(restrict=True)) for p in evaluation_panels}
    geld_panel = next(p for p, t in texts.items() if "rekeningen" in t)
    tap(button(geld_panel, "Behaald"))
    wonen_panel = next(p for p in app.screen("doelen").ids.content.children
                       if "schimmel" in " ".join(str(getattr(w, "text", "")) for w in p.walk(restrict=True))
                       and any(getattr(b, "text", "") == "Niet behaald" for b in p.walk(restrict=True)))
    tap(button(wonen_panel, "Niet behaald"))
    tap(app.screen("doelen").ids.next)

    zin = app.screen("afronden").zin
    assert zin == "Op 1 van de 2 leefgebieden gaat het beter, op 1 slechter; 1 van de 2 doelen is behaald."
    assert app.screen("afronden").ids.zin.text == zin
    afronden(app, 7)

    history = app.repository.history(inwoner.id)
    assert [m.label for m in history] == ["0-meting", "vervolgmeting 1"] and all(m.afgerond for m in history)
    vervolg = history[1]
    assert vervolg.rapportcijfer == 7 and vervolg.vorige == stored.fiches
    assert {d.tekst: d.evaluatie for d in vervolg.doelen} == {
        "Ik wil mijn rekeningen op tijd betalen.": Evaluatie.BEHAALD,
        "Ik wil dat de schimmel weg is.": Evaluatie.NIET_BEHAALD,
    }
    assert vergelijk(history[0], vervolg).zin == zin
    assert (tmp_path / "outbox" / f"2026-06-01_{vervolg.id}" / "snapshot.png").is_file()

    # The geschiedenis compares the two and charts each leefgebied over both metingen.
    tap(app.screen("afronden").ids.done)
    type_pin(app.screen("lock"), PIN)
    tap(app.screen("inwoner").ids.history)
    geschiedenis = app.screen("geschiedenis")
    assert app.current == "geschiedenis" and geschiedenis.zin == zin
    assert len(geschiedenis.ids.boards.children) == 2
    charts = {key: points for key, _rect, points in geschiedenis.ids.grafiek.charts}
    assert set(charts) == {"geld", "wonen"} and all(len(p) == 2 for p in charts.values())
    assert charts["geld"][1][1] > charts["geld"][0][1] and charts["wonen"][1][1] < charts["wonen"][0][1]


@pytest.mark.slow
def test_a_killed_app_resumes_the_concept_meting_exactly(make_app: object, tmp_path: object) -> None:
    first = make_app(today=lambda: date(2026, 3, 2))
    account = first.screen("account")
    account.ids.naam.text = "Sanne"
    type_pin(account, PIN)
    type_pin(account, PIN)
    repository = first.repository  # unlocked by the new account: the data key is in the app only
    from board import Inwoner

    inwoner = Inwoner.create("D-9", "Gestel")
    repository.add_inwoner(inwoner)
    first.show_list()
    frames(2)
    tap(row_of(first, "D-9"))
    tap(first.screen("inwoner").ids.start)
    tap_card(first, "zingeving")
    tap_card(first, "werk")
    tap_card(first, "geld")
    slide(first, "werk", 0.5, 0.35)
    first.live.apply(lambda m: m.place_fiche("werk", Perspectief.NAASTE, 0.8))
    first.live.apply(lambda m: m.move_leefgebied("geld", 0))
    first.live.undo()  # the undone step is not what was saved
    shown = first.live.meting
    # Killed: the app object is dropped without closing anything.
    first.release()

    second = make_app(today=lambda: date(2026, 3, 2))
    assert second.current == "lock"
    type_pin(second.screen("lock"), PIN)
    assert second.current == "bord" and second.inwoner_mode
    assert second.live.meting == shown == repository.current_concept(inwoner.id)
    board = second.screen("bord").board_screen.board
    assert [row.key for row in board.layout.rows] == ["zingeving", "werk", "geld"]
    assert board.fiche_center("werk")[0] == pytest.approx(board.layout.row("werk").x_for(shown.positie("werk")))
    assert board.fiche_center("werk", Perspectief.NAASTE) is not None
    repository.close()


def test_the_visit_marker_follows_the_boards_first_frame(make_app: object) -> None:
    """P10: the board is drawn first, the visit marker (an fsync) is written in the frame after;
    a visit that already ended by then leaves no marker behind."""
    from services.visit import Visit
    from tests.kivy_helpers import app_with_inwoner

    app, inwoner = app_with_inwoner(make_app, "D-10", today=lambda: date(2026, 3, 2))
    app.open_visit()
    assert app.current == "bord" and app.marker.read() is None  # not yet: the board comes first
    frames(2)
    assert app.marker.read() == Visit(inwoner.id, app.live.meting.id)
    app._end_visit()
    app.show_inwoner()
    app.open_visit()
    app._end_visit()  # left before the board's next frame
    frames(2)
    assert app.marker.read() is None
