"""The monitor screen's map: the gemeente's wijken coloured by one published key figure,
hidden wijken hatched (``board.monitor_6_kaart``); shapes, hatching and label places from
``board.kaart``, the same as the PDF. A tap on a wijk chooses it (``on_wijk``)."""

from __future__ import annotations

from kivy.graphics import Color, Line, Mesh, Rectangle
from kivy.graphics.tesselator import TYPE_POLYGONS, WINDING_ODD, Tesselator
from kivy.metrics import dp
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.widget import Widget

from board.kaart import Vlak, arcering, binnen, geprojecteerd, midden
from board.monitor_6_kaart import ARCERING_LIJN, ARCERING_VLAK, DONKER_VANAF, KLASSEN, RAND, KaartBeeld
from board.weergave import TEKST
from widgets.textures import label_texture, rgba

PAD = 8  # dp around the map


class KaartWidget(Widget):
    kaart = ObjectProperty(None, allownone=True)  # board.kaart.Kaart
    beeld = ObjectProperty(None, allownone=True)  # board.monitor_6_kaart.KaartBeeld
    gekozen = StringProperty("")  # the wijk shown in the rest of the screen: outlined

    __events__ = ("on_wijk",)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.vormen: dict[str, tuple[Vlak, ...]] = {}
        self.bind(pos=self._redraw, size=self._redraw, beeld=self._redraw, gekozen=self._redraw)

    def _redraw(self, *_args: object) -> None:
        self.canvas.clear()
        beeld: KaartBeeld | None = self.beeld
        if self.kaart is None or beeld is None or self.width < dp(40) or self.height < dp(40):
            self.vormen = {}
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
            grootte = min(dp(16), max(dp(11), min(self.width, self.height) / 22))  # the labels grow with the map
            for vlak in beeld.vlakken:
                x, y = midden(self.vormen[vlak.naam])
                wit = vlak.klasse is not None and vlak.klasse >= DONKER_VANAF
                kleur = rgba((255, 255, 255)) if wit else rgba(TEKST)
                for tekst, dy, schaal in ((vlak.naam, 0.1, 1.0), (vlak.tekst, -1.3, 1.25)):
                    texture = label_texture(tekst, round(grootte * schaal), bold=True, color=kleur)
                    Color(1, 1, 1, 1)
                    Rectangle(texture=texture, size=texture.size, pos=(x - texture.width / 2, y + dy * grootte))

    def wijk_op(self, x: float, y: float) -> str | None:
        """The wijk at a point of the screen, if any."""
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


def _fill(vlakken: tuple[Vlak, ...]) -> None:
    """Fill polygons (holes too) with triangles from Kivy's tesselator (concave shapes are common)."""
    tess = Tesselator()
    for ring in (r for v in vlakken for r in v):
        tess.add_contour([c for p in ring for c in p])
    if not tess.tesselate(WINDING_ODD, TYPE_POLYGONS):
        return
    for vertices, indices in tess.meshes:
        Mesh(vertices=vertices, indices=indices, mode="triangle_fan")
