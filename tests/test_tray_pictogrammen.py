"""The pictograms on the tray's kaartjes have one size, as their names do: an outside walk saw
the dice on "Alcohol, drugs, gamen en gokken" at about 22 px beside the scales on "Politie en
justitie" at about 40 px on one page (a pictogram shrank with its name's lines). The size is
one over the whole set (it stays while pages are turned), never below 24 dp. A new visit's tray
at 800x600 and 1280x800, in Dutch and in Ukrainian, every page turned by a tap on "Meer
kaartjes"; the sizes are read from the Rectangles drawn on the tray's canvas."""

from __future__ import annotations

from datetime import date

import pytest
from kivy.graphics import Canvas, InstructionGroup, Rectangle, Translate
from kivy.metrics import dp

from tests.kivy_helpers import (  # noqa: F401
    app_with_inwoner,
    choose_taal,
    frames,
    make_app_fixture,
    tap,
    touch_down,
    window_fixture,
)
from widgets.textures import pictogram_texture
from widgets.tray import MORE

SIZES = [(800, 600), (1280, 800)]


def _pictograms(tray: object, textures: dict[object, str]) -> dict[str, tuple[float, float, float, float]]:
    """Each pictogram drawn on the tray now, by its leefgebied: (x, y, w, h) in the tray's
    coordinates (each kaartje is drawn at the origin and put in place by a Translate)."""
    found: dict[str, tuple[float, float, float, float]] = {}

    def walk(group: object, dx: float, dy: float) -> None:
        for instruction in group.children:
            if isinstance(instruction, Translate):
                dx, dy = dx + instruction.x, dy + instruction.y
            elif isinstance(instruction, Rectangle) and instruction.texture in textures:
                x, y = instruction.pos
                found[textures[instruction.texture]] = (x + dx, y + dy, *instruction.size)
            elif isinstance(instruction, (Canvas, InstructionGroup)):
                walk(instruction, dx, dy)

    walk(tray.canvas, 0.0, 0.0)
    return found


@pytest.mark.parametrize("taal", ["nl", "uk"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_pictogram_in_the_tray_is_drawn_at_one_size(make_app: object, window: object,
                                                          size: tuple[int, int], taal: str) -> None:
    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-PICTO", today=lambda: date(2026, 11, 23))
    tap(app.screen("inwoner").ids.start)
    frames(2)
    if taal != "nl":
        choose_taal(app, taal)
    bord = app.screen("bord").board_screen
    tray = bord.tray
    leefgebieden = bord.live.meting.leefgebieden
    textures = {pictogram_texture(leefgebieden[k].pictogram_path): k for k in leefgebieden.keys}
    least = 24 * dp(1) * tray.scale
    pages, seen, sizes = [], set(), {}
    for _page in range(8):
        keys = tuple(c.key for c in tray.cards if c.key != MORE)
        if keys in pages:
            break
        pages.append(keys)
        drawn = _pictograms(tray, textures)
        for card in tray.cards:
            if card.key == MORE:
                continue
            assert card.key in drawn, f"no pictogram on {card.key} at {size} in {taal}"
            px, py, pw, ph = drawn[card.key]
            x, y, w, h = card.rect
            assert x - 0.5 <= px and px + pw <= x + w + 0.5 and y - 0.5 <= py and py + ph <= y + h + 0.5, card.key
            assert pw == pytest.approx(ph) and pw >= least - 0.5, (card.key, pw, least)
            sizes[card.key] = round(pw, 1)
        on_page = {k: sizes[k] for k in keys}
        assert len(set(on_page.values())) == 1, f"page {len(pages)} at {size} in {taal}: {on_page}"
        seen |= set(keys)
        more = next((c for c in tray.cards if c.key == MORE), None)
        if more is None:
            break
        touch_down(*tray.to_window(more.rect[0] + more.rect[2] / 2, more.rect[1] + more.rect[3] / 2)).touch_up()
        frames(2)
    assert seen == set(leefgebieden.keys)  # every kaartje was on a page looked at
    assert len(pages) > 1 or size != (800, 600)  # at 800x600 the pages were turned by taps
    print(size, taal, "pages", len(pages), "pictogram sizes", sorted(set(sizes.values())))
