"""Every Label of the app lays its text out with widgets/textures.MeasuringLabel, which remembers
how wide each word is per font (P10). What a label shows must stay what Kivy's own text provider
draws: the same size and the same pixels, whichever texts, fonts and widths were measured first."""

from __future__ import annotations

import pytest

from tests.kivy_helpers import window_fixture  # noqa: F401

TEXTS = [
    "Verder met de meting",
    "De vervolgmeting 1 van 19 augustus 2024 is nog niet af.",
    "WT-2025-01008  ·  J.G.T.  ·  Stratum",
    "Alcohol, drugs, gamen en gokken",
    "Фізичне здоров'я та догляд за собою",
    "ጤና እና ራስን መንከባከብ",
]
# (font size, wrapping width or None, bold): the same words at other sizes and weights in turn,
# so a word remembered for one font would show up wrong in another.
STYLES = [(24, None, True), (17, 180, False), (24, 300, False), (17, None, True), (31, 240, True)]


def _pixels(label: object) -> tuple[tuple[int, int], bytes]:
    texture = label.texture
    return tuple(texture.size), bytes(texture.pixels)


@pytest.mark.parametrize("text", TEXTS)
def test_a_label_shows_what_kivys_own_text_provider_draws(window: object, text: str) -> None:
    from kivy.core.text.text_sdl2 import LabelSDL2
    from kivy.uix.label import Label

    from widgets.textures import FONT_BOLD, FONT_REGULAR, MeasuringLabel

    for size, width, bold in STYLES:
        font = FONT_BOLD if bold else FONT_REGULAR
        label = Label(text=text, font_size=size, font_name=font, text_size=(width, None), color=(0.1, 0.1, 0.1, 1))
        label.texture_update()
        assert isinstance(label._label, MeasuringLabel)  # the app's labels measure through the cache
        kivy_own = LabelSDL2(text=text, font_size=size, font_name=font, text_size=(width, None),
                             color=(0.1, 0.1, 0.1, 1))
        kivy_own.refresh()
        assert not isinstance(kivy_own, MeasuringLabel)
        assert _pixels(label) == _pixels(kivy_own), (size, width, bold)
