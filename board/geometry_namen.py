"""Room for the names on a live board (pure Python; the board itself is board/geometry.py's).

A name on a live board is never drawn below ``MIN_TEXT`` (its Dutch beneath never below
``DUTCH_LEAST``: ``board.passen.name_fonts_least``). Where the rows as they come are too low
for the names at those sizes, the name column first widens (the bar keeping ``MIN_TRACK`` and
the pictogram its place), so a wide board stays as it is; only where that is not enough do the
rows grow, and the board scrolls (as it does for fourteen bars at 800x600). The renderer
measures (``need``); this module decides. A history board's rows are decided by
``board.geometry_compare`` instead: it does not scroll within itself.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from board.geometry import GAP, MAX_NAME, MIN_TRACK, SLACK, BoardLayout, row_geometry

STEPS = 40  # rows grown at most this many times (each by 2 dp or to what the names need)
COLUMN_STEP = 4  # dp: a name column widens in these steps


def room_for_names(layout: BoardLayout, need: Callable[[float], float],
                   name_least: float = 0.0, reorder: bool = True) -> tuple[float, float]:
    """(pitch, name column) in px that a live board's names need: ``layout`` is the board as it
    comes (``BoardLayout.compute`` with ``name_least``), ``need(width)`` the height in px the
    tallest name takes with its Dutch beneath, wrapped at ``width`` px at the least sizes
    (infinite where a word does not fit). The widest column keeping the bar and the pictogram is
    tried at the rows' height first, then taller rows (in steps of 2 dp); of the columns that
    hold the names the narrowest (in steps of ``COLUMN_STEP``). Where no column holds a word:
    the layout as it comes. ``reorder`` as ``BoardLayout.compute``'s (an afgeronde meting's live
    board has no handles: measured as it is drawn, not as a picture)."""
    if not layout.rows:
        return layout.pitch, name_least
    row = layout.rows[0]
    unit, width = row.unit, row.rect[2]
    pitch = layout.pitch
    for _step in range(STEPS):
        height = pitch - GAP * unit
        column = row_geometry(row.key, 0, (0.0, 0.0, width, height), unit, True, name_least, reorder).name[2]
        widest = _widest(width, height, unit, reorder, column)
        needed = need(widest)
        if math.isinf(needed):
            break  # taller rows narrow the column further: no use trying them
        if needed <= height + SLACK:
            if need(column) <= height + SLACK:
                return pitch, name_least
            return pitch, _narrowest(column, widest, height, need, unit)
        step = 2 * unit  # whole steps of 2 dp: the screen and the snapshot measure a little apart
        pitch = max(pitch + step, math.ceil((needed + GAP * unit) / step - SLACK) * step)
    return layout.pitch, name_least


def _keeps(width: float, height: float, unit: float, reorder: bool, column: float) -> bool:
    """Whether a live row ``width`` x ``height`` px (with its handle where ``reorder``) keeps a
    name column ``column`` px wide with its pictogram and a bar of ``MIN_TRACK``."""
    row = row_geometry("", 0, (0.0, 0.0, width, height), unit, True, column, reorder)
    return row.pictogram is not None and row.track[2] >= MIN_TRACK * unit - SLACK and row.name[2] >= column - SLACK


def _widest(width: float, height: float, unit: float, reorder: bool, column: float) -> float:
    """The widest name column (up to ``MAX_NAME`` dp, from ``column``, whole px) that keeps the
    pictogram and the bar (``_keeps``, which holds below a width where it holds)."""
    most = MAX_NAME * unit
    if most <= column or not _keeps(width, height, unit, reorder, column):
        return column
    if _keeps(width, height, unit, reorder, most):
        return most
    low, high = math.ceil(column), math.floor(most)  # keeps at low (or column), not at high
    if not _keeps(width, height, unit, reorder, low):
        return column
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if _keeps(width, height, unit, reorder, middle) else (low, middle)
    return float(low)


def _narrowest(column: float, widest: float, height: float, need: Callable[[float], float], unit: float) -> float:
    """The narrowest column from ``column`` to ``widest`` in steps of ``COLUMN_STEP`` in which the
    names fit ``height`` (they do at ``widest``, not at ``column``): a narrower column leaves the
    bar longer. Whole steps: the screen and the snapshot measure a word a pixel apart."""
    step = COLUMN_STEP * unit
    low, high = 0, math.ceil((widest - column) / step)  # not at low; at high (capped at widest)

    def width(steps: int) -> float:
        return min(widest, column + steps * step)

    while high - low > 1:
        middle = (low + high) // 2
        low, high = (low, middle) if need(width(middle)) <= height + SLACK else (middle, high)
    return width(high)
