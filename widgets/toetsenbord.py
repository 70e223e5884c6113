"""The field being typed into stays in sight: above an on-screen keyboard and inside the part of
its scrolling column that shows (a new user at 800x600 typed into a field half under the edge).

The app leaves Kivy's ``Window.softinput_mode`` at '' (Kivy then moves nothing and tells the
keyboard's height, ``Window.keyboard_height``, for the app to manage): a dialog with fields
(``BovenToetsenbord``) makes itself lower and sits above the keyboard, and scrolls the focused
field into view. Kivy's own docked keyboard (``keyboard_mode = dock``, a kiosk without a
hardware keyboard) counts too: it lies on the window without setting ``keyboard_height``.
"""

from __future__ import annotations

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.metrics import dp
from kivy.uix.scrollview import ScrollView
from kivy.uix.textinput import TextInput
from kivy.uix.widget import Widget

MARGIN = 8  # dp between the dialog and the keyboard, and around a field scrolled into view


def keyboard_top() -> float:
    """How high (px, from the window's bottom) an on-screen keyboard covers the window; 0 without one."""
    top = float(Window.keyboard_height or 0)
    from kivy.uix.vkeyboard import VKeyboard

    for child in Window.children:
        if isinstance(child, VKeyboard) and child.docked:
            top = max(top, child.y + child.height * child.scale)
    return top


def scroll_of(widget: Widget) -> ScrollView | None:
    parent = widget.parent
    for _level in range(64):  # bounded: the window is its own parent
        if parent is None or isinstance(parent, ScrollView) or parent is parent.parent:
            break
        parent = parent.parent
    return parent if isinstance(parent, ScrollView) else None


def in_sight(field: Widget, bottom: float = 0) -> bool:
    """The whole field shows: inside its column's view (if it scrolls) and in the window above ``bottom``."""
    _x, y = field.to_window(field.x, field.y)
    low, high = bottom, Window.height
    scroll = scroll_of(field)
    if scroll is not None:
        _sx, sy = scroll.to_window(scroll.x, scroll.y)
        low, high = max(low, sy), min(high, sy + scroll.height)
    return y >= low - 1 and y + field.height <= high + 1


class BovenToetsenbord:
    """Mixin for a ModalView with text fields: ``watch_fields()`` after its widgets exist."""

    least_height = 240  # dp: never lower than this (the keyboard then covers part of it)

    def watch_fields(self) -> None:
        self._own_size_hint_y = self.size_hint_y
        self._trigger_sight = Clock.create_trigger(self._keep_in_sight, 0.05)
        for field in (w for w in self.walk(restrict=True) if isinstance(w, TextInput)):
            field.bind(focus=self._trigger_sight)
        Window.bind(keyboard_height=self._trigger_sight, size=self._trigger_sight)
        self.bind(on_dismiss=lambda *_a: Window.unbind(keyboard_height=self._trigger_sight,
                                                       size=self._trigger_sight))

    def focused_field(self) -> TextInput | None:
        return next((w for w in self.walk(restrict=True) if isinstance(w, TextInput) and w.focus), None)

    def _keep_in_sight(self, *_args: object) -> None:
        """Above the keyboard (lower, when it is there), then the focused field scrolled into view."""
        cover = keyboard_top()
        if cover > 0:
            room = Window.height - cover - 2 * dp(MARGIN)
            self.size_hint_y = None
            self.height = max(min(dp(self.least_height), Window.height), room)
        else:
            self.size_hint_y = self._own_size_hint_y
        self._align_center()
        field = self.focused_field()
        if field is not None:
            Clock.schedule_once(lambda _dt: self._scroll_to(field, cover), 0)

    def _align_center(self, *_args: object) -> None:
        """Centred in what the keyboard leaves of the window (Kivy centres in the whole window)."""
        if getattr(self, "_is_open", False):
            cover = keyboard_top()
            self.center = (Window.width / 2, cover + (Window.height - cover) / 2)

    def _scroll_to(self, field: TextInput, cover: float) -> None:
        scroll = scroll_of(field)
        if scroll is None or in_sight(field, cover):
            return
        scroll.scroll_to(field, padding=dp(MARGIN), animate=False)
