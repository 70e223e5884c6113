"""One kaartje of the tray, drawn into the current canvas: its pictogram and its name in the
inwoner's language, the name at the biggest font that fits without breaking a word (and the
card that turns to the next page). The tray (``widgets.tray``) places them; a kaartje dragged
over the table is the same drawing."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from kivy.graphics import Color, Line, Rectangle, RoundedRectangle

from board.geometry import MIN_TOUCH, Rect
from board.leefgebieden import Leefgebied
from board.passen import MIN_TEXT
from board.taal import Vertaler, vertaler
from board.weergave import BALK_RAND, TEKST
from widgets.textures import (
    CORNER,
    fitted_font,
    fitted_label,
    label_texture,
    lines_height,
    pictogram_texture,
    rgba,
    text_lines,
    whole_words,
)

MIN_CARD_FONT = MIN_TEXT  # dp: a kaartje's name is never smaller (the app's smallest text)
# A kaartje's name lines this far apart (of the font's line), the first that lets it fit.
CARD_LINE_HEIGHTS = (1.0, 0.8, 0.7)


def draw_card(leefgebied: Leefgebied, rect: Rect, unit: float, tr: Vertaler | None = None,
              font: int | None = None) -> Rect:
    """Draw one kaartje into the current canvas context, named in the inwoner's language
    (``tr``) at ``font`` (the page's one size, ``board.geometry_tray.page_name_font``; left
    out: the biggest at which this name fits); right to left: the pictogram on the right, the
    name aligned right. Returns where the name went (x, y, w, h)."""
    tr = tr or vertaler("nl")
    naam = leefgebied.naam_in(tr.code)
    x, y, w, h = rect
    Color(0, 0, 0, 0.08)
    RoundedRectangle(pos=(x, y - 2 * unit), size=(w, h), radius=[10 * unit])
    Color(1, 1, 1, 1)
    RoundedRectangle(pos=(x, y), size=(w, h), radius=[10 * unit])
    Color(*rgba(BALK_RAND, 0.6))
    Line(rounded_rectangle=(x, y, w, h, 10 * unit, CORNER), width=max(1.0, unit))
    _least, picto, pad, line_height = card_text_layout(naam, w, h, unit)
    Color(1, 1, 1, 1)
    if picto:
        picto_x = x + w - pad - picto if tr.rtl else x + pad
        Rectangle(texture=pictogram_texture(leefgebied.pictogram_path), pos=(picto_x, y + (h - picto) / 2),
                  size=(picto, picto))
    text_x = x + _text_x(pad, picto)
    text_w = round(w - _text_x(pad, picto) - pad)
    # The longest names ("Alcohol, drugs, gamen en gokken") wrap between words, never inside one.
    texture = label_texture(naam, font or name_font(naam, w, h, unit), text_w, color=rgba(TEKST),
                            line_height=line_height)
    if tr.rtl:
        text_x = x + pad
    pos = (text_x, y + (h - texture.height) / 2)
    Rectangle(texture=texture, size=texture.size, pos=pos)
    return (*pos, *texture.size)


def draw_more_card(rect: Rect, unit: float, page: int, pages: int, tr: Vertaler | None = None) -> None:
    """The card that turns to the next page of kaartjes: "Meer kaartjes ›" and "1/2"."""
    x, y, w, h = rect
    Color(*rgba(BALK_RAND, 0.25))
    RoundedRectangle(pos=(x, y), size=(w, h), radius=[10 * unit])
    Color(*rgba(BALK_RAND, 0.8))
    Line(rounded_rectangle=(x, y, w, h, 10 * unit, CORNER), width=max(1.0, unit))
    tr = tr or vertaler("nl")
    texture = fitted_label(_more_text(page, pages, tr), round(w - 16 * unit), round(h - 6 * unit), round(17 * unit),
                           round(MIN_CARD_FONT * unit), bold=True, color=rgba(TEKST),
                           line_height=CARD_LINE_HEIGHTS[-1])
    Color(1, 1, 1, 1)
    Rectangle(texture=texture, size=texture.size, pos=(x + (w - texture.width) / 2, y + (h - texture.height) / 2))


def _more_text(page: int, pages: int, tr: Vertaler) -> str:
    meer = tr.pgettext("inwoner", "Meer kaartjes")  # not inside the f-string: pybabel would not extract it
    return f"{tr.met_pijl(meer, 'verder')}\n{page}/{pages}"


def name_font(naam: str, w: float, h: float, unit: float) -> int:
    """The font (px) ``draw_card`` draws ``naam`` at on a ``w`` x ``h`` card."""
    font, picto, pad, line_height = card_text_layout(naam, w, h, unit)
    return fitted_font(naam, round(w - _text_x(pad, picto) - pad), round(h - 6 * unit), round(17 * unit), font,
                       lines=3, line_height=line_height)


@cache
def card_height(naam: str, w: float, unit: float) -> float:
    """The lowest card ``w`` wide, at least ``MIN_TOUCH`` dp, that draws ``naam`` at
    ``MIN_CARD_FONT`` or more (a name in two or three lines needs more than 48 dp: on a card
    the tray made lower it shrank to 11 dp); the tray lays its pages out by it."""
    return _least_height(lambda h: name_font(naam, w, h, unit) >= round(MIN_CARD_FONT * unit), unit)


def more_card_height(w: float, unit: float, tr: Vertaler) -> float:
    """As ``card_height``, for the card that turns to the next page (its widest count)."""
    text = _more_text(88, 88, tr)
    return _least_height(lambda h: fitted_font(text, round(w - 16 * unit), round(h - 6 * unit), round(17 * unit),
                                               round(MIN_CARD_FONT * unit), True,
                                               line_height=CARD_LINE_HEIGHTS[-1]) >= round(MIN_CARD_FONT * unit),
                         unit)


def _least_height(fits: Callable[[float], bool], unit: float) -> float:
    """The lowest card height from ``MIN_TOUCH`` dp up (in 1 dp steps) at which ``fits``; the
    highest tried where none does."""
    heights = [(MIN_TOUCH + step) * unit for step in range(80)]
    return next((h for h in heights if fits(h)), heights[-1])


def card_text_layout(naam: str, w: float, h: float, unit: float) -> tuple[int, float, float, float]:
    """(smallest font, pictogram size, padding, line height) for a card: the name's text stays
    at least MIN_CARD_FONT dp, no word is broken and the name takes no more lines than the card
    holds (at most three). Every card shows its pictogram (inwoners who read with difficulty go
    by it): on a narrow card it gets smaller (down to 24 dp) and the name's lines closer
    together (the merged font's line is tall for Arabic and Ethiopic: Latin ink is far from
    it, and Kivy gives the last line its full height, so no glyph is cut)."""
    font = round(MIN_CARD_FONT * unit)
    biggest = min(h * 0.7, 44 * unit)
    pad = min((h - biggest) / 2, 8 * unit)
    for line_height in CARD_LINE_HEIGHTS:
        most = max((n for n in (1, 2, 3) if lines_height(n, font, line_height) <= h - 6 * unit), default=1)
        # Last, a narrower inset: "Dagbesteding" at 14 dp is 3 px wider than a 140 dp card left it.
        for picto, inset in ((biggest, pad), (32 * unit, pad), (24 * unit, pad), (24 * unit, min(pad, 5 * unit))):
            if picto > biggest:
                continue
            room = int(w - _text_x(inset, picto) - inset)
            if whole_words(naam, font, room) and text_lines(naam, font, room) <= most:
                return font, picto, inset, line_height
    return font, min(biggest, 24 * unit), pad, CARD_LINE_HEIGHTS[-1]


def _text_x(pad: float, picto: float) -> float:
    """Where a card's name starts, from the card's left edge."""
    return 2 * pad + picto if picto else pad
