"""A label that fits its text: the biggest font (``grootste``, down to MIN_TEXT) at which every
word fits the label's width (Kivy would break a word that does not, mid-word) and, for a label
of a fixed height (a title in the top bar), all lines fit its height. A 40-character
dossiernummer in a title shrinks rather than breaking or being cut. The rule is
board/passen.biggest_font; the measuring is Kivy's (widgets/textures)."""

from __future__ import annotations

from kivy.clock import Clock
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty
from kivy.uix.label import Label

from board.passen import MIN_TEXT, biggest_font
from widgets.textures import FONT_BOLD, label_size, text_lines, whole_words

SPARE = 2  # px: Kivy wraps a word that only just fits


class PassendLabel(Label):
    """``grootste``: the font it has when the text fits; ``vaste_hoogte``: the label's height is
    given (its lines must fit it), else the label grows with its text (only words must fit);
    ``een_regel_vanaf``: a title that stays on one line while a font down to this one allows
    (a wrapped line of the app's font stands more than two ems below the first), else wraps."""

    grootste = NumericProperty(20)
    vaste_hoogte = BooleanProperty(False)
    een_regel_vanaf = NumericProperty(0)

    def __init__(self, **kwargs: object) -> None:
        self._fit_trigger = Clock.create_trigger(self._fit, -1)
        super().__init__(**kwargs)
        self.bind(text=self._fit_trigger, width=self._fit_trigger, height=self._fit_trigger,
                  grootste=self._fit_trigger, vaste_hoogte=self._fit_trigger,
                  een_regel_vanaf=self._fit_trigger)
        self._fit()

    def _fit(self, *_args: object) -> None:
        width = round(self.width)
        if not self.text.strip() or width <= SPARE:
            if self.font_size != self.grootste:
                self.font_size = self.grootste
            return
        bold = self.font_name == FONT_BOLD
        room = self.height

        def fits(font: float) -> bool:
            size = round(font)
            if not whole_words(self.text, size, width - SPARE, bold):
                return False
            return not self.vaste_hoogte or label_size(self.text, size, width, bold)[1] <= room

        font = biggest_font(fits, self.grootste, dp(MIN_TEXT))
        if self.een_regel_vanaf and text_lines(self.text, round(font), width - SPARE, bold) > 1:
            least = max(self.een_regel_vanaf, dp(MIN_TEXT))
            one = biggest_font(lambda f: text_lines(self.text, round(f), width - SPARE, bold) == 1, font, least)
            if text_lines(self.text, round(one), width - SPARE, bold) == 1:
                font = one
        if abs(font - self.font_size) > 0.01:
            self.font_size = font
