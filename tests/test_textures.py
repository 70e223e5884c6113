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
