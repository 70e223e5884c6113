"""One name size per board: the names on the bars are drawn at one size, the biggest at which
all of them fit (board/geometry.BoardLayout.one_name_font), on the running board and in the
snapshot alike; read from the window's pixels (the height of each name's first capital)."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from tests.kivy_helpers import app_with_inwoner, board_in_taal, frames, make_app_fixture, window_fixture  # noqa: F401
from tests.pixels import blobs

KEYS = ("werk", "lichamelijke_gezondheid", "geld", "verslaving")


def capital_heights(image: object, rects: dict[str, tuple[int, int, int, int]]) -> dict[str, int]:
    """The height in px of the first letter (a capital) of each name: the leftmost dark blob on
    the name's first line, in ``rects`` (left, top, right, bottom in the image's pixels)."""
    pixels = np.asarray(image, dtype=np.int16)[:, :, :3]
    heights = {}
    for key, (left, top, right, bottom) in rects.items():
        dark = pixels[top:bottom, left:right].max(axis=2) <= 100
        found = blobs(dark, min_area=8)
        assert found, f"geen naam te zien bij {key}"
        first_line = min(blob.top for blob in found)
        line = [blob for blob in found if blob.top <= first_line + 3]
        heights[key] = min(line, key=lambda blob: blob.left).height
    return heights


@pytest.mark.parametrize("size", [(800, 600), (1280, 800), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_name_on_the_board_has_one_size(size: tuple[int, int], make_app: object, window: object) -> None:
    """'Werk' is not drawn huge beside 'Alcohol, drugs, gamen en gokken': the first capitals
    of four names of very different lengths are equally high on screen (within 2 px), and the
    snapshot's are too."""
    from tests.kivy_helpers import window_pixels

    window.size = size
    frames(1)
    app, inwoner = app_with_inwoner(make_app, "D-NAAM", today=lambda: date(2026, 3, 2))
    screen = board_in_taal(app, inwoner, "nl", KEYS[0])
    for key in KEYS[1:]:
        app.live.apply(lambda m, key=key: m.choose(key))
    frames(3)
    board = screen.board
    rects = {}
    for row in board.layout.rows:
        nx, ny, nw, nh = row.name
        (x0, y0), (x1, y1) = board.to_window(nx, ny), board.to_window(nx + nw, ny + nh)
        rects[row.key] = (round(x0), round(window.height - y1), round(x1), round(window.height - y0))
    heights = capital_heights(window_pixels(), rects)
    assert max(heights.values()) - min(heights.values()) <= 2, heights
    assert min(heights.values()) >= 9  # a readable capital, not a name squeezed to nothing
    # The snapshot of the same board (drawn by Pillow from the same geometry): one size there too.
    from exports.snapshot import render_board

    picture = render_board(app.live.meting, board.size, board.layout.rows[0].unit, live=True)
    rects = {}
    for row in board.layout.rows:
        nx, ny, nw, nh = (v - o for v, o in zip(row.name, (board.x, board.y, 0, 0), strict=True))
        rects[row.key] = (round(nx), round(picture.height - ny - nh), round(nx + nw), round(picture.height - ny))
    shot = capital_heights(picture, rects)
    assert max(shot.values()) - min(shot.values()) <= 2, shot
    assert abs(max(shot.values()) - max(heights.values())) <= 2, (shot, heights)
