"""Afsluiten of a traject, on the inwoner's screen (the professional's, behind the PIN): a
question with the fixed list of reasons (``board.traject``), one of which must be chosen
before "Traject afsluiten" works. The use case is ``services.traject.sluit_traject``; a refusal
shows in the question in plain Dutch and changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from kivy.properties import StringProperty

from board.i18n import _
from board.traject import REDEN_LABEL, Afsluitreden
from widgets.common import load_kv, make
from widgets.vraag import VraagView


class TrajectAfsluitenView(VraagView):
    inwoner_id = StringProperty("")
    gekozen = StringProperty("")  # the chosen Afsluitreden's value

    def fill(self) -> None:
        for reden in Afsluitreden:
            knop = make("Keuze", text=_(REDEN_LABEL[reden]))
            knop.reden = reden.value
            knop.bind(on_release=lambda k: self.choose(k.reden))
            self.ids.redenen.add_widget(knop)

    def choose(self, reden: str) -> None:
        self.gekozen = reden
        self.message = ""
        for knop in self.ids.redenen.children:
            knop.selected = knop.reden == reden

    def confirm(self) -> None:
        from services.traject import sluit_traject

        if not self.gekozen:
            self.message = _("Kies eerst waarom het traject stopt.")
            return
        self.carry_out(lambda: sluit_traject(self.app.repository, self.inwoner_id, self.gekozen, self.app.today()))


def ask(app: object, inwoner_id: str, on_done: Callable[[], None] | None = None) -> TrajectAfsluitenView:
    """Ask the professional why the inwoner's traject ends, then close it."""
    view = TrajectAfsluitenView(app=app, inwoner_id=inwoner_id)
    view.fill()
    return view.ask(on_done)


load_kv(__file__)
