"""One inwoner's page, reached by taps from the list, at 800x600 and 1280x800: it opens at its
top every time, also after another inwoner's page was pushed down by a finger (an outside walk
found it opened scrolled); a button that is off says why beside it (an outside walk found
"Traject afsluiten" greyed without a reason)."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import (  # noqa: F401
    PIN,
    drag,
    frames,
    into_sight,
    make_app_fixture,
    run_clock,
    tap,
    type_pin,
    window_fixture,
)
from tests.screen_checks import overflowing, small_targets, window_rect
from tests.screen_helpers import open_inwoner, unlocked_app

SIZES = [(800, 600), (1280, 800)]
TODAY = date(2026, 11, 23)


def page_top_in_sight(screen: object) -> bool:
    """The page's own title, whole, under the top bar, and the page at its top (where a page
    fits its window, as at 1280x800, only scroll_y says where a taller one would open)."""
    frames(1)
    scroll = screen.ids.page_scroll
    _sx, sy = scroll.to_window(scroll.x, scroll.y)
    _x, y, _w, h = window_rect(screen.ids.page_title)
    return y + h <= sy + scroll.height + 1 and y >= sy - 1 and scroll.scroll_y >= 0.999


def push_page_up(screen: object) -> None:
    """A finger drags the page up from its lower part, as to read its end."""
    frames(1)
    scroll = screen.ids.page_scroll
    x, y = scroll.to_window(scroll.center_x, scroll.y + scroll.height * 0.2)
    drag([(x, y + dy) for dy in range(0, 400, 20)])
    run_clock(2.0, 0.05)  # the glide and the bounce play out


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_each_inwoners_page_opens_at_its_top(make_app: object, window: object, size: tuple[int, int]) -> None:
    from tests.screen_helpers import with_afgeronde_nulmeting

    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    # Two inwoners with a vervolgmeting begun: the longest page (one button more), taller than
    # an 800x600 window; at 1280x800 it fits, and the first is made longer to have something to push.
    for dossier in ("T-EEN", "T-TWEE"):
        nul = app.repository.history(with_afgeronde_nulmeting(app, dossier).id)[0]
        app.repository.add_meting(nul.vervolg(date(2026, 3, 2)))
    first = open_inwoner(app, "T-EEN")
    assert page_top_in_sight(first)
    if size[1] > 600:
        first.ids.page.height += 400
        frames(2)
    push_page_up(first)
    assert first.ids.page_scroll.scroll_y < 0.9, "the finger did not scroll the page"
    tap(first.ids.back)
    frames(2)
    second = open_inwoner(app, "T-TWEE")
    assert page_top_in_sight(second), f"scroll_y {second.ids.page_scroll.scroll_y:.2f}"
    push_page_up(second)
    tap(second.ids.back)
    again = open_inwoner(app, "T-EEN")
    assert page_top_in_sight(again), f"scroll_y {again.ids.page_scroll.scroll_y:.2f}"

def ink(rect: tuple[float, float, float, float]) -> int:
    """How many pixels in ``rect`` (window coordinates) are dark: text drawn there."""
    import numpy as np

    from tests.kivy_helpers import window_pixels
    from tests.screen_checks import window_crop

    crop = window_crop(window_pixels(), rect)
    return int((np.asarray(crop).max(axis=2) < 140).sum())


def reason_under(screen: object, knop: object) -> str:
    """The words shown right under a button, in sight (pushed into sight as a finger would),
    with ink on the screen; "" when nothing is there."""
    from kivy.uix.behaviors import ButtonBehavior
    from kivy.uix.label import Label

    into_sight(knop)
    frames(2)
    bx, by, bw, _bh = window_rect(knop)
    scroll = screen.ids.page_scroll
    _sx, sy = scroll.to_window(scroll.x, scroll.y)
    found = []
    for label in screen.walk(restrict=True):
        if not isinstance(label, Label) or isinstance(label, ButtonBehavior):
            continue
        if not label.text.strip() or label.opacity == 0:
            continue
        x, y, w, h = window_rect(label)
        under = by - 24 <= y + h <= by + 1 and x < bx + bw / 2 < x + w  # just below, the button's middle above it
        if under and h > 0 and y >= sy - 1:  # not cut off by the page's lower edge
            assert overflowing(label) == [], overflowing(label)
            assert ink((x, y, w, h)) > 50, f"{label.text!r} has no ink on the screen"
            found.append(label.text)
    return " ".join(found)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_greyed_button_says_why_under_it(make_app: object, window: object, size: tuple[int, int]) -> None:
    from board import Inwoner
    from board.traject import Afsluitreden
    from tests.kivy_helpers import button
    from tests.screen_helpers import modal, with_afgeronde_nulmeting

    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    app.repository.add_inwoner(Inwoner.create("T-NIEUW", "Stratum"))
    screen = open_inwoner(app, "T-NIEUW")  # no meting yet: both buttons greyed
    assert screen.ids.history.disabled and screen.ids.close_traject.disabled
    assert reason_under(screen, screen.ids.history) == "Kan pas als er een meting is."
    assert reason_under(screen, screen.ids.close_traject) == "Kan pas na de eerste afgeronde 0-meting."
    tap(screen.ids.close_traject)
    assert app.current == "inwoner"

    with_afgeronde_nulmeting(app, "T-OPEN")  # an open traject: both work, nothing under them
    screen = open_inwoner(app, "T-OPEN")
    assert not screen.ids.close_traject.disabled and not screen.ids.history.disabled
    assert reason_under(screen, screen.ids.history) == "" and reason_under(screen, screen.ids.close_traject) == ""
    assert small_targets(screen) == []
    tap(screen.ids.start)  # a vervolgmeting begun, then back to the page with the PIN
    assert app.current == "bord"
    app.ask_pin_to_leave()
    type_pin(app.screen("lock"), PIN)
    screen = open_inwoner(app, "T-OPEN")
    assert screen.ids.close_traject.disabled and not screen.ids.history.disabled
    assert reason_under(screen, screen.ids.close_traject) == (
        "Kan pas als de meting die nog niet af is, is afgerond of weggegooid.")
    assert reason_under(screen, screen.ids.history) == ""
    history_top, close_top = (sum(window_rect(k)[1::2]) for k in (screen.ids.history, screen.ids.close_traject))
    assert abs(history_top - close_top) <= 1, "the two buttons of the row are not level"

    into_sight(screen.ids.discard)
    tap(screen.ids.discard)  # the vervolgmeting thrown away; the traject closed by taps
    tap(modal(app, "WeggooienView").ids.confirm)
    frames(2)
    into_sight(screen.ids.close_traject)
    tap(screen.ids.close_traject)
    vraag = modal(app, "TrajectAfsluitenView")
    tap(button(vraag.ids.redenen, "Verhuisd"))
    tap(vraag.ids.confirm)
    frames(2)
    assert [a.reden for a in app.repository.afsluitingen(app.inwoner.id)] == [Afsluitreden.VERHUISD]
    assert screen.ids.close_traject.disabled
    assert reason_under(screen, screen.ids.close_traject) == "Dit traject is al afgesloten."
    assert small_targets(screen) == []
