"""The monitor for the professional: this tablet's own afgeronde metingen per wijk and period,
as charts, after disclosure control (``services.monitor.monitor_for_app``).

The figures are counted in a thread (with a few hundred inwoners that takes well over 100 ms)
when the screen opens or the period changes; a wijk only picks other rows from them.
"""

from __future__ import annotations

import threading

from kivy.clock import Clock
from kivy.factory import Factory
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty

from board.errors import UserError
from board.i18n import _
from board.monitor_5_view import VORIG_JAAR, MonitorBeeld, monitor_beeld, periode, periode_tekst
from services.monitor import monitor_for_app
from widgets.common import Scherm, load_kv, make
from widgets.monitor_grafiek import GekozenGrafiek, VeranderingGrafiek

Factory.register("GekozenGrafiek", cls=GekozenGrafiek)
Factory.register("VeranderingGrafiek", cls=VeranderingGrafiek)


def alle_wijken() -> str:
    """The gebied that holds every wijk on this tablet (the team as a whole)."""
    return _("Alle wijken")


class MonitorScreen(Scherm):
    keuze = StringProperty(VORIG_JAAR)  # which period button
    periode_label = StringProperty("")
    gebied = StringProperty("")
    bezig = BooleanProperty(False)
    leeg = BooleanProperty(False)
    melding = StringProperty("")
    beeld = ObjectProperty(None, allownone=True)
    doelen_aandeel = NumericProperty(-1)  # -1: not shown, no bar
    cijfer_uitleg = StringProperty("")

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.thread: threading.Thread | None = None
        self._figuren: tuple[object, dict] | None = None
        self._generation = 0

    def open(self) -> None:
        """Count afresh: metingen may have been afgerond since the last time."""
        self.load(self.keuze)

    def load(self, keuze: str) -> None:
        self.keuze = keuze
        gekozen = periode(keuze, self.app.today())
        self.periode_label = periode_tekst(gekozen)
        self._generation += 1
        generation, repository, gemeente = self._generation, self.app.repository, alle_wijken()
        self.bezig, self.melding = True, ""

        def work() -> None:
            result, error = None, None
            try:
                result = monitor_for_app(repository, gekozen, gemeente=gemeente)
            except UserError as exc:
                error = str(exc)
            Clock.schedule_once(lambda _dt: self._loaded(generation, result, error))

        self.thread = threading.Thread(target=work, name="monitor", daemon=True)
        self.thread.start()

    def _loaded(self, generation: int, result: tuple | None, error: str | None) -> None:
        if generation != self._generation:
            return  # another period was chosen meanwhile: its figures are on the way
        self.bezig = False
        if result is None:
            self.melding = _(error or "")
            return
        self._figuren = result
        figuren = result[0]
        wijken = [g for g in figuren.tabel("overzicht").gebieden if g != figuren.gemeente]
        gebieden = [figuren.gemeente, *wijken]
        box = self.ids.wijken
        box.clear_widgets()
        for gebied in gebieden:
            knop = make("Keuze", text=gebied, size_hint=(None, 1), width=dp(max(120, len(gebied) * 11 + 36)))
            knop.bind(on_release=lambda k: self.choose(k.text))
            box.add_widget(knop)
        self.choose(self.gebied if self.gebied in gebieden else figuren.gemeente)

    def choose(self, gebied: str) -> None:
        """Show one wijk (or all): the figures are there already, only other rows are shown."""
        assert self._figuren is not None
        self.gebied = gebied
        for knop in self.ids.wijken.children:
            knop.selected = knop.text == gebied
        beeld: MonitorBeeld = monitor_beeld(*self._figuren, gebied)
        self.beeld = beeld
        self.leeg = beeld.leeg
        self.cijfer_uitleg = _("rapportcijfer: mediaan {van_naar}").format(van_naar=beeld.cijfer_van_naar) \
            if beeld.cijfer_van_naar else _("rapportcijfer: mediaan verschil")
        self.doelen_aandeel = -1 if beeld.doelen_behaald is None else beeld.doelen_behaald
        self.ids.gekozen.rijen = list(beeld.gekozen)
        self.ids.verandering.rijen = list(beeld.verandering)
        self.ids.trajecten.clear_widgets()
        for cijfer in beeld.trajecten:
            self.ids.trajecten.add_widget(Factory.Kerncijfer(waarde=cijfer.tekst, uitleg=_(cijfer.label)))


load_kv(__file__)
