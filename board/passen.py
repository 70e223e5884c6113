"""Text fitted into the room it has, by rules that need no screen: the widgets measure text
(Kivy's fonts), these functions decide sizes and which labels are drawn (tested alone).

Lengths are pixels; ``unit`` or the callers' ``dp`` turn the dp constants below into pixels.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

MIN_TEXT = 14  # dp: the smallest text the app draws (a kaartje's name, a name on a board)
# dp: the Dutch name beneath a leefgebied's name in another language on a board, at least (a
# history board's own scale would draw it at ~7 px beside another board)
DUTCH_LEAST = 11
# A wrapped name on a board (and its Dutch beneath) has its lines this far apart, of the font's
# line: the app's font's line is tall (2.1 times its size, for Arabic and Ethiopic letters), and
# three lines of a long name at 14 dp in a narrow column took 90 px, its row too high to be seen
# with the others (a kaartje's lines go as close: widgets/kaartje.CARD_LINE_HEIGHTS).
NAME_LINES = 0.75
TEXT_PAD = 8  # dp: between a button's text and its border, on every side
SENTENCE_SHARE = 0.16  # the comparison sentence takes at most this share of its screen's height...
SENTENCE_LEAST = 16  # dp: ...at a font no smaller than this (then it takes what it needs)


def biggest_font(fits: Callable[[float], bool], biggest: float, least: float, step: float = 1.0) -> float:
    """The biggest font from ``biggest`` down to ``least`` (in ``step``s) at which ``fits``;
    ``least`` where none does (the text then takes the room it needs: it is never made
    unreadable to fit).

    ``fits`` is taken to hold at every font below one where it holds (a text that fits fits
    smaller too). ``biggest`` is tried first (most texts fit there), then the rest is halved,
    not walked: about five measurements for twenty fonts instead of up to twenty, each of
    which lays the text out (P10)."""
    fonts = max(0, math.ceil((biggest - least) / step))  # biggest, biggest - step, ... > least
    if fonts == 0:
        return least
    if fits(biggest):
        return biggest
    low, high = 1, fonts  # the answer's index lies in [low, high]; index ``fonts`` means none fits
    while low < high:
        middle = (low + high) // 2
        if fits(biggest - middle * step):
            high = middle
        else:
            low = middle + 1
    return least if low == fonts else biggest - low * step


def name_fonts_least(unit: float, dp: float) -> tuple[float, float]:
    """(name, Dutch beneath) in px: the smallest a leefgebied's name on a board is drawn, and the
    Dutch name beneath it in another language. ``unit`` is the board's px per dp (a live board's
    is a dp or more: a bigger screen draws the whole board bigger), ``dp`` the screen's. A live
    board keeps ``MIN_TEXT`` and ``DUTCH_LEAST`` of its own unit; a history board drawn at a
    smaller scale beside another (``geometry_compare.COMPARE_UNIT``) never goes below them in dp:
    its rows and name column get the room (``compare_layout``), not smaller text. The name is
    never smaller than the Dutch beneath it (``MIN_TEXT`` > ``DUTCH_LEAST``)."""
    scale = max(unit, dp)
    return MIN_TEXT * scale, DUTCH_LEAST * scale


def sentence_font(height_at: Callable[[float], float], screen_height: float, biggest: float, unit: float) -> float:
    """The comparison sentence's font: ``biggest`` or smaller (not below ``SENTENCE_LEAST`` dp) so
    that its wrapped height (``height_at(font)``) takes no more than ``SENTENCE_SHARE`` of the
    screen: the boards get the room, the sentence what a sentence needs."""
    room = SENTENCE_SHARE * screen_height
    return biggest_font(lambda font: height_at(font) <= room, biggest, SENTENCE_LEAST * unit)


def row_height(needs: Sequence[float], least: float) -> float:
    """One height for a row of buttons: the tallest text's need (its height plus ``TEXT_PAD``
    above and below, in ``needs``), at least ``least``: every button of the row as high as that."""
    return max([least, *needs])


@dataclass(frozen=True)
class AxisLabels:
    """Which labels of an axis are drawn: ``placed`` holds (index, left x) of each, left to right;
    ``short`` says whether the short form of the labels was needed."""

    placed: tuple[tuple[int, float], ...]
    short: bool


def axis_labels(
    centres: Sequence[float],
    widths: Sequence[float],
    left: float,
    right: float,
    gap: float,
    short_widths: Sequence[float] | None = None,
    short_texts: Sequence[str] | None = None,
) -> AxisLabels:
    """Labels under an axis (a date under each point at ``centres``) that never overlap and never
    leave ``left``..``right``: each centred under its point (moved inwards at the edges), kept
    only where it stays ``gap`` clear of the labels already kept; the last (the newest) first,
    then the first, then those between, left to right. Where the first and the last do not both
    fit, the short forms (``short_widths``, e.g. the year alone; one per ``short_texts`` value)
    are tried; where they do not fit either, the full labels that do (at least the last)."""
    full = _place(centres, widths, left, right, gap)
    ends = {0, len(centres) - 1}
    if ends <= {i for i, _x in full} or short_widths is None:
        return AxisLabels(full, False)
    short = _place(centres, short_widths, left, right, gap, short_texts)
    if ends <= {i for i, _x in short}:
        return AxisLabels(short, True)
    return AxisLabels(full, False)


def _place(
    centres: Sequence[float],
    widths: Sequence[float],
    left: float,
    right: float,
    gap: float,
    texts: Sequence[str] | None = None,
) -> tuple[tuple[int, float], ...]:
    count = len(centres)
    order = [count - 1, *range(count - 1)] if count else []
    kept: dict[int, float] = {}
    seen: set[str] = set()
    for index in order:
        width = widths[index]
        if width > right - left:
            continue
        if texts is not None and texts[index] in seen:  # the same short text twice says nothing
            continue
        x = min(max(centres[index] - width / 2, left), right - width)
        if all(x + width + gap <= kx or kx + widths[k] + gap <= x for k, kx in kept.items()):
            kept[index] = x
            if texts is not None:
                seen.add(texts[index])
    return tuple(sorted(kept.items()))


TITLE_LINES = 2  # a small chart's title wraps to two lines at most, never below MIN_TEXT
CHART_LEAST = 110  # dp: a small chart's least height under its title (the smileys, the line, the dates)


def chart_grid(count: int, title_fits: Callable[[int], bool], most: int = 4) -> tuple[int, int]:
    """(columns, rows) of a grid of ``count`` small charts: up to ``most`` columns, as even as
    possible (5 charts are 3 + 2, not 4 + 1), fewer where a title would not fit its chart at
    ``MIN_TEXT`` in ``TITLE_LINES`` lines (``title_fits(columns)``); one column at least."""
    if count <= 0:
        return 0, 0
    for limit in range(min(most, count), 0, -1):
        rows = -(-count // limit)
        columns = -(-count // rows)
        if columns == 1 or title_fits(columns):
            return columns, rows
    return 1, count

