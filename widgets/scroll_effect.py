"""The scroll effect of every list in the app (a kv rule in common.kv gives it to every
ScrollView): Kivy's DampedScrollEffect, the same glide and bounce, made safe on a slow tablet.

Kivy's own effect can throw a list hundreds of thousands of pixels away, for two reasons that
meet on a busy tablet:

- Kivy stamps a touch move with the time it handles it, not the time the finger made it. The
  moves that arrive while a frame is busy are handled one after another in the next frame,
  microseconds apart, and the fling speed Kivy computes from them (distance / time, the time
  at least 0.1 ms) is a million pixels a second.
- Kivy slows a fling down by ``friction * dt / 0.017`` of its speed each frame. When one frame
  takes longer than about 0.6 s that is more than the whole speed: the list turns round and is
  thrown the other way, further each slow frame.

Here a fling is computed over at least one frame's time and is never faster than a finger
flings on Android (8000 dp/s), and a slow frame is played as the frames it stood for, each no
longer than a frame at 60 fps, where Kivy's steps are stable. At 60 fps nothing changes.

Kivy's bounce at a list's end is not bounded either: its spring and edge damping act per step,
not per second, so how far a fast fling runs past the end depends on the frame rate (a loaded
CI machine saw 100 px of empty list in a 390 px window). The bounce here never runs further
than a fifth of the list's window; the spring then brings the list back as before.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from kivy.effects import kinetic
from kivy.effects.dampedscroll import DampedScrollEffect
from kivy.properties import NumericProperty

FRAME = 1 / 60  # the time one frame stands for, in seconds
# Kivy's own rule: the fling's speed is measured from the sample about 10 frames before lift-off.
MEASURED_OVER = 10 / 60
MOST_STEPS = 60  # a frame longer than a second plays one second: the fling has all but stopped
BOUNCE_SHARE = 1 / 5  # the furthest a list runs past its end, as a share of its window


def fling_velocity(samples: Sequence[tuple[float, float]], fastest: float) -> float:
    """The speed (px/s) at which a list glides on after the finger lifts: ``samples`` are
    (time, position) of the drag, the last one the lift-off. As Kivy measures it, over the
    last ~10 frames, but over one frame at least (moves handled in one frame have no time
    between them that says anything) and never faster than ``fastest``."""
    newest = samples[-1]
    oldest = samples[0]
    for sample in samples[:-1]:
        if newest[0] - sample[0] < MEASURED_OVER:
            break
        oldest = sample
    velocity = (newest[1] - oldest[1]) / max(abs(newest[0] - oldest[0]), FRAME)
    return max(-fastest, min(fastest, velocity))


class SteadyScrollEffect(DampedScrollEffect):
    """DampedScrollEffect with a fling of bounded speed, and steps of at most one 60 fps frame."""

    # Android's ViewConfiguration.MAXIMUM_FLING_VELOCITY: the fastest a finger flings a list.
    max_velocity = NumericProperty("8000dp")

    def stop(self, val: float, t: float | None = None) -> None:
        # The same clock Kivy's effect stamps start() and update() with.
        t = t or kinetic.time()
        samples = [*self.history, (t, val)]
        super().stop(val, t)
        if self.velocity:  # Kivy found a fling (not a tap, not a drag that came to rest)
            self.velocity = fling_velocity(samples, self.max_velocity)

    def update_velocity(self, dt: float) -> None:
        steps = min(MOST_STEPS, max(1, math.ceil(dt / FRAME - 1e-6)))
        step = min(dt / steps, FRAME)
        for _ in range(steps):
            super().update_velocity(step)
            self._hold_bounce()
            if self.velocity == 0 and self.overscroll == 0:  # come to rest
                return

    def _window_length(self) -> float:
        """The length of the list's window along this effect's axis (0 when not yet placed)."""
        view = getattr(self.target_widget, "parent", None)
        if view is None:
            return 0.0
        return view.height if getattr(view, "effect_y", None) is self else view.width

    def _hold_bounce(self) -> None:
        """A list gliding on that has run a fifth of its window past its end stops there;
        the spring then takes it back. (A finger's own drag is slowed by Kivy already.)"""
        furthest = self._window_length() * BOUNCE_SHARE
        if self.is_manual or furthest <= 0 or abs(self.overscroll) <= furthest:
            return
        low, high = sorted((self.min, self.max))
        if self.overscroll > 0:
            self.value = high + furthest
            self.velocity = min(self.velocity, 0.0)
        else:
            self.value = low - furthest
            self.velocity = max(self.velocity, 0.0)
