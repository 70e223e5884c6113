"""An unfinished meting taken up long after its visit ("Verder met de meting"): the months ahead
count from today, not from that visit (an outside walk found a new doel proposed "over 3 maanden:
13 november 2025" in December 2026, saved as a day already passed, and the next meting planned in
the past). By touches at two window sizes, on the doel editor and the afronden screen."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from board.datums import add_months, vanaf
from board.taal import vertaler
from tests.kivy_helpers import frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.test_doel_editor_sizes import open_editor
from tests.test_koelkastblad_app import TODAY, visit_to_save

BEGUN = date(2025, 8, 13)  # the visit, long before TODAY; its meting was never finished


def test_the_months_count_from_the_meting_or_from_today_when_it_is_taken_up_later() -> None:
    assert vanaf(BEGUN, TODAY) == TODAY
    assert vanaf(TODAY, BEGUN) == TODAY  # a meting's own day is never moved back
    assert vanaf(TODAY, TODAY) == TODAY


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_meting_taken_up_later_plans_from_today(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    nl = vertaler("nl")
    app, inwoner, _folder, _nul = visit_to_save(make_app, tmp_path, monkeypatch, size, "D-2026-904", BEGUN)
    app.show_inwoner(inwoner)
    assert app.screen("inwoner").ids.start.text == "Verder met de meting"
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord" and app.live.meting.datum == BEGUN  # the meting itself keeps its day
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.2))

    editor = open_editor(app)
    drie = add_months(TODAY, 3)
    assert editor.months_label == "over 3 maanden: " + nl.datum(drie).replace(" ", "\u00a0")
    editor.ids.tekst.text = "Elke week iets leuks doen"
    tap(editor.ids.save)
    frames(2)
    doel = next(d for d in app.live.meting.doelen if d.tekst == "Elke week iets leuks doen")
    assert doel.streefdatum == drie  # not add_months(BEGUN, 3), a day long passed

    app.show_meting_step("afronden")
    frames(2)
    afronden = app.screen("afronden")
    into_sight(afronden.ids.plus)
    tap(afronden.ids.plus)
    frames(1)
    volgende = app.live.meting.volgende_meting
    assert volgende is not None and TODAY < volgende <= add_months(TODAY, 24), volgende
    assert afronden.volgende.startswith("over ") and nl.datum(volgende) in afronden.volgende
