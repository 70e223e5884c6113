"""A planned meting whose day has passed: the inwoner screen says so, in the warning colour
(board.kleuren.WAARSCHUWING), in the running app opened by touches at two window sizes; a
planned day still ahead is said as before, in the text colour. Read from the screen's label
and from the window's pixels."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from board import Inwoner, Meting
from board.kleuren import TEKST, WAARSCHUWING
from tests.kivy_helpers import frames, make_app_fixture, tap, window_fixture, window_pixels  # noqa: F401
from tests.pixels import colour_mask
from tests.screen_helpers import unlocked_app

SIZES = [(1280, 800), (800, 600)]
GEPLAND = date(2026, 3, 3)


def _open(make_app: object, window: object, size: tuple[int, int], today: date) -> object:
    """The app on ``today``, with one inwoner whose 0-meting planned the next for GEPLAND,
    opened from the list by a tap on its row."""
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: today)
    inwoner = Inwoner.create("D-LAAT", "Stratum")
    app.repository.add_inwoner(inwoner)
    meting = (Meting.nulmeting(inwoner.id, date(2025, 12, 3)).choose("geld").place_fiche("geld", "inwoner", 0.4)
              .set_volgende_meting(GEPLAND).afronden(datetime(2025, 12, 3, 11)))
    app.repository.add_meting(meting)
    app.show_list()
    frames(2)
    [rij] = app.screen("inwoners").ids.rows.children
    tap(rij)
    frames(3)
    assert app.current == "inwoner"
    return app


def _pixels_in(label: object, colour: tuple[int, int, int]) -> int:
    image = window_pixels()
    x, y = label.to_window(label.x, label.y)
    box = (round(x), round(image.height - y - label.height), round(x + label.width), round(image.height - y))
    return int(colour_mask(image.crop(box), colour, tolerance=20).sum())


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_an_overdue_planned_meting_is_said_in_the_warning_colour(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    app = _open(make_app, window, size, today=date(2026, 12, 3))
    label = app.screen("inwoner").ids.gepland
    assert label.text == "Volgende meting gepland: 3 maart 2026. Die dag is voorbij."
    assert label.height > 0 and label.opacity == 1
    assert _pixels_in(label, WAARSCHUWING) > 50
    assert _pixels_in(label, TEKST) < 5


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_planned_meting_still_ahead_is_said_plainly(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    app = _open(make_app, window, size, today=date(2026, 3, 3))  # the day itself: not late yet
    label = app.screen("inwoner").ids.gepland
    assert label.text == "Volgende meting gepland: 3 maart 2026."
    assert _pixels_in(label, WAARSCHUWING) < 5
    assert _pixels_in(label, TEKST) > 50
