"""The monitor screen's charts, drawn with canvas instructions from ``board.monitor_5_view``
rows: bars only for published values; a hidden value is a dashed empty slot with its
marker ("<10" or "x"), never a bar. Big text: the screen is read at arm's length."""

from __future__ import annotations

from kivy.graphics import Color, Line, Rectangle, RoundedRectangle
from kivy.metrics import dp
from kivy.properties import ListProperty
from kivy.uix.widget import Widget

from board.i18n import _
from board.leefgebieden import DEFAULT_SET, load_set
from board.monitor_5_view import TOP_N, Balk, Verschuiving
from board.passen import MIN_TEXT
from board.weergave import BALK, BETER, SLECHTER, TEKST, ZACHT
from widgets.textures import fitted_font, fitted_label, label_texture, pictogram_texture, rgba

Rect = tuple[float, float, float, float]
CHART_ROW = 66  # dp: a chart's row: a name in two lines at MIN_TEXT (30 px a line in our font) and a margin


class _Grafiek(Widget):
    """Rows of a chart; ``drawn`` records what each row drew (tests read it, as a user reads bars)."""

    rijen = ListProperty([])

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.drawn: list[dict[str, object]] = []
        self.name_fonts: list[int] = []  # the font of each name drawn (px)
        self.bind(pos=self._redraw, size=self._redraw, rijen=self._redraw)

    def _redraw(self, *_args: object) -> None:
        self.canvas.clear()
        self.drawn = []
        self.name_fonts: list[int] = []
        if self.rijen and self.height > 0:
            with self.canvas:
                self.draw()

    def draw(self) -> None:
        raise NotImplementedError

    def row_height(self, rows: int) -> float:
        return min(dp(CHART_ROW), self.height / max(TOP_N, rows))

    def name(self, key: str, label: str, x: float, y: float, w: float, h: float) -> Rect:
        """Pictogram and name of a leefgebied, left in its row; where the name went (x, y, w, h)."""
        icon = min(dp(38), h - dp(10))
        pictogram = _pictogram(key)
        if pictogram is not None:
            Color(1, 1, 1, 1)
            Rectangle(texture=pictogram_texture(pictogram), pos=(x, y + (h - icon) / 2), size=(icon, icon))
        fit = (_(label), round(w - icon - dp(12)), round(h - dp(4)), round(dp(19)), round(dp(MIN_TEXT)))
        text = fitted_label(*fit, bold=True, color=rgba(TEKST))
        Color(1, 1, 1, 1)
        pos = (x + icon + dp(10), y + (h - text.height) / 2)
        Rectangle(texture=text, size=text.size, pos=pos)
        self.name_fonts.append(fitted_font(*fit, bold=True))  # what a reader gets: tests hold it to MIN_TEXT
        return (*pos, *text.size)

    @staticmethod
    def text(value: str, x: float, y: float, h: float, colour: tuple[int, int, int], anchor: str = "left",
             bold: bool = True) -> None:
        texture = label_texture(value, round(dp(18)), bold=bold, color=rgba(colour))
        left = {"left": x, "right": x - texture.width, "center": x - texture.width / 2}[anchor]
        Color(1, 1, 1, 1)
        Rectangle(texture=texture, size=texture.size, pos=(left, y + (h - texture.height) / 2))

    def missing(self, x: float, y: float, w: float, h: float, marker: str) -> Rect:
        """A hidden value: a dashed empty slot with its marker inside, visibly not a bar."""
        Color(*rgba(ZACHT))
        Line(rectangle=(x, y, w, h), dash_length=dp(4), dash_offset=dp(3), width=1)
        self.text(marker, x + w / 2, y, h, ZACHT, "center")
        return (x, y, w, h)


class GekozenGrafiek(_Grafiek):
    """'Wat speelt er': per leefgebied the share of inwoners that chose it, 0..100% of the track."""

    def draw(self) -> None:
        row_h = self.row_height(len(self.rijen))
        name_w = min(dp(300), self.width * 0.42)
        x0, x1 = self.x + name_w + dp(8), self.right - dp(70)
        bar_h = row_h * 0.56
        for i, rij in enumerate(self.rijen):
            rij: Balk
            y = self.top - (i + 1) * row_h
            by = y + (row_h - bar_h) / 2
            naam = self.name(rij.key, rij.label, self.x, y, name_w, row_h)
            track = (x0, by, x1 - x0, bar_h)
            row: dict[str, object] = {"key": rij.key, "track": track, "bar": None, "slot": None, "tekst": rij.tekst,
                                      "naam": naam}
            if rij.waarde is None:
                row["slot"] = self.missing(x0, by, dp(70), bar_h, rij.tekst)
            else:
                Color(*rgba(BALK, 0.45))
                RoundedRectangle(pos=track[:2], size=track[2:], radius=[dp(6)])
                w = (x1 - x0) * rij.waarde
                Color(*rgba(BETER))
                RoundedRectangle(pos=(x0, by), size=(w, bar_h), radius=[dp(6)])
                row["bar"] = (x0, by, w, bar_h)
                self.text(rij.tekst, x0 + w + dp(8), y, row_h, TEKST)
            self.drawn.append(row)


class VeranderingGrafiek(_Grafiek):
    """'Waar gaat het beter': worse to the left of the middle line, better to the right (0..100%
    of a half), and how many inwoners each row is about."""

    @property
    def head(self) -> float:
        """The row above the bars: "◀ slechter", "beter ▶", "inw."."""
        return dp(34)

    def draw(self) -> None:
        head = self.head
        row_h = min(dp(CHART_ROW), (self.height - head) / max(TOP_N, len(self.rijen)))
        name_w = min(dp(280), self.width * 0.36)
        n_w = dp(64)
        label_w = dp(62)  # room for "100%" beyond the longest bar on either side
        half = (self.width - name_w - n_w - 2 * label_w - dp(12)) / 2
        mid = self.x + name_w + label_w + half
        bar_h = row_h * 0.56
        top = self.top - head
        self.text(_("◀ slechter"), mid - dp(10), top, head, SLECHTER, "right")
        self.text(_("beter ▶"), mid + dp(10), top, head, BETER)
        self.text(_("inw."), self.right, top, head, ZACHT, "right", bold=False)
        for i, rij in enumerate(self.rijen):
            rij: Verschuiving
            y = top - (i + 1) * row_h
            by = y + (row_h - bar_h) / 2
            naam = self.name(rij.key, rij.label, self.x, y, name_w, row_h)
            row: dict[str, object] = {"key": rij.key, "half": half, "beter": None, "slechter": None,
                                      "beter_slot": None, "slechter_slot": None, "naam": naam}
            if rij.slechter is None:
                row["slechter_slot"] = self.missing(mid - dp(74), by, dp(70), bar_h, rij.slechter_tekst)
            else:
                w = half * rij.slechter
                Color(*rgba(SLECHTER))
                Rectangle(pos=(mid - w, by), size=(w, bar_h))
                row["slechter"] = (mid - w, by, w, bar_h)
                self.text(rij.slechter_tekst, mid - w - dp(6), y, row_h, SLECHTER, "right")
            if rij.beter is None:
                row["beter_slot"] = self.missing(mid + dp(4), by, dp(70), bar_h, rij.beter_tekst)
            else:
                w = half * rij.beter
                Color(*rgba(BETER))
                Rectangle(pos=(mid, by), size=(w, bar_h))
                row["beter"] = (mid, by, w, bar_h)
                self.text(rij.beter_tekst, mid + w + dp(6), y, row_h, BETER)
            self.text(rij.inwoners, self.right, y, row_h, ZACHT, "right", bold=False)
            self.drawn.append(row)
        Color(*rgba(TEKST))
        Line(points=[mid, top - len(self.rijen) * row_h, mid, top], width=dp(1.2))


def _pictogram(key: str) -> object | None:
    lg_set = load_set(DEFAULT_SET)
    return lg_set[key].pictogram_path if key in lg_set else None
