"""The history's boards one above the other (800x600 with five leefgebieden, 1280x800 with
thirteen), pushed up by a finger: every board in sight shows which meting it is, its caption
held at the top of the view while the board scrolls under it (an outside walk lost the heading
of the board in sight). Read from the labels drawn in the view and their ink on the screen."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from tests.kivy_helpers import frames, make_app_fixture, run_clock, window_fixture, window_pixels  # noqa: F401
from tests.screen_checks import window_crop, window_rect
from tests.screen_helpers import history_in_taal

KEYS = ["wonen", "huishouden", "geld", "werk", "leren", "dagbesteding", "sociale_contacten", "gezin",
        "lichamelijke_gezondheid", "geestelijke_gezondheid", "persoonlijke_verzorging", "verslaving", "zingeving"]
CASES = {(800, 600): 5, (1280, 800): 13}
DATES = [date(2026, 3, 2), date(2026, 9, 1)]
CAPTIONS = ["0-meting · 2 maart 2026", "vervolgmeting 1 · 1 september 2026"]


def headings_in_sight(screen: object) -> dict[str, bool]:
    """For each board with more than a caption's height of it in the view: its caption, and
    whether a label with those words is drawn (with ink) in the view, above the part of that
    board that is in sight."""
    from kivy.uix.label import Label

    frames(2)
    image = window_pixels()
    scroll = screen.ids.boards_scroll
    _vx, view_bottom, _vw, view_high = window_rect(scroll)
    view_top = view_bottom + view_high
    labels = [w for w in screen.walk(restrict=True) if isinstance(w, Label) and w.opacity > 0 and w.text.strip()]
    found = {}
    for column in reversed(screen.ids.boards.children):
        caption = column.children[-1].text
        _bx, board_bottom, _bw, board_high = window_rect(column.board)
        seen_top = min(board_bottom + board_high, view_top)
        if seen_top - max(board_bottom, view_bottom) <= column.children[-1].height:
            continue  # (almost) out of sight
        drawn = False
        for label in labels:
            x, y, w, h = window_rect(label)
            # In the view, its top at or above the top of what is in sight of the board (held over
            # the board's top, or standing above it).
            if label.text != caption or y < view_bottom - 1 or y + h > view_top + 1 or y + h < seen_top - 1:
                continue
            drawn = drawn or int((np.asarray(window_crop(image, (x, y, w, h))).max(axis=2) < 120).sum()) > 40
        found[caption] = drawn
    return found


def push(screen: object, share: float) -> None:
    """A finger pushes the boards up by ``share`` of the view's height, slowly, and holds still
    before it lifts (no glide after)."""
    import time

    from kivy.metrics import dp

    from tests.kivy_helpers import touch_down

    scroll = screen.ids.boards_scroll
    x, bottom, w, high = window_rect(scroll)
    start = bottom + high * 0.15
    touch = touch_down(x + w / 2, start)
    touch.touch_move(x + w / 2, start + dp(24))  # past Kivy's scroll distance at once, as a finger is
    frames(1)
    for i in range(1, 11):
        time.sleep(0.02)
        touch.touch_move(x + w / 2, start + dp(24) + high * share * i / 10)
        frames(1)
    time.sleep(0.2)
    frames(2)
    touch.touch_up()
    run_clock(1.5, 0.05)  # whatever glide or bounce there is plays out


@pytest.mark.parametrize("size", list(CASES), ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_board_in_sight_says_which_meting_it_is(make_app: object, window: object, size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = history_in_taal(make_app, "nl", KEYS[:CASES[size]], DATES)
    screen = app.screen("geschiedenis")
    frames(3)
    assert screen.stacked, "the boards side by side: nothing scrolls at this size"
    assert [c.children[-1].text for c in reversed(screen.ids.boards.children)] == CAPTIONS
    assert headings_in_sight(screen)[CAPTIONS[0]]  # at the top: the first board under its own caption
    scroll = screen.ids.boards_scroll
    seen: list[dict[str, bool]] = []
    first = screen.ids.boards.children[-1]
    held = 0  # steps at which the first board was in sight, its own caption pushed out of the view
    for _step in range(12):
        before = scroll.scroll_y
        push(screen, 0.12)
        assert scroll.scroll_y < before or scroll.scroll_y <= 0.001, "the finger did not scroll the boards"
        seen.append(headings_in_sight(screen))
        _cx, cy, _cw, ch = window_rect(first.children[-1])
        held += CAPTIONS[0] in seen[-1] and cy + ch > sum(window_rect(scroll)[1::2]) + 1
        if scroll.scroll_y <= 0.001:
            break
    missing = [(step, caption) for step, found in enumerate(seen) for caption, drawn in found.items() if not drawn]
    assert missing == [], f"a board in sight without its heading: {missing}"
    assert held >= 1, "the first board's caption never left the view: nothing was tested"
    assert CAPTIONS[1] in seen[-1], seen
