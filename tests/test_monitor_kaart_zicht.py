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
