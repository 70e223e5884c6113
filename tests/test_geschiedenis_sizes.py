"""Two metingen of thirteen leefgebieden compared in the history, at every kind of window: side
by side where both boards keep rows a finger high, else one above the other at full width,
scrolled; every caption above its own board, nothing covered, the second board reached by a
drag. At 800x600 the side-by-side boards drew their names at about 7 px (a new user's trial)."""

from __future__ import annotations

import itertools
from datetime import date, datetime, timedelta

import pytest

from board import Inwoner, Meting
from tests.kivy_helpers import drag, frames, make_app_fixture, tap, window_fixture, window_pixels  # noqa: F401
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


# ----- a new user's trial at 800x600: the sentence, the dates under the charts, the names -------

SIZES = [(800, 600), (1280, 800), (800, 1280)]
IDS = [f"{w}x{h}" for w, h in SIZES]


def add_history(repository: object, dossier: str, dates: list[date], keys: list[str], doelen: int = 0) -> None:
    """An inwoner with a meting on each of ``dates`` (all afgerond), each of ``keys`` on the board
    (the last one new in the last meting), the fiches up and down, ``doelen`` doelen set in the
    first and evaluated in the last (one behaald, the others deels)."""
    inwoner = Inwoner.create(dossier, "Stratum")
    repository.add_inwoner(inwoner)
    meting = Meting.nulmeting(inwoner.id, dates[0])
    for index, key in enumerate(keys[:-1]):
        meting = meting.choose(key).place_fiche(key, "inwoner", 0.1 + 0.05 * index)
    for index in range(doelen):
        meting = meting.add_doel(keys[index], f"Doel {index + 1} in eigen woorden", dates[0])
    for number, datum in enumerate(dates):
        if number:
            meting = meting.vervolg(datum)
            for index, key in enumerate(keys[:-1]):
                meting = meting.place_fiche(key, "inwoner", (0.2 + 0.3 * number + 0.13 * index) % 1.0)
        if number == len(dates) - 1 and number:
            meting = meting.choose(keys[-1]).place_fiche(keys[-1], "inwoner", 0.5)
            carried = [d for d in meting.doelen if meting.is_overgenomen(d)]
            for index, doel in enumerate(carried):
                meting = meting.evaluate_doel(doel.id, "behaald" if index == 0 else "deels behaald")
        meting = meting.afronden(datetime(datum.year, datum.month, datum.day, 11))
        repository.add_meting(meting)


def _open(make_app: object, dates: list[date], keys: list[str] | None = None, doelen: int = 0) -> object:
    """The app at the history of such an inwoner, reached by touches from the inwoner's page."""
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 12, 20))
    keys = keys or list(Meting.nulmeting("x", dates[0]).leefgebieden.keys)
    add_history(app.repository, "D-HIST", dates, keys, doelen)
    app.show_inwoner(app.repository.find_inwoner("D-HIST"))
    tap(app.screen("inwoner").ids.history)
    frames(3)
    assert app.current == "geschiedenis"
    return app


def _dark_rows(image: object, box: tuple[float, float, float, float]) -> list[int]:
    """Which pixel rows of ``box`` (window coordinates, y up) hold text, top to bottom."""
    from tests.pixels import grey_mask

    x0, y0, x1, y1 = box
    crop = image.crop((round(x0), round(image.height - y1), round(x1), round(image.height - y0)))
    return [i for i, dark in enumerate(grey_mask(crop, 0, 130, spread=12).any(axis=1).tolist()) if dark]


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_sentence_takes_what_a_sentence_needs(make_app: object, window: object, size: tuple[int, int]) -> None:
    """The sentence under the boards (what got better, what worse, the doelen) is read whole at
    a readable size and takes no more than its share of the screen: at 800x600 it took a
    quarter (three lines of 24 sp in this font's tall lines), the boards squeezed above it."""
    from kivy.metrics import dp

    from board.passen import SENTENCE_LEAST, SENTENCE_SHARE
    from tests.screen_checks import overflowing

    window.size = size
    frames(1)
    app = _open(make_app, [date(2025, 1, 14), date(2026, 12, 2)], doelen=2)
    screen = app.screen("geschiedenis")
    frames(2)
    zin = screen.ids.zin
    assert "beter" in zin.text and "slechter" in zin.text and "nieuw" in zin.text and "doelen" in zin.text
    assert zin.font_size >= dp(SENTENCE_LEAST) - 0.5  # readable
    assert overflowing(zin) == []  # whole: no word cut, nothing out of its box
    x, y, w, h = (*zin.to_window(zin.x, zin.y), zin.width, zin.height)
    rows = _dark_rows(window_pixels(), (x, y, x + w, y + h))
    assert rows, "no sentence drawn"
    drawn = rows[-1] - rows[0] + 1
    assert h <= SENTENCE_SHARE * window.height + 1, (h, window.height)
    assert drawn <= SENTENCE_SHARE * window.height, (drawn, window.height)
    # The boards get the rest: the header, the paddings, the sentence, nothing more.
    scroll = screen.ids.boards_scroll
    assert scroll.height >= window.height - dp(76) - 2 * dp(16) - dp(8) - h - 1


def _date_boxes(grafiek: object, rect: tuple[float, float, float, float]) -> list[tuple[float, float, float, float]]:
    """The dates drawn under one chart, read from the canvas: the textured rectangles whose top
    is the date line's, their middle over the card (x0, y0, x1, y1), left to right."""
    from kivy.graphics import Rectangle
    from kivy.metrics import dp

    x, y, w, _h = rect
    top = y + dp(6) + dp(18)
    boxes = [
        (r.pos[0], r.pos[1], r.pos[0] + r.size[0], r.pos[1] + r.size[1])
        for r in grafiek.canvas.children
        if isinstance(r, Rectangle) and r.texture is not None and abs(r.pos[1] + r.size[1] - top) < 1
        and x <= r.pos[0] + r.size[0] / 2 <= x + w
    ]
    return sorted(boxes)


RANGES = {
    "two years": [date(2025, 1, 14), date(2026, 12, 2)],
    "five": [date(2024, 5, 8), date(2024, 10, 6), date(2025, 2, 8), date(2025, 6, 28), date(2026, 11, 2)],
    "monthly": [date(2025, 12, 1) + timedelta(days=30 * i) for i in range(12)],
    "one month": [date(2026, 3, 2), date(2026, 3, 30)],
}


@pytest.mark.parametrize("name", list(RANGES))
@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_the_dates_under_the_charts_never_run_together(make_app: object, window: object, size: tuple[int, int],
                                                        name: str) -> None:
    """Fourteen small charts: under each the months of the metingen, as many as fit, never one
    over another ("jan 2025dec 2026" at 800x600), never out of the card; at least the newest,
    and where both ends fit, the first. Read from the canvas and from the window's pixels."""
    from kivy.metrics import dp

    window.size = size
    frames(1)
    dates = RANGES[name]
    app = _open(make_app, dates)
    screen = app.screen("geschiedenis")
    tap(screen.ids.tab_verloop)
    frames(3)
    assert screen.view == "verloop"
    grafiek = screen.ids.grafiek
    assert len(grafiek.charts) == 14
    for index in range(14):
        dx, dy = _chart_in_sight(screen, index)
        rect = grafiek.charts[index][1]
        image = window_pixels()
        x, _y, w, _h = rect
        boxes = _date_boxes(grafiek, rect)
        assert boxes, "no date under the chart"
        for box in boxes:
            assert x - 0.5 <= box[0] and box[2] <= x + w + 0.5, (box, rect)  # inside the card
        for left, right in itertools.pairwise(boxes):
            assert left[2] + dp(4) <= right[0], (name, size, boxes)  # apart, not touching
        # On screen: text in each box, and a clear gap between one date and the next.
        on_window = [(x0 + dx, y0 + dy, x1 + dx, y1 + dy) for x0, y0, x1, y1 in boxes]
        for left, right in itertools.pairwise(on_window):
            gap = (left[2] + 1, left[1], right[0] - 1, left[3])
            assert _dark_rows(image, gap) == [], (name, size, left, right)
        for box in on_window:
            assert _dark_rows(image, box), (name, size, box)
        if len(boxes) == 1:  # only one fits: the newest meting's, under its point (or as near as fits)
            assert boxes[0][2] >= x + w * 0.5


def _chart_in_sight(screen: object, index: int) -> tuple[float, float]:
    """Scroll the verloop so that chart ``index`` is whole in sight (the grid scrolls where its
    charts do not fit); where the grid's own coordinates (its canvas, ``charts``) are on the
    window now: the offset (dx, dy) to add."""
    scroll, grafiek = screen.ids.verloop_scroll, screen.ids.grafiek
    _key, (_x, y, _w, h), _points = grafiek.charts[index]
    hidden = grafiek.height - scroll.height
    if hidden > 0:
        middle = y - grafiek.y + h / 2  # from the grid's bottom
        scroll.scroll_y = min(1.0, max(0.0, (middle - scroll.height / 2) / hidden))
        frames(2)
    dx, dy = grafiek.to_window(0, 0)
    view = _rect(scroll)
    assert view[1] - 0.5 <= y + dy and y + dy + h <= view[3] + 0.5, (y + dy, h, view)
    return dx, dy


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_every_chart_title_is_drawn_at_min_text_or_more(make_app: object, window: object,
                                                        size: tuple[int, int]) -> None:
    """Fourteen small charts: "Huishouden" and "Alcohol, drugs, gamen en gokken" were drawn at
    6-7 px at 800x600 and 800x1280. Now every title is MIN_TEXT or more, on two lines at most,
    inside its card right of its pictogram, read from the canvas and from the pixels; where
    the fourteen do not fit the grid scrolls, and the last chart is reached."""
    from kivy.metrics import dp

    from board.passen import MIN_TEXT
    from widgets.textures import text_lines

    window.size = size
    frames(1)
    app = _open(make_app, RANGES["two years"])
    screen = app.screen("geschiedenis")
    tap(screen.ids.tab_verloop)
    frames(3)
    grafiek = screen.ids.grafiek
    assert len(grafiek.titles) == 14
    names = {lg.key: lg.naam for lg in grafiek.metingen[-1].leefgebieden.leefgebieden}
    for index in range(14):
        dx, dy = _chart_in_sight(screen, index)
        x, y, w, h = grafiek.charts[index][1]
        key, font, (tx, ty, tw, th) = grafiek.titles[index]
        lines = text_lines(names[key], font, round(tw), True)
        assert font >= round(dp(MIN_TEXT)) and lines <= 2, (names[key], font, lines)
        assert th / lines >= dp(MIN_TEXT), (names[key], th, lines)  # each drawn line that high
        assert x + dp(8) < tx and tx + tw <= x + w and y < ty and ty + th <= y + h, (names[key], size)
        rows = _dark_rows(window_pixels(), (tx + dx, ty + dy, tx + tw + dx, ty + th + dy))
        assert rows and rows[-1] - rows[0] + 1 >= dp(MIN_TEXT) * 0.6, (names[key], rows)  # ink drawn, not a speck


def _ink(image: object) -> float:
    """How much dark text ``image`` (on a white card) holds: the sum of every pixel's darkness,
    which smoothing by the GPU does not change, and which grows with the square of the font."""
    import numpy as np

    pixels = np.asarray(image.convert("L"), dtype=np.float64)
    return float((255.0 - pixels).sum() / 255.0)


def _ink_at(naam: str, font: int) -> float:
    """The ink of ``naam`` drawn bold at ``font`` px on a white card, as the board draws it."""
    from PIL import Image

    from board.weergave import TEKST
    from widgets.textures import label_texture, rgba

    texture = label_texture(naam, font, None, True, rgba(TEKST))
    text = Image.frombytes("RGBA", texture.size, texture.pixels)
    card = Image.new("RGBA", texture.size, (255, 255, 255, 255))
    card.alpha_composite(text)
    return _ink(card.convert("RGB"))


@pytest.mark.parametrize("size", SIZES, ids=IDS)
def test_every_name_on_the_compared_boards_stays_readable(make_app: object, window: object,
                                                        size: tuple[int, int]) -> None:
    """All fourteen leefgebieden on both boards: each name drawn at MIN_TEXT or more, read from
    the window's pixels (its ink against the same name drawn at MIN_TEXT: a smaller font has
    less). In the narrow layout they were fitted to a 150 px column in 44 px rows (10 px), and
    side by side at 1280x800 to 7 px; now the rows and the column get the room, the bars keep
    their length, and side by side only where that keeps them readable."""
    from kivy.metrics import dp

    from board.geometry import MIN_TRACK
    from board.passen import MIN_TEXT

    window.size = size
    frames(1)
    app = _open(make_app, [date(2025, 1, 14), date(2026, 12, 2)])
    screen = app.screen("geschiedenis")
    frames(2)
    columns = list(reversed(screen.ids.boards.children))
    scroll = screen.ids.boards_scroll
    view = _rect(scroll)
    todo = {(i, row.key) for i, column in enumerate(columns) for row in column.board.layout.rows}
    steps = 1 + 2 * int(screen.ids.boards.height // max(1.0, scroll.height)) if screen.stacked else 1
    for step in range(steps):  # the list slid from top to bottom (a finger can: the test above)
        scroll.scroll_y = 1 - step / max(1, steps - 1)
        frames(2)
        image = window_pixels()
        for i, column in enumerate(columns):
            board = column.board
            for row in board.layout.rows:
                assert row.track[2] >= MIN_TRACK * board.scale * dp(1) - 0.5 and row.pictogram is not None
                x, y = board.to_window(row.name[0], row.name[1])
                if (i, row.key) not in todo or y < view[1] - 0.5 or y + row.name[3] > view[3] + 0.5:
                    continue
                crop = image.crop((round(x), round(image.height - y - row.name[3]), round(x + row.name[2]),
                                   round(image.height - y)))
                naam = board.live.meting.leefgebieden[row.key].naam
                assert _ink(crop) >= 0.85 * _ink_at(naam, round(dp(MIN_TEXT))), (row.key, size)
                todo.discard((i, row.key))
    assert not todo, todo
