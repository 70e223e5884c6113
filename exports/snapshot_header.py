"""The snapshot's header, measured: the meting and its date, the set, the dossiernummer and
initialen. Everything is measured before it is drawn: what does not fit beside the title
moves to the next line, shrinks down to a readable minimum, and only then wraps (a
dossiernummer has no spaces: it wraps between characters). Nothing runs off the picture
or over other text.
"""

from __future__ import annotations

from dataclasses import dataclass

from PIL import ImageDraw, ImageFont

from board.i18n import _, format_datum
from board.inwoner import Inwoner
from board.meting import Meting
from board.meting_waarden import MetingSoort
from board.weergave import RGB, TEKST
from exports.bronnen import pil_font
from exports.text_fit import fitting_size, wrap

GRIJS: RGB = (105, 105, 105)
GAP = 1.2  # of the font size, between a left and a right text on one line


@dataclass(frozen=True)
class Line:
    left: str
    left_font: ImageFont.FreeTypeFont
    left_colour: RGB
    right: str = ""
    right_font: ImageFont.FreeTypeFont | None = None

    @property
    def height(self) -> int:
        sizes = [self.left_font.size] + ([self.right_font.size] if self.right_font and self.right else [])
        return round(max(sizes) * 1.3)


@dataclass(frozen=True)
class Header:
    lines: tuple[Line, ...]
    margin: int
    width: int
    top: int

    @property
    def height(self) -> int:
        return self.top * 2 + sum(line.height for line in self.lines)

    def draw(self, draw: ImageDraw.ImageDraw) -> None:
        y = self.top
        for line in self.lines:
            y += line.height
            base = y - round(line.height * 0.25)
            if line.left:
                draw.text((self.margin, base), line.left, fill=line.left_colour, font=line.left_font, anchor="ls")
            if line.right and line.right_font is not None:
                draw.text((self.width - self.margin, base), line.right, fill=TEKST, font=line.right_font, anchor="rs")


def snapshot_header(meting: Meting, inwoner: Inwoner, width: int, height: int, nummer: int | None = None) -> Header:
    """``nummer``: which meting of its traject (``board.traject.plaats``); without it the volgnummer."""
    margin = round(width * 0.03)
    room = width - 2 * margin
    big, small, least = round(height * 0.042), round(height * 0.026), max(11, round(height * 0.016))
    nul = meting.soort is MetingSoort.NULMETING
    label = _("0-meting") if nul else _("vervolgmeting {n}").format(n=meting.volgnummer if nummer is None else nummer)
    title = f"{label[:1].upper()}{label[1:]}  ·  {format_datum(meting.datum)}"
    leefgebieden = _("leefgebieden {naam}").format(naam=meting.leefgebieden.titel.lower())
    wat_telt = _("Wat telt")
    subtitle = f"{wat_telt}  ·  {leefgebieden}"
    who = _("Dossier {nummer}").format(nummer=inwoner.dossiernummer)
    who += f"  ·  {inwoner.initialen}" if inwoner.initialen else ""
    title_font = fitting_font(title, room, big, least, bold=True)
    sub_font = fitting_font(subtitle, room, small, least)
    lines: list[Line]
    beside_title = room - length(title, title_font) - GAP * title_font.size
    beside_sub = room - length(subtitle, sub_font) - GAP * sub_font.size
    if length(who, pil_font(big, bold=True)) <= beside_title:
        lines = [Line(title, title_font, TEKST, who, pil_font(big, bold=True)), Line(subtitle, sub_font, GRIJS)]
    elif length(who, pil_font(small, bold=True)) <= beside_sub:
        lines = [Line(title, title_font, TEKST), Line(subtitle, sub_font, GRIJS, who, pil_font(small, bold=True))]
    else:
        who_font = fitting_font(who, room, small, least, bold=True)
        lines = [Line(title, title_font, TEKST), Line(subtitle, sub_font, GRIJS)]
        lines += [Line("", who_font, TEKST, part, who_font) for part in wrap_characters(who, who_font, room)]
    return Header(tuple(lines), margin, width, top=round(height * 0.02))


def length(text: str, font: ImageFont.FreeTypeFont) -> float:
    return font.getlength(text)


def fitting_font(text: str, width: float, size: int, least: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    """The biggest font from ``size`` down to ``least`` in which ``text`` fits ``width``."""
    return pil_font(int(fitting_size(text, width, size, least, lambda t, s: pil_font(int(s), bold).getlength(t))), bold)


def wrap_characters(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    return wrap(text, width, font.getlength)
