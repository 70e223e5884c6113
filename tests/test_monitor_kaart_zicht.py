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


def tap_kaart(make_app: object, tablet: object, window: object, size: tuple[int, int]) -> tuple[object, object]:  # noqa: F811
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
    return app, screen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_kaart_button_brings_the_whole_map_into_sight(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    _app, screen = tap_kaart(make_app, tablet, window, size)
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


def outline_points(kaart: object, naam: str, step: float = 2.0) -> list[tuple[float, float]]:
    """Points along every ring of a wijk's outline, ``step`` px apart, in window coordinates."""
    import math

    found = []
    for ring in (r for v in kaart.vormen[naam] for r in v):
        for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
            n = max(1, math.ceil(math.hypot(x2 - x1, y2 - y1) / step))
            found += [kaart.to_window(x1 + (x2 - x1) * i / n, y1 + (y2 - y1) * i / n) for i in range(n)]
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_chosen_wijk_s_outline_is_whole_no_plate_over_it(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    """Each wijk whose label lies on a plate (Waterhoek: too small for it), tapped: along its
    whole outline the window shows the outline's dark colour, nowhere its plate's white. On the
    wider window no plate lies over any wijk's outline: every wijk tapped in turn."""
    from board.kleuren import TEKST
    from tests.kivy_helpers import window_pixels
    from tests.test_monitor_kaart_namen import near_the_edge

    _app, screen = tap_kaart(make_app, tablet, window, size)
    kaart = screen.ids.kaart
    assert any(not e.binnen for e in kaart.etiketten.values())  # some label is on a plate
    op_plaat = sorted((n for n, e in kaart.etiketten.items() if not e.binnen), key=lambda n: n != "Waterhoek")
    assert "Waterhoek" in op_plaat
    namen = screen.kaart.namen if size[0] >= 1280 else op_plaat
    for naam in namen:
        drag([near_the_edge(kaart, naam)])
        frames(3)
        assert screen.gebied == naam and kaart.gekozen == naam
        image = window_pixels()
        if naam == "Waterhoek":
            shot(f"kaart-waterhoek-rand-{size[0]}x{size[1]}")
        points = outline_points(kaart, naam)
        off = []
        for x, y in points:
            pixel = image.getpixel((min(image.width - 1, round(x)), image.height - 1 - min(image.height - 1, round(y))))
            if any(abs(a - b) > 40 for a, b in zip(pixel[:3], TEKST, strict=True)):
                off.append(((round(x), round(y)), pixel[:3]))
        assert off == [], (size, naam, len(off), len(points), off[:5])
