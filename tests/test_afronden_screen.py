"""The afronden screen, driven by touches: the rapportcijfer and the next meting, a board
that is not complete yet stays a concept, and afronden makes the bundle for the dossier."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from board import Status
from board.datums import add_months
from exports.bundle import read_file, verify_bundle
from storage.outbox import outbox_seal
from tests.kivy_helpers import button, frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.schijf import hidden, tmpfs, unwritable
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
    into_sight(screen.ids.afronden)  # on a small window it is below the fold
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


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)], ids=lambda v: f"{v[0]}x{v[1]}")
def test_a_board_that_is_not_complete_says_what_is_missing_here_and_loses_nothing(
    make_app: object, size: tuple[int, int]
) -> None:
    """The new-user trial: "Meting afronden" did nothing visible when a chosen leefgebied had
    no fiche (the reason went to the board screen's toast). Now this screen says which."""
    from kivy.core.window import Window

    Window.size = size
    app, inwoner = on_afronden(make_app)
    screen = app.screen("afronden")
    assert screen.ids.melding.height == 0 and screen.ids.melding.opacity == 0  # nothing said before the tap
    tap(button(screen.ids.cijfers, "6"))
    into_sight(screen.ids.afronden)
    frames(2)
    before = screen.ids.afronden.to_window(*screen.ids.afronden.pos)
    tap(screen.ids.afronden)
    frames(3)  # the message is scrolled into sight on the next frame
    if size[1] >= 800:  # room for the message below: the button stays under the finger
        assert screen.ids.afronden.to_window(*screen.ids.afronden.pos) == before
    assert not [w for w in Window.children if type(w).__name__ == "AfrondenVraag"]  # no question: it cannot be done
    text = screen.ids.melding_text.text
    assert "Wonen" in text and "Geld" not in text and "fiche" in text, text  # which leefgebied, in plain Dutch
    assert screen.ids.melding.opacity == 1 and screen.ids.melding_text.height > 0
    assert not outside_window(screen.ids.melding_text)  # in sight, on this screen
    assert app.current == "afronden" and app.export_thread is None
    stored = app.repository.current_concept(inwoner.id)
    assert stored.status is Status.CONCEPT and stored.rapportcijfer == 6  # nothing lost
    assert stored.positie("geld") is not None and "wonen" in stored.gekozen
    # Mended on the board (through the header's button and back), the message is gone and afronden works.
    tap(screen.ids.board)
    assert app.current == "bord"
    app.live.apply(lambda m: m.place_fiche("wonen", "inwoner", 0.7))
    app.show_meting_step("afronden")
    frames(2)
    assert screen.melding == "" and screen.ids.melding.height == 0
    confirm_afronden(app)
    assert screen.afgerond and screen.export_state == "done"
    assert app.repository.latest_afgerond(inwoner.id).rapportcijfer == 6


def test_the_message_follows_the_board_while_it_is_shown(make_app: object) -> None:
    app, _inwoner = on_afronden(make_app)
    screen = app.screen("afronden")
    app.live.apply(lambda m: m.choose("werk"))  # two leefgebieden without the fiche
    tap(screen.ids.afronden)
    assert "Wonen" in screen.melding and "Werk" in screen.melding
    app.live.apply(lambda m: m.place_fiche("werk", "inwoner", 0.5))
    assert "Wonen" in screen.melding and "Werk" not in screen.melding
    app.live.apply(lambda m: m.place_fiche("wonen", "inwoner", 0.5))
    assert screen.melding == ""


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


FAULTS = {
    # a real fault: a read-only file system as root, else a folder without write permission
    "alleen-lezen": (lambda outbox: unwritable(outbox), ("alleen te lezen", "geen toestemming")),
    # a real full disk: 64 KiB, far less than a bundle; it fills while the files are written
    "vol": (lambda outbox: tmpfs(outbox, 64 * 1024), ("de opslag is vol",)),
}


@pytest.mark.parametrize(
    ("fault", "size"),
    [("alleen-lezen", (1280, 800)), ("alleen-lezen", (800, 1280)), ("vol", (800, 600))],
    ids=lambda v: v if isinstance(v, str) else f"{v[0]}x{v[1]}",
)
def test_an_outbox_that_cannot_take_the_bundle_is_said_and_opnieuw_proberen_works(
    make_app: object, tmp_path: Path, fault: str, size: tuple[int, int]
) -> None:
    from kivy.core.window import Window

    Window.size = size
    app, inwoner = on_afronden(make_app)
    app.live.apply(lambda m: m.place_fiche("wonen", "inwoner", 0.7))
    outbox = tmp_path / "outbox"
    screen = app.screen("afronden")
    make_fault, reasons = FAULTS[fault]
    with make_fault(outbox):
        confirm_afronden(app)
        assert screen.afgerond and screen.export_state == "error"
        assert "Klaar" not in screen.export_text and screen.export_text.startswith("Het maken van het dossier is niet")
        assert any(reason in screen.export_reden for reason in reasons), screen.export_reden  # why, in Dutch
        for english in ("Read-only", "Permission", "No space", "Errno"):
            assert english not in screen.export_text + screen.export_reden
        assert list(outbox.iterdir()) == []
        retry = button(screen.ids.export, "Opnieuw proberen")
        assert retry == screen.ids.retry and retry.opacity == 1 and not retry.disabled
        assert not outside_window(retry)
        tap(retry)  # still read-only: still the failure, never "Klaar"
        app.export_thread.join()
        frames(3)
        assert screen.export_state == "error" and list(outbox.iterdir()) == []
    tap(screen.ids.retry)  # the fault is gone
    app.export_thread.join()
    frames(3)
    assert screen.export_state == "done" and screen.export_text.startswith("Klaar.")
    stored = app.repository.latest_afgerond(inwoner.id)
    bundle = outbox / f"{TODAY.isoformat()}_{stored.id}"
    assert verify_bundle(bundle, outbox_seal(app.repository)) and hidden(outbox) == []  # sealed, whole
    assert screen.ids.retry.disabled and screen.ids.retry.opacity == 0


def outside_window(widget: object) -> bool:
    from kivy.core.window import Window

    x, y = widget.to_window(*widget.pos)
    return x < 0 or y < 0 or x + widget.width > Window.width or y + widget.height > Window.height


def test_a_renderer_that_raises_never_gives_klaar(make_app: object, tmp_path: Path, monkeypatch) -> None:
    """The old bug: any error but a UserError or OSError left the screen saying "Klaar"
    (from a ``finally``). No real meting makes a renderer fail now, so one is made to."""
    from reportlab.platypus.doctemplate import LayoutError

    def broken(*_args: object) -> bytes:
        raise LayoutError("Flowable <Paragraph> Ik wil mijn post weer openmaken ... too large")

    monkeypatch.setattr("exports.bundle.koelkastblad_pdf", broken)
    app, _inwoner = on_afronden(make_app)
    app.live.apply(lambda m: m.place_fiche("wonen", "inwoner", 0.7))
    confirm_afronden(app)
    screen = app.screen("afronden")
    assert screen.export_state == "error" and "Klaar" not in screen.export_text
    assert "niet worden opgemaakt" in screen.export_reden and "Flowable" not in screen.export_text + screen.export_reden
    assert list((tmp_path / "outbox").iterdir()) == []
    monkeypatch.undo()
    tap(screen.ids.retry)
    app.export_thread.join()
    frames(3)
    assert screen.export_state == "done" and len(list((tmp_path / "outbox").iterdir())) == 1


def test_a_meting_at_every_limit_is_exported_after_afronden(make_app: object, tmp_path: Path) -> None:
    from tests.grenzen import Woorden, vol
    from tests.pdftekst import all_text, reader

    app, inwoner = on_afronden(make_app)
    woorden = Woorden("w")
    app.live.apply(lambda m: m.place_fiche("wonen", "inwoner", 0.7))
    for key in app.live.meting.niet_gekozen:
        app.live.apply(lambda m, k=key: m.choose(k).place_fiche(k, "inwoner", 0.5))
    app.live.apply(lambda m: vol(m, woorden))
    confirm_afronden(app)
    screen = app.screen("afronden")
    assert screen.export_state == "done", screen.export_text
    stored = app.repository.latest_afgerond(inwoner.id)
    bundle = tmp_path / "outbox" / f"{TODAY.isoformat()}_{stored.id}"
    seal = outbox_seal(app.repository)  # the outbox is encrypted with the tablet's key
    assert verify_bundle(bundle, seal)
    for name in ("koelkastblad.pdf", "dossier.pdf"):
        data = read_file(bundle, name, seal)
        assert len(reader(data).pages) > 1
        assert set(re.findall(r"w\d+", all_text(data))) == set(woorden.used)
