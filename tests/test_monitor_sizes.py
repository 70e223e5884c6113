"""The monitor at 800x600, 1280x800, 800x1280 and 2560x1600, opened and used by taps, with the
demo's 150 inwoners: a new user at 1280x800 read leefgebied names of ~9 px in the charts and a
row of wijken cut at the window's edge. Every name is drawn at MIN_TEXT or more, every wijk
button lies whole inside the window, no text is cut, and nothing lies over another part (where
it does not fit, the page scrolls)."""

from __future__ import annotations

from datetime import date

import pytest

from board.passen import MIN_TEXT
from services.demo import fill
from tests.kivy_helpers import PIN, button, frames, into_sight, make_app_fixture, tap, type_pin, window_fixture  # noqa: F401
from tests.screen_checks import crowded_lists, small_targets, window_rect, words_broken
from tests.test_doel_editor_sizes import lines_cut
from tests.test_monitor_screen import open_monitor, settled, tablet  # noqa: F401

SIZES = [(800, 600), (1280, 800), (800, 1280), (2560, 1600)]


def _overlap(a: tuple, b: tuple) -> bool:
    return min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > 1 and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > 1


def check_monitor(screen: object, window: object) -> None:
    from kivy.metrics import dp
    from kivy.uix.label import Label

    ids = screen.ids
    for chart in (ids.gekozen, ids.verandering):
        assert len(chart.drawn) == len(chart.rijen)
        fonts = dict(zip([r["key"] for r in chart.drawn], chart.name_fonts, strict=True))
        assert all(f >= round(dp(MIN_TEXT)) for f in fonts.values()), (type(chart).__name__, chart.width, fonts)
    for knop in ids.wijken.children:  # whole, inside the window (the page scrolls up and down only)
        x, _y, w, _h = window_rect(knop)
        assert x >= -0.5 and x + w <= window.width + 0.5, (knop.text, x, w)
    labels = [w for w in ids.page.walk(restrict=True) if isinstance(w, Label) and w.text.strip() and w.opacity > 0
              and w.height > 0 and w.text_size[0]]
    assert [lines_cut(w) for w in labels if lines_cut(w)] == []
    assert words_broken(screen) == [] and small_targets(screen) == [] and crowded_lists(screen) == []
    parts = [c for c in (ids.kerncijfers, ids.trajecten, ids.grafieken) if c.height > 0]
    for i, a in enumerate(parts):
        for b in parts[i + 1:]:
            assert not _overlap(window_rect(a), window_rect(b)), (a, b)
    for grid in (ids.kerncijfers, ids.trajecten):
        for card in grid.children:
            assert card.top <= grid.top + 0.5 and card.y >= grid.y - 0.5  # inside its row, not under the next


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_monitor_fits_at_this_size(make_app: object, window: object, tablet: object,  # noqa: F811
                                       size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    tablet(lambda repository: fill(repository, aantal=150))
    app = make_app(today=lambda: date(2026, 11, 23))
    type_pin(app.screen("lock"), PIN)
    screen = open_monitor(app)
    tap(screen.ids.vorig_jaar)  # the demo's metingen are from 2024 and 2025
    settled(app)
    check_monitor(screen, window)
    gebieden = [k.text for k in reversed(screen.ids.wijken.children)]
    assert len(gebieden) == 6
    knop = button(screen.ids.wijken, gebieden[-1])  # the last wijk: it was off the edge at 800 px
    into_sight(knop)
    tap(knop)
    frames(2)
    assert screen.gebied == gebieden[-1] and knop.selected
    check_monitor(screen, window)
    chart = screen.ids.verandering.parent  # the lowest chart can be brought whole into sight
    into_sight(chart)
    _x, y, _w, h = window_rect(chart)
    assert (y >= -0.5 and y + h <= window.height + 0.5) or h > window.height * 0.8
