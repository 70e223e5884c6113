"""The monitor's map as the professional meets it, by taps on the running app at 800x600 and
1280x800 (the demo's Voorbeeldstad): the "Kaart" button brings the whole map into sight (the
page scrolls to it), and a chosen wijk's outline is whole where it runs (no label's plate over it)."""

from __future__ import annotations

from datetime import date

import pytest

from services.demo import fill
from services.monitor_gebieden import zet_voorbeeld
from tests.kivy_helpers import PIN, drag, frames, make_app_fixture, type_pin, window_fixture  # noqa: F401
from tests.screen_checks import window_rect
from tests.test_monitor_kaart_screen import shot
from tests.test_monitor_screen import open_monitor, tablet  # noqa: F401

TOT, TODAY = date(2026, 2, 27), date(2026, 3, 1)
SIZES = [(800, 600), (1280, 800)]


def tap_kaart(make_app: object, tablet: object, window: object, size: tuple[int, int]) -> object:  # noqa: F811
    """The monitor opened from the list, then the "Kaart" button tapped where it is: no scrolling
    by the test."""
    tablet(lambda repository: fill(repository, aantal=400, tot=TOT))
    zet_voorbeeld()
    window.size = size
    app = make_app(today=lambda: TODAY)
    type_pin(app.screen("lock"), PIN)
    screen = open_monitor(app)
    knop = screen.ids.kaartknop
    drag([knop.to_window(*knop.center)])
    frames(6)
    return screen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_kaart_button_brings_the_whole_map_into_sight(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    screen = tap_kaart(make_app, tablet, window, size)
    assert screen.kaart_open
    _vx, vy, _vw, vh = window_rect(screen.ids.page_scroll)
    _mx, my, _mw, mh = window_rect(screen.ids.kaart)
    assert mh > 100
    seen = min(my + mh, vy + vh) - max(my, vy)
    assert seen == pytest.approx(min(mh, vh), abs=1), (size, (my, mh), (vy, vh))
    buttons = screen.ids.kaartcijfers  # the figure buttons above the map too, where the window holds both
    _bx, by, _bw, bh = window_rect(buttons)
    assert vy <= by and by + bh <= vy + vh + 1
    shot(f"kaart-na-tik-{size[0]}x{size[1]}")


def markers(chart: object) -> list[str]:
    """The hidden values a chart drew ("<10", "x"): the dashed slots, as a reader sees them."""
    slots = ("slot", "beter_slot", "slechter_slot")
    return [key for row in chart.drawn for key in slots if row.get(key)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_footnote_on_hidden_figures_sits_right_under_the_chart_that_shows_them(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    """What "<10" and "x" mean, in the panel of the chart with a hidden value, right under its
    last row: not at the page's bottom, under another chart or across both."""
    from kivy.metrics import dp
    from kivy.uix.label import Label

    from tests.kivy_helpers import into_sight

    tablet(lambda repository: fill(repository, aantal=400, tot=TOT))
    window.size = size
    app = make_app(today=lambda: TODAY)
    type_pin(app.screen("lock"), PIN)
    screen = open_monitor(app)
    ids = screen.ids
    uitleg = "<10: over minder dan 10 inwoners"
    charts = [c for c in (ids.gekozen, ids.verandering) if markers(c)]
    assert charts  # the demo's figures hide some values
    for chart in charts:
        naam = "gekozen" if chart is ids.gekozen else "verandering"
        panel = chart.parent
        into_sight(panel)
        notes = [w for w in screen.walk(restrict=True) if isinstance(w, Label) and w.text.startswith(uitleg)
                 and w.opacity > 0 and w.height > 0]
        px, py, pw, ph = window_rect(panel)
        inside = [n for n in notes if px <= window_rect(n)[0] and window_rect(n)[0] + window_rect(n)[2] <= px + pw
                  and py <= window_rect(n)[1] and window_rect(n)[1] + window_rect(n)[3] <= py + ph]
        assert len(inside) == 1, (size, naam, [window_rect(n) for n in notes], (px, py, pw, ph))
        _nx, ny, _nw, nh = window_rect(inside[0])
        lowest = min(chart.to_window(*row["naam"][:2])[1] for row in chart.drawn)  # the last row's name
        gap = lowest - (ny + nh)
        assert 0 <= gap <= dp(40), (size, naam, gap)
        assert inside[0].texture_size[1] <= nh + 1  # whole, not cut
        _vx, vy, _vw, vh = window_rect(ids.page_scroll)
        assert vy <= ny and ny + nh <= vy + vh + 1  # in sight
        shot(f"voetnoot-{naam}-{size[0]}x{size[1]}")
