"""Two metingen compared on the geschiedenis screen: whether their boards go side by side or
one above the other, and how high the rows and how wide the name column must be for every name
to stay readable (pure Python; the board itself is board/geometry.py's)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from board.geometry import GAP, MAX_NAME, MAX_PITCH, MIN_NAME, MIN_TRACK, PAD, min_board_width, row_geometry

COMPARE_UNIT = 0.62  # side by side: smaller names and pictograms leave the bars their length
STACKED_UNIT = 1.0  # one above the other: each board the whole width, names as on the live board
COMPARE_PITCH = 48  # dp: a history board's rows are never lower than a live board's


@dataclass(frozen=True)
class CompareLayout:
    """How the boards of two metingen share an area: side by side when each still gets a
    usable board (``min_board_width``) with rows of at least ``COMPARE_PITCH`` dp at
    ``COMPARE_UNIT``; else one above the other at full width, scrolled (a narrow window,
    portrait), each board as high as its own rows need (``board_height``), the rows high
    enough and the name column wide enough (``name_least``, px) for every name at
    ``MIN_TEXT`` (``readable_rows``)."""

    stacked: bool
    scale: float
    unit: float  # px per dp at this scale
    pitch: float = COMPARE_PITCH  # dp: a stacked board's row pitch
    name_least: float = 0.0  # px: a stacked board's name column at least

    def board_height(self, rows: int) -> float:
        """A stacked board's height in px for ``rows`` rows."""
        return max(1, rows) * self.pitch * self.unit + 2 * PAD * self.unit


def compare_layout(
    width: float,
    height: float,
    rows: int,
    boards: int,
    dp: float,
    gap: float,
    need: Callable[[float], float] | None = None,
) -> CompareLayout:
    """``width`` x ``height`` px for ``boards`` boards of at most ``rows`` rows; ``dp`` px per
    dp, ``gap`` px between the boards; ``need(w)``: the height in px the names take at
    ``MIN_TEXT`` wrapped at ``w`` px, infinite where a word does not fit (``readable_rows``).
    Side by side only where the names stay readable there too."""
    unit = COMPARE_UNIT * dp
    beside = (width - gap * (boards - 1)) / max(1, boards)
    rows_fit = height - 2 * PAD * unit >= max(1, rows) * COMPARE_PITCH * unit
    if beside >= min_board_width(unit, live=False) and rows_fit:
        if need is None:
            return CompareLayout(stacked=False, scale=COMPARE_UNIT, unit=unit)
        pitch = min(MAX_PITCH * unit, (height - 2 * PAD * unit) / max(1, rows))
        name_w = _name_column(beside - 2 * PAD * unit, pitch - GAP * unit, unit, need)
        if name_w is not None:
            return CompareLayout(stacked=False, scale=COMPARE_UNIT, unit=unit, name_least=name_w)
    unit = STACKED_UNIT * dp
    pitch, name_least = readable_rows(width, unit, need) if need is not None else (COMPARE_PITCH, 0.0)
    return CompareLayout(stacked=True, scale=STACKED_UNIT, unit=unit, pitch=pitch, name_least=name_least)


def readable_rows(width: float, unit: float, need: Callable[[float], float]) -> tuple[float, float]:
    """(pitch in dp, name column in px) for a read-only board ``width`` px wide whose names
    must stay at ``MIN_TEXT`` or more: the lowest rows (from ``COMPARE_PITCH`` dp) with the
    narrowest name column that holds them (``_name_column``). Where nothing holds them,
    ``COMPARE_PITCH`` and the column as it comes."""
    for pitch in range(COMPARE_PITCH, MAX_PITCH + 1, 2):
        name_w = _name_column(width - 2 * PAD * unit, (pitch - GAP) * unit, unit, need)
        if name_w is not None:
            return float(pitch), name_w
    return float(COMPARE_PITCH), 0.0


def _name_column(row_w: float, h: float, unit: float, need: Callable[[float], float]) -> float | None:
    """The narrowest name column (px) in which the names fit rows ``h`` px high (``need(w)``:
    their height wrapped at ``w``), the bar keeping ``MIN_TRACK`` and the pictogram its place;
    None where there is none."""
    for name_w in range(round(MIN_NAME * unit), round(MAX_NAME * unit) + 1, max(1, round(4 * unit))):
        if need(name_w) > h:
            continue
        row = row_geometry("", 0, (0.0, 0.0, row_w, h), unit, False, float(name_w))
        if row.pictogram is None or row.track[2] < MIN_TRACK * unit - 0.5 or row.name[2] < name_w - 0.5:
            return None  # wider columns leave the bar less: no use trying them
        return float(name_w)
    return None


def sticky_caption(columns: Sequence[tuple[float, float]], view_top: float, caption: float) -> int | None:
    """Which stacked board's caption is held at the top of the scrolled view (``view_top``, y
    up): the board whose column (``(bottom, top)``, its caption at its top) has been scrolled so
    far that its caption is cut off or gone while more of the board than the caption's height
    (``caption``) is still in sight; None where every board in sight shows its own caption."""
    for index, (bottom, top) in enumerate(columns):
        if top > view_top + 0.5 and bottom < view_top - caption:
            return index
    return None
