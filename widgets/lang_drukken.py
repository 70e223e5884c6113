"""A long press: a finger held still on one spot for ``LONG_PRESS`` seconds (the clock running)
calls back once; moving more than ``MOVE_SLOP`` dp first, or lifting it, calls nothing. The
board uses it on a bar's name (its prompts), the tray on its kaartjes (whose press becomes a
drag once ``waiting`` ends without firing, widgets/tray.py): one timing for both."""

from __future__ import annotations

from collections.abc import Callable

from kivy.clock import Clock
from kivy.metrics import dp

LONG_PRESS = 0.6  # seconds
MOVE_SLOP = 12  # dp a finger may wander before a press counts as a drag (or a scroll)


class LongPress:
    """The long presses of one widget, by touch: ``start``, then ``move`` and ``stop``."""

    def __init__(self, seconds: float = LONG_PRESS) -> None:
        self.seconds = seconds
        self._presses: dict[object, dict] = {}

    def start(self, touch: object, fire: Callable[[], None]) -> None:
        press = {"start": touch.pos, "fired": False}

        def done(_dt: float) -> None:
            press["fired"] = True
            fire()

        press["event"] = Clock.schedule_once(done, self.seconds)
        self._presses[touch.uid] = press

    def move(self, touch: object) -> None:
        """The finger moved: beyond the slop the press is off (it became a scroll)."""
        press = self._presses.get(touch.uid)
        if press is not None and not press["fired"]:
            dx, dy = touch.x - press["start"][0], touch.y - press["start"][1]
            if (dx * dx + dy * dy) ** 0.5 >= dp(MOVE_SLOP):
                self.stop(touch)

    def waiting(self, touch: object) -> bool:
        """Whether this touch's press still counts: held within the slop, not gone off yet."""
        press = self._presses.get(touch.uid)
        return press is not None and not press["fired"]

    def fired(self, touch: object) -> bool:
        """Whether this touch's press went off (what else the finger does is then nothing)."""
        press = self._presses.get(touch.uid)
        return press is not None and press["fired"]

    def stop(self, touch: object) -> None:
        press = self._presses.pop(touch.uid, None)
        if press is not None:
            press["event"].cancel()
