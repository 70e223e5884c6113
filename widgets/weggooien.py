"""Throwing away a meting begun by mistake (a vervolgmeting, or a 0-meting after a closed
traject: ``board.bezoek.kan_weggooien``), on the inwoner's screen (the professional's, behind
the PIN), after a question; the use case is ``services.visit.discard_concept`` and a refusal
shows in the question in plain Dutch, changing nothing."""

from __future__ import annotations

from collections.abc import Callable

from kivy.properties import BooleanProperty, StringProperty

from widgets.common import load_kv
from widgets.vraag import VraagView


class WeggooienView(VraagView):
    """"Deze vervolgmeting weggooien?": Annuleren keeps it, Weggooien throws it away."""

    meting_id = StringProperty("")
    nulmeting = BooleanProperty(False)  # "Deze 0-meting weggooien?": the closed traject stays closed

    def confirm(self) -> None:
        from services.visit import discard_concept

        self.carry_out(lambda: discard_concept(self.app.repository, self.meting_id))


def ask(app: object, meting_id: str, on_done: Callable[[], None] | None = None,
        nulmeting: bool = False) -> WeggooienView:
    """Ask the professional whether to throw the concept meting away."""
    return WeggooienView(app=app, meting_id=meting_id, nulmeting=nulmeting).ask(on_done)


load_kv(__file__)
