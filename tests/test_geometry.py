"""The board's geometry, without a screen."""

from __future__ import annotations

import pytest

from board import Perspectief, load_set
from board.geometry import BoardLayout

KEYS = load_set().keys


def test_rows_are_stacked_from_the_top_in_priority_order() -> None:
    layout = BoardLayout.compute((0, 0, 920, 800), KEYS[:3])
    tops = [r.rect[1] + r.rect[3] for r in layout.rows]
    assert tops == sorted(tops, reverse=True)
    assert [r.key for r in layout.rows] == list(KEYS[:3])
    assert tops[0] <= 800


@pytest.mark.parametrize(("area", "unit"), [((0, 0, 920, 800), 1.0), ((0, 0, 1380, 1200), 1.5)])
def test_fourteen_bars_keep_48_dp_touch_targets(area: tuple, unit: float) -> None:
    layout = BoardLayout.compute(area, KEYS, unit)
    assert len(layout.rows) == 14
    assert layout.pitch >= 48
    for row in layout.rows:
        assert row.handle[2] >= 48
        assert row.track[2] > 300  # a long bar: the scale needs room
        assert row.sad[0] + row.sad[2] <= row.track[0] < row.track[0] + row.track[2] <= row.happy[0]
        assert row.rect[0] + row.rect[2] <= area[2]


def test_positions_map_to_the_bar_and_back() -> None:
    row = BoardLayout.compute((0, 0, 920, 800), KEYS[:1]).rows[0]
    for positie in (0.0, 0.37, 1.0):
        assert row.positie_at(row.x_for(positie)) == pytest.approx(positie)
    assert row.positie_at(row.touch_x[0]) < 0 < 1 < row.positie_at(row.touch_x[1])
    inwoner = row.fiche_center(0.5, Perspectief.INWONER)
    assert inwoner[1] == row.center_y
    assert row.fiche_center(0.5, Perspectief.PROFESSIONAL)[1] > inwoner[1] > row.fiche_center(0.5, "naaste")[1]


def test_index_at_says_where_a_dropped_bar_goes() -> None:
    layout = BoardLayout.compute((0, 0, 920, 800), KEYS[:3])
    assert [layout.index_at(r.center_y, 3) for r in layout.rows] == [0, 1, 2]
    assert layout.index_at(10_000, 3) == 0
    assert layout.index_at(-10_000, 3) == 2
    assert layout.index_at(layout.rows[2].rect[1] - 1.5 * layout.pitch, 4) == 3  # below the last: at the end
    assert layout.row_at(-10_000) is None
