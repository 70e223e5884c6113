"""A big numeric keypad for PINs: no system keyboard, keys of at least 48 dp. A keyboard
works too (a professional at a desktop, or with a tablet keyboard): its digits (top row and
numpad), Backspace and Enter, while the keypad is on screen and no text field has the focus."""

from __future__ import annotations

from kivy.core.window import Window
from kivy.properties import BooleanProperty, NumericProperty, StringProperty
from kivy.uix.gridlayout import GridLayout

from widgets.common import load_kv

MAX_PIN = 12
DIGITS = frozenset("0123456789")
KEY_BACKSPACE, KEY_ENTER, KEY_NUMPAD_ENTER = 8, 13, 271
DIGIT_KEYS = {48 + n: str(n) for n in range(10)} | {256 + n: str(n) for n in range(10)}  # top row, numpad0..9


class PinPad(GridLayout):
    """``pin`` grows with each key; ``on_submit(pin)`` fires on OK. ``locked`` disables every key."""

    pin = StringProperty("")
    locked = BooleanProperty(False)
    min_length = NumericProperty(6)

    __events__ = ("on_submit",)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        Window.bind(on_key_down=self._key)  # a method: Kivy holds it weakly, it goes with the pad

    def _key(self, window: object, key: int, _scancode: int = 0, codepoint: str | None = None, *_rest: object) -> bool:
        """A key typed while this keypad is on screen: True when it was the keypad's."""
        if self.get_root_window() is None or _text_field_focused(window):
            return False
        digit = DIGIT_KEYS.get(key) or (codepoint if codepoint and codepoint in DIGITS else None)
        if digit:
            self.press(digit)
        elif key == KEY_BACKSPACE:
            self.erase()
        elif key in (KEY_ENTER, KEY_NUMPAD_ENTER):
            if len(self.pin) >= self.min_length:  # as the OK key: off until the PIN is long enough
                self.submit()
        else:
            return False
        return True

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


def _text_field_focused(window: object) -> bool:
    """A field that takes typing (the name on the first start) keeps its digits."""
    return any(getattr(w, "focus", False) for child in window.children for w in child.walk())


def dots(pin: str, shown: int = 6) -> str:
    """One filled dot per digit typed, open dots up to the minimum length."""
    return " ".join("●" * len(pin) + "○" * max(0, shown - len(pin)))


load_kv(__file__)
