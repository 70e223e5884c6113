"""A small line chart per leefgebied: the inwoner's fiche over all metingen, drawn with canvas
instructions. Sad at the bottom, happy at the top, no numbers (the inwoner reads it too); the
month of each meting under its point (as many as fit, board/passen.axis_labels). Each meting
stands at its date, one line per traject, a marker where a traject was closed (board/verloop).
The titles are in the inwoner's language (``tr``) with the Dutch name smaller beneath, so the
professional can follow, as on the board; right to left they stand flush right beside the
pictogram on the right."""

from __future__ import annotations

from collections.abc import Sequence

from kivy.graphics import Color, Ellipse, Line, Mesh, Rectangle, RoundedRectangle
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty
from kivy.uix.widget import Widget

from board import Meting
from board.i18n import format_jaar
from board.meting_waarden import Perspectief
from board.passen import CHART_LEAST, MIN_TEXT, TITLE_LINES, axis_labels, biggest_font, chart_grid
from board.taal import uitlijning, vertaler
from board.verloop import AFSTAND, tijd_as
from board.weergave import BALK, FICHE_STIJL, TEKST
from widgets.textures import HAPPY, SAD, label_size, label_texture, pictogram_texture, rgba, text_lines, whole_words

Rect = tuple[float, float, float, float]
Title = tuple[int, object, object]  # a chart title's font, its texture, the Dutch name's texture (or None)


def verloop(metingen: Sequence[Meting]) -> list[tuple[str, list[float | None]]]:
    """Per leefgebied (latest meting's order first, then any others): its inwoner position
    in each meting, None where it was not on the board."""
    keys: list[str] = []
    for meting in reversed(metingen):
        keys += [k for k in meting.gekozen if k not in keys]
    return [(key, [m.positie(key) for m in metingen]) for key in keys]


GAP = 12  # dp between two charts
ICON = 32  # dp: a chart's pictogram, at most
TITLE_BIGGEST = 16  # dp: a chart's title, at most
MARKER_ROOM = 20  # dp at least between an afsluiting's marker and a point beside it


def chart_rects(area: Rect, count: int, gap: float, columns: int | None = None) -> list[Rect]:
    """Small multiples in a grid of ``columns`` (by default up to four, as even as possible:
    board/passen.chart_grid), filled from the top left."""
    x, y, w, h = area
    if count == 0:
        return []
    columns = columns or chart_grid(count, lambda _c: True)[0]
    rows = -(-count // columns)
    # Whole pixels: a small date drawn between two pixel rows turns faint.
    cw, ch = (w - (columns - 1) * gap) // columns, (h - (rows - 1) * gap) // rows
    return [(round(x + (i % columns) * (cw + gap)), round(y + h - (i // columns + 1) * ch - (i // columns) * gap),
             cw, ch) for i in range(count)]


class VerloopGrafiek(Widget):
    """``metingen``: an inwoner's metingen, the 0-meting first; ``afsluitingen``: their closed trajecten."""

    metingen = ListProperty([])
    afsluitingen = ListProperty([])
    # The height the grid needs at this width (each chart at least CHART_LEAST high): the
    # screen gives it that much and scrolls.
    needed = NumericProperty(0)
    tr = ObjectProperty(vertaler("nl"), rebind=True)  # the inwoner's language: the titles
    met_afsluiting = BooleanProperty(False)  # an afsluiting's dashed marker is drawn: the screen explains it

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.charts: list[tuple[str, Rect, list[tuple[float, float]]]] = []  # key, rect, points drawn
        self.titles: list[tuple[str, int, Rect]] = []  # key, font (px), where its texture is drawn
        self.dutch: list[tuple[str, int, Rect]] = []  # the same for the Dutch name beneath (another language)
        self.dates: list[tuple[str, float, float, float, float]] = []  # text, x, y, width, height of each date drawn
        self.lines: list[list[tuple[float, float]]] = []  # per chart and traject: the points one line joins
        self.markers: list[tuple[float, float, float]] = []  # x, bottom, top of each afsluiting's marker
        self.axis = tijd_as(())
        self.bind(pos=self._redraw, size=self._redraw, metingen=self._redraw, afsluitingen=self._redraw,
                  tr=self._redraw)

    def _redraw(self, *_args: object) -> None:
        self.canvas.clear()
        self.charts, self.dates, self.titles, self.dutch, self.lines, self.markers = [], [], [], [], [], []
        if not self.metingen:
            self.met_afsluiting = False
            return
        self.axis = tijd_as(self.metingen, self.afsluitingen)  # for the grid's titles; again below at its width
        set_ = self.metingen[-1].leefgebieden
        series = verloop(self.metingen)
        self.met_afsluiting = bool(series and self.axis.afsluitingen)
        # (the name in the inwoner's language, the Dutch name where that is another)
        names = [(set_[key].naam_in(self.tr.code), set_[key].naam) for key, _values in series]
        names = [(naam, dutch if dutch != naam else None) for naam, dutch in names]
        least = round(dp(MIN_TEXT))

        def fits(columns: int) -> bool:
            width = self._title_width((self.width - (columns - 1) * dp(GAP)) / columns)
            return all(_title_fits(naam, least, width)
                       and (dutch is None or _title_fits(dutch, least, width, bold=False)) for naam, dutch in names)

        columns, rows = chart_grid(len(series), fits)
        width = self._title_width((self.width - (columns - 1) * dp(GAP)) / columns)
        titles = [self._title(naam, dutch, width) for naam, dutch in names]
        head = max(dp(40), *(_height(t) + dp(8) for t in titles))  # one for all: the plots line up
        height = self.height
        self.needed = rows * (head + dp(CHART_LEAST)) + max(0, rows - 1) * dp(GAP)
        if self.height != height:  # the screen gave the room asked for: drawn again at that height
            return
        rects = chart_rects((self.x, self.y, self.width, self.height), len(series), dp(GAP), columns)
        # The room beside an afsluiting's marker: AFSTAND of the axis, or MARKER_ROOM where the
        # charts are narrow (eight in a grid at 800x600: 5 % was 11 px, a point's dot 11 dp wide).
        plot = 1.0
        if rects:
            left, right = _plot_ends(rects[0][0], rects[0][2], _smiley(rects[0][3], head))
            plot = max(1.0, right - left)
        self.axis = tijd_as(self.metingen, self.afsluitingen, max(AFSTAND, min(0.2, dp(MARKER_ROOM) / plot)))
        with self.canvas:
            for (key, values), rect, title in zip(series, rects, titles, strict=True):
                self.charts.append((key, rect, self._chart(set_[key], values, rect, title, head)))

    @staticmethod
    def _title_width(chart_width: float) -> int:
        return round(chart_width - dp(ICON) - dp(24))

    def _title(self, name: str, dutch: str | None, width: int) -> Title:
        """A chart's title at MIN_TEXT or more (on one line at the biggest font that fits, else
        on two): the font and its texture; the Dutch name beneath at MIN_TEXT, lighter, or None."""
        least, biggest = round(dp(MIN_TEXT)), round(dp(TITLE_BIGGEST))
        font = round(biggest_font(lambda f: _title_fits(name, round(f), width, 1), biggest, least))
        if not _title_fits(name, font, width, 1):
            font = round(biggest_font(lambda f: _title_fits(name, round(f), width), biggest, least))
        halign = uitlijning("left", self.tr.rtl)
        texture = label_texture(name, font, width, True, rgba(TEKST), halign)
        beneath = None if dutch is None else label_texture(dutch, least, width, False, rgba(TEKST, 0.7), halign)
        return font, texture, beneath

    def _chart(self, leefgebied: object, values: list[float | None], rect: Rect, title: Title,
               head: float) -> list[tuple[float, float]]:
        x, y, w, h = rect
        Color(1, 1, 1, 1)
        RoundedRectangle(pos=(x, y), size=(w, h), radius=[dp(10)])
        font, texture, beneath = title
        icon = dp(ICON) if head >= dp(ICON) + dp(8) else head - dp(8)
        # Right to left the pictogram stands on the right and the title, flush right, left of it.
        icon_x, title_x = (x + w - dp(8) - icon, x + dp(8)) if self.tr.rtl else (x + dp(8), x + dp(ICON) + dp(16))
        Rectangle(texture=pictogram_texture(leefgebied.pictogram_path), pos=(icon_x, y + h - head / 2 - icon / 2),
                  size=(icon, icon))
        top = round(y + h - head / 2 + _height(title) / 2)
        title_pos = (title_x, top - texture.height)
        Rectangle(texture=texture, size=texture.size, pos=title_pos)
        self.titles.append((leefgebied.key, font, (*title_pos, *texture.size)))
        if beneath is not None:
            dutch_pos = (title_x, title_pos[1] - beneath.height)
            Rectangle(texture=beneath, size=beneath.size, pos=dutch_pos)
            self.dutch.append((leefgebied.key, round(dp(MIN_TEXT)), (*dutch_pos, *beneath.size)))
        smiley = _smiley(h, head)
        px0, px1 = _plot_ends(x, w, smiley)
        date_h = dp(18)
        py0, py1 = y + dp(10) + date_h + smiley / 2, y + h - head - smiley / 2 - dp(4)
        Rectangle(texture=pictogram_texture(SAD), pos=(x + dp(8), py0 - smiley / 2), size=(smiley, smiley))
        Rectangle(texture=pictogram_texture(HAPPY), pos=(x + dp(8), py1 - smiley / 2), size=(smiley, smiley))
        Color(*rgba(BALK))
        Line(points=[px0, py0, px1, py0], width=dp(1))
        Line(points=[px0, py1, px1, py1], width=dp(1))
        Color(*rgba(TEKST, 0.45))
        for share in self.axis.afsluitingen:  # where a traject was closed: its line stops here
            mx = round(px0 + share * (px1 - px0))
            _dashes(mx + 0.5, py0 - smiley / 2, py1 + smiley / 2)
            self.markers.append((mx, py0 - smiley / 2, py1 + smiley / 2))
        points: list[tuple[float, float]] = []
        kleur = rgba(FICHE_STIJL[Perspectief.INWONER].kleur)
        Color(*kleur)
        for lijn in self.axis.lijnen:  # one line per traject: never across an afsluiting
            punten = [(px0 + self.axis.plaatsen[i] * (px1 - px0), py0 + values[i] * (py1 - py0))
                      for i in lijn if values[i] is not None]
            if len(punten) > 1:
                Line(points=[c for p in punten for c in p], width=dp(2.2), joint="round", cap="round")
            self.lines.append(punten)
            points += punten
        dot = dp(11)
        for px, py in points:
            Ellipse(pos=(px - dot / 2, py - dot / 2), size=(dot, dot), segments=24)
        self._dates(px0, px1, y + dp(6) + date_h, x, x + w)
        return points

    def _dates(self, px0: float, px1: float, top: float, left: float, right: float) -> None:
        """Each meting's month under its place on the chart, as many as fit without touching
        (the rule: board/passen.axis_labels): the newest and the first at least, by their year
        alone where the months do not fit; never one over another or out of the card."""
        centres = [px0 + share * (px1 - px0) for share in self.axis.plaatsen]
        texts = [self.tr.maand(m.datum) for m in self.metingen]  # the inwoner's language, like the titles
        years = [format_jaar(m.datum) for m in self.metingen]
        font, colour = round(dp(12)), rgba(TEKST, 0.7)
        widths = [label_size(t, font)[0] for t in texts]
        short_widths = [label_size(t, font)[0] for t in years]
        labels = axis_labels(centres, widths, left + dp(4), right - dp(4), dp(6), short_widths, years)
        Color(1, 1, 1, 1)
        for i, left_x in labels.placed:
            text = years[i] if labels.short else texts[i]
            texture = label_texture(text, font, color=colour)
            Rectangle(texture=texture, size=texture.size, pos=(left_x, top - texture.height))
            self.dates.append((text, left_x, top - texture.height, texture.width, texture.height))


def _dashes(x: float, bottom: float, top: float) -> None:
    """A vertical dashed line, 4 dp drawn and 3 dp left open, as plain segments in one mesh:
    Kivy's own dashed Line draws through a stipple texture, which a test found drawn (almost)
    invisible once in a full run of the suite."""
    on, step = dp(4), dp(7)
    vertices: list[float] = []
    y = bottom
    while y < top:
        vertices += [x, y, 0, 0, x, min(y + on, top), 0, 0]
        y += step
    Mesh(vertices=vertices, indices=list(range(len(vertices) // 4)), mode="lines")


def _smiley(height: float, head: float) -> float:
    """The size of a chart's smileys (and the room they take beside its plot)."""
    return min(dp(22), (height - head) / 3)


def _plot_ends(x: float, width: float, smiley: float) -> tuple[float, float]:
    """Where a chart's time axis begins and ends, left to right."""
    return x + smiley + dp(18), x + width - dp(14)


def _height(title: Title) -> float:
    return title[1].height + (title[2].height if title[2] is not None else 0)


def _title_fits(name: str, font: int, width: int, lines: int = TITLE_LINES, bold: bool = True) -> bool:
    """``name`` at ``font`` px wraps between words into at most ``lines`` lines of ``width``."""
    return whole_words(name, font, width, bold) and text_lines(name, font, width, bold) <= lines
