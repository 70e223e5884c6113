"""Faint text looks as it did when its colour carried the faintness: a greyed button's letters
(one opaque colour now, widgets/textures.over) and the reason under it and the quiet
"Vergrendelen" (faint by opacity). Read from the window's pixels on the inwoner's page, at two
sizes: the darkest pixel of each text is the faint colour over what is behind it."""

from __future__ import annotations

from datetime import date, datetime

import numpy as np
import pytest

from board import Inwoner, Meting
from board.kleuren import TEKST
from tests.kivy_helpers import frames, make_app_fixture, tap, window_fixture, window_pixels  # noqa: F401
from tests.screen_checks import window_crop, window_rect
from tests.screen_helpers import unlocked_app

SIZES = [(800, 600), (1280, 800)]


def _darkest_and_behind(pixels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    flat = pixels.reshape(-1, 3)
    values, counts = np.unique(flat, axis=0, return_counts=True)
    return flat[flat.sum(axis=1).argmin()], values[counts.argmax()]  # the letters' core, the background


def _faint(alpha: float, behind: np.ndarray) -> np.ndarray:
    return alpha * np.array(TEKST) + (1 - alpha) * behind


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_greyed_and_faint_texts_keep_their_shade(make_app: object, window: object, size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 6, 1))
    inwoner = Inwoner.create("D-VAAG", "Stratum")
    app.repository.add_inwoner(inwoner)
    nul = Meting.nulmeting(inwoner.id, date(2026, 3, 2)).choose("geld").place_fiche("geld", "inwoner", 0.4)
    app.repository.add_meting(nul.afronden(datetime(2026, 3, 2, 11)))
    app.show_inwoner(inwoner)
    frames(2)
    tap(app.screen("inwoner").ids.start)  # a vervolgmeting begun: afsluiten is greyed until it is done
    frames(2)
    app._end_visit()
    frames(2)
    app.show_inwoner(inwoner)
    frames(3)
    screen = app.screen("inwoner")
    image = window_pixels()
    greyed = next(w for w in screen.walk() if getattr(w, "text", "") == "Traject afsluiten")
    assert greyed.disabled
    reason = next(w for w in screen.walk() if getattr(w, "text", "").startswith("Kan pas als de meting"))
    lock = next(w for w in screen.walk() if getattr(w, "text", "") == "Vergrendelen")
    for widget, alpha in ((greyed, 0.35), (reason, 0.8), (lock, 0.8)):
        darkest, behind = _darkest_and_behind(window_crop(image, window_rect(widget)).astype(np.int16))
        expected = _faint(alpha, behind)
        assert np.abs(darkest - expected).max() <= 6, (widget.text, darkest, expected, behind)
