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

LEGENDA_H = 34
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
    _namen(d, beeld, vormen, (4, LEGENDA_H + 6, width - 8, height - LEGENDA_H - 10))
    _legenda(d, beeld)
    return d


def _namen(d: Drawing, beeld: KaartBeeld, vormen: dict, kader: tuple[float, float, float, float]) -> None:
    """Each wijk's name and figure where ``board.kaart_namen`` puts them (as on the screen): never
    over each other; outside its wijk on a plate, with a line to it."""
    register_pdf_fonts()  # the labels are measured in their fonts
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
