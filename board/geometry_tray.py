"""Where the tray's kaartjes go: columns of at least 140 dp, rows as high as the names on a
page need, pages when not all fit, and the "more" card at one spot on every page. Pure
geometry, as ``board.geometry`` is for the board: ``widgets/tray.py`` draws and takes touches
by it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from board.geometry import MIN_TOUCH, Rect

MORE = ""  # the key of the card that turns to the next page of kaartjes


@dataclass(frozen=True)
class Card:
    key: str
    rect: Rect


def _grid(width: float, unit: float) -> tuple[int, float]:
    gap = 8 * unit
    columns = min(5, max(1, int((width + gap) // (140 * unit + gap))))
    return columns, gap


def card_width(width: float, unit: float) -> float:
    """How wide each card is in a tray ``width`` px wide."""
    columns, gap = _grid(width, unit)
    return (width - (columns - 1) * gap) / columns


def card_rects(area: Rect, count: int, unit: float, mirrored: bool = False, least: float = 0,
               rows: int = 0) -> list[Rect]:
    """Cards in columns of at least 140 dp from the top (one column on a narrow tray, up to
    five on a wide one below the board), each at least 48 dp high and ``least`` px (what the
    names on the page need, ``tray_page``), up to 76 dp where the tray has room for ``rows`` rows
    of them (at least as many as ``count`` takes; ``card_size`` decides both);
    each row filled from the left, or from the right for a right-to-left inwoner (``mirrored``)."""
    x, y, width, height = area
    columns, gap = _grid(width, unit)
    rows = max(rows, -(-count // columns) if count else 0)
    card_w = card_width(width, unit)
    least = max(MIN_TOUCH * unit, least)
    card_h = min(max(76 * unit, least), max(least, (height - (rows - 1) * gap) / max(rows, 1)))
    top = y + height

    def left(column: int) -> float:
        return x + width - (column + 1) * card_w - column * gap if mirrored else x + column * (card_w + gap)

    return [
        (left(i % columns), top - (i // columns + 1) * card_h - (i // columns) * gap, card_w, card_h)
        for i in range(count)
    ]


def more_rect(area: Rect, unit: float, height: float, mirrored: bool = False) -> Rect:
    """Where the "more" card goes on every page: the bottom slot at the reading end (right, or
    left for a right-to-left inwoner), ``height`` high (the card's own need: no higher than any
    page's cards). The same spot on every page, so tapping it again turns on; on a last page
    with few kaartjes it stood just below them, where the previous page had a kaartje."""
    x, y, width, _height = area
    card_w = card_width(width, unit)
    return (x if mirrored else x + width - card_w, y, card_w, height)


def tray_pages(keys: Sequence[str], area: Rect, unit: float, need: Callable[[str], float]) -> list[list[str]]:
    """The kaartjes on each page: as many as fit the tray's height, each row as high as the
    highest card on its page needs (``need``: a name in two lines needs more than 48 dp to stay
    at ``MIN_CARD_FONT``); when not all fit, each page ends with the "more" card (key MORE)."""
    _, _, width, height = area
    columns, gap = _grid(width, unit)

    def fits(page: list[str]) -> bool:
        rows = -(-len(page) // columns)
        return rows * max(MIN_TOUCH * unit, *map(need, page)) + (rows - 1) * gap <= height + 0.5

    if not keys or fits(list(keys)):
        return [list(keys)]
    pages, start = [], 0
    while start < len(keys):
        count = 1  # at least one kaartje a page, on a tray too low for it (it runs over)
        while start + count < len(keys) and fits([*keys[start : start + count + 1], MORE]):
            count += 1
        pages.append([*keys[start : start + count], MORE])
        start += count
    return pages


def card_size(every: Sequence[str], area: Rect, unit: float,
              need: Callable[[str], float]) -> tuple[Callable[[str], float], int]:
    """How a tray that holds the set's kaartjes ``every`` (``need``: what each name needs, as
    ``tray_pages``'s) sizes them: (the need to lay each page out by, the rows the cards share
    the tray's height with: those of the set's first page). A card keeps its size while the
    others are taken onto the board, as a physical card does (it grew as fewer were left), and
    a card drawn once serves the whole visit (P10: every new height drew every kaartje again).
    Where all of them fit one page at the height the longest name needs, every card takes that
    need; where they take pages, each page's cards what its own names need (a page of short
    names holds more of them)."""
    highest = max(map(need, every), default=MIN_TOUCH * unit)
    pages = tray_pages(every, area, unit, lambda _key: highest)
    if len(pages) == 1:
        need = lambda _key: highest  # noqa: E731 (one size for the set)
    else:
        pages = tray_pages(every, area, unit, need)
    columns, _gap = _grid(area[2], unit)
    return need, -(-len(pages[0]) // columns)


def page_name_font(keys: Sequence[str], font_of: Callable[[str], float], least: float) -> int:
    """One name size for the kaartjes, as the board has one (``BoardLayout.one_name_font``): the
    biggest at which every name of ``keys`` fits (the smallest of each name's own biggest,
    ``font_of``), so "Leren" is not drawn bigger than "Huishouden" beside it; never below
    ``least`` (``MIN_CARD_FONT``). The tray gives it all of the set's kaartjes, not only those
    left on the page: the names keep their size while the cards are taken and the pages turned."""
    fonts = [font_of(key) for key in keys if key != MORE]
    return round(max(least, min(fonts, default=least)))


def tray_page(keys: tuple[str, ...], area: Rect, unit: float, page: int,
              need: Callable[[str], float] | None = None) -> tuple[list[str], int]:
    """The kaartjes shown on ``page`` and how many pages there are (``tray_pages``; ``need``
    left out: every card 48 dp)."""
    pages = tray_pages(keys, area, unit, need or (lambda _key: MIN_TOUCH * unit))
    return pages[shown_page(page, len(pages))], len(pages)


def shown_page(page: int, pages: int) -> int:
    """The page shown of ``pages`` for a tray on ``page``: that one, or the last where cards taken
    onto the board left fewer pages (not the one it would wrap around to: the walk saw page 1/3
    turned three times become page 2 of 2 after two kaartjes were taken)."""
    return min(max(page, 0), max(pages - 1, 0))
