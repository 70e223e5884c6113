"""The snapshot: a picture of the board (PNG) for the dossier, drawn with Pillow.

It shows what the inwoner saw, laid out by the board's own geometry (board/geometry.py,
the one the screen uses): the chosen leefgebieden in priority order, each bar with
its pictogram, its name and the two smileys, every perspectief's fiche in its own colour
and shape, and on a vervolgmeting the previous fiches as faint ghosts with an arrow to
where the fiche is now. The header carries the date, the meting's label, the dossier
number and the initials, never a name. The same meting gives the same bytes every time:
nothing in it depends on the clock or the machine (the fonts ship with the app).
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from PIL import Image, ImageDraw

from board import schrift
from board.geometry import DIAMOND_RADIUS, FILL_SHARE, GHOST_SHARE, SQUARE_SIDE, BoardLayout, RowGeometry
from board.geometry_namen import room_for_names
from board.inwoner import Inwoner
from board.meting import Meting
from board.meting_waarden import Perspectief
from board.passen import name_fonts_least
from board.taal import Vertaler, vertaler
from board.weergave import (
    ACHTERGROND,
    BALK,
    BALK_RAND,
    FICHE_STIJL,
    GHOST_ALPHA,
    PIJL,
    RGB,
    TEKST,
    perspectief_naam,
)
from exports.bronnen import BLIJ, VERDRIETIG, pictogram, pil_font
from exports.snapshot_header import snapshot_header
from exports.snapshot_namen import Names, draw_name, name_fits, names_need

DEFAULT_SIZE = (1920, 1200)
SUPERSAMPLE = 4  # fiches are drawn this much larger and scaled down: smooth edges
WIT: RGB = (255, 255, 255)
HEADER_GAP = 0.6  # of a line's height between header lines and around them


def snapshot_unit(size: tuple[int, int]) -> float:
    """The size of one dp on a picture of ``size``: as the board screen scales (1.0 at
    1280x800, up to 1.5), and smaller for a small picture."""
    width, height = size
    return min(max(min(width / 1280, height / 800), 0.5), 1.5)


@dataclass(frozen=True)
class SnapshotLayout:
    """Where everything goes on an image of ``width`` x ``height``: the measured header on
    top, the legend at the bottom, and between them the board as the screen lays it out.

    Public so that tests (and anyone placing things on the picture) compute positions
    instead of guessing them. Pixel coordinates: x to the right, y downwards.
    """

    width: int
    height: int
    header_height: int
    legend_height: int
    board: BoardLayout

    @staticmethod
    def compute(
        size: tuple[int, int],
        keys: Sequence[str],
        header_height: int,
        unit: float | None = None,
        mirrored: bool = False,
    ) -> SnapshotLayout:
        width, height = size
        unit = snapshot_unit(size) if unit is None else unit
        legend = round(height * 0.08)
        area = (0.0, float(legend), float(width), float(height - header_height - legend))
        board = BoardLayout.compute(area, keys, unit, live=False, mirrored=mirrored)
        return SnapshotLayout(width, height, header_height, legend, board)

    @property
    def margin(self) -> int:
        return round(self.width * 0.03)

    def point(self, x: float, y: float) -> tuple[int, int]:
        """A board point (y upwards, from the picture's bottom) as a pixel of the picture."""
        return round(x - 0.5), round(self.height - y - 0.5)

    def fiche_center(self, row: int, positie: float, perspectief: Perspectief = Perspectief.INWONER) -> tuple[int, int]:
        """The pixel at the centre of the fiche at ``positie`` (0..1) on bar ``row``."""
        return self.point(*self.board.rows[row].fiche_center(positie, perspectief))


def render_snapshot(
    meting: Meting, inwoner: Inwoner, size: tuple[int, int] = DEFAULT_SIZE, unit: float | None = None,
    nummer: int | None = None,
) -> Image.Image:
    """The board of ``meting`` as an RGB image of ``size`` pixels, the names and the legend
    in the inwoner's language (mirrored for right to left, as the screen), the header Dutch
    (``nummer``: which meting of its traject, ``board.traject.plaats``)."""
    width, height = size
    if width < 320 or height < 200:
        raise ValueError("Een snapshot is minstens 320 x 200 pixels.")
    tr = vertaler(inwoner.taal)
    header = snapshot_header(meting, inwoner, width, height, nummer)
    layout = SnapshotLayout.compute(size, meting.gekozen, header.height, unit, mirrored=tr.rtl)
    image = Image.new("RGB", size, ACHTERGROND)
    draw = ImageDraw.Draw(image)
    header.draw(draw)
    draw.line([(layout.margin, header.height - 2), (width - layout.margin, header.height - 2)], fill=BALK_RAND,
              width=max(1, height // 600))
    if not meting.gekozen:
        font = pil_font(round(height * 0.035))
        # The board's own text, in the inwoner's language like its names (the header is the dossier's).
        empty = schrift.for_display(tr.pgettext("inwoner", "Er zijn nog geen leefgebieden gekozen."))
        draw.text((width / 2, height / 2), empty, fill=TEKST, font=font, anchor="mm")
    draw_board(image, meting, layout.board, tr)
    _legend(image, draw, layout, meting, tr)
    return image


def snapshot_layout(
    meting: Meting, inwoner: Inwoner, size: tuple[int, int] = DEFAULT_SIZE, unit: float | None = None
) -> SnapshotLayout:
    """The layout ``render_snapshot`` uses for this meting and inwoner (the header's height
    depends on its text)."""
    header = snapshot_header(meting, inwoner, *size)
    return SnapshotLayout.compute(size, meting.gekozen, header.height, unit, mirrored=vertaler(inwoner.taal).rtl)


def render_board(
    meting: Meting,
    size: tuple[float, float],
    unit: float,
    live: bool = False,
    scroll: float = 0.0,
    tr: Vertaler | None = None,
) -> Image.Image:
    """Only the board, laid out in ``size`` as the screen lays out a board widget of that
    size (``live``: as the live board, with room for the reorder handles, scrolled by
    ``scroll`` when its rows do not fit)."""
    image = Image.new("RGB", (round(size[0]), round(size[1])), ACHTERGROND)
    tr = tr or vertaler("nl")
    if live:
        layout = live_layout(meting, size, unit, scroll, tr)
        draw_board(image, meting, layout, tr, tuple(round(f) for f in name_fonts_least(unit, unit)))
    else:
        picture = BoardLayout.compute((0, 0, size[0], size[1]), meting.gekozen, unit, live=False, scroll=scroll,
                                      mirrored=tr.rtl)
        draw_board(image, meting, picture, tr)
    return image


def live_layout(meting: Meting, size: tuple[float, float], unit: float, scroll: float = 0.0,
                tr: Vertaler | None = None) -> BoardLayout:
    """The live board of ``meting`` in ``size`` as the screen lays it out: its rows as high and
    its name column as wide as its names need (board/geometry_namen.py), measured in Pillow."""
    tr = tr or vertaler("nl")
    least, dutch_least = (round(f) for f in name_fonts_least(unit, unit))
    names = tuple(sorted(bar_names(meting, tr).values()))

    def compute(name_least: float = 0.0, pitch_least: float = 0.0) -> BoardLayout:
        return BoardLayout.compute((0, 0, size[0], size[1]), meting.gekozen, unit, live=True, scroll=scroll,
                                   mirrored=tr.rtl, name_least=name_least, pitch_least=pitch_least)

    pitch, name_least = room_for_names(compute(), lambda width: names_need(names, least, dutch_least, width))
    return compute(name_least, pitch)


def bar_names(meting: Meting, tr: Vertaler) -> dict[str, Names]:
    """Each chosen leefgebied's name in ``tr``'s language, and its Dutch name where that differs."""
    found = {}
    for key in meting.gekozen:
        leefgebied = meting.leefgebieden[key]
        naam = leefgebied.naam_in(tr.code)
        found[key] = (naam, leefgebied.naam if naam != leefgebied.naam else None)
    return found


def snapshot_png(
    meting: Meting, inwoner: Inwoner, size: tuple[int, int] = DEFAULT_SIZE, nummer: int | None = None
) -> bytes:
    """The snapshot as PNG bytes, without metadata (no time stamp: byte-identical output)."""
    buffer = io.BytesIO()
    render_snapshot(meting, inwoner, size, nummer=nummer).save(buffer, format="PNG")
    return buffer.getvalue()


# ----- the board ----------------------------------------------------------------------


def draw_board(image: Image.Image, meting: Meting, board: BoardLayout, tr: Vertaler | None = None,
               least: tuple[int, int] | None = None) -> None:
    """The rows of ``board`` (y upwards from the image's bottom) onto ``image``; the names in
    ``tr``'s language, with the Dutch name small beneath (as on the screen), at ``least`` (name,
    Dutch) px or more where they fit: a live board's ``name_fonts_least``; a picture's 10 px,
    or 12 dp of its own unit (its rows shrink to fit the picture)."""
    draw = ImageDraw.Draw(image)
    flip = image.height
    leefgebieden = meting.leefgebieden
    names = bar_names(meting, tr or vertaler("nl"))
    if least is None:
        least = (max(10, round(12 * board.rows[0].unit)) if board.rows else 10, 10)
    if board.rows:  # one name size on every bar, as on the screen
        _, _, width, height = board.rows[0].name
        board = board.one_name_font(lambda key, size: name_fits(names[key], size, width, height, least[1]),
                                    least[0])
    for row in board.rows:
        _bar(image, draw, row, flip, names[row.key], leefgebieden[row.key].pictogram_path, least)
    for row in board.rows:
        _fiches(image, draw, row, flip, meting)


def _box(rect: tuple[float, float, float, float], flip: int) -> tuple[float, float, float, float]:
    """A board rectangle as Pillow's (left, top, right, bottom) on an image ``flip`` high."""
    x, y, w, h = rect
    return x, flip - y - h, x + w - 1, flip - y - 1


def _bar(
    image: Image.Image, draw: ImageDraw.ImageDraw, row: RowGeometry, flip: int, naam: Names, picto_path,
    least: tuple[int, int],
) -> None:
    unit = row.unit
    left, top, right, bottom = _box(row.rect, flip)
    draw.rounded_rectangle([left, top + 2 * unit, right, bottom + 2 * unit], radius=10 * unit, fill=(235, 233, 228))
    draw.rounded_rectangle([left, top, right, bottom], radius=10 * unit, fill=WIT)
    for rect, path in ((row.pictogram, picto_path), (row.sad, VERDRIETIG), (row.happy, BLIJ)):
        if rect is not None:
            size = max(1, round(rect[2]))
            x0, y0, _, _ = _box(rect, flip)
            image.paste(pictogram(path, size), (round(x0), round(y0)), pictogram(path, size))
    draw_name(draw, row, flip, naam, *least)
    x0, y0, x1, y1 = _box(row.track, flip)
    draw.rounded_rectangle(
        [x0, y0, x1, y1], radius=(y1 - y0) / 2, fill=BALK, outline=BALK_RAND, width=max(1, round(unit))
    )


def _fiches(image: Image.Image, draw: ImageDraw.ImageDraw, row: RowGeometry, flip: int, meting: Meting) -> None:
    # Ghosts first, then arrows, then today's fiches on top; the inwoner's fiche last.
    order = (Perspectief.NAASTE, Perspectief.PROFESSIONAL, Perspectief.INWONER)
    for perspectief in order:
        oud = meting.vorige_positie(row.key, perspectief)
        if oud is not None:
            _paste_fiche(image, row, flip, oud, perspectief, ghost=True)
    for perspectief in order:
        arrow = row.arrow(meting.vorige_positie(row.key, perspectief), meting.positie(row.key, perspectief),
                          perspectief)
        if arrow is not None:
            points = [(x - 0.5, flip - y - 0.5) for x, y in (arrow.start, arrow.line_end)]
            draw.line(points, fill=PIJL, width=max(1, round(2 * arrow.width)))
            (sx, sy), r = points[0], arrow.width  # a round cap, as the screen draws it
            draw.ellipse([sx - r, sy - r, sx + r, sy + r], fill=PIJL)
            draw.polygon([(x - 0.5, flip - y - 0.5) for x, y in arrow.head_points], fill=PIJL)
    for perspectief in order:
        nu = meting.positie(row.key, perspectief)
        if nu is not None:
            _paste_fiche(image, row, flip, nu, perspectief, ghost=False)


def _paste_fiche(
    image: Image.Image, row: RowGeometry, flip: int, positie: float, perspectief: Perspectief, ghost: bool
) -> None:
    diameter = row.fiche_diameter(perspectief)
    sprite = fiche_sprite(perspectief, round(diameter * (GHOST_SHARE if ghost else 1.0)), ghost)
    x, y = row.fiche_center(positie, perspectief)
    half = sprite.width / 2
    image.paste(sprite, (round(x - half), round(flip - y - half)), sprite)


@cache
def fiche_sprite(perspectief: Perspectief, diameter: int, ghost: bool = False) -> Image.Image:
    """One fiche as an RGBA image, centred: a white rim around the coloured shape (a ghost:
    the shape alone at GHOST_ALPHA), in the shares the board widget draws with.

    Drawn at SUPERSAMPLE times the size and scaled down, so the edges are smooth while
    the middle stays exactly the perspectief's colour (tests sample it there). Cached:
    there are few sizes and three shapes.
    """
    stijl = FICHE_STIJL[perspectief]
    side = 2 * math.ceil(diameter * DIAMOND_RADIUS) + 3
    big = side * SUPERSAMPLE
    c = big / 2
    sprite = Image.new("RGBA", (big, big), (*stijl.kleur, 0))
    draw = ImageDraw.Draw(sprite)
    layers = [(1.0, (*stijl.kleur, 255))] if ghost else [(1.0, (*WIT, 255)), (FILL_SHARE, (*stijl.kleur, 255))]
    for share, colour in layers:
        size = diameter * share * SUPERSAMPLE
        if stijl.vorm == "cirkel":
            r = size / 2
            draw.ellipse([c - r, c - r, c + r, c + r], fill=colour)
        elif stijl.vorm == "vierkant":
            s = size * SQUARE_SIDE / 2
            draw.rounded_rectangle([c - s, c - s, c + s, c + s], radius=2 * s * 0.18, fill=colour)
        else:  # ruit
            r = size * DIAMOND_RADIUS
            draw.polygon([(c, c - r), (c + r, c), (c, c + r), (c - r, c)], fill=colour)
    sprite = sprite.resize((side, side), Image.Resampling.LANCZOS)
    if ghost:
        alpha = sprite.getchannel("A").point(lambda a: round(a * GHOST_ALPHA))
        sprite.putalpha(alpha)
    return sprite


def _legend(
    image: Image.Image, draw: ImageDraw.ImageDraw, layout: SnapshotLayout, meting: Meting, tr: Vertaler
) -> None:
    """Which colour and shape is whose: only the perspectieven that are on the board."""
    present = [p for p in Perspectief if any(f.perspectief is p for f in (*meting.fiches, *meting.vorige))]
    items: list[tuple[Image.Image, str]] = []
    diameter = max(12, round(layout.height * 0.028))
    for perspectief in present:
        items.append((fiche_sprite(perspectief, diameter), schrift.for_display(perspectief_naam(perspectief, tr))))
    if meting.vorige:
        vorige = schrift.for_display(tr.pgettext("inwoner", "Vorige meting (licht)"))
        items.append((fiche_sprite(Perspectief.INWONER, diameter, ghost=True), vorige))
    font = pil_font(round(layout.height * 0.022))
    y = layout.height - layout.legend_height // 2
    if tr.rtl:  # right to left, as the mirrored board: from the right margin, each fiche right of its name
        x = layout.width - layout.margin
        for sprite, label in items:
            image.paste(sprite, (x - sprite.width, y - sprite.height // 2), sprite)
            x -= sprite.width + diameter // 2
            draw.text((x, y), label, fill=TEKST, font=font, anchor="rm")
            x -= round(font.getlength(label)) + 3 * diameter // 2
        return
    x = layout.margin
    for sprite, label in items:
        image.paste(sprite, (x, y - sprite.height // 2), sprite)
        x += sprite.width + diameter // 2
        draw.text((x, y), label, fill=TEKST, font=font, anchor="lm")
        x += round(font.getlength(label)) + 3 * diameter // 2
