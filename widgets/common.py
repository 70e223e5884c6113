"""What every screen of the app shares: its kv rules (big buttons, panels, the top bar),
the ``Scherm`` base class and a helper that loads a module's own .kv file."""

from __future__ import annotations

from pathlib import Path

from kivy.factory import Factory
from kivy.lang import Builder
from kivy.properties import ObjectProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.screenmanager import Screen
from kivy.uix.widget import Widget

from board.taal import vertaler
from widgets.kopregel import Kopregel

Factory.register("Kopregel", cls=Kopregel)


def load_kv(module_file: str) -> None:
    """Load the .kv file beside a module (``screens.py`` -> ``screens.kv``), once."""
    path = str(Path(module_file).with_suffix(".kv"))
    if path not in Builder.files:
        Builder.load_file(path)


class Scherm(Screen):
    """A screen of the app; ``app`` is the MagneetbordApp that navigates between them."""

    app = ObjectProperty(None)


class MetingScherm(Scherm):
    """A screen that shows the meting of the visit: it redraws whenever ``live.meting`` changes."""

    live = ObjectProperty(None, allownone=True)
    # The inwoner's language (board.taal.Vertaler): set by the app, switched without a restart.
    tr = ObjectProperty(vertaler("nl"), rebind=True)

    def on_tr(self, _instance: object, _tr: object) -> None:
        if self.live is not None:
            self.refresh()

    def on_live(self, _instance: object, live: object) -> None:
        if live is not None:
            live.bind(meting=lambda *_a: self.refresh())
            self.refresh()

    def refresh(self) -> None:
        raise NotImplementedError


class Rij(ButtonBehavior, BoxLayout):
    """A tappable row of a list (an inwoner, a meting)."""


def make(kind: str, **props: object) -> Widget:
    """A widget of a kv class with ``props`` set after its rules ran (a rule such as
    ``height: dp(60) * self.scale`` would otherwise override a constructor argument)."""
    widget = Factory.get(kind)()
    for name, value in props.items():
        setattr(widget, name, value)
    return widget


def buttons_in(widget: Widget) -> list[Widget]:
    """Every button under ``widget`` (tests and the screenshots try them all)."""
    return [w for w in widget.walk(restrict=True) if isinstance(w, ButtonBehavior)]


load_kv(__file__)
