"""Two metingen of thirteen leefgebieden compared in the history, at every kind of window: side
by side where both boards keep rows a finger high, else one above the other at full width,
scrolled; every caption above its own board, nothing covered, the second board reached by a
drag. At 800x600 the side-by-side boards drew their names at about 7 px (a new user's trial)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from board import Inwoner, Meting
from tests.kivy_helpers import drag, frames, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import unlocked_app

KEYS = ["wonen", "geld", "werk", "dagbesteding", "leren", "gezondheid", "geestelijke_gezondheid", "zingeving",
        "sociale_contacten", "gezin", "huiselijk_geweld", "justitie", "verslaving"]


def _thirteen(make_app: object) -> object:
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 11, 23))
    inwoner = Inwoner.create("D-13", "Stratum")
    app.repository.add_inwoner(inwoner)
    nul = Meting.nulmeting(inwoner.id, date(2026, 3, 2))
    keys = [k for k in nul.leefgebieden.keys if k in KEYS] or list(nul.leefgebieden.keys)[:13]
    keys = (keys + [k for k in nul.leefgebieden.keys if k not in keys])[:13]
    for index, key in enumerate(keys):
        nul = nul.choose(key).place_fiche(key, "inwoner", 0.1 + 0.06 * index)
    nul = nul.afronden(datetime(2026, 3, 2, 11))
    app.repository.add_meting(nul)
    vervolg = nul.vervolg(date(2026, 9, 1))
    for index, key in enumerate(keys):
        vervolg = vervolg.place_fiche(key, "inwoner", 0.9 - 0.05 * index)
    app.repository.add_meting(vervolg.afronden(datetime(2026, 9, 1, 11)))
    app.show_inwoner(app.repository.find_inwoner("D-13"))
    tap(app.screen("inwoner").ids.history)
    frames(3)
    assert app.current == "geschiedenis"
    return app


def _rect(widget: object) -> tuple[float, float, float, float]:
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, x + widget.width, y + widget.height


@pytest.mark.parametrize("size", [(800, 600), (1280, 800), (1920, 1200), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_thirteen_leefgebieden_compared_stay_readable_at_this_size(make_app: object, window: object,
                                                                   size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = _thirteen(make_app)
    screen = app.screen("geschiedenis")
    columns = list(reversed(screen.ids.boards.children))
    assert len(columns) == 2
    for column in columns:
        board, caption = column.board, column.children[-1]
        assert len(board.layout.rows) == 13
        assert board.layout.pitch >= 44  # a row as high as a finger: names drawn at a readable size
        assert board.layout.overflow == 0  # every row inside its own board
        assert _rect(caption)[1] >= _rect(board)[3] - 1  # the caption above its board, not on it
    first, second = (_rect(c.board) for c in columns)
    if screen.stacked:
        assert second[3] <= first[1] + 1  # one above the other, not overlapping
    else:
        assert first[2] <= second[0] + 1  # side by side, not overlapping
    scroll = screen.ids.boards_scroll
    view = _rect(scroll)
    zin = _rect(screen.ids.zin)
    assert zin[3] <= view[1] + 1 and zin[1] >= 0  # the sentence below the boards, on screen
    # The last row of the second board is reached: by a drag upwards where it does not fit.
    last = columns[1].board.layout.rows[-1]
    lowest = columns[1].board.to_window(last.rect[0], last.rect[1])[1]
    if lowest < view[1]:
        assert screen.stacked
        for _attempt in range(6):
            x = (view[0] + view[2]) / 2
            start, reach = view[1] + 20, (view[3] - view[1]) * 0.8
            drag([(x, start + reach * i / 8) for i in range(9)])
            frames(3)
            lowest = columns[1].board.to_window(last.rect[0], last.rect[1])[1]
            if lowest >= view[1]:
                break
    assert lowest >= view[1] - 1, (lowest, view)
