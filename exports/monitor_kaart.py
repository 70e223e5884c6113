"""The monitor report's map: each wijk coloured by one published figure, hidden wijken hatched.

Shapes, hatching and label places come from ``board.kaart`` (the same as the app's screen);
colours and classes from ``board.monitor_6_kaart``. Drawn as vector shapes in the PDF.
"""

from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Path, Rect, String
from reportlab.lib import colors

from board.i18n import _
from board.kaart import Kaart, arcering, geprojecteerd, midden
from board.monitor_6_kaart import ARCERING_LIJN, ARCERING_VLAK, DONKER_VANAF, KLASSEN, RAND, KaartBeeld
from exports import monitor_charts as charts

LEGENDA_H = 34
HATCH = 5.0  # points between the lines of the hatching


def _kleur(rgb: tuple[int, int, int]) -> colors.Color:
    return colors.Color(*(c / 255 for c in rgb))


def kaart_tekening(kaart: Kaart, beeld: KaartBeeld, width: float, height: float) -> Drawing:
    """The map in a box ``width`` x ``height`` points, with its legend below."""
    d = Drawing(width, height)
    d.initialFontName = charts.FONT
    vormen = geprojecteerd(kaart, 4, LEGENDA_H + 6, width - 8, height - LEGENDA_H - 10)
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
    for vlak in beeld.vlakken:
        x, y = midden(vormen[vlak.naam])
        wit = vlak.klasse is not None and vlak.klasse >= DONKER_VANAF
        kleur = colors.white if wit else charts.TEKST
        d.add(String(x, y + 1, vlak.naam, fontName=charts.BOLD, fontSize=7.5, fillColor=kleur, textAnchor="middle"))
        d.add(String(x, y - 9, vlak.tekst, fontName=charts.FONT, fontSize=8.5, fillColor=kleur, textAnchor="middle"))
    _legenda(d, beeld)
    return d


def _legenda(d: Drawing, beeld: KaartBeeld) -> None:
    x, y = 4.0, 12.0
    d.add(String(x, y + 14, _(beeld.titel), fontName=charts.BOLD, fontSize=7.5, fillColor=charts.TEKST))
    for rgb, tekst in beeld.legenda:
        d.add(Rect(x, y, 12, 9, fillColor=_kleur(rgb), strokeColor=charts.RASTER, strokeWidth=0.4))
        d.add(String(x + 15, y + 1.5, tekst, fontName=charts.FONT, fontSize=7, fillColor=charts.TEKST))
        x += 22 + len(tekst) * 4.2
    d.add(Rect(x, y, 12, 9, fillColor=_kleur(ARCERING_VLAK), strokeColor=charts.RASTER, strokeWidth=0.4))
    for (x1, y1), (x2, y2) in arcering([(((x, y), (x + 12, y), (x + 12, y + 9), (x, y + 9)),)], 3.0):
        d.add(Line(x1, y1, x2, y2, strokeColor=_kleur(ARCERING_LIJN), strokeWidth=0.6))
    d.add(String(x + 15, y + 1.5, "verborgen (<10 of x)", fontName=charts.FONT, fontSize=7, fillColor=charts.TEKST))
