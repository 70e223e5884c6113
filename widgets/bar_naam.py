"""A bar's name on the board widget: in the inwoner's language at the board's one name size
(``board.geometry.BoardLayout.one_name_font``), wrapped between words; in another language than
Dutch the Dutch name small beneath it, so the professional can follow. Right-aligned on a
mirrored row."""

from __future__ import annotations

from kivy.graphics import Rectangle
from kivy.graphics.texture import Texture
from kivy.metrics import dp

from board.geometry import Rect, RowGeometry
from board.passen import DUTCH_LEAST
from board.weergave import TEKST
from widgets.textures import fits_at, fitted_font, fitted_label, label_size, label_texture, rgba


def _dutch(naam: str, font: int, width: float, height: float, unit: float, read_only: bool) -> tuple[int, int | None]:
    """(font, wrapping width) of the Dutch name beneath a name at ``font``: half its size (a
    history board's smaller scale keeps it readable: ``DUTCH_LEAST``), on one line."""
    small = max(round(11 * unit), round(font * 0.5))
    if read_only:
        small = max(small, round(dp(DUTCH_LEAST)))
    if label_size(naam, small)[0] <= width:  # one line, its own width
        return small, None
    return fitted_font(naam, round(width), round(height * 0.4), small, round(9 * unit), lines=1), round(width)


def dutch_label(naam: str, font: int, width: float, height: float, unit: float, read_only: bool) -> Texture:
    """The Dutch name beneath a name at ``font`` (see ``_dutch``)."""
    small, wrap = _dutch(naam, font, width, height, unit, read_only)
    return label_texture(naam, small, wrap, color=rgba(TEKST, 0.65))


def name_fits(names: tuple[str, str | None], font: int, column: Rect, unit: float, read_only: bool) -> bool:
    """Whether a name (and the Dutch name beneath, when given) fits the name ``column`` at
    ``font``: measured, not drawn (each font the board tries would otherwise be a texture)."""
    naam, dutch = names
    _x, _y, width, height = column
    room = height - (label_size(dutch, *_dutch(dutch, font, width, height, unit, read_only))[1] if dutch else 0)
    return fits_at(naam, round(width), round(room), font, bold=True)


def draw_name(row: RowGeometry, names: tuple[str, str | None], unit: float, read_only: bool) -> None:
    """The name (and the Dutch name beneath) in ``row``'s name column, at ``row.name_font``."""
    nx, ny, nw, nh = row.name
    naam, dutch_naam = names
    dutch = dutch_label(dutch_naam, row.name_font, nw, nh, unit, read_only) if dutch_naam else None
    room = nh - (dutch.height if dutch else 0)
    texture = fitted_label(naam, round(nw), round(room), row.name_font, round(12 * unit), bold=True,
                           color=rgba(TEKST))
    block = texture.height + (dutch.height if dutch else 0)
    top = ny + (nh + block) / 2
    for part in (texture, dutch):
        if part is None:
            continue
        x = nx + nw - part.width if row.mirrored else nx
        Rectangle(texture=part, size=part.size, pos=(x, top - part.height))
        top -= part.height
