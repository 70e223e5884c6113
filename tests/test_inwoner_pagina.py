"""One inwoner's page, reached by taps from the list, at 800x600 and 1280x800: it opens at its
top every time, also after another inwoner's page was pushed down by a finger (an outside walk
found it opened scrolled); a button that is off says why beside it (an outside walk found
"Traject afsluiten" greyed without a reason)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import drag, frames, make_app_fixture, run_clock, tap, window_fixture  # noqa: F401
from tests.screen_checks import window_rect
from tests.screen_helpers import open_inwoner, unlocked_app

SIZES = [(800, 600), (1280, 800)]
TODAY = date(2026, 11, 23)


def page_top_in_sight(screen: object) -> bool:
    """The page's own title, whole, under the top bar: the page is at its top."""
    frames(1)
    scroll = screen.ids.page_scroll
    _sx, sy = scroll.to_window(scroll.x, scroll.y)
    _x, y, _w, h = window_rect(screen.ids.page_title)
    return scroll.scroll_y >= 0.999 and y + h <= sy + scroll.height + 1 and y >= sy - 1


def push_page_up(screen: object) -> None:
    """A finger drags the page up from its lower part, as to read its end."""
    frames(1)
    scroll = screen.ids.page_scroll
    x, y = scroll.to_window(scroll.center_x, scroll.y + scroll.height * 0.2)
    drag([(x, y + dy) for dy in range(0, 400, 20)])
    run_clock(2.0, 0.05)  # the glide and the bounce play out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_inwoners_page_opens_at_its_top(make_app: object, window: object, size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, today=lambda: TODAY)
    # WT-2025-01012: a long page (a vervolgmeting due, its date passed); WT-2024-01021 another.
    first = open_inwoner(app, "WT-2025-01012")
    assert page_top_in_sight(first)
    first.ids.page.height += 400  # a page longer than any window: there is always something to push
    frames(2)
    push_page_up(first)
    assert first.ids.page_scroll.scroll_y < 0.9, "the finger did not scroll the page"
    tap(first.ids.back)
    frames(2)
    second = open_inwoner(app, "WT-2024-01021")
    assert page_top_in_sight(second), f"scroll_y {second.ids.page_scroll.scroll_y:.2f}"
    tap(second.ids.back)
    again = open_inwoner(app, "WT-2025-01012")
    assert page_top_in_sight(again), f"scroll_y {again.ids.page_scroll.scroll_y:.2f}"
