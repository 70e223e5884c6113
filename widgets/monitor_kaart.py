"""The monitor screen's map: the gemeente's wijken coloured by one published key figure,
hidden wijken hatched (``board.monitor_6_kaart``); shapes and hatching from ``board.kaart``,
label places from ``board.kaart_namen``, the same as the PDF. A tap on a wijk (or its label)
chooses it (``on_wijk``); the labels are drawn last, above the chosen wijk's outline."""

from __future__ import annotations

from kivy.graphics import Color, Line, Mesh, Rectangle, RoundedRectangle
from kivy.graphics.tesselator import TYPE_POLYGONS, WINDING_ODD, Tesselator
from kivy.metrics import dp
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.widget import Widget

from board.kaart import Vlak, arcering, binnen, geprojecteerd
from board.kaart_namen import Etiket, etiketten
from board.monitor_6_kaart import ARCERING_LIJN, ARCERING_VLAK, DONKER_VANAF, KLASSEN, RAND, KaartBeeld
from board.passen import MIN_TEXT
from board.weergave import TEKST
from widgets.textures import label_texture, rgba

PAD = 8  # dp around the map
PLAAT = 4  # dp: a label's plate beyond its text, left and right
INKT_ONDER, INKT_BOVEN = 0.2, 0.26  # of a Latin line's texture: empty below a descender, above a capital
MARGE = 2  # dp: a label clear of its wijk's border (the chosen one's outline: 1.5 dp each side) and of other labels


class KaartWidget(Widget):
    kaart = ObjectProperty(None, allownone=True)  # board.kaart.Kaart
    beeld = ObjectProperty(None, allownone=True)  # board.monitor_6_kaart.KaartBeeld
    gekozen = StringProperty("")  # the wijk shown in the rest of the screen: outlined

    __events__ = ("on_wijk",)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.vormen: dict[str, tuple[Vlak, ...]] = {}
        self.etiketten: dict[str, Etiket] = {}  # where each label was drawn (the tests measure them)
        self.texturen: dict[str, list] = {}
        self.bind(pos=self._redraw, size=self._redraw, beeld=self._redraw, gekozen=self._redraw)

    def _redraw(self, *_args: object) -> None:
        self.canvas.clear()
        beeld: KaartBeeld | None = self.beeld
        if self.kaart is None or beeld is None or self.width < dp(40) or self.height < dp(40):
            self.vormen, self.etiketten = {}, {}
            return
        pad = dp(PAD)
        self.vormen = geprojecteerd(self.kaart, self.x + pad, self.y + pad, self.width - 2 * pad,
                                    self.height - 2 * pad)
        with self.canvas:
            for vlak in beeld.vlakken:
                vlakken = self.vormen[vlak.naam]
                Color(*rgba(ARCERING_VLAK if vlak.klasse is None else KLASSEN[vlak.klasse]))
                _fill(vlakken)
                if vlak.klasse is None:
                    Color(*rgba(ARCERING_LIJN))
                    for (x1, y1), (x2, y2) in arcering(vlakken, dp(10)):
                        Line(points=[x1, y1, x2, y2], width=dp(1))
            for vlak in beeld.vlakken:
                Color(*rgba(RAND))
                for ring in (r for v in self.vormen[vlak.naam] for r in v):
                    Line(points=[c for p in ring for c in p], width=dp(1.5), close=True)
            if self.gekozen in self.vormen:
                Color(*rgba(TEKST))
                for ring in (r for v in self.vormen[self.gekozen] for r in v):
                    Line(points=[c for p in ring for c in p], width=dp(3), close=True)
            for etiket in self._etiketten(beeld):
                self._etiket(etiket)

    def _etiketten(self, beeld: KaartBeeld) -> list[Etiket]:
        """Each wijk's name and figure as textures, placed by ``board.kaart_namen`` (never over
        each other; the labels grow with the map, never below MIN_TEXT)."""
        pad = dp(PAD)
        grootte = round(max(dp(MIN_TEXT), min(dp(18), min(self.width, self.height) / 22)))
        self.texturen = {}
        for vlak in beeld.vlakken:
            wit = vlak.klasse is not None and vlak.klasse >= DONKER_VANAF
            self.texturen[vlak.naam] = [label_texture(tekst, round(grootte * schaal), bold=True, color=kleur)
                                        for tekst, schaal in ((vlak.naam, 1.0), (vlak.tekst, 1.25))
                                        for kleur in (rgba((255, 255, 255)) if wit else rgba(TEKST), rgba(TEKST))]
        maten = {naam: (max(t[0].width, t[2].width) + 2 * dp(PLAAT), _inkt(t[0]) + _inkt(t[2]) + dp(PLAAT))
                 for naam, t in self.texturen.items()}
        kader = (self.x + pad, self.y + pad, self.width - 2 * pad, self.height - 2 * pad)
        self.etiketten = etiketten(self.vormen, maten, kader, dp(MARGE))
        return list(self.etiketten.values())

    def _etiket(self, etiket: Etiket) -> None:
        """One label: on a plate (and a line to its wijk) where it does not lie inside its wijk,
        so it reads over any colour and over the chosen wijk's outline."""
        x, y, w, h = etiket.vak
        naam, _naam_donker, tekst, _tekst_donker = self.texturen[etiket.naam]
        if not etiket.binnen:
            naam, tekst = self.texturen[etiket.naam][1], self.texturen[etiket.naam][3]
            Color(*rgba(TEKST))
            if etiket.lijn is not None:
                Line(points=[*etiket.lijn[0], *etiket.lijn[1]], width=dp(1.2))
            Color(*rgba((255, 255, 255)))  # opaque: no outline or hatching shows through the text
            RoundedRectangle(pos=(x, y), size=(w, h), radius=[dp(4)])
        Color(1, 1, 1, 1)
        onder = y + dp(PLAAT) / 2  # the figure's ink, then the name's above it
        for texture, ty in ((tekst, onder), (naam, onder + _inkt(tekst))):
            Rectangle(texture=texture, size=texture.size,
                      pos=(x + (w - texture.width) / 2, ty - texture.height * INKT_ONDER))

    def wijk_op(self, x: float, y: float) -> str | None:
        """The wijk at a point of the screen, if any: a tap on a label is a tap on its wijk."""
        for etiket in self.etiketten.values():
            ex, ey, ew, eh = etiket.vak
            if ex <= x <= ex + ew and ey <= y <= ey + eh:
                return etiket.naam
        return next((naam for naam, vlakken in self.vormen.items() if binnen(vlakken, x, y)), None)

    def on_touch_down(self, touch: object) -> bool:
        if not self.collide_point(*touch.pos):  # type: ignore[attr-defined]
            return False
        naam = self.wijk_op(*touch.pos)  # type: ignore[attr-defined]
        if naam is None:
            return False
        self.dispatch("on_wijk", naam)
        return True

    def on_wijk(self, naam: str) -> None:
        pass


def _inkt(texture: object) -> float:
    """How high a label line's letters reach (the texture's line is far taller, for the scripts
    with tall letters): the box a label needs."""
    return texture.height * (1 - INKT_ONDER - INKT_BOVEN)


def _fill(vlakken: tuple[Vlak, ...]) -> None:
    """Fill polygons (holes too) with triangles from Kivy's tesselator (concave shapes are common)."""
    tess = Tesselator()
    for ring in (r for v in vlakken for r in v):
        tess.add_contour([c for p in ring for c in p])
    if not tess.tesselate(WINDING_ODD, TYPE_POLYGONS):
        return
    for vertices, indices in tess.meshes:
        Mesh(vertices=vertices, indices=indices, mode="triangle_fan")


class Staal(Widget):
    """A legend's swatch: a class's colour, or (``kleur`` empty) hatched as a hidden wijk."""

    kleur = ObjectProperty(())

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.bind(pos=self._redraw, size=self._redraw, kleur=self._redraw)

    def _redraw(self, *_args: object) -> None:
        self.canvas.clear()
        x, y, w, h = self.x, self.y, self.width, self.height
        with self.canvas:
            Color(*rgba(tuple(self.kleur) if self.kleur else ARCERING_VLAK))
            Rectangle(pos=(x, y), size=(w, h))
            if not self.kleur:
                Color(*rgba(ARCERING_LIJN))
                for (x1, y1), (x2, y2) in arcering([(((x, y), (x + w, y), (x + w, y + h), (x, y + h)),)], dp(7)):
                    Line(points=[x1, y1, x2, y2], width=dp(1))
            Color(*rgba(ARCERING_LIJN, 0.5))
            Line(rectangle=(x, y, w, h), width=dp(1))
