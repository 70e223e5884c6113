"""The language list opened from the board by a tap, at 800x600 and 1280x800: it has a title
like the app's other dialogs (an outside walk found none), in the inwoner's language, and beneath
it what the list is in the professional's words; the tiles stay below it, big enough to tap."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from tests.kivy_helpers import frames, make_app_fixture, tap, window_fixture, window_pixels  # noqa: F401
from tests.screen_checks import covered, overflowing, small_targets, window_crop, window_rect
from tests.screen_helpers import start_visit, unlocked_app

SIZES = [(800, 600), (1280, 800)]
DUTCH = "Taal van de inwoner: het bord, de doelen en het koelkastblad"


def open_list(app: object, window: object) -> object:
    tap(app.screen("bord").ids_nav["taal"])
    frames(3)
    return next(w for w in window.children if type(w).__name__ == "TaalKiezer")


def words_above_tiles(kiezer: object) -> list[object]:
    """The labels in the card above its language tiles, top first, each with ink on the screen."""
    from kivy.uix.behaviors import ButtonBehavior
    from kivy.uix.label import Label

    image = window_pixels()
    tiles_top = max(window_rect(k)[1] + window_rect(k)[3] for k in kiezer.knoppen.values())
    _cx, card_y, _cw, card_h = window_rect(kiezer.children[0])
    found = []
    for label in kiezer.walk(restrict=True):
        if not isinstance(label, Label) or isinstance(label, ButtonBehavior) or not label.text.strip():
            continue
        x, y, w, h = window_rect(label)
        assert y >= tiles_top - 1 and y + h <= card_y + card_h + 1, (label.text, y, tiles_top)
        ink = (np.asarray(window_crop(image, (x, y, w, h))).max(axis=2) < 140).sum()
        assert ink > 30, f"{label.text!r} is not drawn"
        found.append(label)
    return sorted(found, key=lambda label: -window_rect(label)[1])


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_language_list_has_a_title_in_both_words(make_app: object, window: object,
                                                      size: tuple[int, int]) -> None:
    from kivy.metrics import dp

    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 3, 2))
    start_visit(app)
    kiezer = open_list(app, window)
    titel, dutch = words_above_tiles(kiezer)
    assert (titel.text, dutch.text) == ("Kies je taal", DUTCH)
    assert titel.font_size > dutch.font_size >= dp(14)
    assert overflowing(kiezer) == [] and small_targets(kiezer) == [] and covered(kiezer) == []
    assert min(k.height for k in kiezer.knoppen.values()) >= dp(48)

    tap(kiezer.knoppen["uk"])  # the inwoner chooses Ukrainian; the list opened again says it in theirs
    assert app.inwoner.taal == "uk"
    kiezer = open_list(app, window)
    titel, dutch = words_above_tiles(kiezer)
    assert (titel.text, dutch.text) == ("Обери свою мову", DUTCH)
    assert overflowing(kiezer) == [] and small_targets(kiezer) == []

    tap(kiezer.knoppen["ar"])  # right to left: the title flush right, in the inwoner's script
    kiezer = open_list(app, window)
    titel, dutch = words_above_tiles(kiezer)
    assert dutch.halign == "left"  # a Dutch sentence flush left, by its own script
    assert titel.halign == "right" and any("\u0600" <= c <= "\u06ff" or "\ufe70" <= c <= "\ufeff" for c in titel.text)
    kiezer.dismiss(animation=False)
