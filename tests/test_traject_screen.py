"""Afsluiten on the inwoner's screen, through touches on the running app at two window
sizes: the button, the question with the reasons, the closed traject on the screen and in
the database, and the new 0-meting that reopens it."""

from __future__ import annotations

from datetime import date

import pytest

from board import Inwoner
from board.traject import Afsluitreden
from tests.kivy_helpers import button, frames, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import modal, unlocked_app, with_afgeronde_nulmeting


def _on_window(widget: object, window: object) -> bool:
    x, y = widget.to_window(*widget.pos)
    return x >= 0 and y >= 0 and x + widget.width <= window.width + 1 and y + widget.height <= window.height + 1


@pytest.mark.parametrize("size", [(1280, 800), (1024, 640)])
def test_the_professional_closes_a_traject_with_a_reason_and_a_new_0_meting_reopens(
    make_app: object, window: object, size: tuple[int, int]
) -> None:
    window.size = size
    frames(2)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 4, 1))
    inwoner = with_afgeronde_nulmeting(app)
    app.show_inwoner(inwoner)
    frames(2)
    screen = app.screen("inwoner")
    knop = screen.ids.close_traject
    assert not knop.disabled and _on_window(knop, window)
    assert screen.action == "Vervolgmeting beginnen"
    tap(knop)
    vraag = modal(app, "TrajectAfsluitenView")
    assert vraag.ids.confirm.disabled  # no reason yet: nothing to confirm
    assert [b.text for b in reversed(vraag.ids.redenen.children)] == [
        "Doelen bereikt", "Overgedragen aan specialistische zorg", "Verhuisd", "Gestopt op eigen verzoek",
        "Overleden", "Anders"]
    tap(vraag.ids.cancel)  # cancelled: nothing stored
    frames(1)
    assert app.repository.afsluitingen(inwoner.id) == []
    tap(knop)
    vraag = modal(app, "TrajectAfsluitenView")
    tap(button(vraag.ids.redenen, "Verhuisd"))
    assert button(vraag.ids.redenen, "Verhuisd").selected and not vraag.ids.confirm.disabled
    assert _on_window(vraag.ids.confirm, window)
    tap(vraag.ids.confirm)
    frames(1)
    assert vraag.parent is None  # the question is gone
    [afsluiting] = app.repository.afsluitingen(inwoner.id)
    assert (afsluiting.reden, afsluiting.datum) == (Afsluitreden.VERHUISD, date(2026, 4, 1))
    assert "afgesloten" in screen.status and "verhuisd" in screen.status
    assert screen.action == "Nieuwe 0-meting beginnen" and knop.disabled
    tap(screen.ids.start)
    assert app.current == "bord"
    meting = app.repository.current_concept(inwoner.id)
    assert (meting.label, meting.volgnummer) == ("0-meting", 1)


def test_a_concept_meting_keeps_the_traject_open(make_app: object) -> None:
    app = unlocked_app(make_app, aantal=0)
    inwoner = Inwoner.create("T-901", "Stratum")
    app.repository.add_inwoner(inwoner)
    app.repository.start_nulmeting(inwoner.id, date(2026, 1, 5))
    app.show_inwoner(inwoner)
    frames(2)
    assert app.screen("inwoner").ids.close_traject.disabled
