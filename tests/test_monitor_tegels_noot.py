"""What "<10" and "x" on a headline tile mean, said where the tiles are: an outside walk at
1280x800 read "<10" under "Doorlooptijd (mediaan)" as a number of days and under "van de
afgeronde doelen behaald" as a percentage; the explanation stood only beside the map. Now a
footnote lies right under the tiles while one of them shows a marker, and not otherwise. By
taps on the running monitor (the demo's figures) at 800x600 and 1280x800."""

from __future__ import annotations

from datetime import date

import pytest
from kivy.metrics import dp
from kivy.uix.label import Label

from board.monitor_4_disclosure import KLEIN_TEKST, VERBORGEN_TEKST
from services.demo import fill
from tests.kivy_helpers import PIN, drag, frames, into_sight, make_app_fixture, type_pin, window_fixture  # noqa: F401
from tests.screen_checks import window_rect
from tests.test_monitor_kaart_screen import shot
from tests.test_monitor_screen import open_monitor, settled, tablet  # noqa: F401

TOT, TODAY = date(2026, 2, 27), date(2026, 3, 1)
SIZES = [(800, 600), (1280, 800)]
UITLEG = "<10: over minder dan 10 inwoners"


def _tile_markers(screen: object) -> list[str]:
    """The tiles that show "<10" or "x", by what they say under the figure, as drawn."""
    ids = screen.ids
    tiles = [*ids.kerncijfers.children, *ids.trajecten.children]
    return [t.uitleg for t in tiles if t.waarde in (KLEIN_TEKST, VERBORGEN_TEKST)]


def _notes_under_tiles(screen: object) -> list[object]:
    """Shown labels that explain the markers, right under the tiles (within 40 dp of their
    bottom) and as wide as they are at most."""
    grid = screen.ids.trajecten
    gx, gy, gw, _gh = window_rect(grid)
    found = []
    for w in screen.walk(restrict=True):
        if not (isinstance(w, Label) and w.text.startswith(UITLEG) and w.opacity > 0 and w.height > 0):
            continue
        nx, ny, nw, nh = window_rect(w)
        if gx - 1 <= nx and nx + nw <= gx + gw + 1 and 0 <= gy - (ny + nh) <= dp(40):
            found.append(w)
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_tile_showing_a_marker_has_the_footnote_right_under_the_tiles(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    tablet(lambda repository: fill(repository, aantal=400, tot=TOT))
    window.size = size
    app = make_app(today=lambda: TODAY)
    type_pin(app.screen("lock"), PIN)
    screen = open_monitor(app)
    with_marker, without = [], []
    for button in list(reversed(screen.ids.wijken.children)):  # every gebied, chosen by a tap
        into_sight(button)
        drag([button.to_window(*button.center)])
        settled(app)
        frames(2)
        assert screen.gebied == button.text
        if screen.leeg:
            continue  # nothing shown at all: the panel says why instead
        marked = _tile_markers(screen)
        into_sight(screen.ids.trajecten)
        notes = _notes_under_tiles(screen)
        if marked:
            with_marker.append(button.text)
            assert len(notes) == 1, (size, button.text, marked, len(notes))
            note = notes[0]
            assert note.texture_size[1] <= note.height + 1  # whole, not cut
            into_sight(note)  # the page pushed on, as a finger would (800x600: below the fold)
            _vx, vy, _vw, vh = window_rect(screen.ids.page_scroll)
            _nx, ny, _nw, nh = window_rect(note)
            assert vy - 1 <= ny and ny + nh <= vy + vh + 1  # in sight, with the page scrolled
            if len(with_marker) == 1:
                shot(f"tegels-noot-{size[0]}x{size[1]}")
        else:
            without.append(button.text)
            assert not notes, (size, button.text)
    assert with_marker, "no gebied of the demo has a tile with a marker: nothing was tried"
    print(size, "with a marker:", with_marker, "without:", without)
