"""Touches meant for a dialog do not reach the board behind it.

A dialog (a ``ModalView``) that is closing still takes touches until it is gone; but a
quick second tap on its "Sluiten", landing just after it went, would fall through to the
board and move a fiche. The guard watches the window: when a dialog leaves it, a touch
that starts within ``GUARD_SECONDS`` near the tap that closed it (the second tap of a
double tap) is refused by the board and the tray. A touch elsewhere is a new one.
"""

from __future__ import annotations

from time import time

GUARD_SECONDS = 0.5  # a double tap is faster than this; a deliberate new touch is slower
NEAR = 48  # dp: how far the second tap of a double tap may land from the first


class _Guard:
    def __init__(self) -> None:
        self.closed_at = float("-inf")
        self.closed_pos: tuple[float, float] | None = None
        self.last_up: tuple[float, float, float] = (float("-inf"), 0.0, 0.0)  # time, x, y (window)
        self.dialogs: set[int] = set()
        self.window: object | None = None

    def watch(self) -> None:
        from kivy.core.window import Window

        if self.window is Window or Window is None:
            return
        self.window = Window
        Window.bind(children=self._on_children, on_touch_up=self._on_up)
        self._on_children(Window, Window.children)

    def _on_up(self, window: object, touch: object) -> None:
        self.last_up = (time(), touch.sx * window.width, touch.sy * window.height)

    def _on_children(self, _window: object, children: list) -> None:
        from kivy.uix.modalview import ModalView

        dialogs = {id(child) for child in children if isinstance(child, ModalView)}
        if self.dialogs - dialogs:  # a dialog went: remember the tap that closed it
            self.closed_at = time()
            up_at, x, y = self.last_up
            self.closed_pos = (x, y) if self.closed_at - up_at < GUARD_SECONDS else None
        self.dialogs = dialogs


_guard = _Guard()


def watch_dialogs() -> None:
    """Start watching the window's dialogs (idempotent; the board calls it)."""
    _guard.watch()


def dialog_just_closed(touch: object) -> bool:
    """Whether ``touch`` is the second tap of a double tap whose first closed a dialog."""
    from kivy.core.window import Window
    from kivy.metrics import dp

    started = min(getattr(touch, "time_start", time()), time())
    if _guard.closed_pos is None or started - _guard.closed_at >= GUARD_SECONDS:
        return False
    x, y = touch.sx * Window.width, touch.sy * Window.height
    cx, cy = _guard.closed_pos
    return (x - cx) ** 2 + (y - cy) ** 2 <= dp(NEAR) ** 2
