"""The monitor report's map: each wijk coloured by one published figure, hidden wijken hatched.

Shapes and hatching come from ``board.kaart``, label places from ``board.kaart_namen`` (the same
as the app's screen);
colours and classes from ``board.monitor_6_kaart``. Drawn as vector shapes in the PDF.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Path, Rect, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from board.i18n import _
from board.kaart import Kaart, arcering, geprojecteerd
from board.kaart_namen import etiketten
from board.monitor_6_kaart import ARCERING_LIJN, ARCERING_VLAK, DONKER_VANAF, KLASSEN, RAND, KaartBeeld
from exports import monitor_charts as charts
from exports.bronnen import register_pdf_fonts
from exports.text_fit import fit

LEGENDA_PT, LEGENDA_MIN = 7.0, 5.5  # a legend entry's text, and the least it shrinks to before it wraps
TITEL_PT = 7.5
STAAL = (12.0, 9.0)  # a legend swatch, points
HATCH = 5.0  # points between the lines of the hatching
NAAM_PT, CIJFER_PT = 7.5, 8.5  # a wijk's name and figure on the map
REGEL = 0.95  # of the font size: a line's room, from below a descender to above a capital
ONDER = 0.22  # of the font size: a descender below the baseline
PLAAT = 2.0  # points of plate around a label's text
MARGE = 1.2  # points: a label clear of its wijk's border and of other labels


def _kleur(rgb: tuple[int, int, int]) -> colors.Color:
    return colors.Color(*(c / 255 for c in rgb))


def kaart_tekening(kaart: Kaart, beeld: KaartBeeld, width: float, height: float) -> Drawing:
    """The map in a box ``width`` x ``height`` points, with its legend below."""
    d = Drawing(width, height)
    d.initialFontName = charts.FONT
    legenda = _legenda_plan(beeld, width - 8)[0]
    kader = kaart_kader(beeld, width, height)
    vormen = geprojecteerd(kaart, *kader)
    for vlak in beeld.vlakken:
        vlakken = vormen[vlak.naam]
        vul = ARCERING_VLAK if vlak.klasse is None else KLASSEN[vlak.klasse]
        path = Path(fillColor=_kleur(vul), strokeColor=_kleur(RAND), strokeWidth=1.2, fillMode=0)  # even-odd
        for ring in (r for v in vlakken for r in v):
            path.moveTo(*ring[0])
            for p in ring[1:]:
                path.lineTo(*p)
            path.closePath()
        d.add(path)
        if vlak.klasse is None:
            for (x1, y1), (x2, y2) in arcering(vlakken, HATCH):
                d.add(Line(x1, y1, x2, y2, strokeColor=_kleur(ARCERING_LIJN), strokeWidth=0.7))
    _namen(d, beeld, vormen, kader)
    _legenda(d, legenda)
    return d


def kaart_kader(beeld: KaartBeeld, width: float, height: float) -> tuple[float, float, float, float]:
    """The box (x, y, width, height; points from the drawing's bottom left) the wijken are fitted
    into: above the legend, 4 points in."""
    register_pdf_fonts()  # the labels and the legend are measured in their fonts
    legenda_h = _legenda_plan(beeld, width - 8)[1]
    return 4, legenda_h + 6, width - 8, height - legenda_h - 10


def _namen(d: Drawing, beeld: KaartBeeld, vormen: dict, kader: tuple[float, float, float, float]) -> None:
    """Each wijk's name and figure where ``board.kaart_namen`` puts them (as on the screen): never
    over each other; outside its wijk on a plate, with a line to it."""
    regels = {v.naam: ((v.naam, charts.BOLD, NAAM_PT), (v.tekst, charts.FONT, CIJFER_PT)) for v in beeld.vlakken}
    maten = {naam: (max(stringWidth(t, f, s) for t, f, s in r) + 2 * PLAAT, (NAAM_PT + CIJFER_PT) * REGEL + PLAAT)
             for naam, r in regels.items()}
    for naam, etiket in etiketten(vormen, maten, kader, MARGE).items():
        vlak = beeld.vlak(naam)
        x, y, w, h = etiket.vak
        kleur = colors.white if etiket.binnen and vlak.klasse is not None and vlak.klasse >= DONKER_VANAF \
            else charts.TEKST
        if not etiket.binnen:
            if etiket.lijn is not None:
                (x1, y1), (x2, y2) = etiket.lijn
                d.add(Line(x1, y1, x2, y2, strokeColor=charts.TEKST, strokeWidth=0.6))
            d.add(Rect(x, y, w, h, rx=2, ry=2, fillColor=colors.white, strokeColor=None))
        (naam_t, naam_f, naam_s), (tekst_t, tekst_f, tekst_s) = regels[naam]
        onder = y + PLAAT / 2 + CIJFER_PT * ONDER  # the figure's baseline, the name's a line above
        d.add(String(x + w / 2, onder, tekst_t, fontName=tekst_f, fontSize=tekst_s, fillColor=kleur,
                     textAnchor="middle"))
        d.add(String(x + w / 2, onder + CIJFER_PT * (REGEL - ONDER) + NAAM_PT * ONDER, naam_t, fontName=naam_f,
                     fontSize=naam_s, fillColor=kleur, textAnchor="middle"))


Regel = tuple[float, float, tuple[int, int, int] | None, str, float, str]  # x, y, swatch, text, size, font


def _legenda_plan(beeld: KaartBeeld, width: float) -> tuple[list[Regel], float]:
    """The legend below the map, measured to ``width``: its title, then each class and the
    hatching (a swatch and its words) side by side while they fit, else on a next row; a text
    too wide alone shrinks to LEGENDA_MIN, then wraps. Returns the lines (y from the legend's
    bottom, 4 points up) and the legend's height."""
    def maat(font: str) -> object:
        return lambda tekst, size: stringWidth(tekst, font, size)

    rijen: list[list[Regel]] = []  # rows top-down; each line's y relative to its row's top
    size, lines = fit(_(beeld.titel), width, TITEL_PT, LEGENDA_MIN, maat(charts.BOLD))
    rijen.append([(0.0, -(i + 1) * size * 1.2, None, line, size, charts.BOLD) for i, line in enumerate(lines)])
    rij: list[Regel] = []
    x = 0.0
    entries = [*beeld.legenda, (None, _("verborgen: <10 of x"))]
    for rgb, tekst in entries:
        size, lines = fit(tekst, width - STAAL[0] - 3, LEGENDA_PT, LEGENDA_MIN, maat(charts.FONT))
        w = STAAL[0] + 3 + max(stringWidth(line, charts.FONT, size) for line in lines)
        if rij and x + w > width:
            rijen.append(rij)
            rij, x = [], 0.0
        rij += [(x, -(i + 1) * max(size * 1.25, STAAL[1] + 2), rgb if i == 0 else (), line, size, charts.FONT)
                for i, line in enumerate(lines)]
        x += w + 10
    rijen.append(rij)
    regels, top = [], 0.0
    for rij in rijen:
        for rx, ry, rgb, line, size, font in rij:
            regels.append((rx, top + ry, rgb, line, size, font))
        top += min(ry for _x, ry, *_rest in rij)
    return [(rx, ry - top + 4, rgb, line, size, font) for rx, ry, rgb, line, size, font in regels], 4 - top


def _legenda(d: Drawing, regels: list[Regel]) -> None:
    """The legend's lines where ``_legenda_plan`` put them (x from the map's left, 4 points in);
    a swatch before the first line of each entry: a class's colour, or hatched (``None``)."""
    for rx, ry, rgb, line, size, font in regels:
        x, y = 4 + rx, ry
        if rgb != () and font == charts.FONT:
            sx = x
            x += STAAL[0] + 3
            d.add(Rect(sx, y, *STAAL, fillColor=_kleur(rgb or ARCERING_VLAK), strokeColor=charts.RASTER,
                       strokeWidth=0.4))
            if rgb is None:
                veld = (((sx, y), (sx + STAAL[0], y), (sx + STAAL[0], y + STAAL[1]), (sx, y + STAAL[1])),)
                for (x1, y1), (x2, y2) in arcering([veld], 3.0):
                    d.add(Line(x1, y1, x2, y2, strokeColor=_kleur(ARCERING_LIJN), strokeWidth=0.6))
        elif font == charts.FONT:
            x += STAAL[0] + 3
        d.add(String(x, y + 1.5, line, fontName=font, fontSize=size, fillColor=charts.TEKST))
