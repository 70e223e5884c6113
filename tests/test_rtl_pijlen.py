"""The arrows and chevrons joined with a button's text, as the inwoner sees them on the running
app (issue 17: a new user reported the Arabic navigation chevrons pointing the wrong way).
Read from the window's pixels: where the sign is drawn beside its word and which way it points.
For an Arabic reader "verder" (Doelen, Afronden) stands at the left of the word and points
left, "terug" (Bord, Doelen) at the right and points right; in Dutch the other way round.
The rule is board/taal.met_pijl; the bidi path is board/schrift.py."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from board import schrift
from board.taal import met_pijl
from tests.kivy_helpers import (  # noqa: F401
    frames,
    make_app_fixture,
    tap,
    window_fixture,
    window_pixels,
)
from tests.pixels import column_runs
from tests.screen_checks import window_crop, window_rect
from tests.screen_helpers import visit_in_taal

TODAY = date(2026, 3, 2)
SIZES = [(800, 600), (1280, 800)]


def _ink(widget: object, window: object) -> np.ndarray:
    """The text's ink inside ``widget`` on the screen (a mask, top row first): pixels far from
    the button's own colour, a few px inside its border."""
    box = window_crop(window_pixels().convert("L"), window_rect(widget)).astype(int)[4:-4, 4:-4]
    background = int(np.median(box))
    return np.abs(box - background) > 90


def points(mask: np.ndarray) -> str:
    """Which way a chevron's ink points: its middle rows lie further out than its top and bottom."""
    rows = [(y, np.where(mask[y])[0].mean()) for y in range(mask.shape[0]) if mask[y].any()]
    n = len(rows)
    assert n >= 5, "too few rows of ink for a chevron"
    middle = np.mean([x for _y, x in rows[n // 3:2 * n // 3 + 1]])
    ends = np.mean([x for _y, x in rows[:max(1, n // 6)] + rows[-max(1, n // 6):]])
    assert abs(middle - ends) >= 0.5, (middle, ends)
    return "left" if middle < ends else "right"


def _sign(widget: object, window: object, widest: float) -> tuple[str, np.ndarray]:
    """(the side of the word the sign is drawn on, the sign's ink): the sign is the narrow group
    of ink at one end (at most ``widest`` em wide; a word is much wider)."""
    ink = _ink(widget, window)
    font = widget.font_size
    groups = column_runs(ink.any(axis=0), gap=max(3, round(font * 0.3)))  # the two no-break spaces: ~0.5 em
    assert len(groups) >= 2, (widget.text, groups)
    first, last = groups[0], groups[-1]
    narrow = [g for g in (first, last) if g[1] - g[0] + 1 < font * widest]
    assert len(narrow) == 1, (widget.text, groups, font)
    sign = narrow[0]
    return ("left" if sign == first else "right"), ink[:, sign[0]:sign[1] + 1]


def sign_of(widget: object, window: object) -> tuple[str, str]:
    """(the side of the word the chevron is drawn on, the way it points), from the pixels."""
    side, ink = _sign(widget, window, 0.45)  # a chevron is ~0.3 em wide
    return side, points(ink)


def _board_nav(app: object) -> object:
    return app.screen("bord").ids_nav["doelen"]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(("taal", "on", "back"), [("ar", "left", "right"), ("nl", "right", "left")])
def test_the_way_on_and_the_way_back_point_the_readers_way(make_app: object, window: object, size: tuple[int, int],
                                                           taal: str, on: str, back: str) -> None:
    app = visit_in_taal(make_app, window, size, taal, TODAY)
    frames(2)
    assert sign_of(_board_nav(app), window) == (on, on), "Doelen on the board"
    undo = app.screen("bord").board_screen.ids.undo
    assert not undo.disabled
    assert _sign(undo, window, 1.0)[0] == back, "the undo arrow at the reading start"  # its glyph: test_taal_screen
    tap(_board_nav(app))
    frames(3)
    doelen = app.screen("doelen")
    assert app.current == "doelen"
    assert sign_of(doelen.ids.next, window) == (on, on), "Afronden on the doelen screen"
    assert sign_of(doelen.ids.back, window) == (back, back), "Bord on the doelen screen"
    tap(doelen.ids.next)
    frames(3)
    assert app.current == "afronden"
    assert sign_of(app.screen("afronden").ids.back, window) == (back, back), "Doelen on the afronden screen"


def test_the_check_sees_a_chevron_pointing_the_wrong_way(make_app: object, window: object) -> None:
    """The pixel check can fail: the same Arabic button with its sign not mirrored (as a
    renderer without the bidi algorithm's mirroring would draw it) is caught."""
    app = visit_in_taal(make_app, window, (1280, 800), "ar", TODAY)
    knop = _board_nav(app)
    right = sign_of(knop, window)
    word = schrift.visual(app.screen("bord").board_screen.tr.pgettext("inwoner", "Doelen"))
    knop.text = f"\u203a\u00a0\u00a0{word}"  # at the left, pointing right: inward
    frames(2)
    assert right == ("left", "left")
    assert sign_of(knop, window) == ("left", "right")


@pytest.mark.parametrize("rtl", [False, True])
def test_every_sign_is_at_the_reading_end_or_start_and_never_wraps_alone(rtl: bool) -> None:
    """The rule alone: drawn by the bidi path, the sign lands where the reader looks for it and
    is bound to its word by no-break spaces (a line of its own would not be mirrored)."""
    word = "\u0627\u0644\u0644\u0648\u062d\u0629" if rtl else "Bord"
    drawn = {pijl: schrift.visual(met_pijl(word, pijl, rtl)) for pijl in ("verder", "terug", "ongedaan", "opnieuw")}
    if rtl:
        assert drawn["verder"][0] == "\u2039" and drawn["terug"][-1] == "\u203a"  # "verder" left, "terug" right
        assert drawn["ongedaan"][-1] == "\u21b7" and drawn["opnieuw"][0] == "\u21b6"
    else:
        assert drawn["verder"][-1] == "\u203a" and drawn["terug"][0] == "\u2039"
        assert drawn["ongedaan"][0] == "\u21b6" and drawn["opnieuw"][-1] == "\u21b7"
    for pijl in drawn:
        assert schrift.wrap(met_pijl(word, pijl, rtl), 1, len) == [met_pijl(word, pijl, rtl)]
