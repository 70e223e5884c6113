"""A bar's name on the board widget: in the inwoner's language at the board's one name size
(``board.geometry.BoardLayout.one_name_font``), wrapped between words (``NAME_LINES`` apart); in another language than
Dutch the Dutch name smaller beneath it, so the professional can follow. Right-aligned on a
mirrored row. The least sizes are ``board.passen.name_fonts_least``'s; ``names_need`` measures
what the names need at them (``board.geometry_namen.room_for_names`` decides the room)."""

from __future__ import annotations

import math
from functools import cache

from kivy.graphics import Color, Ellipse, Mesh, Rectangle
from kivy.graphics.texture import Texture

from board.geometry import SLACK, Rect, RowGeometry
from board.passen import NAME_LINES, biggest_font
from board.weergave import TEKST
from widgets.textures import fitted_label, label_size, label_texture, rgba, wrapped

Names = tuple[str, str | None]  # the name in the inwoner's language, the Dutch name (None: the same)


@cache
def _dutch(naam: str, font: int, width: int, least: int) -> tuple[int, int | None]:
    """(font, wrapping width) of the Dutch name beneath a name at ``font``: half its size, not
    below ``least`` (px), on one line where it fits one (smaller, down to ``least``), else
    wrapped at ``width`` at ``least``: never smaller to fit."""
    small = max(least, round(font * 0.5))

    def one_line(size: float) -> bool:
        return label_size(naam, round(size))[0] <= width

    size = round(biggest_font(one_line, small, least))
    return (size, None) if one_line(size) else (least, width)


def dutch_label(naam: str, font: int, width: float, least: int) -> Texture:
    """The Dutch name beneath a name at ``font`` (see ``_dutch``)."""
    small, wrap = _dutch(naam, font, round(width), least)
    return label_texture(naam, small, wrap, color=rgba(TEKST, 0.65), line_height=NAME_LINES)


def _closer(font: int) -> int:
    """How far the Dutch name goes up into the line of a name at ``font``: it stands where the
    name's next line would (``NAME_LINES``), not a whole line of the tall font below."""
    line = label_size("Hg", font, None, True)[1]
    return line - int(line * NAME_LINES)


@cache
def names_need(names: tuple[Names, ...], font: int, dutch_least: int, width: int) -> float:
    """The height in px of the tallest of ``names`` in a column ``width`` px wide at ``font``
    with its Dutch beneath, as ``draw_name`` draws them; infinite where a word does not fit
    (Kivy would break it)."""
    most = 0.0
    for naam, dutch in names:
        layout = wrapped(naam, font, width, True, NAME_LINES)
        if not layout.whole_words:
            return math.inf
        high = layout.size[1]
        if dutch:
            small, wrap = _dutch(dutch, font, width, dutch_least)
            beneath = wrapped(dutch, small, wrap, line_height=NAME_LINES)
            if not beneath.whole_words:
                return math.inf
            high += beneath.size[1] - _closer(font)
        most = max(most, high)
    return most


def name_fits(names: Names, font: int, column: Rect, dutch_least: int) -> bool:
    """Whether a name (and the Dutch name beneath, when given) fits the name ``column`` at
    ``font``: measured, not drawn (each font the board tries would otherwise be a texture)."""
    return names_need((names,), font, dutch_least, round(column[2])) <= column[3] + SLACK


def draw_name(row: RowGeometry, names: Names, least: int, dutch_least: int) -> None:
    """The name (and the Dutch name beneath) in ``row``'s name column, at ``row.name_font``; below
    ``least`` px only where it has no room even there (``widgets.textures.fitted_label``)."""
    nx, ny, nw, nh = row.name
    naam, dutch_naam = names
    dutch = dutch_label(dutch_naam, row.name_font, nw, dutch_least) if dutch_naam else None
    beneath = dutch.height - _closer(row.name_font) if dutch else 0
    texture = fitted_label(naam, round(nw), round(nh - beneath), row.name_font, least, bold=True,
                           color=rgba(TEKST), line_height=NAME_LINES)
    top = ny + (nh + texture.height + beneath) / 2
    for part in (texture, dutch):
        if part is None:
            continue
        x = nx + nw - part.width if row.mirrored else nx
        Rectangle(texture=part, size=part.size, pos=(x, top - part.height))
        top -= texture.height - _closer(row.name_font)


def speaker_badge(picto: tuple[float, float, float, float], unit: float) -> None:
    """A small speaker in the pictogram's lower corner: a white disc, a box and a cone."""
    x, y, w, _h = picto
    size = max(14 * unit, w * 0.42)
    cx, cy = x + w - size / 2, y + size / 2
    Color(1, 1, 1, 0.95)
    Ellipse(pos=(cx - size / 2, cy - size / 2), size=(size, size), segments=40)  # not Kivy's 180: P10
    Color(*rgba(TEKST))
    box = size * 0.18
    Rectangle(pos=(cx - size * 0.3, cy - box), size=(box, 2 * box))
    Mesh(vertices=[cx - size * 0.12, cy - box, 0, 0, cx + size * 0.2, cy - size * 0.3, 0, 0,
                   cx + size * 0.2, cy + size * 0.3, 0, 0, cx - size * 0.12, cy + box, 0, 0],
         indices=[0, 1, 2, 0, 2, 3], mode="triangles")
