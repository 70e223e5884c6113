"""Charts of the monitor report, drawn with reportlab.graphics shapes (vector, in the PDF).

The charts take published figures only (after disclosure control): a value of ``None``
comes with its marker ("<10" or "x"), and is drawn as an empty dashed slot with that
marker, never as a bar. Drawn by hand from shapes rather than with reportlab's chart
classes because those have no way to show a suppressed bar as "not drawn".
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, PolyLine, Rect, String
from reportlab.lib import colors

from board import weergave

FONT, BOLD = "DejaVuSans", "DejaVuSans-Bold"
BETER = colors.Color(*(c / 255 for c in weergave.BETER))  # the same as the app's monitor screen
SLECHTER = colors.Color(*(c / 255 for c in weergave.SLECHTER))
GELIJK = colors.Color(0.78, 0.78, 0.76)
DEELS = colors.Color(86 / 255, 180 / 255, 233 / 255)  # Okabe-Ito sky blue
BALK = BETER
TEKST = colors.Color(0.16, 0.16, 0.16)
ZACHT = colors.Color(0.45, 0.45, 0.45)
RASTER = colors.Color(0.88, 0.88, 0.86)
LIJNEN = (
    colors.Color(230 / 255, 159 / 255, 0), colors.Color(0, 158 / 255, 115 / 255),
    colors.Color(204 / 255, 121 / 255, 167 / 255), colors.Color(86 / 255, 180 / 255, 233 / 255),
    colors.Color(240 / 255, 228 / 255, 66 / 255), colors.Color(0.5, 0.5, 0.5),
)


@dataclass(frozen=True)
class Balk:
    label: str
    waarde: float | None  # 0..1 (a share), None when not shown
    tekst: str  # what is written beside the bar: "45%", "<10", "x"


def _drawing(width: float, height: float) -> Drawing:
    """A Drawing whose renderer starts in DejaVu: by default it names Helvetica, a font the
    PDF does not embed."""
    drawing = Drawing(width, height)
    drawing.initialFontName = FONT
    return drawing


def _pct(share: float) -> str:
    return f"{round(share * 100)}%"


def _label(d: Drawing, x: float, y: float, text: str) -> None:
    """A row's name, right-aligned against the bars at ``x``."""
    d.add(String(x - 4, y + 2, text, fontName=FONT, fontSize=7.5, fillColor=TEKST, textAnchor="end"))


def _missing(d: Drawing, x: float, y: float, w: float, h: float, marker: str) -> None:
    """A suppressed value: a dashed empty slot with its marker, visibly not a bar."""
    d.add(Rect(x, y, w, h, fillColor=None, strokeColor=ZACHT, strokeWidth=0.5, strokeDashArray=(2, 2)))
    d.add(String(x + 3, y + h / 2 - 3, marker, fontName=FONT, fontSize=7, fillColor=ZACHT))


def balken(titel: str, rijen: Sequence[Balk], width: float, leeg: str = "") -> Drawing:
    """Horizontal bars, one per row, scaled to the largest share (0..100%)."""
    row_h, label_w, top = 13, width * 0.45, 16
    height = top + max(1, len(rijen)) * row_h + 4
    d = _drawing(width, height)
    d.add(String(0, height - 11, titel, fontName=BOLD, fontSize=9, fillColor=TEKST))
    if not rijen:
        d.add(String(0, height - top - 10, leeg, fontName=FONT, fontSize=8, fillColor=ZACHT))
        return d
    scale = max((r.waarde or 0 for r in rijen), default=0) or 1
    bar_w = width - label_w - 34
    for i, rij in enumerate(rijen):
        y = height - top - (i + 1) * row_h + 3
        _label(d, label_w, y, rij.label)
        if rij.waarde is None:
            _missing(d, label_w, y, 22, row_h - 4, rij.tekst)
            continue
        w = bar_w * rij.waarde / scale
        d.add(Rect(label_w, y, w, row_h - 4, fillColor=BALK, strokeColor=None))
        d.add(String(label_w + w + 3, y + 2, rij.tekst, fontName=FONT, fontSize=7, fillColor=TEKST))
    return d


@dataclass(frozen=True)
class Verandering:
    label: str
    beter: float | None
    gelijk: float | None
    slechter: float | None
    beter_tekst: str
    slechter_tekst: str
    n_tekst: str  # how many inwoners the row is about, published: "≈ 40"


def divergerend(titel: str, rijen: Sequence[Verandering], width: float) -> Drawing:
    """Worse to the left of the middle line, better to the right; 'gelijk' as a number."""
    row_h, label_w, top, bottom = 15, width * 0.30, 30, 14
    height = top + len(rijen) * row_h + bottom
    d = _drawing(width, height)
    d.add(String(0, height - 11, titel, fontName=BOLD, fontSize=9, fillColor=TEKST))
    half = (width - label_w - 90) / 2
    mid = label_w + half
    d.add(String(mid - 4, height - 25, "◀ slechter", fontName=FONT, fontSize=7.5, fillColor=SLECHTER, textAnchor="end"))
    d.add(String(mid + 4, height - 25, "beter ▶", fontName=FONT, fontSize=7.5, fillColor=BETER))
    d.add(String(width - 44, height - 25, "gelijk", fontName=FONT, fontSize=7.5, fillColor=ZACHT, textAnchor="middle"))
    d.add(String(width - 4, height - 25, "n", fontName=FONT, fontSize=7.5, fillColor=ZACHT, textAnchor="end"))
    for pct in (0.25, 0.5, 0.75, 1.0):
        for x in (mid - half * pct, mid + half * pct):
            d.add(Line(x, bottom, x, height - top + 2, strokeColor=RASTER, strokeWidth=0.4))
        d.add(String(mid + half * pct, bottom - 9, _pct(pct), fontName=FONT, fontSize=6, fillColor=ZACHT,
                     textAnchor="middle"))
        d.add(String(mid - half * pct, bottom - 9, _pct(pct), fontName=FONT, fontSize=6, fillColor=ZACHT,
                     textAnchor="middle"))
    for i, r in enumerate(rijen):
        y = height - top - (i + 1) * row_h + 3
        h = row_h - 5
        _label(d, label_w, y, r.label)
        if r.slechter is None:
            _missing(d, mid - 24, y, 22, h, r.slechter_tekst)
        else:
            d.add(Rect(mid - half * r.slechter, y, half * r.slechter, h, fillColor=SLECHTER, strokeColor=None))
            d.add(String(mid - half * r.slechter - 3, y + 2, _pct(r.slechter), fontName=FONT, fontSize=7,
                         fillColor=SLECHTER, textAnchor="end"))
        if r.beter is None:
            _missing(d, mid + 2, y, 22, h, r.beter_tekst)
        else:
            d.add(Rect(mid, y, half * r.beter, h, fillColor=BETER, strokeColor=None))
            d.add(String(mid + half * r.beter + 3, y + 2, _pct(r.beter), fontName=FONT, fontSize=7, fillColor=BETER))
        gelijk = "–" if r.gelijk is None else _pct(r.gelijk)
        d.add(String(width - 44, y + 2, gelijk, fontName=FONT, fontSize=7, fillColor=ZACHT, textAnchor="middle"))
        d.add(String(width - 4, y + 2, r.n_tekst, fontName=FONT, fontSize=7, fillColor=ZACHT, textAnchor="end"))
    d.add(Line(mid, bottom, mid, height - top + 2, strokeColor=TEKST, strokeWidth=0.8))
    return d


@dataclass(frozen=True)
class Reeks:
    naam: str
    waarden: tuple[float | None, ...]  # one per quarter; None = not shown (a gap)
    nadruk: bool = False


def lijnen(titel: str, kwartalen: Sequence[str], reeksen: Sequence[Reeks], width: float,
           as_pct: bool = True, schaal: tuple[float, float] = (0.0, 1.0)) -> Drawing:
    """A line per gebied over the quarters; a hidden quarter is a gap with a hollow mark."""
    legend_h = 13 * ((len(reeksen) + 2) // 3)
    height, left, bottom = 190 + legend_h, 34, legend_h + 20
    d = _drawing(width, height)
    top = height - 18
    d.add(String(0, height - 11, titel, fontName=BOLD, fontSize=9, fillColor=TEKST))
    plot_w, plot_h = width - left - 16, top - bottom - 6
    lo, hi = schaal

    def xy(i: int, v: float) -> tuple[float, float]:
        return left + 14 + i * (plot_w - 28) / max(1, len(kwartalen) - 1), bottom + plot_h * (v - lo) / (hi - lo)

    for k in range(6):
        v = lo + (hi - lo) * k / 5
        _, y = xy(0, v)
        d.add(Line(left, y, left + plot_w, y, strokeColor=RASTER, strokeWidth=0.4))
        label = _pct(v) if as_pct else f"{v:g}".replace(".", ",")
        d.add(String(left - 4, y - 2.5, label, fontName=FONT, fontSize=6.5, fillColor=ZACHT, textAnchor="end"))
    for i, q in enumerate(kwartalen):
        x, _ = xy(i, lo)
        d.add(String(x, bottom - 11, q, fontName=FONT, fontSize=6.5, fillColor=ZACHT, textAnchor="middle"))
    for n, reeks in enumerate(reeksen):
        colour = TEKST if reeks.nadruk else LIJNEN[n % len(LIJNEN)]
        width_ = 2.2 if reeks.nadruk else 1.2
        segment: list[float] = []
        for i, v in enumerate((*reeks.waarden, None)):
            if v is None:
                if len(segment) >= 4:
                    d.add(PolyLine(segment, strokeColor=colour, strokeWidth=width_))
                segment = []
                if i < len(reeks.waarden):
                    x, y = xy(i, lo)
                    d.add(Rect(x - 2, y - 2, 4, 4, fillColor=None, strokeColor=colour, strokeWidth=0.6))
                continue
            x, y = xy(i, min(hi, max(lo, v)))
            segment += [x, y]
            d.add(Rect(x - 1.6, y - 1.6, 3.2, 3.2, fillColor=colour, strokeColor=None))
        lx, ly = left + (n % 3) * (plot_w / 3), legend_h - 13 * (n // 3 + 1) + 2
        d.add(Line(lx, ly + 3, lx + 14, ly + 3, strokeColor=colour, strokeWidth=width_))
        d.add(String(lx + 18, ly, reeks.naam, fontName=BOLD if reeks.nadruk else FONT, fontSize=7, fillColor=TEKST))
    return d


@dataclass(frozen=True)
class Stapel:
    label: str
    delen: tuple[float | None, ...] | None  # shares of the row total; None: not shown
    tekst: str  # the marker, or the number of doelen
    verborgen: str = ""  # marker for the hidden parts, drawn as one dashed slot


def gestapeld(titel: str, legenda: Sequence[tuple[str, colors.Color]], rijen: Sequence[Stapel],
              width: float) -> Drawing:
    """100% stacked bars (e.g. doelen behaald / deels / niet)."""
    row_h, label_w, top = 14, width * 0.30, 30
    height = top + max(1, len(rijen)) * row_h + 4
    d = _drawing(width, height)
    d.add(String(0, height - 11, titel, fontName=BOLD, fontSize=9, fillColor=TEKST))
    x = label_w
    for naam, kleur in legenda:
        d.add(Rect(x, height - 26, 8, 8, fillColor=kleur, strokeColor=None))
        d.add(String(x + 11, height - 25, naam, fontName=FONT, fontSize=7, fillColor=TEKST))
        x += 24 + 4.3 * len(naam)
    bar_w = width - label_w - 40
    for i, r in enumerate(rijen):
        y = height - top - (i + 1) * row_h + 3
        _label(d, label_w, y, r.label)
        if r.delen is None:
            _missing(d, label_w, y, 22, row_h - 4, r.tekst)
            continue
        x = label_w
        for share, (_, kleur) in zip(r.delen, legenda, strict=True):
            if share is None:
                continue
            d.add(Rect(x, y, bar_w * share, row_h - 4, fillColor=kleur, strokeColor=colors.white, strokeWidth=0.3))
            if share >= 0.12:
                d.add(String(x + bar_w * share / 2, y + 2, _pct(share), fontName=FONT, fontSize=6.5,
                             fillColor=colors.white, textAnchor="middle"))
            x += bar_w * share
        rest = label_w + bar_w - x
        if None in r.delen and rest > 4:  # the hidden parts together: their size is public, not their split
            _missing(d, x, y, rest, row_h - 4, r.verborgen)
        d.add(String(label_w + bar_w + 3, y + 2, r.tekst, fontName=FONT, fontSize=7, fillColor=ZACHT))
    return d
