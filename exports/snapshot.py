"""The snapshot: a picture of the board (PNG) for the dossier, drawn with Pillow.

It shows what the inwoner saw: the chosen leefgebieden in priority order, each bar with
its pictogram, its name and the two smileys, every perspectief's fiche in its own colour
and shape, and on a vervolgmeting the previous fiches as faint ghosts with an arrow to
where the fiche is now. The header carries the date, the meting's label, the dossier
number and the initials, never a name. The same meting gives the same bytes every time:
nothing in it depends on the clock or the machine (the fonts ship with the app).
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw

from board.inwoner import Inwoner
from board.meting import Meting, Perspectief
from board.weergave import (
    ACHTERGROND,
    BALK,
    BALK_RAND,
    FICHE_STIJL,
    GHOST_ALPHA,
    PIJL,
    RGB,
    TEKST,
)
from exports.bronnen import BLIJ, VERDRIETIG, datum_nl, pictogram, pil_font

DEFAULT_SIZE = (1920, 1200)
SUPERSAMPLE = 4  # fiches are drawn this much larger and scaled down: smooth edges
GRIJS: RGB = (105, 105, 105)
# Where each perspectief sits across the bar, as a share of the row height: the inwoner's
# fiche in the middle, the others just above and below so that no fiche hides another.
_OFFSET = {Perspectief.INWONER: 0.0, Perspectief.PROFESSIONAL: -0.17, Perspectief.NAASTE: 0.17}
_RADIUS = {Perspectief.INWONER: 0.26, Perspectief.PROFESSIONAL: 0.19, Perspectief.NAASTE: 0.19}


@dataclass(frozen=True)
class SnapshotLayout:
    """Where everything goes on an image of ``width`` x ``height`` with ``rows`` bars.

    Public so that tests (and anyone placing things on the picture) compute positions
    instead of guessing them.
    """

    width: int
    height: int
    rows: int

    @property
    def margin(self) -> int:
        return round(self.width * 0.03)

    @property
    def header_height(self) -> int:
        return round(self.height * 0.13)

    @property
    def legend_height(self) -> int:
        return round(self.height * 0.08)

    @property
    def row_height(self) -> int:
        body = self.height - self.header_height - self.legend_height
        return int(min(body / max(self.rows, 1), self.height * 0.14))

    @property
    def body_top(self) -> int:
        # The rows are centred in the space between header and legend.
        body = self.height - self.header_height - self.legend_height
        return self.header_height + (body - self.row_height * self.rows) // 2

    @property
    def pictogram_size(self) -> int:
        return round(self.row_height * 0.72)

    @property
    def name_x(self) -> int:
        return self.margin + self.pictogram_size + self.margin // 2

    @property
    def name_width(self) -> int:
        return round(self.width * 0.22)

    @property
    def smiley_size(self) -> int:
        return round(self.row_height * 0.7)

    @property
    def bar_x0(self) -> int:
        return self.name_x + self.name_width + self.smiley_size + self.margin // 2

    @property
    def bar_x1(self) -> int:
        return self.width - self.margin - self.smiley_size - self.margin // 2

    @property
    def bar_thickness(self) -> int:
        return round(self.row_height * 0.46)

    def row_center_y(self, row: int) -> int:
        return self.body_top + row * self.row_height + self.row_height // 2

    def fiche_radius(self, perspectief: Perspectief) -> int:
        return max(3, round(self.row_height * _RADIUS[perspectief]))

    def fiche_center(self, row: int, positie: float, perspectief: Perspectief = Perspectief.INWONER) -> tuple[int, int]:
        """The pixel at the centre of the fiche at ``positie`` (0..1) on bar ``row``."""
        inset = self.fiche_radius(Perspectief.INWONER) + 2
        x = self.bar_x0 + inset + positie * (self.bar_x1 - self.bar_x0 - 2 * inset)
        y = self.row_center_y(row) + _OFFSET[perspectief] * self.row_height
        return round(x), round(y)


def render_snapshot(meting: Meting, inwoner: Inwoner, size: tuple[int, int] = DEFAULT_SIZE) -> Image.Image:
    """The board of ``meting`` as an RGB image of ``size`` pixels."""
    width, height = size
    if width < 320 or height < 200:
        raise ValueError("Een snapshot is minstens 320 x 200 pixels.")
    layout = SnapshotLayout(width, height, len(meting.gekozen))
    image = Image.new("RGB", size, ACHTERGROND)
    draw = ImageDraw.Draw(image)
    _header(draw, layout, meting, inwoner)
    if not meting.gekozen:
        font = pil_font(round(height * 0.035))
        draw.text((width / 2, height / 2), "Er zijn nog geen leefgebieden gekozen.", fill=TEKST, font=font, anchor="mm")
    leefgebieden = meting.leefgebieden
    for row, key in enumerate(meting.gekozen):
        _bar(image, draw, layout, row, leefgebieden[key].naam, leefgebieden[key].pictogram_path)
    for row, key in enumerate(meting.gekozen):
        _fiches(image, draw, layout, row, meting, key)
    _legend(image, draw, layout, meting)
    return image


def snapshot_png(meting: Meting, inwoner: Inwoner, size: tuple[int, int] = DEFAULT_SIZE) -> bytes:
    """The snapshot as PNG bytes, without metadata (no time stamp: byte-identical output)."""
    buffer = io.BytesIO()
    render_snapshot(meting, inwoner, size).save(buffer, format="PNG")
    return buffer.getvalue()


# ----- parts of the picture -------------------------------------------------------


def _header(draw: ImageDraw.ImageDraw, layout: SnapshotLayout, meting: Meting, inwoner: Inwoner) -> None:
    m, h = layout.margin, layout.header_height
    big = pil_font(round(layout.height * 0.042), bold=True)
    small = pil_font(round(layout.height * 0.026))
    draw.text(
        (m, h * 0.42), f"{meting.label.capitalize()}  ·  {datum_nl(meting.datum)}", fill=TEKST, font=big, anchor="ls"
    )
    draw.text(
        (m, h * 0.78),
        f"Wat telt  ·  leefgebieden {meting.leefgebieden.titel.lower()}",
        fill=GRIJS,
        font=small,
        anchor="ls",
    )
    who = f"Dossier {inwoner.dossiernummer}" + (f"  ·  {inwoner.initialen}" if inwoner.initialen else "")
    draw.text((layout.width - m, h * 0.42), who, fill=TEKST, font=big, anchor="rs")
    draw.line([(m, h - 2), (layout.width - m, h - 2)], fill=BALK_RAND, width=max(1, layout.height // 600))


def _bar(
    image: Image.Image, draw: ImageDraw.ImageDraw, layout: SnapshotLayout, row: int, naam: str, picto_path
) -> None:
    y = layout.row_center_y(row)
    size = layout.pictogram_size
    image.paste(pictogram(picto_path, size), (layout.margin, y - size // 2), pictogram(picto_path, size))
    _name(draw, layout, naam, y)
    smiley = layout.smiley_size
    sad_x = layout.bar_x0 - layout.margin // 4 - smiley
    image.paste(pictogram(VERDRIETIG, smiley), (sad_x, y - smiley // 2), pictogram(VERDRIETIG, smiley))
    happy_x = layout.bar_x1 + layout.margin // 4
    image.paste(pictogram(BLIJ, smiley), (happy_x, y - smiley // 2), pictogram(BLIJ, smiley))
    half = layout.bar_thickness // 2
    draw.rounded_rectangle(
        [(layout.bar_x0, y - half), (layout.bar_x1, y + half)],
        radius=half,
        fill=BALK,
        outline=BALK_RAND,
        width=max(1, layout.row_height // 40),
    )


def _name(draw: ImageDraw.ImageDraw, layout: SnapshotLayout, naam: str, y: int) -> None:
    """The leefgebied's name, on two lines (and smaller) when one line is too narrow."""
    size = max(12, min(round(layout.row_height * 0.34), round(layout.height * 0.034)))
    font = pil_font(size, bold=True)
    if font.getlength(naam) <= layout.name_width:
        draw.text((layout.name_x, y), naam, fill=TEKST, font=font, anchor="lm")
        return
    lines = _two_lines(naam, font, layout.name_width)
    while size > 10 and max(font.getlength(line) for line in lines) > layout.name_width:
        size -= 1
        font = pil_font(size, bold=True)
        lines = _two_lines(naam, font, layout.name_width)
    draw.multiline_text(
        (layout.name_x, y), "\n".join(lines), fill=TEKST, font=font, anchor="lm", spacing=round(size * 0.15)
    )


def _two_lines(text: str, font, width: int) -> list[str]:
    words = text.split()
    for cut in range(len(words) - 1, 0, -1):
        first = " ".join(words[:cut])
        if font.getlength(first) <= width:
            return [first, " ".join(words[cut:])]
    return [text]


def _fiches(
    image: Image.Image, draw: ImageDraw.ImageDraw, layout: SnapshotLayout, row: int, meting: Meting, key: str
) -> None:
    # Ghosts first, then arrows, then today's fiches on top; the inwoner's fiche last.
    order = (Perspectief.NAASTE, Perspectief.PROFESSIONAL, Perspectief.INWONER)
    for perspectief in order:
        oud = meting.vorige_positie(key, perspectief)
        if oud is not None:
            _paste_fiche(image, layout, row, oud, perspectief, ghost=True)
    for perspectief in order:
        oud, nu = meting.vorige_positie(key, perspectief), meting.positie(key, perspectief)
        if oud is not None and nu is not None:
            _arrow(draw, layout, row, oud, nu, perspectief)
    for perspectief in order:
        nu = meting.positie(key, perspectief)
        if nu is not None:
            _paste_fiche(image, layout, row, nu, perspectief, ghost=False)


def _paste_fiche(
    image: Image.Image, layout: SnapshotLayout, row: int, positie: float, perspectief: Perspectief, ghost: bool
) -> None:
    radius = layout.fiche_radius(perspectief)
    sprite = fiche_sprite(perspectief, radius, ghost)
    x, y = layout.fiche_center(row, positie, perspectief)
    half = sprite.width // 2
    image.paste(sprite, (x - half, y - half), sprite)


@cache
def fiche_sprite(perspectief: Perspectief, radius: int, ghost: bool = False) -> Image.Image:
    """One fiche as an RGBA image of 2*(radius+2)+1 pixels square, centred.

    Drawn at SUPERSAMPLE times the size and scaled down, so the edges are smooth while
    the middle stays exactly the perspectief's colour (tests sample it there). A ghost is
    the same fiche at GHOST_ALPHA opacity. Cached: there are few sizes and three shapes.
    """
    stijl = FICHE_STIJL[perspectief]
    side = 2 * (radius + 2) + 1
    big = side * SUPERSAMPLE
    c, r = big / 2, radius * SUPERSAMPLE
    sprite = Image.new("RGBA", (big, big), (*stijl.kleur, 0))
    draw = ImageDraw.Draw(sprite)
    ring = max(SUPERSAMPLE, round(r * 0.12))  # a white rim keeps the fiche apart from the bar
    if stijl.vorm == "cirkel":
        draw.ellipse([c - r, c - r, c + r, c + r], fill=(*stijl.kleur, 255), outline=(255, 255, 255, 255), width=ring)
    elif stijl.vorm == "vierkant":
        s = r * 0.86
        draw.rounded_rectangle(
            [c - s, c - s, c + s, c + s],
            radius=r * 0.18,
            fill=(*stijl.kleur, 255),
            outline=(255, 255, 255, 255),
            width=ring,
        )
    else:  # ruit
        points = [(c, c - r), (c + r, c), (c, c + r), (c - r, c)]
        draw.polygon(points, fill=(255, 255, 255, 255))
        inner = r - ring * math.sqrt(2)
        draw.polygon([(c, c - inner), (c + inner, c), (c, c + inner), (c - inner, c)], fill=(*stijl.kleur, 255))
    sprite = sprite.resize((side, side), Image.Resampling.LANCZOS)
    if ghost:
        alpha = sprite.getchannel("A").point(lambda a: round(a * GHOST_ALPHA))
        sprite.putalpha(alpha)
    return sprite


def _arrow(
    draw: ImageDraw.ImageDraw, layout: SnapshotLayout, row: int, oud: float, nu: float, perspectief: Perspectief
) -> None:
    """An arrow from the ghost to today's fiche, when they are far enough apart to show one."""
    (x0, y), (x1, _) = layout.fiche_center(row, oud, perspectief), layout.fiche_center(row, nu, perspectief)
    radius = layout.fiche_radius(perspectief)
    head = max(6, round(layout.row_height * 0.12))
    if abs(x1 - x0) < 2 * radius + head + 4:
        return
    direction = 1 if x1 > x0 else -1
    start, tip = x0 + direction * (radius + 2), x1 - direction * (radius + 3)
    width = max(2, round(layout.row_height * 0.05))
    draw.line([(start, y), (tip - direction * head, y)], fill=PIJL, width=width)
    draw.polygon(
        [(tip, y), (tip - direction * head, y - head * 0.6), (tip - direction * head, y + head * 0.6)], fill=PIJL
    )


def _legend(image: Image.Image, draw: ImageDraw.ImageDraw, layout: SnapshotLayout, meting: Meting) -> None:
    """Which colour and shape is whose: only the perspectieven that are on the board."""
    present = [p for p in Perspectief if any(f.perspectief is p for f in (*meting.fiches, *meting.vorige))]
    items: list[tuple[Image.Image, str]] = []
    radius = max(6, round(layout.height * 0.014))
    for perspectief in present:
        items.append((fiche_sprite(perspectief, radius), FICHE_STIJL[perspectief].label))
    if meting.vorige:
        items.append((fiche_sprite(Perspectief.INWONER, radius, ghost=True), "Vorige meting (licht)"))
    font = pil_font(round(layout.height * 0.022))
    y = layout.height - layout.legend_height // 2
    x = layout.margin
    for sprite, label in items:
        image.paste(sprite, (x, y - sprite.height // 2), sprite)
        x += sprite.width + radius
        draw.text((x, y), label, fill=TEKST, font=font, anchor="lm")
        x += round(font.getlength(label)) + 3 * radius
