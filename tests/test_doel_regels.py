"""A doel of two lines shows both in the doel editor, also at 800x600 (a new user saw only
"...op tijd": the field centred one line in its height, as a one-line field does, and the second
line, "betalen", was out of the field's view). Typed with keys into the running app after a tap
on the field; the lines are found as ink in the field's pixels."""

from __future__ import annotations

import numpy as np
import pytest

from tests.kivy_helpers import frames, make_app_fixture, window_fixture, window_pixels  # noqa: F401
from tests.screen_checks import window_crop, window_rect
from tests.test_doel_editor_sizes import inside
from tests.test_doel_editor_typen import _editor_at, tap_what_shows, type_text
from tests.test_pinpad_keyboard import ENTER, key

SIZES = [(800, 600), (1280, 800)]
LINES = ("Mijn rekeningen op tijd", "betalen")


def ink_bands(field: object) -> list[tuple[int, int]]:
    """(top, bottom), in px down from the field's top, of each band of rows with dark ink inside
    ``field`` (its border left out), top first."""
    inset = 4
    pixels = window_crop(window_pixels(), window_rect(field)).astype(int)[inset:-inset, inset:-inset]
    dark = pixels.max(axis=2) < 120
    rows = np.where(dark.any(axis=1))[0]
    bands: list[list[int]] = []
    for row in rows:
        if bands and row - bands[-1][1] <= 2:
            bands[-1][1] = int(row)
        else:
            bands.append([int(row), int(row)])
    return [(inset + a, inset + b) for a, b in bands if b - a >= 4]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_both_lines_of_a_doel_show_and_the_date_too(make_app: object, window: object, size: tuple[int, int]) -> None:
    _app, _inwoner, editor = _editor_at(make_app, window, size)
    tekst = editor.ids.tekst
    tap_what_shows(tekst)
    assert tekst.focus
    type_text(LINES[0])
    key(ENTER)  # a new line in the doel's words
    type_text(LINES[1])
    frames(3)
    assert tekst.text == "\n".join(LINES) and len(tekst._lines) == 2
    bands = ink_bands(tekst)
    assert len(bands) == 2, f"{len(bands)} line(s) of ink in the field {window_rect(tekst)}: {bands}"
    # From the top: the first line in the field's upper half.
    assert bands[0][0] < tekst.height / 2, bands
    # The date stays in sight in its column without scrolling.
    assert editor.ids.links.scroll_y >= 0.999 or editor.ids.links.children[0].height <= editor.ids.links.height
    assert inside(window_rect(editor.ids.wanneer), window_rect(editor.ids.links))
