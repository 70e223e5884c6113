"""An afgeronde meting's board is a live board without its reorder handles (its rows, pictograms
and speakers as a live board's): the room for its names is measured as it is drawn. It was
measured as a picture's (no handle, so "not live"), and the names got a column up to 6 px
narrower than the one they were measured in, or rows taller than they need."""

from __future__ import annotations

import math

import pytest

from board.geometry import SLACK, BoardLayout
from board.geometry_namen import room_for_names

KEYS = ("geld", "wonen", "werk", "zingeving")


def _need(least_width: float, height: float):
    """Names that fit a column of ``least_width`` px or more in ``height`` px (and no narrower)."""
    return lambda width: height if width >= least_width - SLACK else math.inf


@pytest.mark.parametrize("area", [(0, 0, 560, 580), (0, 0, 489, 600), (0, 0, 700, 400)])
@pytest.mark.parametrize("least_width", [119, 125, 150])
def test_an_afgerond_board_draws_its_names_in_the_column_they_were_measured_in(
        area: tuple[int, int, int, int], least_width: float) -> None:
    def compute(name_least: float = 0.0, pitch_least: float = 0.0) -> BoardLayout:
        return BoardLayout.compute(area, KEYS, 1.0, live=True, name_least=name_least, pitch_least=pitch_least,
                                   reorder=False)

    layout = compute()
    pitch, column = room_for_names(layout, _need(least_width, 40.0), reorder=False)
    drawn = compute(column, pitch)
    row = drawn.rows[0]
    assert row.handle is None and row.pictogram is not None
    # The column the names are drawn in holds them (it was measured as a picture's: wider).
    assert _need(least_width, 40.0)(row.name[2]) <= row.rect[3] + SLACK, (row.name[2], column, pitch)
