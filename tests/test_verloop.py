"""The course of each leefgebied over all metingen, and the grid of small charts."""

from __future__ import annotations

from datetime import date, datetime

from board import Meting
from widgets.verloop import chart_rects, verloop


def test_each_leefgebied_gets_its_positions_with_gaps_where_it_was_not_chosen() -> None:
    nul = Meting.nulmeting("i", date(2026, 1, 1)).choose("geld").place_fiche("geld", "inwoner", 0.2)
    vervolg = nul.afronden(datetime(2026, 1, 1, 12)).vervolg(date(2026, 4, 1))
    vervolg = vervolg.place_fiche("geld", "inwoner", 0.6).choose("wonen", 0).place_fiche("wonen", "inwoner", 0.5)
    assert verloop([nul, vervolg]) == [("wonen", [None, 0.5]), ("geld", [0.2, 0.6])]


def test_charts_fill_an_even_grid_inside_the_area() -> None:
    rects = chart_rects((0, 0, 1000, 600), 5, 10)
    assert len(rects) == 5 and len({r[2] for r in rects}) == 1
    assert sorted({r[0] for r in rects}) == [0, 336, 672]  # three columns: 3 + 2, on whole pixels
    assert all(x >= 0 and x + w <= 1000 and y >= 0 and y + h <= 600 for x, y, w, h in rects)
    assert chart_rects((0, 0, 1000, 600), 0, 10) == []
    assert len({r[1] for r in chart_rects((0, 0, 1000, 600), 14, 10)}) == 4  # 14: four rows


def test_a_grid_takes_fewer_columns_where_a_title_would_not_fit() -> None:
    from board.passen import chart_grid

    assert chart_grid(14, lambda _columns: True) == (4, 4)
    assert chart_grid(5, lambda _columns: True) == (3, 2)  # as even as possible
    assert chart_grid(14, lambda columns: columns <= 2) == (2, 7)
    assert chart_grid(14, lambda _columns: False) == (1, 14)  # one column at least
    assert chart_grid(0, lambda _columns: True) == (0, 0)
