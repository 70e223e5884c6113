"""The monitor for the professional: this tablet's own afgeronde metingen per wijk and period,
as charts, after disclosure control (``services.monitor.monitor_for_app``).

The figures are counted in a thread (with a few hundred inwoners that takes well over 100 ms)
when the screen opens or the period changes; a wijk only picks other rows from them.
"""

from __future__ import annotations

import threading

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from board.errors import UserError
from board.i18n import _
from board.monitor_5_view import (
    TOP_N,
    VORIG_JAAR,
    MonitorBeeld,
    monitor_beeld,
    periode,
    periode_tekst,
    te_kiezen,
)
from board.monitor_6_kaart import KAART_KNOPPEN, STANDAARD, kaart_beeld
from services.monitor import monitor_for_app
from services.monitor_gebieden import lees_gebieden
from widgets.common import Scherm, load_kv, make
from widgets.monitor_grafiek import CHART_ROW, GekozenGrafiek, VeranderingGrafiek
from widgets.monitor_kaart import KaartWidget, Staal
from widgets.textures import label_size

Factory.register("GekozenGrafiek", cls=GekozenGrafiek)
Factory.register("VeranderingGrafiek", cls=VeranderingGrafiek)
Factory.register("KaartWidget", cls=KaartWidget)
Factory.register("Staal", cls=Staal)


MAP_LEAST = 340  # dp: the map at least, for its labels at MIN_TEXT (at 800x600 the page scrolls to it)


def chart_need(panel: object) -> float:
    """The height a chart's panel needs: its padding, title and explanation, and its chart with
    every row (board.monitor_5_view.TOP_N of them) at least CHART_ROW high."""
    chart = next(c for c in panel.children if isinstance(c, GekozenGrafiek | VeranderingGrafiek))
    head = chart.head if isinstance(chart, VeranderingGrafiek) else 0
    labels = sum(c.height for c in panel.children if c is not chart)
    return panel.padding[1] + panel.padding[3] + labels + panel.spacing * (len(panel.children) - 1) + head \
        + TOP_N * dp(CHART_ROW)


def te_weinig_tekst(gebied: str) -> str:
    return _("{gebied}: te weinig inwoners om iets te laten zien.").format(gebied=gebied)


def alle_wijken() -> str:
    """The gebied that holds every wijk on this tablet (the team as a whole)."""
    return _("Alle wijken")


class MonitorScreen(Scherm):
    keuze = StringProperty(VORIG_JAAR)  # which period button
    periode_label = StringProperty("")
    gebied = StringProperty("")
    bezig = BooleanProperty(False)
    leeg = BooleanProperty(False)
    leeg_tekst = StringProperty("")  # "Waterhoek: te weinig inwoners om iets te laten zien."
    melding = StringProperty("")
    beeld = ObjectProperty(None, allownone=True)
    doelen_aandeel = NumericProperty(-1)  # -1: not shown, no bar
    cijfer_uitleg = StringProperty("")
    kaart = ObjectProperty(None, allownone=True)  # board.kaart.Kaart: the gemeente's wijken, if supplied
    heeft_kaart = BooleanProperty(False)
    kaart_open = BooleanProperty(False)  # the map instead of the two charts
    staand = BooleanProperty(False)  # a tall window: the map's legend below it, not beside it
    kaartcijfer = StringProperty(STANDAARD)
    kaart_beeld = ObjectProperty(None, allownone=True)
    kaart_noot = StringProperty("")
    kaart_hint = StringProperty("")  # beside the map where no wijk's "too few" is said

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.thread: threading.Thread | None = None
        self._figuren: tuple[object, dict] | None = None
        self._generation = 0
        self._pogingen = 0  # frames left to wait for the map's layout before scrolling to it
        self._arrange = Clock.create_trigger(self.arrange, -1)
        ids = self.ids
        ids.page_scroll.bind(size=self._arrange)
        for part in (ids.periode, ids.wijken, ids.kerncijfers, ids.trajecten, ids.voetnoot_tegels, ids.voetnoot,
                     ids.voetnoot_verandering, ids.kaartlegenda, ids.kaartarcering, ids.kaartnoot):
            part.bind(height=self._arrange)
        ids.kaartleeg.bind(width=self._arrange)
        for grid in (ids.kerncijfers, ids.trajecten):
            grid.bind(cols=self._arrange)
            for card in grid.children:
                card.bind(minimum_height=self._arrange)
        for panel in ids.grafieken.children:
            for label in panel.children[-2:]:  # its title and explanation, wrapped
                label.bind(height=self._arrange)
        self.bind(kaart_open=self._arrange)

    def arrange(self, *_args: object) -> None:
        """The map takes the room the window leaves, but never less than it needs; the charts
        what their rows need (CHART_ROW each, names at MIN_TEXT): on a small window the page
        scrolls. The headline figures of one row are all as high as the highest."""
        ids = self.ids
        for grid in (ids.kerncijfers, ids.trajecten):
            cards = list(reversed(grid.children))
            for start in range(0, len(cards), max(1, grid.cols)):
                row = cards[start:start + grid.cols]
                height = max(card.minimum_height for card in row)
                for card in row:
                    card.height = height
        page, inhoud = ids.page, ids.inhoud
        fixed = [c for c in page.children if c is not inhoud.parent] + [
            c for c in inhoud.children if c not in (ids.grafieken, ids.kaartpaneel)]
        used = sum(c.height for c in fixed) + page.padding[1] + page.padding[3]
        used += page.spacing * (len(page.children) - 1) + inhoud.spacing * (len(inhoud.children) - 1)
        room = ids.page_scroll.height - used
        if self.kaart_open:  # the charts' panels go too (their labels would lie over the map)
            ids.kaartleeg.height = self._leeg_ruimte()
            uitleg = [c for c in ids.kaartuitleg.children if c.size_hint_y is None]
            naast = sum(c.height for c in uitleg) + ids.kaartuitleg.spacing * (len(uitleg) - 1)
            paneel = ids.kaartpaneel
            self.staand = ids.page_scroll.height > ids.page_scroll.width * 1.2  # portrait: the legend below
            ids.kaartuitleg.height = naast
            rij = dp(MAP_LEAST) + naast + ids.kaartrij.spacing if self.staand else max(dp(MAP_LEAST), naast)
            least = rij + ids.kaartcijfers.height + paneel.spacing + paneel.padding[1] + paneel.padding[3]
            paneel.height, ids.grafieken.height = max(least, room), 0
            for panel in ids.grafieken.children:
                panel.size_hint_y, panel.height = None, 0
            return
        ids.kaartpaneel.height = 0
        panels = list(reversed(ids.grafieken.children))
        needs = [chart_need(panel) for panel in panels]
        # Each chart as high as its rows (a row is never taller than CHART_ROW: more room would
        # be white below them), so the footnote on "<10" and "x" comes right under the charts
        if ids.grafieken.orientation == "horizontal":
            height = max(needs)
            for panel in panels:
                panel.size_hint_y, panel.height = None, height
        else:
            for panel, need in zip(panels, needs, strict=True):
                panel.size_hint_y, panel.height = None, need
            height = sum(p.height for p in panels) + ids.grafieken.spacing
        ids.grafieken.height = height

    def wissel_kaart(self) -> None:
        """The "Kaart" button: the map instead of the charts (or back). The map opens in sight:
        the button sits at the top of the page, the map far below it on a small window."""
        self.kaart_open = not self.kaart_open
        if self.kaart_open:
            self._pogingen = 10
            Clock.schedule_once(self._kaart_in_zicht, 0)

    def _kaart_in_zicht(self, *_args: object) -> None:
        """Scroll the page to the map's panel, or (on a window too low for it) to the map, its
        top first; once the page is laid out for the map (a frame or two after the tap)."""
        ids = self.ids
        scroll, paneel, page = ids.page_scroll, ids.kaartpaneel, ids.page
        klaar = paneel.height > 0 and abs(page.height - page.minimum_height) < 1 and ids.grafieken.height == 0
        if not klaar:
            self._pogingen -= 1
            if self._pogingen > 0 and self.kaart_open:
                Clock.schedule_once(self._kaart_in_zicht, 0)
            return
        if page.height <= scroll.height:
            return  # the whole page is in sight
        padding = dp(8)
        doel = paneel if paneel.height + 2 * padding <= scroll.height else ids.kaart
        if doel is ids.kaart and doel.height > scroll.height:  # only part of it fits: its top
            scroll.scroll_y = min(1.0, max(0.0, (doel.top - scroll.height) / (page.height - scroll.height)))
            return
        scroll.scroll_to(doel, padding=padding, animate=False)

    def _leeg_ruimte(self) -> float:
        """The room beside the map for "too few" about any wijk (the longest name's) or the hint
        in its place: kept whatever is said, so nothing under it moves."""
        label = self.ids.kaartleeg
        namen = {self.gebied, *(self.kaart.namen if self.kaart is not None else ()),
                 *(self._figuren[0].gebieden if self._figuren is not None else ())}
        width = max(1, int(label.width))
        return max(label_size(self.kaart_hint, round(sp(15)), width)[1],
                   *(label_size(te_weinig_tekst(naam), round(sp(19)), width, bold=True)[1] for naam in namen))

    def open(self) -> None:
        """Count afresh: metingen may have been afgerond since the last time."""
        self.kaart_hint = _("Licht is laag, donker is hoog; gearceerd: verborgen. Tik op een wijk om die te zien.")
        self.load(self.keuze)

    def load(self, keuze: str) -> None:
        self.keuze = keuze
        gekozen = periode(keuze, self.app.today())
        self.periode_label = periode_tekst(gekozen)
        self._generation += 1
        generation, repository, gemeente = self._generation, self.app.repository, alle_wijken()
        self.bezig, self.melding = True, ""

        def work() -> None:
            result, error, kaart = None, None, None
            try:
                gebieden = lees_gebieden()  # the gemeente's wijkteams and map, if supplied
                kaart = gebieden.kaart
                result = monitor_for_app(repository, gekozen, gemeente=gemeente, wijkteams=gebieden.wijkteams)
                error = gebieden.kaart_melding or None
            except UserError as exc:
                error = str(exc)
            Clock.schedule_once(lambda _dt: self._loaded(generation, result, error, kaart))

        self.thread = threading.Thread(target=work, name="monitor", daemon=True)
        self.thread.start()

    def _loaded(self, generation: int, result: tuple | None, error: str | None, kaart: object = None) -> None:
        if generation != self._generation:
            return  # another period was chosen meanwhile: its figures are on the way
        self.bezig = False
        if result is None:
            self.melding = _(error or "")
            return
        self._figuren = result
        self.kaart, self.heeft_kaart = kaart, kaart is not None
        self.kaart_open = self.kaart_open and self.heeft_kaart
        self.kaart_noot = error or ""  # a map that could not be used: why (the figures are there)
        figuren = result[0]
        op_kaart = kaart.namen if kaart is not None else ()  # a wijk of the map stays chosen, inwoners or not
        gebieden = te_kiezen(figuren, op_kaart)
        box = self.ids.wijken
        box.clear_widgets()
        for gebied in gebieden:
            knop = make("Keuze", text=gebied, size_hint=(None, None), width=dp(max(120, len(gebied) * 11 + 36)),
                        height=dp(60))
            knop.bind(on_release=lambda k: self.choose(k.text))
            box.add_widget(knop)
        self.choose(self.gebied if self.gebied in gebieden else figuren.gemeente)
        self.kies_kaartcijfer(self.kaartcijfer)

    def kies_kaartcijfer(self, cijfer: str) -> None:
        """Colour the map by another key figure (from the figures already there)."""
        self.kaartcijfer = cijfer
        box = self.ids.kaartcijfers
        box.clear_widgets()
        for key, label in KAART_KNOPPEN:
            knop = make("Keuze", text=_(label), selected=key == cijfer)
            knop.bind(on_release=lambda _k, key=key: self.kies_kaartcijfer(key))
            box.add_widget(knop)
        legenda = self.ids.kaartlegenda
        legenda.clear_widgets()
        if self.kaart is None or self._figuren is None:
            self.kaart_beeld = None
            return
        beeld = kaart_beeld(self.kaart, *self._figuren, cijfer)  # type: ignore[misc]
        self.kaart_beeld = beeld
        for kleur, tekst in beeld.legenda:
            legenda.add_widget(make("Legendaregel", kleur=kleur, tekst=tekst))
        if beeld.niet_op_kaart:
            self.kaart_noot = _("Niet op de kaart: {wijken}.").format(wijken=", ".join(beeld.niet_op_kaart))

    def choose(self, gebied: str) -> None:
        """Show one wijk (or all): the figures are there already, only other rows are shown. A
        wijk with too few inwoners (also one of the map without any in the period) says so, by
        name; the map stays, to tap another."""
        assert self._figuren is not None
        self.gebied = gebied
        for knop in self.ids.wijken.children:
            knop.selected = knop.text == gebied
        beeld: MonitorBeeld = monitor_beeld(*self._figuren, gebied)
        self.beeld = beeld
        self.leeg = beeld.leeg
        self.leeg_tekst = te_weinig_tekst(gebied) if beeld.leeg else ""
        self.cijfer_uitleg = _("rapportcijfer: mediaan {van_naar}").format(van_naar=beeld.cijfer_van_naar) \
            if beeld.cijfer_van_naar else _("rapportcijfer: mediaan verschil")
        self.doelen_aandeel = -1 if beeld.doelen_behaald is None else beeld.doelen_behaald
        self.ids.gekozen.rijen = list(beeld.gekozen)
        self.ids.verandering.rijen = list(beeld.verandering)
        self.ids.trajecten.clear_widgets()
        for cijfer in beeld.trajecten:
            card = Factory.Kerncijfer(waarde=cijfer.tekst, uitleg=_(cijfer.label))
            card.bind(minimum_height=self._arrange)
            self.ids.trajecten.add_widget(card)


load_kv(__file__)
