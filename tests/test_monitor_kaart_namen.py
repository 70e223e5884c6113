"""The monitor's map as an outside walk at 800x600 met it, driven by taps on the running app at
800x600, 1280x800 and 1920x1200 (the demo's Voorbeeldstad): every wijk's name and figure drawn
at MIN_TEXT or more and never over another's (the ink measured from the textures the map
draws), the chosen wijk's outline never through a label (the labels' pixels the same with and
without it), nothing moves under the finger after a tap on a wijk with too few inwoners (a
second tap at the spot aimed before lands on that wijk), Waterhoek (no inwoners) chosen by its
button like any wijk, and what "<10" and "x" mean in sight beside the map."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from board.kaart import midden
from board.passen import MIN_TEXT
from tests.kivy_helpers import PIN, button, drag, frames, into_sight, make_app_fixture, type_pin, window_fixture  # noqa: F401
from tests.screen_checks import window_crop, window_rect
from tests.test_monitor_kaart_screen import in_sight, shot
from tests.test_monitor_screen import open_monitor, tablet  # noqa: F401

TOT, TODAY = date(2026, 2, 27), date(2026, 3, 1)
SIZES = [(800, 600), (1280, 800), (1920, 1200)]


def drawn_lines(kaart: object) -> list[tuple[object, tuple[float, float, float, float]]]:
    """Every text line the map draws: its texture and the box of its ink, in window coordinates."""
    from kivy.graphics import Rectangle

    found = []
    for instruction in kaart.canvas.children:
        texture = getattr(instruction, "texture", None)
        if type(instruction) is not Rectangle or texture is None:  # a label line (not a plate)
            continue
        alpha = np.frombuffer(texture.pixels, dtype=np.uint8).reshape(texture.height, texture.width, 4)[:, :, 3]
        rows, cols = np.where(alpha > 60)
        if not len(rows):
            continue
        x, y = kaart.to_window(*instruction.pos)
        h = instruction.size[1]  # the texture's first row is its top
        found.append((texture, (x + cols.min(), y + h - rows.max() - 1, cols.max() - cols.min() + 1,
                                rows.max() - rows.min() + 1)))
    return found


def overlap(a: tuple, b: tuple) -> bool:
    return min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > 0 and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > 0


def open_map(make_app: object, tablet: object, window: object, size: tuple[int, int]) -> tuple[object, object]:  # noqa: F811
    from tests.test_monitor_kaart_zicht import tap_kaart

    app, screen = tap_kaart(make_app, tablet, window, size)
    into_sight(screen.ids.kaartpaneel)
    frames(2)
    return app, screen


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_map_s_labels_are_readable_and_never_over_each_other(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    from kivy.metrics import dp

    from widgets.textures import label_size

    _app, screen = open_map(make_app, tablet, window, size)
    kaart = screen.ids.kaart
    namen = screen.kaart.namen
    lines = drawn_lines(kaart)
    assert len(lines) == 2 * len(namen), [(t.size, b) for t, b in lines]  # a name and a figure for every wijk
    least = label_size("Waterhoek", round(dp(MIN_TEXT)), bold=True)[1]  # a line's texture at MIN_TEXT
    heights = sorted(texture.height for texture, _box in lines)
    assert heights[0] >= least, (heights, least)
    boxes = [box for _texture, box in lines]
    together = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:] if overlap(a, b)]
    assert together == []
    mx, my, mw, mh = window_rect(kaart)
    assert all(mx <= x and x + w <= mx + mw and my <= y and y + h <= my + mh for x, y, w, h in boxes)
    # Beside the map, in sight with it: what "<10" and "x" mean, and the colours' legend
    page = screen.ids.page_scroll
    assert in_sight(kaart, page) == pytest.approx(kaart.height, abs=1)
    noot = screen.ids.kaartnoot
    assert "<10: over minder dan 10 inwoners" in noot.text and in_sight(noot, page) == pytest.approx(noot.height, abs=1)
    assert noot.texture_size[1] <= noot.height + 1
    legenda = screen.ids.kaartlegenda
    assert len(legenda.children) == len(screen.kaart_beeld.legenda)
    assert in_sight(legenda, page) == pytest.approx(legenda.height, abs=1)
    shot(f"kaart-namen-{size[0]}x{size[1]}")



@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_chosen_wijk_s_outline_runs_under_the_labels(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    """Every label's pixels the same with any wijk chosen (outlined) as with none."""
    from tests.kivy_helpers import window_pixels

    _app, screen = open_map(make_app, tablet, window, size)
    kaart = screen.ids.kaart
    lines = drawn_lines(kaart)
    before = window_pixels()
    for naam in screen.kaart.namen:
        drag([near_the_edge(kaart, naam)])
        frames(2)
        assert screen.gebied == naam and kaart.gekozen == naam
        outlined = window_pixels()
        if naam == "Waterhoek":
            shot(f"kaart-namen-gekozen-{size[0]}x{size[1]}")
        assert [b for _t, b in drawn_lines(kaart)] == [b for _t, b in lines]  # nothing moved
        for _texture, (x, y, w, h) in lines:
            rect = (x - 1, y - 1, w + 2, h + 2)
            assert np.array_equal(window_crop(before, rect), window_crop(outlined, rect)), (naam, x, y, w, h)


@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_second_tap_at_the_same_spot_lands_on_the_wijk_aimed_at(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    """Waterhoek (too few) says so beside the map; the map does not move: a finger that aimed at
    each wijk before the first tap reaches it."""
    _app, screen = open_map(make_app, tablet, window, size)
    kaart = screen.ids.kaart
    shapes = window_shapes(kaart)
    spots = {naam: near_the_edge(kaart, naam) for naam in screen.kaart.namen}
    drag([kaart.to_window(*midden(kaart.vormen["Waterhoek"]))])
    frames(3)
    assert screen.gebied == "Waterhoek" and screen.ids.kaartleeg.text.startswith("Waterhoek: te weinig")
    melding = screen.ids.kaartleeg
    assert melding.texture_size[1] <= melding.height + 1 and in_sight(melding, screen.ids.page_scroll) > 0
    shot(f"kaart-namen-waterhoek-{size[0]}x{size[1]}")
    assert window_shapes(kaart) == pytest.approx(shapes, abs=0.5)  # not a pixel moved
    for naam in ("Stratum", "Gestel", "Waterhoek", "Tongelre", "Strijp", "Woensel-Noord"):
        drag([spots[naam]])
        frames(3)
        assert screen.gebied == naam, (naam, screen.gebied)


def window_shapes(kaart: object) -> list[float]:
    """Every corner of every wijk where the window shows it."""
    return [c for naam in sorted(kaart.vormen) for v in kaart.vormen[naam] for r in v for p in r
            for c in kaart.to_window(*p)]


def near_the_edge(kaart: object, naam: str) -> tuple[float, float]:
    """A spot inside the wijk close to its border (where a map that moves a little sends the
    finger to the neighbour), on no label: in window coordinates."""
    from board.kaart import binnen

    vlakken = kaart.vormen[naam]
    cx, cy = midden(vlakken)
    labels = [e.vak for e in getattr(kaart, "etiketten", {}).values()]
    for x, y in vlakken[0][0]:
        px, py = x + 0.12 * (cx - x), y + 0.12 * (cy - y)
        if binnen(vlakken, px, py) and not any(lx <= px <= lx + w and ly <= py <= ly + h for lx, ly, w, h in labels):
            return kaart.to_window(px, py)
    return kaart.to_window(cx, cy)


@pytest.mark.parametrize("size", SIZES[:2], ids=lambda s: f"{s[0]}x{s[1]}")
def test_waterhoek_has_a_button_like_every_wijk(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    _app, screen = open_map(make_app, tablet, window, size)
    into_sight(screen.ids.kaartknop)
    drag([screen.ids.kaartknop.to_window(*screen.ids.kaartknop.center)])  # the charts again
    frames(3)
    wijken = [k.text for k in reversed(screen.ids.wijken.children)]
    assert wijken[:7] == ["Alle wijken", "Gestel", "Stratum", "Strijp", "Tongelre", "Waterhoek", "Woensel-Noord"]
    knop = button(screen.ids.wijken, "Waterhoek")
    into_sight(knop)
    drag([knop.to_window(*knop.center)])
    frames(3)
    assert screen.gebied == "Waterhoek" and knop.selected and screen.leeg
    assert [k.text for k in screen.ids.wijken.children if k.selected] == ["Waterhoek"]
    bericht = screen.ids.bericht  # its too-few view, as for any wijk with too few
    assert bericht.text == "Waterhoek: te weinig inwoners om iets te laten zien." and bericht.parent.parent.opacity == 1
    into_sight(screen.ids.kaartknop)
    drag([screen.ids.kaartknop.to_window(*screen.ids.kaartknop.center)])  # on the map: chosen, outlined
    frames(3)
    assert screen.ids.kaart.gekozen == "Waterhoek" and knop.selected
