"""Texts inside their buttons, with room around them, in every language and at every size: the
language list ("Oekraïens" touched its tile's border at 800x600) and the evaluation of last
time's doelen ("Досягнуто частково" made its button taller than the other three). Driven by
touches, read from the window's pixels."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from board import Inwoner, Meting
from tests.kivy_helpers import choose_taal, frames, make_app_fixture, tap, window_fixture, window_pixels  # noqa: F401
from tests.screen_helpers import unlocked_app

SIZES = [(800, 600), (1280, 800), (800, 1280)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def _text_box(image: object, rect: tuple[float, float, float, float]) -> tuple[int, int, int, int] | None:
    """The box (left, top, right, bottom, from the button's own top left) of the dark text
    pixels inside ``rect`` (window coordinates, y up), or None."""
    import numpy as np

    from tests.pixels import grey_mask

    x, y, w, h = rect
    crop = image.crop((round(x), round(image.height - y - h), round(x + w), round(image.height - y)))
    mask = grey_mask(crop, 0, 150, spread=14)
    rows, cols = np.nonzero(mask)
    if not len(rows):
        return None
    return int(cols.min()), int(rows.min()), int(crop.width - 1 - cols.max()), int(crop.height - 1 - rows.max())


def _rect(widget: object) -> tuple[float, float, float, float]:
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, widget.width, widget.height


def _margins_ok(image: object, knop: object, least: float) -> tuple[int, int, int, int]:
    box = _text_box(image, _rect(knop))
    assert box is not None, f"no text drawn in {knop.text!r}"
    assert min(box) >= least, (knop.text, box, least)
    return box


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_every_language_tile_keeps_its_names_clear_of_its_border(make_app: object, window: object,
                                                                 size: tuple[int, int]) -> None:
    from kivy.metrics import dp

    from board.passen import MIN_TEXT, TEXT_PAD
    from tests.screen_helpers import start_visit

    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 3, 2))
    start_visit(app)
    bord = app.screen("bord")
    tap(bord.ids_nav["taal"])  # the language list, as the inwoner opens it
    frames(3)
    kiezer = next(w for w in window.children if type(w).__name__ == "TaalKiezer")
    image = window_pixels()
    heights = {round(k.height) for k in kiezer.knoppen.values()}
    assert len(heights) == 1  # one size for every tile
    for code, knop in kiezer.knoppen.items():
        _margins_ok(image, knop, dp(TEXT_PAD) - 2)  # the text TEXT_PAD clear of the border (antialiasing aside)
        assert knop.font_size >= dp(18) - 0.5, code  # the language's own name stays big
        assert f"[size={round(max(dp(MIN_TEXT), knop.font_size / 2))}]" in knop.text  # the Dutch name readable
    tap(kiezer.knoppen["uk"])  # and the list still chooses
    assert app.inwoner.taal == "uk"


def _vervolg_with_doelen(app: object) -> None:
    """An inwoner whose 0-meting set two doelen; the vervolgmeting is opened by touches."""
    inwoner = Inwoner.create("D-EVAL", "Stratum")
    app.repository.add_inwoner(inwoner)
    nul = Meting.nulmeting(inwoner.id, date(2025, 9, 1))
    nul = nul.choose("geld").place_fiche("geld", "inwoner", 0.3).choose("wonen").place_fiche("wonen", "inwoner", 0.6)
    nul = nul.add_doel("geld", "Brieven op één plek", date(2025, 12, 1))
    nul = nul.add_doel("wonen", "Een rustige woning", date(2026, 1, 1))
    app.repository.add_meting(nul.afronden(datetime(2025, 9, 1, 11)))
    app.show_inwoner(app.repository.find_inwoner("D-EVAL"))
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord"


@pytest.mark.parametrize("taal", ["uk", "pl", "nl"])
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_evaluation_buttons_of_a_row_are_one_height_with_room_around_their_texts(
    make_app: object, window: object, size: tuple[int, int], taal: str
) -> None:
    from kivy.metrics import dp

    from board.passen import TEXT_PAD
    from tests.kivy_helpers import into_sight

    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 3, 2))
    _vervolg_with_doelen(app)
    choose_taal(app, taal)
    tap(app.screen("bord").ids_nav["doelen"])
    frames(3)
    assert app.current == "doelen"
    screen = app.screen("doelen")
    knoppen = [w for w in screen.walk() if hasattr(w, "evaluatie")]
    assert len(knoppen) == 8  # four per doel of last time
    tap(knoppen[1])  # "Deels behaald" chosen: its text turns bold, the row stays as it is
    frames(3)
    knoppen = [w for w in screen.walk() if hasattr(w, "evaluatie")]
    rows = {}
    for knop in knoppen:
        rows.setdefault(id(knop.parent), []).append(knop)
    assert len(rows) == 2
    for row in rows.values():
        into_sight(row[0])
        frames(2)
        image = window_pixels()
        heights = [k.height for k in row]
        assert max(heights) - min(heights) < 0.5, (taal, [(k.text, k.height) for k in row])
        assert min(heights) >= dp(48) - 0.5
        tops = {round(k.to_window(k.x, k.top)[1]) for k in row}
        assert len(tops) == 1  # in one line
        for knop in row:
            _margins_ok(image, knop, dp(TEXT_PAD) - 2)
    stored = app.repository.current_concept(app.inwoner.id)
    assert sorted(d.evaluatie.value for d in stored.doelen if d.evaluatie) == ["deels behaald"]
