"""A bar's name on the snapshot, drawn with Pillow as the screen draws it (widgets/bar_naam.py):
in the inwoner's language, wrapped between words, the Dutch name smaller beneath it (half the
name's size, not below its least: on one line where it fits one, else wrapped), right-aligned
on a mirrored row. Lines are measured as Kivy's labels are high (the font's ascent and descent,
lines after the first ``NAME_LINES`` of it apart),
so the screen and the picture decide alike (``names_need``: the room the names need,
``board.geometry_namen.room_for_names``)."""

from __future__ import annotations

import math
from functools import cache

from PIL import ImageDraw

from board import schrift
from board.geometry import SLACK, RowGeometry
from board.passen import NAME_LINES
from board.weergave import TEKST
from exports.bronnen import pil_font

Names = tuple[str, str | None]  # the name in the inwoner's language, the Dutch name (None: the same)
DUTCH_GREY = (110, 110, 110)


def wrap_words(text: str, font, width: float) -> list[str]:
    """``text`` in lines no wider than ``width`` where it can be, broken only between words."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.getlength(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [""]


def _lines(text: str, size: int, width: float, bold: bool) -> list[str]:
    """``text``'s lines at ``size`` wrapped at ``width``; right to left shaped and ordered by
    board/schrift.py."""
    font = pil_font(size, bold=bold)
    return schrift.visual_lines(text, width, font.getlength) if schrift.has_rtl(text) else wrap_words(
        text, font, width)


@cache
def _line(size: int) -> int:
    """A line's height at ``size`` as Kivy's label makes it: the font's ascent and descent at
    that size rounded up (Pillow rounds each of them, a pixel more at some sizes)."""
    big = 2000
    return math.ceil(size * sum(pil_font(big).getmetrics()) / big - 1e-9)


def _block(lines: int, size: int) -> int:
    """``lines`` lines at ``size``, ``NAME_LINES`` apart, as high as Kivy's label draws them."""
    return _line(size) + (lines - 1) * int(_line(size) * NAME_LINES)


def _whole(lines: list[str], size: int, width: float, bold: bool) -> bool:
    return max(pil_font(size, bold=bold).getlength(line) for line in lines) <= width


def dutch_lines(dutch: str, size: int, width: float, least: int) -> tuple[int, list[str]]:
    """(size, lines) of the Dutch name beneath a name at ``size``: half of it, not below ``least``,
    on one line where it fits one (smaller, down to ``least``), else wrapped at ``least``."""
    for small in range(max(least, round(size * 0.5)), least - 1, -1):
        if pil_font(small).getlength(dutch) <= width:
            return small, [dutch]
    return least, _lines(dutch, least, width, False)


def name_height(names: Names, size: int, width: float, dutch_least: int) -> float:
    """The height in px of a name at ``size`` with its Dutch beneath in a column ``width`` px
    wide; infinite where a word does not fit it."""
    naam, dutch = names
    lines = _lines(naam, size, width, True)
    if not _whole(lines, size, width, True):
        return math.inf
    high = _block(len(lines), size)
    if dutch:
        small, below = dutch_lines(dutch, size, width, dutch_least)
        if not _whole(below, small, width, False):
            return math.inf
        high += _block(len(below), small) - (_line(size) - int(_line(size) * NAME_LINES))  # as the screen
    return high


def names_need(names: tuple[Names, ...], size: int, dutch_least: int, width: float) -> float:
    """The height in px of the tallest of ``names`` (see ``name_height``)."""
    return max((name_height(pair, size, width, dutch_least) for pair in names), default=0.0)


def name_fits(names: Names, size: int, width: float, height: float, dutch_least: int) -> bool:
    return name_height(names, size, width, dutch_least) <= height + SLACK


def draw_name(draw: ImageDraw.ImageDraw, row: RowGeometry, flip: int, names: Names, least: int,
              dutch_least: int) -> None:
    """The leefgebied's name in its column at the board's one size (``BoardLayout.one_name_font``),
    smaller only where even ``least`` does not fit; aligned right on a mirrored row. The Dutch
    name, when given, smaller beneath."""
    x, top = row.name[0], flip - row.name[1] - row.name[3]
    width, height = row.name[2], row.name[3]
    right, bottom = x + width - 1, top + height - 1
    naam, dutch = names
    size = row.name_font
    while size > least and not name_fits(names, size, width, height, dutch_least):
        size -= 1
    lines = _lines(naam, size, width, True)
    spacing = round(size * 0.15)
    block = len(lines) * size * 1.17 + (len(lines) - 1) * spacing
    small, below = dutch_lines(dutch, row.name_font, width, dutch_least) if dutch else (0, [])
    small_block = len(below) * small * 1.17 + (len(below) - 1) * round(small * 0.15)
    middle = (top + bottom) / 2 - (small_block + small * 0.13) / 2  # the name and the Dutch centred together
    rtl = row.mirrored
    draw.multiline_text(
        (right if rtl else x, middle), "\n".join(lines), fill=TEKST, font=pil_font(size, bold=True),
        anchor="rm" if rtl else "lm", spacing=spacing, align="right" if rtl else "left",
    )
    if below:
        y = middle + block / 2 + small * 0.115 + small_block / 2
        draw.multiline_text((right if rtl else x, y), "\n".join(below), fill=DUTCH_GREY, font=pil_font(small),
                            anchor="rm" if rtl else "lm", spacing=round(small * 0.15),
                            align="right" if rtl else "left")
