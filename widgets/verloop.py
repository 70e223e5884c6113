"""A small line chart per leefgebied: the inwoner's fiche over all metingen, drawn with canvas
instructions. Sad at the bottom, happy at the top, no numbers (the inwoner reads it too); the
month of each meting under its point (as many as fit, board/passen.axis_labels)."""

from __future__ import annotations

from collections.abc import Sequence

from kivy.graphics import Color, Ellipse, Line, Rectangle, RoundedRectangle
from kivy.metrics import dp
from kivy.properties import ListProperty
from kivy.uix.widget import Widget

from board import Meting
from board.i18n import format_jaar, format_maand
from board.meting_waarden import Perspectief
from board.passen import axis_labels
from board.weergave import BALK, FICHE_STIJL, TEKST
from widgets.textures import HAPPY, SAD, fitted_label, label_size, label_texture, pictogram_texture, rgba

Rect = tuple[float, float, float, float]


def verloop(metingen: Sequence[Meting]) -> list[tuple[str, list[float | None]]]:
    """Per leefgebied (latest meting's order first, then any others): its inwoner position
    in each meting, None where it was not on the board."""
    keys: list[str] = []
    for meting in reversed(metingen):
        keys += [k for k in meting.gekozen if k not in keys]
    return [(key, [m.positie(key) for m in metingen]) for key in keys]


def chart_rects(area: Rect, count: int, gap: float) -> list[Rect]:
    """Small multiples in a grid of up to four columns, filled from the top left."""
    x, y, w, h = area
    if count == 0:
        return []
    rows = -(-count // 4)
    columns = -(-count // rows)  # as even as possible: 5 charts are 3 + 2, not 4 + 1
    cw, ch = (w - (columns - 1) * gap) / columns, (h - (rows - 1) * gap) / rows
    return [(x + (i % columns) * (cw + gap), y + h - (i // columns + 1) * ch - (i // columns) * gap, cw, ch)
            for i in range(count)]


class VerloopGrafiek(Widget):
    """``metingen``: an inwoner's metingen, the 0-meting first."""

    metingen = ListProperty([])

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.charts: list[tuple[str, Rect, list[tuple[float, float]]]] = []  # key, rect, points drawn
        self.dates: list[tuple[str, float, float, float, float]] = []  # text, x, y, width, height of each date drawn
        self.bind(pos=self._redraw, size=self._redraw, metingen=self._redraw)

    def _redraw(self, *_args: object) -> None:
        self.canvas.clear()
        self.charts, self.dates = [], []
        if not self.metingen:
            return
        set_ = self.metingen[-1].leefgebieden
        series = verloop(self.metingen)
        rects = chart_rects((self.x, self.y, self.width, self.height), len(series), dp(12))
        with self.canvas:
            for (key, values), rect in zip(series, rects, strict=True):
                self.charts.append((key, rect, self._chart(set_[key], values, rect)))

    def _chart(self, leefgebied: object, values: list[float | None], rect: Rect) -> list[tuple[float, float]]:
        x, y, w, h = rect
        Color(1, 1, 1, 1)
        RoundedRectangle(pos=(x, y), size=(w, h), radius=[dp(10)])
        head = min(dp(40), h * 0.3)
        icon = head - dp(8)
        Rectangle(texture=pictogram_texture(leefgebied.pictogram_path), pos=(x + dp(8), y + h - head + dp(4)),
                  size=(icon, icon))
        texture = fitted_label(leefgebied.naam, round(w - icon - dp(24)), round(head - dp(4)), round(dp(16)),
                               round(dp(10)), bold=True, color=rgba(TEKST))
        Rectangle(texture=texture, size=texture.size,
                  pos=(x + icon + dp(16), y + h - head / 2 - texture.height / 2))
        smiley = min(dp(22), (h - head) / 3)
        px0, px1 = x + smiley + dp(18), x + w - dp(14)
        date_h = dp(18)
        py0, py1 = y + dp(10) + date_h + smiley / 2, y + h - head - smiley / 2 - dp(4)
        Rectangle(texture=pictogram_texture(SAD), pos=(x + dp(8), py0 - smiley / 2), size=(smiley, smiley))
        Rectangle(texture=pictogram_texture(HAPPY), pos=(x + dp(8), py1 - smiley / 2), size=(smiley, smiley))
        Color(*rgba(BALK))
        Line(points=[px0, py0, px1, py0], width=dp(1))
        Line(points=[px0, py1, px1, py1], width=dp(1))
        step = (px1 - px0) / max(1, len(values) - 1)
        points = [
            (px0 + i * step if len(values) > 1 else (px0 + px1) / 2, py0 + v * (py1 - py0))
            for i, v in enumerate(values) if v is not None
        ]
        kleur = rgba(FICHE_STIJL[Perspectief.INWONER].kleur)
        Color(*kleur)
        if len(points) > 1:
            Line(points=[c for p in points for c in p], width=dp(2.2), joint="round", cap="round")
        dot = dp(11)
        for px, py in points:
            Ellipse(pos=(px - dot / 2, py - dot / 2), size=(dot, dot))
        self._dates(px0, px1, y + dp(6) + date_h, x, x + w)
        return points

    def _dates(self, px0: float, px1: float, top: float, left: float, right: float) -> None:
        """Each meting's month under its place on the chart, as many as fit without touching
        (the rule: board/passen.axis_labels): the newest and the first at least, by their year
        alone where the months do not fit; never one over another or out of the card."""
        n = len(self.metingen)
        step = (px1 - px0) / max(1, n - 1)
        centres = [px0 + i * step if n > 1 else (px0 + px1) / 2 for i in range(n)]
        texts = [format_maand(m.datum) for m in self.metingen]
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
