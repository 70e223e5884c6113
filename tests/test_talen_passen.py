"""Long words in every language stay inside their boxes (issue 17): Ukrainian and Polish
words are long, columns at 800x600 and 800x1280 are narrow. For each language, every Label
of each screen the inwoner sees (the board's side panel, the prompt card, the doelen screen
and its editor, afronden) is walked in the running app: its texture is no wider than the
label, and no word is wider than the width the label wraps at (Kivy would break it inside
the word). The kaartjes in the tray are drawn on a canvas: their name textures are checked
against the room the card gives them, for both sets and every leefgebied."""

from __future__ import annotations

from datetime import date

import pytest

from board.leefgebieden import available_sets, load_set
from board.taal import TALEN
from tests.kivy_helpers import (  # noqa: F401
    app_with_inwoner,
    choose_taal,
    frames,
    make_app_fixture,
    tap,
    window_fixture,
)
from tests.screen_checks import overflowing

CODES = [t.code for t in TALEN]


def _board(make_app: object, window: object, size: tuple[int, int]) -> object:
    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-PAS", today=lambda: date(2026, 3, 2))
    tap(app.screen("inwoner").ids.start)
    for key in ("geld", "geestelijke_gezondheid", "alcohol_drugs_gamen_gokken", "dagbesteding"):
        if key in app.live.meting.leefgebieden.keys:
            app.live.apply(lambda m, k=key: m.choose(k).place_fiche(k, "inwoner", 0.5))
    frames(3)
    return app



def _inside(inner: tuple, outer: tuple) -> bool:
    x, y, w, h = inner
    ox, oy, ow, oh = outer
    return x >= ox - 0.5 and y >= oy - 0.5 and x + w <= ox + ow + 0.5 and y + h <= oy + oh + 0.5


def _cards(app: object, code: str) -> list[str]:
    """The tray's kaartjes as drawn (every page), and every leefgebied of every set drawn on a
    card of the same size: the name stays on its card and no word wider than the name's room."""
    from kivy.graphics import Canvas
    from kivy.metrics import dp

    from board.taal import vertaler
    from widgets.kaartje import draw_card

    tray = app.screen("bord").board_screen.tray
    found, seen = [], set()
    for page in range(4):
        tray.page = page
        frames(2)
        for card in tray.cards:
            if card.key in tray.name_rects and card.key not in seen:
                seen.add(card.key)
                if not _inside(tray.name_rects[card.key], card.rect):
                    found.append(f"kaartje {card.key}: {tray.name_rects[card.key]} outside {card.rect}")
    tray.page = 0
    frames(2)
    assert seen, "no kaartjes drawn"
    rect = tray.cards[0].rect
    unit = dp(1) * tray.scale
    for naam in available_sets():
        for leefgebied in load_set(naam).leefgebieden:
            with Canvas():
                drawn = draw_card(leefgebied, rect, unit, vertaler(code))
            if not _inside(drawn, rect):
                found.append(f"kaartje {naam}/{leefgebied.key} {leefgebied.naam_in(code)!r}: {drawn} outside {rect}")
    return found


def _problems(app: object, code: str) -> list[str]:
    found = [f"bord: {p}" for p in overflowing(app.screen("bord"))] + _cards(app, code)
    first = app.live.meting.gekozen[0]

    def look(name: str, view: object, close: bool = False) -> None:
        frames(3)
        found.extend(f"{name}: {p}" for p in overflowing(view))
        if close:
            view.dismiss(animation=False)

    look("vragen", app.screen("bord").board_screen.show_vragen(first), close=True)
    app.show_meting_step("doelen")
    look("doelen", app.screen("doelen"))
    look("editor", app.screen("doelen").edit(first), close=True)
    app.show_meting_step("afronden")
    look("afronden", app.screen("afronden"))
    app.show_meting_step("bord")
    frames(2)
    return [f"{code} {p}" for p in found]


@pytest.mark.parametrize("size", [(800, 600), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_label_of_the_inwoners_screens_runs_out_of_its_box(make_app: object, window: object,
                                                              size: tuple[int, int]) -> None:
    app = _board(make_app, window, size)
    problems: list[str] = []
    for code in CODES:
        choose_taal(app, code)
        assert app.screen("bord").board_screen.tr.code == code
        problems += _problems(app, code)
    assert problems == [], "\n".join(problems)


def _card_pixels(leefgebied: object, rect: tuple, unit: float, code: str) -> tuple[object, tuple]:
    """One kaartje drawn as the tray draws it, read back as pixels (RGB, row 0 at the bottom),
    and where its name went (relative to the card)."""
    import numpy as np
    from kivy.graphics import ClearBuffers, ClearColor, Fbo

    from board.taal import vertaler
    from widgets.kaartje import draw_card

    w, h = round(rect[2]), round(rect[3])
    fbo = Fbo(size=(w, h))
    with fbo:
        ClearColor(1, 1, 1, 1)
        ClearBuffers()
        drawn = draw_card(leefgebied, (0, 2 * unit, w, h - 2 * unit), unit, vertaler(code))
    fbo.draw()
    pixels = np.frombuffer(fbo.pixels, np.uint8).reshape(h, w, 4)[..., :3].astype(int)
    return pixels, drawn


def ink(text: str, font: int, width: int, line_height: float) -> int:
    """How much ink the name's texture holds (the sum of its alpha): less where a glyph is cut."""
    import numpy as np

    from widgets.textures import label_texture

    texture = label_texture(text, font, width, line_height=line_height)
    return int(np.frombuffer(texture.pixels, np.uint8)[3::4].astype(int).sum())


@pytest.mark.parametrize("size", [(800, 600), (1280, 800), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_kaartje_shows_its_pictogram_and_its_whole_name(make_app: object, window: object,
                                                                size: tuple[int, int]) -> None:
    """A new user found "Alcohol, drugs, gamen en gokken" without its pictogram at 1280x800:
    every kaartje of both sets, in Dutch, Arabic and Tigrinya, has its pictogram (at least
    24 dp, pixels other than the white card where it goes) beside its name, and its name on the
    card, away from the pictogram, with no glyph cut by closer lines."""
    from kivy.metrics import dp

    from widgets.kaartje import MIN_CARD_FONT, card_text_layout

    app = _board(make_app, window, size)
    tray = app.screen("bord").board_screen.tray
    rect = tray.cards[0].rect
    unit = dp(1) * tray.scale
    found = []
    for code in ("nl", "ar", "ti"):
        for naam in available_sets():
            for leefgebied in load_set(naam).leefgebieden:
                name = leefgebied.naam_in(code)
                font, picto, pad, line_height = card_text_layout(name, rect[2], rect[3] - 2 * unit, unit)
                assert font >= round(MIN_CARD_FONT * unit)
                pixels, drawn = _card_pixels(leefgebied, rect, unit, code)
                x0 = round(pad) if code != "ar" else round(rect[2] - pad - picto)
                y0 = round(2 * unit + (rect[3] - 2 * unit - picto) / 2)
                spot = pixels[y0 + 1:y0 + round(picto) - 1, x0 + 1:x0 + round(picto) - 1]
                drawn_px = (spot.min(axis=2) < 230).sum()  # not the white card
                if picto < 24 * unit - 0.5 or drawn_px < picto * picto * 0.08:
                    found.append(f"{code} {naam}/{leefgebied.key} {name!r}: pictogram {picto:.0f} px, "
                                 f"{drawn_px} pixels drawn")
                if not _inside(drawn, (0, 0, rect[2], rect[3])) or (
                        drawn[0] < x0 + picto and drawn[0] + drawn[2] > x0):
                    found.append(f"{code} {naam}/{leefgebied.key} {name!r}: name at {drawn}, pictogram at {x0}")
                room = round(rect[2] - 3 * pad - picto)
                if ink(name, font, room, line_height) < ink(name, font, room, 1.0) * 0.995:
                    found.append(f"{code} {naam}/{leefgebied.key} {name!r}: glyphs cut at line height {line_height}")
    assert found == [], "\n".join(found)
