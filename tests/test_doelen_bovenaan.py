"""The doelen page of the next visit opens at its top. An outside walk scrolled one inwoner's
doelen page down, went on to another inwoner's vervolgmeting and tapped Doelen: the page stood
where the last one was left, the heading and the first doelen above the top bar."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from board import Inwoner
from tests.kivy_helpers import drag, frames, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.test_doelen_evaluatie_app import GELD, WERK, WONEN, _vervolg, afgerond_met_doelen

SIZES = [(1280, 800), (800, 600)]
DOELEN = {"geld": GELD, "wonen": WONEN, "werk": WERK}


def _second_inwoner(app: object) -> Inwoner:
    """Another inwoner with an afgeronde 0-meting of three doelen: a vervolgmeting to begin."""
    inwoner = Inwoner.create("D-TWEEDE", "Gestel")
    app.repository.add_inwoner(inwoner)
    afgerond_met_doelen(app.repository, app.repository.start_nulmeting(inwoner.id, date(2025, 10, 1)), DOELEN)
    return app.repository.get_inwoner(inwoner.id)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_next_visits_doelen_page_opens_at_its_top(make_app: object, window: object, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]) -> None:
    app, _folder = _vervolg(make_app, tmp_path, monkeypatch, size, "D-EERSTE", DOELEN)
    scroll = app.screen("doelen").ids.scroll
    frames(2)
    x, y = scroll.to_window(scroll.center_x, scroll.y + scroll.height * 0.3)
    drag([(x, y), (x, y + scroll.height * 0.3), (x, y + scroll.height * 0.6)])  # a finger pushes the page up
    frames(3)
    assert scroll.scroll_y < 0.9, "the page did not scroll: the test shows nothing"
    tweede = _second_inwoner(app)
    app._end_visit()  # to the professional's list, as the PIN does
    app.show_inwoner(tweede)
    tap(app.screen("inwoner").ids.start)
    for key in DOELEN:
        app.live.apply(lambda m, k=key: m.place_fiche(k, "inwoner", 0.5))
    tap(app.screen("bord").ids_nav["doelen"])
    frames(3)
    assert app.current == "doelen" and app.inwoner.dossiernummer == "D-TWEEDE"
    assert scroll.scroll_y == pytest.approx(1.0), f"opened at scroll_y {scroll.scroll_y:.2f}"
