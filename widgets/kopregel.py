"""The top bar of a screen: a way back on the left, the title, actions on the right.

On a narrow window the fixed-width parts (buttons, the professional's name) together may be
wider than the bar: then they all give up the same share of their width, never below a
48 dp touch target, and the title keeps what is left (it shortens with an ellipsis).
"""

from __future__ import annotations

from kivy.metrics import dp
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout

MIN_TEXT = 80  # dp a text beside the buttons keeps
MIN_TITLE = 200  # dp the title keeps before the buttons shrink further


class Kopregel(BoxLayout):
    def do_layout(self, *args: object) -> None:
        fixed = [c for c in self.children if c.size_hint_x is None]
        for child in fixed:
            if not hasattr(child, "natural_width"):
                child.natural_width = child.width
                child.bind(width=self._remember)
        flexible = len(self.children) - len(fixed)
        room = self.width - self.padding[0] - self.padding[2] - self.spacing * (len(self.children) - 1)
        room -= dp(MIN_TITLE) * flexible
        # Text beside the buttons (the professional's name) gives way first, then the buttons.
        texts = [c for c in fixed if not isinstance(c, ButtonBehavior)]
        buttons = [c for c in fixed if isinstance(c, ButtonBehavior)]
        widths = {id(c): c.natural_width for c in fixed}
        excess = sum(widths.values()) - room
        spare = sum(max(0.0, widths[id(c)] - dp(MIN_TEXT)) for c in texts)
        if excess > 0 and spare > 0:
            cut = min(1.0, excess / spare)
            for child in texts:
                widths[id(child)] -= max(0.0, widths[id(child)] - dp(MIN_TEXT)) * cut
            excess -= min(excess, spare)
        natural = sum(widths[id(c)] for c in buttons)
        if excess > 0 and natural > 0:
            share = max(0.0, (natural - excess) / natural)
            for child in buttons:
                widths[id(child)] *= share
        for child in fixed:
            child.unbind(width=self._remember)
            child.width = max(dp(48), widths[id(child)])
            child.bind(width=self._remember)
        super().do_layout(*args)

    def _remember(self, child: object, width: float) -> None:
        """A width set from elsewhere (a kv rule) is the new natural width."""
        child.natural_width = width
