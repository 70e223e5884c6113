"""Text fitted into its room (board/passen.py), without a screen: the biggest font that fits,
the comparison sentence's share of the screen, one height for a row of buttons, and the
labels under a chart's axis, which never overlap at any width or range of dates."""

from __future__ import annotations

import itertools
import math
from datetime import date, timedelta

import pytest

from board.passen import SENTENCE_LEAST, SENTENCE_SHARE, axis_labels, biggest_font, row_height, sentence_font


def test_the_biggest_font_that_fits_and_never_below_the_least() -> None:
    assert biggest_font(lambda f: f <= 21, 30, 14) == 21
    assert biggest_font(lambda f: True, 30, 14) == 30
    assert biggest_font(lambda f: False, 30, 14) == 14  # too long: readable, and it takes its room


def test_the_sentence_takes_its_share_of_the_screen_at_a_readable_size() -> None:
    def height_at(font: float) -> float:  # a sentence of 70 characters, ~0.55 font wide each, 2.15 font a line
        lines = -(-(70 * 0.55 * font) // 500)
        return lines * 2.15 * font

    font = sentence_font(height_at, 600, 24, 1.0)
    assert SENTENCE_LEAST <= font < 24 and height_at(font) <= SENTENCE_SHARE * 600
    assert sentence_font(height_at, 1600, 24, 1.0) == 24  # a tall screen: the sentence as it was
    assert sentence_font(lambda f: 1000, 600, 24, 2.0) == SENTENCE_LEAST * 2  # never smaller than readable


def test_a_row_of_buttons_is_as_high_as_its_tallest_text_needs() -> None:
    assert row_height([40, 76, 52], 72) == 76
    assert row_height([40, 52], 72) == 72


def _width(text: str) -> float:
    return 6.5 * len(text)  # about a 12 px font


MONTHS = ["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"]


def _labels(dates: list[date], width: float) -> tuple[list[tuple[float, float]], list[int], bool]:
    texts = [f"{MONTHS[d.month - 1]} {d.year}" for d in dates]
    years = [str(d.year) for d in dates]
    left, right = 4.0, width - 4.0
    px0, px1 = 30.0, width - 14.0
    step = (px1 - px0) / max(1, len(dates) - 1)
    centres = [px0 + i * step if len(dates) > 1 else (px0 + px1) / 2 for i in range(len(dates))]
    drawn = axis_labels(centres, [_width(t) for t in texts], left, right, 6, [_width(y) for y in years], years)
    shown = years if drawn.short else texts
    boxes = [(x, x + _width(shown[i])) for i, x in drawn.placed]
    return boxes, [i for i, _x in drawn.placed], drawn.short


RANGES = {
    "one": [date(2026, 3, 2)],
    "same month": [date(2026, 3, 2), date(2026, 3, 30)],
    "two years": [date(2025, 1, 14), date(2026, 12, 2)],
    "five": [date(2024, 5, 8) + timedelta(days=120 * i) for i in range(5)],
    "monthly": [date(2025, 1, 10) + timedelta(days=30 * i) for i in range(24)],
}


@pytest.mark.parametrize("width", [60, 90, 116, 150, 240, 480])
@pytest.mark.parametrize("name", list(RANGES))
def test_axis_labels_never_overlap_nor_leave_the_chart(name: str, width: float) -> None:
    dates = RANGES[name]
    boxes, indices, short = _labels(dates, width)
    for x0, x1 in boxes:
        assert x0 >= 4 and x1 <= width - 4
    for (_a0, a1), (b0, _b1) in itertools.pairwise(boxes):
        assert a1 + 6 <= b0, (name, width, boxes)
    if width >= 90:  # room for one label at the least: the newest meting's
        assert len(dates) - 1 in indices or (short and indices)


def test_axis_labels_say_as_much_as_fits() -> None:
    _boxes, indices, short = _labels(RANGES["two years"], 480)
    assert indices == [0, 1] and not short  # "jan 2025" ... "dec 2026"
    _boxes, indices, short = _labels(RANGES["two years"], 116)
    assert indices == [0, 1] and short  # "2025" ... "2026": the months did not fit side by side
    _boxes, indices, short = _labels(RANGES["same month"], 90)
    assert indices == [1] and not short  # one month: said once
    _boxes, indices, short = _labels(RANGES["monthly"], 480)
    assert indices[0] == 0 and indices[-1] == 23 and 3 <= len(indices) < 24  # as many between as fit


@pytest.mark.parametrize("biggest, least, step", [(30, 14, 1), (30, 14, 2), (17, 14, 1), (15, 14, 1), (14, 14, 1),
                                                   (24.5, 16, 0.5), (12, 14, 1)])
def test_the_biggest_font_is_found_by_halving_and_is_the_one_walking_down_finds(biggest: float, least: float,
                                                                               step: float) -> None:
    # Fitting measures a text once per font it tries: halving tries few, and finds the font
    # that trying every font from the biggest down finds, wherever the text stops fitting.
    fonts = []
    font = biggest
    while font > least:
        fonts.append(font)
        font -= step
    for limit in [*fonts, least, least - 1, biggest + 1]:
        tried: list[float] = []

        def fits(font: float, limit: float = limit, tried: list = tried) -> bool:
            tried.append(font)
            return font <= limit

        walked = next((f for f in fonts if f <= limit), least)
        assert biggest_font(fits, biggest, least, step) == walked
        assert len(tried) <= 2 + math.ceil(math.log2(max(len(fonts), 1))), (limit, tried)
        if limit >= biggest and fonts:
            assert tried == [biggest]  # the usual case: it fits at once, one measurement
