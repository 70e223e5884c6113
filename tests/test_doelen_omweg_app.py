"""Found on an outside walk (Xvfb, mouse), by touches at 1280x800 and 800x600:

- A new date chosen for a carried-over doel survives a detour through Behaald and Vervallen
  (which keep the date the doel came with): rated Niet behaald again, its card shows the new
  date, not the passed one; undo and redo on the board walk the same steps back and forth.
  The new date set aside is not stored: the row holds the date the doel has (the old one while
  it is behaald).
- The afronden summary says why its count of doelen is smaller: a vervallen doel is named.
- "Meting afronden" lies wholly in the window when the afronden screen opens.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from board import Evaluatie
from board.taal import vertaler
from tests.kivy_helpers import button, frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_checks import window_rect
from tests.screen_helpers import modal, panel_with
from tests.test_doelen_evaluatie_app import GELD, SIZES, VOORBIJ, WERK, WONEN, _doel, _tap_result, _vervolg


def _texts(panel: object) -> list[str]:
    return [w.text for w in panel.walk(restrict=True) if type(w).__name__ == "Label"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_new_date_survives_a_detour_through_behaald_and_vervallen(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    nl = vertaler("nl")
    app, _folder = _vervolg(make_app, tmp_path, monkeypatch, size, "D-2026-941", {"geld": GELD})
    doelen = app.screen("doelen")
    knop = button(panel_with(doelen, GELD), "Nieuwe datum")
    into_sight(knop)
    tap(knop)
    editor = modal(app, "DoelEditor")
    for _ in range(12):  # a date a year on: in 2027
        tap(editor.ids.plus)
    tap(editor.ids.save)
    frames(2)
    nieuw = _doel(app, GELD).streefdatum  # the date chosen
    assert nieuw is not None and nieuw.year == 2027 and _doel(app, GELD).evaluatie is None

    for evaluatie in (Evaluatie.DEELS_BEHAALD, Evaluatie.BEHAALD, Evaluatie.VERVALLEN):
        _tap_result(app, GELD, evaluatie)
        frames(1)
    # Vervallen: the date it came with (no warning), and that is what the database holds.
    assert _doel(app, GELD).streefdatum == VOORBIJ
    (bewaard,) = [d for d in app.repository.get_meting(app.live.meting.id).doelen if d.tekst == GELD]
    assert bewaard.evaluatie is Evaluatie.VERVALLEN and bewaard.streefdatum == VOORBIJ

    _tap_result(app, GELD, Evaluatie.NIET_BEHAALD)
    frames(2)
    assert _doel(app, GELD).streefdatum == nieuw
    teksten = _texts(panel_with(doelen, GELD))
    assert f"Klaar op: {nl.datum(nieuw)}" in teksten, teksten
    assert not any("voorbij" in t for t in teksten), teksten
    (bewaard,) = [d for d in app.repository.get_meting(app.live.meting.id).doelen if d.tekst == GELD]
    assert bewaard.evaluatie is Evaluatie.NIET_BEHAALD and bewaard.streefdatum == nieuw

    # Undo on the board: vervallen again, the old date; redo: niet behaald with the new date.
    tap(doelen.ids.back)
    bord = app.screen("bord").board_screen
    assert app.current == "bord"
    tap(bord.ids.undo)
    assert _doel(app, GELD).evaluatie is Evaluatie.VERVALLEN and _doel(app, GELD).streefdatum == VOORBIJ
    tap(bord.ids.undo)
    assert _doel(app, GELD).evaluatie is Evaluatie.BEHAALD and _doel(app, GELD).streefdatum == VOORBIJ
    tap(bord.ids.redo)
    tap(bord.ids.redo)
    assert _doel(app, GELD).evaluatie is Evaluatie.NIET_BEHAALD and _doel(app, GELD).streefdatum == nieuw


def _afronden_with_three(make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                         size: tuple[int, int], dossier: str) -> object:
    """The afronden screen, opened by touch, of a vervolgmeting with 3 doelen from before:
    behaald, vervallen, niet behaald."""
    drie = {"geld": GELD, "wonen": WONEN, "werk": WERK}
    app, _folder = _vervolg(make_app, tmp_path, monkeypatch, size, dossier, drie)
    doelen = app.screen("doelen")
    _tap_result(app, GELD, Evaluatie.BEHAALD)
    _tap_result(app, WONEN, Evaluatie.VERVALLEN)
    _tap_result(app, WERK, Evaluatie.NIET_BEHAALD)
    into_sight(doelen.ids.next)
    tap(doelen.ids.next)
    frames(3)
    assert app.current == "afronden"
    return app.screen("afronden")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_afronden_says_that_a_doel_is_vervallen(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    zin = _afronden_with_three(make_app, tmp_path, monkeypatch, size, "D-2026-942").ids.zin.text
    assert "1 van de 2 doelen is behaald" in zin and "1 doel is vervallen" in zin, zin


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_afronden_opens_with_its_button_in_sight(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    from kivy.core.window import Window

    afronden = _afronden_with_three(make_app, tmp_path, monkeypatch, size, "D-2026-943")
    assert Window.size == size
    x, y, w, h = window_rect(afronden.ids.afronden)
    assert x >= 0 and y >= 0 and x + w <= Window.width + 1 and y + h <= Window.height + 1, ((x, y, w, h), size)
    # the first question, the rapportcijfer, in sight too: the button in sight does not push it away
    cx, cy, cw, ch = window_rect(afronden.ids.cijfers)
    assert cy >= 0 and cy + ch <= Window.height - 60, ((cx, cy, cw, ch), size)
    tap(afronden.ids.cijfers.children[-1])  # the buttons work where they are: 1 chosen
    assert afronden.live.meting.rapportcijfer == 1
