"""The names on the board in the inwoner's language at 800x600 (issue 15, an outside walk): a
Ukrainian inwoner with eight leefgebieden saw every pictogram vanish and the long names drawn at
8-9 px with the Dutch beneath at 7 px; on the Geschiedenis screen the names were about 7 px,
smaller than their Dutch. Now every bar keeps its pictogram, a name is drawn at ``MIN_TEXT`` dp
or more and its Dutch at ``DUTCH_LEAST`` dp or more, never bigger than the name: the names wrap,
their column widens, or the rows grow and the board scrolls. The fonts are read from the
textures drawn on the board's canvas; the pictograms and the last row from the window's pixels."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from tests.kivy_helpers import choose_taal, drag, frames, make_app_fixture, window_fixture, window_pixels  # noqa: F401
from tests.screen_helpers import history_in_taal, start_visit, unlocked_app

ALLE = ["wonen", "huishouden", "geld", "werk", "leren", "dagbesteding", "sociale_contacten", "gezin",
        "lichamelijke_gezondheid", "geestelijke_gezondheid", "persoonlijke_verzorging", "verslaving", "zingeving",
        "justitie"]
# Eight with the longest names ('Щоденне життя й участь', 'Алкоголь, наркотики, ігри та азарт') among them.
ACHT = ["dagbesteding", "verslaving", "gezin", "lichamelijke_gezondheid", "geestelijke_gezondheid",
        "persoonlijke_verzorging", "huishouden", "justitie"]
BARS = {6: ACHT[:6], 8: ACHT, 14: ALLE}


def _letters(texture: object) -> np.ndarray:
    """Where a label's texture has ink (half its strongest alpha or more), whatever its colour."""
    alpha = np.frombuffer(texture.pixels, dtype=np.uint8)[3::4]
    return alpha >= max(1, int(alpha.max()) // 2)


def _font_of(texture: object, text: str, widths: tuple[int | None, ...], bold: bool) -> int | None:
    """The font ``texture`` was drawn at: the one at which ``text`` (wrapped at one of ``widths``,
    its lines a whole line or closer apart) has the texture's size and letters (the size alone
    may fit two fonts: two lines at 14 px close are as high as at 12 px apart); None where none
    has."""
    from widgets.textures import label_size, label_texture

    drawn = _letters(texture)
    for font in range(4, 60):
        for width in widths:
            for lines in (1.0, 0.75, 0.7):
                if label_size(text, font, width, bold, lines) == tuple(texture.size) and np.array_equal(
                        _letters(label_texture(text, font, width, bold, line_height=lines)), drawn):
                    return font
    return None


def drawn_names(board: object) -> dict[str, tuple[int | None, int | None, bool]]:
    """Per bar as the board's canvas draws it: (the name's font, the Dutch name's font or None
    where none is drawn, whether the pictogram is drawn)."""
    from kivy.graphics import Canvas, InstructionGroup, Rectangle, Translate

    from widgets.textures import pictogram_texture

    rows = {(round(row.rect[0], 1), round(row.rect[1], 1)): row for row in board.layout.rows}
    drawn: dict[tuple[float, float], list] = {}  # a row's pieces (card, name) drawn at its place

    def walk(group: object) -> None:
        parts = getattr(group, "children", [])
        if len(parts) == 4 and isinstance(parts[1], Translate) and isinstance(parts[2], Canvas):
            drawn.setdefault((round(parts[1].xy[0], 1), round(parts[1].xy[1], 1)), []).extend(parts[2].children)
            return
        for part in parts:
            if isinstance(part, InstructionGroup):
                walk(part)

    walk(board.canvas)
    found = {}
    for place, instructions in drawn.items():
        row = rows.get(place)
        if row is None:
            continue
        leefgebied = board.live.meting.leefgebieden[row.key]
        local = row.at_origin()
        nx, _ny, nw, _nh = local.name
        textures = [r for r in instructions if isinstance(r, Rectangle) and r.texture is not None]
        picto = any(r.texture is pictogram_texture(leefgebied.pictogram_path) for r in textures)
        in_column = sorted((r for r in textures if nx - 1 <= r.pos[0] and r.pos[0] + r.size[0] <= nx + nw + 1),
                           key=lambda r: -r.pos[1])  # top first: the name, then the Dutch beneath
        naam = leefgebied.naam_in(board.tr.code)
        dutch = leefgebied.naam if naam != leefgebied.naam else None
        name_font = _font_of(in_column[0].texture, naam, (round(nw),), True) if in_column else None
        dutch_font = _font_of(in_column[1].texture, dutch, (None, round(nw)), False) if dutch and len(
            in_column) > 1 else None
        found[row.key] = (name_font, dutch_font, picto)
    return found


def assert_readable(found: dict[str, tuple[int | None, int | None, bool]], keys: list[str]) -> None:
    """Every bar of ``keys`` drawn with its pictogram, its name at ``MIN_TEXT`` dp or more and the
    Dutch name beneath at ``DUTCH_LEAST`` dp or more, not bigger than the name."""
    from kivy.metrics import dp

    from board.passen import DUTCH_LEAST, MIN_TEXT

    assert sorted(found) == sorted(keys)
    for key, (font, dutch_font, picto) in found.items():
        assert font is not None and font >= round(dp(MIN_TEXT)), (key, found)
        assert dutch_font is not None and round(dp(DUTCH_LEAST)) <= dutch_font <= font, (key, found)
        assert picto, (key, found)


def _picto_shows(image: object, board: object, row: object) -> bool:
    """Whether the pictogram's place on the window holds a picture (not the white card alone)."""
    px, py, pw, ph = row.pictogram
    (x0, y0), (x1, y1) = board.to_window(px, py), board.to_window(px + pw, py + ph)
    crop = np.asarray(image, dtype=np.int16)[round(image.height - y1):round(image.height - y0), round(x0):round(x1), :3]
    return bool((crop.min(axis=2) < 200).mean() > 0.15)


@pytest.mark.parametrize("bars", [6, 8, 14])
@pytest.mark.parametrize("taal", ["uk", "ar", "pl"])
@pytest.mark.parametrize("size", [(800, 600), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_bar_keeps_its_pictogram_and_readable_names(make_app: object, window: object, size: tuple[int, int],
                                                          taal: str, bars: int) -> None:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 3, 2))
    start_visit(app)
    for key in BARS[bars]:
        app.live.apply(lambda m, k=key: m.choose(k))
    choose_taal(app, taal)  # as the inwoner picks it
    board = app.screen("bord").board_screen.board
    frames(2)
    assert_readable(drawn_names(board), BARS[bars])
    # On the window: the pictograms in sight hold colour; a finger beside the bars slides the rest in.
    image = window_pixels()
    view = board.to_window(board.x, board.y)[1], board.to_window(board.x, board.top)[1]
    for row in board.layout.rows:
        if row.rect[1] >= board.y and row.rect[1] + row.rect[3] <= board.top:
            assert _picto_shows(image, board, row), row.key
    if board.layout.overflow > 0:
        last = board.layout.rows[-1]
        x = board.to_window(last.name[0] + last.name[2] / 2, 0)[0]
        for _attempt in range(6):
            drag([(x, view[0] + 40 + i * 40) for i in range(9)])
            frames(2)
            if board.layout.rows[-1].rect[1] >= board.y - 1:
                break
        last = board.layout.rows[-1]
        assert last.rect[1] >= board.y - 1, (last.rect, board.y)
        assert _picto_shows(window_pixels(), board, last)
        assert_readable(drawn_names(board), BARS[bars])
    # The board drawn by Pillow (the snapshot's engine) lays out the same rows.
    from exports.snapshot import live_layout

    picture = live_layout(app.live.meting, board.size, board.layout.rows[0].unit, board.scroll, board.tr)
    assert [round(r.rect[3]) for r in picture.rows] == [round(r.rect[3]) for r in board.layout.rows]
    assert round(picture.rows[0].name[2]) == round(board.layout.rows[0].name[2])


@pytest.mark.parametrize("bars", [6, 8])
@pytest.mark.parametrize("taal", ["uk", "ar"])
@pytest.mark.parametrize("size", [(800, 600), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_history_boards_names_are_no_smaller_than_their_dutch(make_app: object, window: object,
                                                                  size: tuple[int, int], taal: str, bars: int) -> None:
    window.size = size
    frames(1)
    app = history_in_taal(make_app, taal, BARS[bars], [date(2026, 1, 12), date(2026, 6, 8)], "D-GESCH")
    screen = app.screen("geschiedenis")
    frames(2)
    columns = list(reversed(screen.ids.boards.children))
    assert len(columns) == 2
    for column in columns:
        assert_readable(drawn_names(column.board), BARS[bars])
