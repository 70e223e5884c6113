"""Closing the kiosk: only from the professional's screens (behind the PIN), after a
confirmation. The inwoner's board has no way to it; Escape, Alt+F4 and the back key never
close the kiosk (``widgets.kiosk``). Every change is saved the moment it is made, so closing
loses nothing."""

from __future__ import annotations

from kivy.properties import ObjectProperty
from kivy.uix.modalview import ModalView

from widgets.common import load_kv


class AfsluitenView(ModalView):
    """"Magneetbord afsluiten?": Annuleren keeps the app, Afsluiten stops it."""

    app = ObjectProperty(None)

    def confirm(self) -> None:
        self.dismiss(animation=False)
        self.app.stop()


def ask(app: object) -> AfsluitenView:
    """Ask the professional whether to close the app."""
    view = AfsluitenView(app=app)
    view.open(animation=False)
    return view


load_kv(__file__)
