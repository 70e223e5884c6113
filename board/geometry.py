"""Where each part of the board goes, as plain geometry: one answer for the screen and the
snapshot alike (pure Python, tested without a screen).

All lengths are pixels, y grows upwards (Kivy's way; the snapshot flips it). ``unit`` is
the size of one dp, so touch targets stay at least 48 dp on every screen. Rows are stacked
from the top (most important first) and grow with the space, up to a friendly maximum.
A board that is touched (``live``) never squeezes a row below 48 dp: rows that do not
fit lie below the area, and ``scroll`` (how far the rows are pushed up) brings them in.
A live board draws a reorder handle at the start of each row unless its order is fixed
(``reorder=False``: an afgeronde meting); a picture (not ``live``) has none.
A bar always runs from the sad smiley (left) to the happy one (right) and is never shorter
than ``MIN_TRACK``: on a narrow board the name gets narrower, then the pictogram. Where a live
board's names need more room than that leaves, its rows grow and it scrolls rather than its
names shrink (``pitch_least`` and ``name_least``, decided by board/geometry_namen.py). A live
board (``live``) keeps it at ``SPEAKER_PICTO`` so its speaker (read aloud) stays a 48 dp
target at every supported size: the handle and the smileys give way first; a picture drops it.
For a right-to-left inwoner (``mirrored``) every row is mirrored about the board's middle:
the sad smiley on the right, the happy one on the left. Positions stay logical (0.0 = sad),
so the stored figures and the history do not change; only where they are drawn does.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from board.geometry_rij import (
    DIAMOND_RADIUS,
    FICHE_OFFSET,
    FICHE_SCALE,
    FILL_SHARE,
    FINGER,
    GHOST_SHARE,
    MAX_NAME,
    MIN_NAME,
    MIN_TOUCH,
    MIN_TRACK,
    SLACK,
    SMILEY_LEAST,
    SPEAKER_PICTO,
    SQUARE_SIDE,
    Arrow,
    Rect,
    RowGeometry,
    row_geometry,
)
from board.passen import biggest_font

# The board's geometry is imported from here: the rows' own (board/geometry_rij.py) with the board's.
__all__ = [
    "DIAMOND_RADIUS", "FICHE_OFFSET", "FICHE_SCALE", "FILL_SHARE", "FINGER", "GAP", "GHOST_SHARE", "MAX_NAME",
    "MAX_PITCH", "MIN_NAME", "MIN_TOUCH", "MIN_TRACK", "PAD", "SLACK", "SMILEY_LEAST", "SPEAKER_PICTO", "SQUARE_SIDE",
    "Arrow", "BoardLayout", "Rect", "RowGeometry", "min_board_width", "row_geometry",
]

MAX_PITCH = 112  # dp: rows do not grow beyond this on a big screen with few bars
PAD = 8  # dp: margin around the board
GAP = 4  # dp: space between rows


@dataclass(frozen=True)
class BoardLayout:
    rows: tuple[RowGeometry, ...]
    area: Rect
    pitch: float
    top: float  # y of the first row's top edge
    overflow: float = 0.0  # how much taller the rows are than the area: the most ``scroll`` can be
    scroll: float = 0.0  # how far the rows are pushed up (0: the first row at the top)

    @staticmethod
    def compute(
        area: Rect,
        keys: Sequence[str],
        unit: float = 1.0,
        live: bool = True,
        scroll: float = 0.0,
        mirrored: bool = False,
        name_least: float = 0.0,
        pitch_least: float = 0.0,
        reorder: bool = True,
    ) -> BoardLayout:
        """The rows of ``keys`` in ``area``; ``live=False`` for a picture (its rows shrink to
        fit, no handles, no speaker kept); a live board keeps every row at least 48 dp high and
        scrolls (``scroll`` is clamped to what there is). ``name_least``: the
        name column's width in px that the names need (``readable_rows``, ``room_for_names``),
        kept before the smileys or the pictogram give way; ``pitch_least``: the row pitch in px
        they need (``room_for_names``: a live board's rows grow and it scrolls rather than its
        names shrink below ``MIN_TEXT``); ``reorder=False``: a live board whose order cannot
        change (an afgeronde meting): no handles, the rest as a live board's (``row_geometry``)."""
        x, y, width, height = area
        pad, gap = PAD * unit, GAP * unit
        rows_height = max(0.0, height - 2 * pad)
        pitch = min(MAX_PITCH * unit, rows_height / max(1, len(keys)))
        if live:  # a touch target: never below 48 dp (fourteen bars at 800x600 scroll)
            pitch = max(pitch, (MIN_TOUCH + GAP) * unit)
        pitch = max(pitch, pitch_least)
        overflow = max(0.0, len(keys) * pitch - rows_height)
        scroll = min(max(scroll, 0.0), overflow)
        top = y + height - pad + scroll
        row_h = max(1.0, pitch - gap)
        rows = tuple(
            row_geometry(key, index, (x + pad, top - (index + 1) * pitch + gap / 2, width - 2 * pad, row_h), unit,
                         live, name_least, reorder)
            for index, key in enumerate(keys)
        )
        if mirrored:
            rows = tuple(_mirror(row, x + width / 2) for row in rows)
        return BoardLayout(rows=rows, area=area, pitch=pitch, top=top, overflow=overflow, scroll=scroll)

    def one_name_font(self, fits: Callable[[str, int], bool], least: float) -> BoardLayout:
        """This layout with one name size on every bar, so a short name is not drawn huge
        beside a long one: the biggest from the rows' ``name_font`` (``least`` where that is
        smaller) down to ``least`` at which ``fits(key, font)`` for every row (each renderer
        measures its names in its own text engine: Kivy's for the screen, Pillow's for the
        snapshot); ``least`` where none does."""
        if not self.rows:
            return self
        # The smallest of the names' own biggest fonts: each name is tried first at the size the
        # names before it left (one measurement where it fits there), halved below only where not.
        font = max(self.rows[0].name_font, round(least))
        for row in self.rows:
            font = round(biggest_font(lambda f, key=row.key: fits(key, round(f)), font, least))
        return replace(self, rows=tuple(replace(row, name_font=font) for row in self.rows))

    def scroll_to_show(self, key: str) -> float:
        """The ``scroll`` that brings row ``key`` wholly into the area, moving as little as can."""
        row = self.row(key)
        if row is None:
            return self.scroll
        _, y, _, height = self.area
        pad = PAD * row.unit
        below = (y + pad) - row.rect[1]  # > 0: the row sticks out under the area
        above = row.rect[1] + row.rect[3] - (y + height - pad)  # > 0: it sticks out above
        if below > 0:
            return min(self.overflow, self.scroll + below)
        if above > 0:
            return max(0.0, self.scroll - above)
        return self.scroll

    def row_at(self, y: float) -> RowGeometry | None:
        for row in self.rows:
            if row.rect[1] - GAP <= y <= row.rect[1] + row.rect[3] + GAP:
                return row
        return None

    def index_at(self, y: float, slots: int) -> int:
        """The place in the order for a bar dropped at height ``y`` (0 = top), of ``slots``."""
        index = int((self.top - y) // self.pitch) if self.pitch > 0 else 0
        return min(max(index, 0), max(slots - 1, 0))

    def row(self, key: str) -> RowGeometry | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None


def min_board_width(unit: float = 1.0, live: bool = True) -> float:
    """The narrowest board whose bars keep ``MIN_TRACK``: the narrowest name; a live board
    (``live``, one that can be reordered) with its 48 dp handle, the speaker's pictogram and ``SMILEY_LEAST`` smileys,
    a picture without a pictogram and with 40 dp smileys."""
    inner = 6 * unit
    if live:
        parts = inner / 2 + (MIN_TOUCH * unit + inner) + (SPEAKER_PICTO * unit + 2 * inner) + MIN_NAME * unit \
            + 2 * SMILEY_LEAST * unit + 4 * inner
    else:
        parts = inner / 2 + MIN_NAME * unit + 2 * 40 * unit + 5 * inner
    return 2 * PAD * unit + parts + MIN_TRACK * unit


def _mirror(row: RowGeometry, axis: float) -> RowGeometry:
    """``row`` mirrored about the vertical line at ``axis`` (the board's middle)."""

    def flip(rect: Rect | None) -> Rect | None:
        return None if rect is None else (2 * axis - rect[0] - rect[2], rect[1], rect[2], rect[3])

    return replace(
        row,
        handle=flip(row.handle),
        pictogram=flip(row.pictogram),
        name=flip(row.name),
        sad=flip(row.sad),
        happy=flip(row.happy),
        track=flip(row.track),
        touch_x=(2 * axis - row.touch_x[1], 2 * axis - row.touch_x[0]),
        x0=2 * axis - row.x0,
        x1=2 * axis - row.x1,
        mirrored=True,
    )
