"""Fitting a name into its box measures each font it tries without drawing it; the measure
must be the size of what is then drawn, or a name would be drawn bigger than its box."""

from __future__ import annotations

import pytest

from tests.kivy_helpers import window_fixture  # noqa: F401

NAMES = [
    "Hg",
    "Alcohol, drugs, gamen en gokken",
    "Lichamelijke gezondheid en zelfzorg",
    "الصحة الجسدية والعناية الذاتية",  # shaped and broken into lines by board/schrift.py
    "Фізичне здоров'я та догляд за собою",
    "ጤና እና ራስን መንከባከብ",
    "1/3\nmeer",
    "",
]


@pytest.mark.parametrize("name", NAMES)
def test_the_measured_size_is_the_size_drawn(window: object, name: str) -> None:
    from widgets.textures import label_size, label_texture

    for font in (7, 12, 17, 26):
        for width in (None, 60, 140, 400):
            for bold in (False, True):
                drawn = label_texture(name, font, width, bold)
                assert label_size(name, font, width, bold) == (drawn.width, drawn.height), (font, width, bold)


def test_a_fitted_name_fits_its_box(window: object) -> None:
    from widgets.textures import fitted_label

    for name in NAMES[1:6]:
        for width, height in ((90, 40), (140, 60), (300, 30)):
            texture = fitted_label(name, width, height, 26, 12, bold=True)
            assert texture.width <= width and texture.height <= height, (name, width, height)


@pytest.mark.parametrize("name", ["البيت", "السكن", "Huishouden", "Lichamelijke gezondheid", "ጤና እና ራስን መንከባከብ"])
def test_a_name_gets_the_biggest_font_at_which_each_word_is_drawn_whole(window: object, name: str) -> None:
    # Whether a word fits is judged on the text as it is drawn: an Arabic name is drawn as
    # its letters in visual order, which Kivy measures narrower than the same word in logical
    # order (the rule measured that one, and gave a font a size smaller than had room).
    from widgets.textures import fitted_font, label_texture

    width, biggest = 70, 30

    def widest_word_drawn(font: int) -> int:  # each word alone on one line, as Kivy draws it
        return max(label_texture(word, font, None, True).width for word in name.split())

    font = fitted_font(name, width, 1000, biggest, 8, True)  # room enough above: only the words count
    assert widest_word_drawn(font) <= width
    assert font == biggest or widest_word_drawn(font + 1) > width, font
