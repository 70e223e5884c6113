"""The history in the inwoner's language (issue 17): the professional opens it with the PIN and
shows it to the inwoner, so what the inwoner looks at (each chart's title, the names on the
boards compared, the sentence) is in the inwoner's language with the Dutch name beneath, and
right to left for Arabic; the screen's own buttons stay the professional's. Driven by touches
from the inwoner's page at two sizes and read from the canvas and the window's pixels."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from board import vergelijk
from board.passen import MIN_TEXT
from board.taal import vertaler
from tests.kivy_helpers import frames, make_app_fixture, tap, window_fixture, window_pixels  # noqa: F401
from tests.screen_helpers import history_in_taal

KEYS = ["geld", "wonen", "sociale_contacten", "geestelijke_gezondheid", "werk"]
SIZES = [(800, 600), (1280, 800)]


def _history(make_app: object, window: object, size: tuple[int, int], taal: str) -> object:
    """The app at the history of an inwoner in ``taal`` with three afgeronde metingen."""
    window.size = size
    frames(1)
    return history_in_taal(make_app, taal, KEYS, [date(2026, 1, 12), date(2026, 5, 4), date(2026, 10, 5)])


def _ink_columns(image: object, box: tuple[float, float, float, float]) -> np.ndarray:
    """Columns of ``box`` (window coordinates, y up) with dark text ink."""
    x0, y0, x1, y1 = box
    crop = np.asarray(image.convert("L").crop((round(x0), round(image.height - y1), round(x1),
                                               round(image.height - y0))))
    return np.where((crop < 150).any(axis=0))[0]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_chart_titles_are_the_inwoners_with_the_dutch_beneath(make_app: object, window: object,
                                                                  size: tuple[int, int]) -> None:
    from kivy.metrics import dp

    app = _history(make_app, window, size, "ar")
    screen = app.screen("geschiedenis")
    tap(screen.ids.tab_verloop)
    frames(3)
    grafiek = screen.ids.grafiek
    leefgebieden = grafiek.metingen[-1].leefgebieden
    assert [key for key, _f, _r in grafiek.titles] == [key for key, _f, _r in grafiek.dutch]
    assert len(grafiek.titles) == len(KEYS)
    shown = {text for text, _x, _y, _w, _h in grafiek.dates}  # the months too, in the inwoner's words
    assert vertaler("ar").maand(grafiek.metingen[-1].datum) in shown, shown
    image = window_pixels()
    dx, dy = grafiek.to_window(0, 0)
    for (key, font, (tx, ty, tw, th)), (_k, dutch_font, (nx, ny, nw, nh)), (_c, (x, _y, w, _h), _p) in zip(
            grafiek.titles, grafiek.dutch, grafiek.charts, strict=True):
        assert font >= round(dp(MIN_TEXT)) and dutch_font >= round(dp(MIN_TEXT)), key
        assert ny + nh <= ty + 1, key  # the Dutch name beneath the title
        # Flush right: the ink ends at the right of its box (a glyph's side bearing from it), next
        # to the pictogram on the chart's right; it starts well inside on the left.
        for box, width in (((tx + dx, ty + dy, tx + tw + dx, ty + th + dy), tw),
                           ((nx + dx, ny + dy, nx + nw + dx, ny + nh + dy), nw)):
            ink = _ink_columns(image, box)
            assert ink.size, key
            assert width - 1 - ink.max() < 8 and ink.min() > 4, (key, ink.min(), ink.max(), width)
        assert tx + tw <= x + w - dp(32), key  # left of the pictogram
        assert leefgebieden[key].naam_in("ar") != leefgebieden[key].naam


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_sentence_and_the_boards_speak_the_inwoners_language(make_app: object, window: object,
                                                                 size: tuple[int, int]) -> None:
    app = _history(make_app, window, size, "ar")
    screen = app.screen("geschiedenis")
    oud, nieuw = screen.metingen[-2:]
    assert screen.zin == vergelijk(oud, nieuw).zin_in(vertaler("ar"))
    zin = screen.ids.zin
    x, y = zin.to_window(zin.x, zin.y)
    ink = _ink_columns(window_pixels(), (x, y, x + zin.width, y + zin.height))
    assert ink.size and zin.width - 1 - ink.max() < 12 and ink.min() > 12, (ink.min(), ink.max(), zin.width)
    columns = list(reversed(screen.ids.boards.children))
    assert len(columns) == 2
    for column in columns:
        assert column.board.tr.code == "ar" and all(row.mirrored for row in column.board.layout.rows)
    assert screen.ids.tab_verloop.text == "Verloop"  # the professional's own buttons stay Dutch


def test_a_dutch_inwoner_sees_no_second_name(make_app: object, window: object) -> None:
    app = _history(make_app, window, (1280, 800), "nl")
    screen = app.screen("geschiedenis")
    tap(screen.ids.tab_verloop)
    frames(3)
    grafiek = screen.ids.grafiek
    assert len(grafiek.titles) == len(KEYS) and grafiek.dutch == []
    assert screen.zin == vergelijk(*screen.metingen[-2:]).zin


def _label_showing(root: object, text: str) -> object | None:
    """The label under ``root`` the user sees with ``text`` (shown, not faded out)."""
    from kivy.uix.label import Label

    stack = [root]
    while stack:
        widget = stack.pop()
        if getattr(widget, "opacity", 1) == 0 or widget.height <= 0:
            continue
        if isinstance(widget, Label) and widget.text == text:
            return widget
        stack.extend(widget.children)
    return None


@pytest.mark.parametrize("size", [*SIZES, (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("taal", ["ar", "ti"])
def test_the_sentence_has_its_dutch_beneath_for_the_professional(make_app: object, window: object,
                                                                 size: tuple[int, int], taal: str) -> None:
    """As the leefgebieden's names do: the professional reads the sentence too (before 2026-12-03
    it stood only in the inwoner's language). Another pair chosen by a tap, both lines follow."""
    from kivy.metrics import dp

    from board.passen import SENTENCE_LEAST, SENTENCE_SHARE
    from tests.screen_checks import window_rect, words_broken

    app = _history(make_app, window, size, taal)
    screen = app.screen("geschiedenis")
    for _pair in range(2):
        oud, nieuw = (m for m in screen.metingen if m.id in screen.chosen)
        dutch = vergelijk(oud, nieuw).zin
        assert screen.zin == vergelijk(oud, nieuw).zin_in(vertaler(taal)) != dutch
        label = _label_showing(screen, dutch)
        assert label is not None, dutch
        zin, beneath = window_rect(screen.ids.zin), window_rect(label)
        assert beneath[1] + beneath[3] <= zin[1] + 1  # beneath the inwoner's sentence
        assert beneath[1] >= -1 and beneath[0] >= 0 and beneath[0] + beneath[2] <= window.width + 1
        assert label.texture_size[1] <= beneath[3] + 1  # not cut
        x, y, w, h = beneath
        assert _ink_columns(window_pixels(), (x, y, x + w, y + h)).size  # drawn, not only laid out
        assert words_broken(screen) == []
        # Both readable: the sentence at SENTENCE_LEAST or more, its Dutch at MIN_TEXT or more; the
        # two together take no more of the screen than the sentence's share, unless at those fonts.
        assert screen.ids.zin.font_size >= dp(SENTENCE_LEAST) - 0.5 and label.font_size >= dp(MIN_TEXT) - 0.5
        both = zin[1] + zin[3] - beneath[1]
        assert both <= SENTENCE_SHARE * window.height + 1 or screen.ids.zin.font_size <= dp(SENTENCE_LEAST) + 0.5
        other = next(k for k in screen.ids.metingen.children
                     if getattr(k, "meting_id", None) and k.meting_id not in screen.chosen)
        tap(other)  # the one not chosen joins, the older goes: another pair, its own sentence
        frames(3)
        assert other.meting_id in screen.chosen and len(screen.chosen) == 2


def test_a_dutch_inwoners_sentence_stands_once(make_app: object, window: object) -> None:
    """A guard for the test above: no Dutch line beneath a Dutch sentence (the same words twice)."""
    from kivy.uix.label import Label

    app = _history(make_app, window, (800, 600), "nl")
    screen = app.screen("geschiedenis")
    assert screen.zin == vergelijk(*screen.metingen[-2:]).zin
    shown = [w for w in screen.walk() if isinstance(w, Label) and w.text == screen.zin
             and w.opacity > 0 and w.height > 0]
    assert len(shown) == 1


@pytest.mark.parametrize("size", [(800, 600), (800, 1280), (1920, 1200)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_sentence_said_in_dutch_stays_flush_left_for_an_arabic_inwoner(make_app: object, window: object,
                                                                        size: tuple[int, int]) -> None:
    """The professional's Dutch sentences (a new traject; tap a second meting) are set as Dutch
    (flush left) for an Arabic inwoner, the comparison in Arabic flush right: each by its own
    script, read from the ink of the sentence on the window."""
    from tests.test_geschiedenis_trajecten import _button, _open

    app, history = _open(make_app, window, size, nieuw=1)
    inwoner = app.repository.find_inwoner("D-TWEE")
    app.repository.set_taal(inwoner.id, "ar")
    app.show_inwoner(app.repository.get_inwoner(inwoner.id))
    frames(2)
    tap(app.screen("inwoner").ids.history)
    frames(3)
    screen = app.screen("geschiedenis")
    assert screen.tr.rtl
    a0, _a1, a2, _b0 = history

    def gaps() -> tuple[int, int]:
        """The white left and right of the sentence's last line (a wrapped first line may fill
        the width either way; the last one shows where the lines are set)."""
        frames(2)
        zin = screen.ids.zin
        x, y = zin.to_window(zin.x, zin.y)
        image = window_pixels()
        crop = np.asarray(image.convert("L").crop((round(x), round(image.height - y - zin.height),
                                                   round(x + zin.width), round(image.height - y)))) < 150
        rows = np.where(crop.any(axis=1))[0]
        assert rows.size, screen.zin
        last = crop[max(0, rows.max() - round(zin.font_size * 0.6)):rows.max() + 1]  # below the line above
        ink = np.where(last.any(axis=0))[0]
        return int(ink.min()), int(zin.width - 1 - ink.max())

    assert "nieuw traject" in screen.zin
    left, right = gaps()
    assert left < 12 and right > left + 4, (screen.zin, left, right)
    tap(_button(screen, a2.id))
    assert "tweede meting" in screen.zin
    left, right = gaps()
    assert left < 12 and right > left + 4, (screen.zin, left, right)
    tap(_button(screen, a0.id))  # two metingen: the comparison in Arabic, flush right
    assert screen.zin == vergelijk(a0, a2).zin_in(vertaler("ar"))
    left, right = gaps()
    assert right < 12 and left > right + 4, (screen.zin, left, right)
