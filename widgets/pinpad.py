"""A big numeric keypad for PINs: no system keyboard, keys of at least 48 dp."""

from __future__ import annotations

from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.gridlayout import GridLayout

from widgets.common import load_kv

MAX_PIN = 12


class PinPad(GridLayout):
    """``pin`` grows with each key; ``on_submit(pin)`` fires on OK. ``locked`` disables every key."""

    pin = StringProperty("")
    locked = BooleanProperty(False)
    min_length = NumericProperty(6)

    __events__ = ("on_submit",)

    def press(self, digit: str) -> None:
        if not self.locked and len(self.pin) < MAX_PIN:
            self.pin += digit

    def erase(self) -> None:
        if not self.locked:
            self.pin = self.pin[:-1]

    def clear(self) -> None:
        self.pin = ""

    def submit(self) -> None:
        if not self.locked and self.pin:
            self.dispatch("on_submit", self.pin)

    def on_submit(self, pin: str) -> None:
        """The host checks the PIN."""


def dots(pin: str, shown: int = 6) -> str:
    """One filled dot per digit typed, open dots up to the minimum length."""
    return " ".join("●" * len(pin) + "○" * max(0, shown - len(pin)))


load_kv(__file__)
