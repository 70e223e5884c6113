"""The afronden screen and the doel editor as a new user met them (issues 17 and 15), driven
by touches on the running app at 800x600 and 1280x800 and checked on what is drawn: for an
Arabic inwoner both mirror like the board (text flush right by its ink, the rapportcijfers from
1 on the right, the doel's column on the right), a date never breaks inside itself, a list of
names uses the script's own semicolon, "who" stays chosen for the next actie, and no button
lies under a column's scroll bar."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from board import schrift
from board.datums import add_months
from board.taal import vertaler
from tests.kivy_helpers import (  # noqa: F401
    button,
    choose_taal,
    frames,
    into_sight,
    make_app_fixture,
    tap,
    window_fixture,
    window_pixels,
)
from tests.screen_checks import window_crop, window_rect
from tests.screen_helpers import modal, visit_in_taal

TODAY = date(2026, 3, 2)
SIZES = [(800, 600), (1280, 800)]
RING = (0, 114, 178)  # the ring around a chosen Keuze (common.kv)


def _visit(make_app: object, window: object, size: tuple[int, int], taal: str) -> object:
    return visit_in_taal(make_app, window, size, taal, TODAY)


def _ink(widget: object, window: object, image: object = None) -> np.ndarray:
    """Columns (from the widget's left) where ``widget`` shows dark text ink on the screen."""
    box = window_crop((image or window_pixels()).convert("L"), window_rect(widget))
    return np.where((box < 110).any(axis=0))[0]


def _flush(widget: object, window: object, side: str) -> None:
    """The widget's text is drawn against its ``side`` edge and stays clear of the other."""
    into_sight(widget)
    ink, width = _ink(widget, window), widget.width
    assert ink.size, widget.text
    # The near gap a few px (a glyph's side bearing), the far one wider (a long line may nearly fill).
    near, far = (width - 1 - ink.max(), ink.min()) if side == "right" else (ink.min(), width - 1 - ink.max())
    assert near < 12 and far > near + 4, (side, ink.min(), ink.max(), width)


def _to_afronden(app: object) -> object:
    tap(app.screen("bord").ids_nav["doelen"])
    tap(app.screen("doelen").ids.next)
    assert app.current == "afronden"
    frames(2)
    return app.screen("afronden")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_afronden_screen_reads_right_to_left_in_arabic_and_back_in_dutch(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    app = _visit(make_app, window, size, "ar")
    screen = _to_afronden(app)
    cijfers = {k.cijfer: k for k in screen.ids.cijfers.children}
    xs = [window_rect(cijfers[c])[0] for c in range(1, 11)]
    assert xs == sorted(xs, reverse=True), xs  # 1 on the right, 10 on the left
    grid = window_rect(screen.ids.cijfers)
    assert abs((xs[0] + cijfers[1].width) - (grid[0] + grid[2])) < 2
    tap(cijfers[1])  # the touch lands where "1" is drawn
    assert app.live.session.committed.rapportcijfer == 1
    vraag, uitleg, _grid = reversed(screen.ids.cijfers.parent.children)
    _flush(uitleg, window, "right")  # "1 is heel slecht, 10 is heel goed."
    (veldnaam,) = [w for w in screen.ids.plus.parent.parent.children if type(w).__name__ == "Veldnaam"]
    _flush(veldnaam, window, "right")  # "Volgende meting"
    assert vraag.halign == "right" and screen.ids.zin.halign == "right"
    assert window_rect(screen.ids.plus)[0] < window_rect(screen.ids.minus)[0]  # more months to the left
    tap(screen.ids.plus)
    assert app.live.session.committed.volgende_meting == add_months(TODAY, 3)

    tap(screen.ids.board)  # back on the board, the inwoner picks Dutch: the screen reads left to right
    choose_taal(app, "nl")
    screen = _to_afronden(app)
    xs = [window_rect(cijfers[c])[0] for c in range(1, 11)]
    assert xs == sorted(xs), xs
    _flush(uitleg, window, "left")
    _flush(veldnaam, window, "left")
    assert window_rect(screen.ids.plus)[0] > window_rect(screen.ids.minus)[0]


def _open_editor(app: object) -> object:
    from widgets.common import buttons_in

    tap(app.screen("bord").ids_nav["doelen"])
    content = app.screen("doelen").ids.content
    (plus,) = [b for b in buttons_in(content) if getattr(b, "leefgebied", None) == "geld"]  # "+ Doel"
    into_sight(plus)
    tap(plus)
    frames(2)
    return modal(app, "DoelEditor")


def _right(widget: object) -> float:
    x, _y, w, _h = window_rect(widget)
    return x + w


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_doel_editor_is_mirrored_in_arabic(make_app: object, window: object, size: tuple[int, int]) -> None:
    from widgets.common import buttons_in

    app = _visit(make_app, window, size, "ar")
    editor = _open_editor(app)
    ids = editor.ids
    assert window_rect(ids.links)[0] > _right(ids.rechts)  # the doel's own column on the right
    assert ids.links.bar_pos_y == ids.rechts.bar_pos_y == "left"
    title_row = ids.links.parent.parent.children[-1]
    picto = next(w for w in title_row.children if type(w).__name__ == "Image")
    naam = next(w for w in title_row.children if type(w).__name__ == "Groot")
    assert window_rect(picto)[0] > window_rect(naam)[0]  # the pictogram on the right
    for veldnaam in [w for w in editor.walk() if type(w).__name__ == "Veldnaam" and w.text]:
        _flush(veldnaam, window, "right")  # "Het doel ...", "Wanneer?", "Wie doet wat?"
    keuzes = [b for b in ids.wie.children if hasattr(b, "wie")][::-1]  # in the order they were made
    assert keuzes[0].wie == "inwoner"
    assert abs(_right(keuzes[0]) - _right(ids.wie)) < 2  # the first choice at the right edge
    assert window_rect(keuzes[1])[0] < window_rect(keuzes[0])[0] or window_rect(keuzes[1])[1] < window_rect(
        keuzes[0])[1]  # the next one to its left (or on the next row)
    assert _right(ids.add_actie) <= window_rect(ids.wat)[0]  # "+ Actie" left of the field
    assert window_rect(ids.plus)[0] < window_rect(ids.minus)[0]
    assert _right(ids.save) <= window_rect(ids.cancel)[0]  # "Doel bewaren" left of "Annuleren"
    into_sight(keuzes[0])
    tap(keuzes[0])
    ids.wat.text = "Elke maandag de post openen"
    into_sight(ids.add_actie)
    tap(ids.add_actie)
    (row,) = ids.acties.children
    kruis = next(b for b in buttons_in(row) if b.text == "×")
    label = next(w for w in row.children if w is not kruis)
    assert _right(kruis) <= window_rect(label)[0] + 1  # "×" on the left of its actie
    into_sight(label)
    ink = _ink(label, window)
    assert ink.size and ink.max() > label.width - 12  # the actie's text flush right (by its ink)
    ids.tekst.text = "أريد أن أدفع فواتيري في الوقت المحدد"
    frames(2)
    into_sight(ids.voorbeeld)
    _flush(ids.voorbeeld, window, "right")  # the Arabic typed, shaped: flush right
    tap(ids.save)
    assert [a.wie.value for d in app.live.session.committed.doelen for a in d.acties] == ["inwoner"]


def _lines_drawn(label: object) -> list[str]:
    """The lines Kivy draws for ``label`` (its own layout of the text, as on the screen)."""
    frames(1)
    label.texture_update()
    return ["".join(word.text for word in line.words) for line in label._label._cached_lines]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_date_in_the_doel_editor_never_breaks_inside_itself_in_arabic(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    """At 800x600 "2 مايو 2026" broke after the month name (schrift.wrap split at the no-break
    space). Every month from 1 to 12, tapped with "−" and "+": the date's day, month and year
    are drawn on one line, and Kivy draws the lines schrift made (it does not wrap them again)."""
    app = _visit(make_app, window, size, "ar")
    editor = _open_editor(app)
    wanneer, tr = editor.ids.wanneer, vertaler("ar")
    for _tap in range(3):  # bounded: from the default 3 months down to 1
        tap(editor.ids.minus)
    wrapped = 0
    for months in range(1, 13):  # bounded: a year of months, one tap each
        assert editor.months == months
        drawn = _lines_drawn(wanneer)
        assert len(drawn) == len(wanneer.text.split("\n")), (drawn, wanneer.text)
        parts = [schrift.visual(part) for part in tr.datum(add_months(TODAY, months)).split()]
        assert any(all(part in line for part in parts) for line in drawn), (months, parts, drawn)
        wrapped += len(drawn) > 1
        tap(editor.ids.plus)
    if size == (800, 600):
        assert wrapped  # the sentence does wrap here: the wrap comes before the date
    tap(editor.ids.cancel)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("taal", ["ar", "ti"])
def test_names_in_a_message_are_separated_by_the_scripts_own_semicolon(
        make_app: object, window: object, size: tuple[int, int], taal: str) -> None:
    app = _visit(make_app, window, size, taal)
    app.live.apply(lambda m: m.choose("wonen").choose("werk"))  # chosen, no fiche yet
    screen = _to_afronden(app)
    into_sight(screen.ids.afronden)
    tap(screen.ids.afronden)
    frames(3)
    teken = {"ar": "\u061b", "ti": "\u1364"}[taal]
    shown = screen.ids.melding_text.text
    assert screen.melding.count(teken) == 1 and ";" not in screen.melding, screen.melding
    assert teken in shown and ";" not in shown  # drawn so
    for key in ("wonen", "werk"):
        naam = app.live.meting.leefgebieden[key].naam_in(taal)
        assert naam in screen.melding


def _ring_pixels(widget: object, image: object) -> int:
    """How many pixels of the chosen ring's blue the widget shows."""
    box = window_crop(image, window_rect(widget)).astype(np.int16)
    return int(np.all(np.abs(box - np.array(RING)) <= 12, axis=2).sum())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_who_stays_chosen_for_the_next_actie(make_app: object, window: object, size: tuple[int, int]) -> None:
    """A professional adding three steps for "Ik zelf" chose "Ik zelf" three times: now once.
    After each actie the choice still shows its ring; opening the doel again, the last actie's
    "who" is chosen."""
    app = _visit(make_app, window, size, "nl")
    editor = _open_editor(app)
    ids = editor.ids
    ids.tekst.text = "Mijn post op orde"
    zelf, wijkteam = button(ids.wie, "Ik zelf"), button(ids.wie, "Het wijkteam")
    into_sight(zelf)
    tap(zelf)
    for wat in ("Elke maandag de post openen", "Rekeningen in een map doen", "Een overzicht maken"):
        ids.wat.text = wat
        into_sight(ids.add_actie)
        tap(ids.add_actie)
        assert editor.message == "", editor.message
        into_sight(zelf)
        image = window_pixels()
        assert _ring_pixels(zelf, image) > zelf.width, wat  # still chosen, visibly
        assert _ring_pixels(wijkteam, image) == 0
    into_sight(wijkteam)
    tap(wijkteam)  # a step for someone else: chosen like before
    ids.wat.text = "Bellen met de bewindvoerder"
    into_sight(ids.add_actie)
    tap(ids.add_actie)
    into_sight(ids.save)
    tap(ids.save)
    (doel,) = app.live.session.committed.doelen
    assert [a.wie.value for a in doel.acties] == ["inwoner", "inwoner", "inwoner", "wijkteam"]
    wijzigen = button(app.screen("doelen").ids.content, "Wijzigen")
    into_sight(wijzigen)
    tap(wijzigen)
    editor = modal(app, "DoelEditor")
    wijkteam = button(editor.ids.wie, "Het wijkteam")
    into_sight(wijkteam)
    image = window_pixels()
    assert _ring_pixels(wijkteam, image) > wijkteam.width  # the doel's last "who", shown chosen
    assert _ring_pixels(button(editor.ids.wie, "Ik zelf"), image) == 0
    tap(editor.ids.cancel)


def _bar_strip(scroll: object) -> tuple[float, float]:
    """Where the ScrollView draws its vertical bar (window x from, to)."""
    x, _y, w, _h = window_rect(scroll)
    if scroll.bar_pos_y == "right":
        return x + w - scroll.bar_margin - scroll.bar_width, x + w - scroll.bar_margin
    return x + scroll.bar_margin, x + scroll.bar_margin + scroll.bar_width


@pytest.mark.parametrize("size, taal", [((800, 600), "uk"), ((1280, 800), "uk"), ((800, 600), "ar")],
                         ids=lambda v: f"{v[0]}x{v[1]}" if isinstance(v, tuple) else v)
def test_no_button_lies_under_a_columns_scroll_bar(make_app: object, window: object, size: tuple[int, int],
                                                   taal: str) -> None:
    """At 800x600 "+ Крок" and every "×" touched the right column's scroll bar."""
    from kivy.metrics import dp

    from widgets.common import buttons_in

    app = _visit(make_app, window, size, taal)
    editor = _open_editor(app)
    ids = editor.ids
    keuze = next(b for b in ids.wie.children if getattr(b, "wie", "") == "netwerk")
    for n in range(6):  # bounded: six acties, the column scrolls at 800x600
        into_sight(keuze)
        tap(keuze)
        ids.wat.text = f"Крок {n + 1}: зателефонувати сестрі в пʼятницю"
        into_sight(ids.add_actie)
        tap(ids.add_actie)
    assert len(ids.acties.children) == 6
    if size == (800, 600):
        assert ids.rechts.children[0].height > ids.rechts.height  # it scrolls: the bar is drawn
    for scroll in (ids.links, ids.rechts):
        left, right = _bar_strip(scroll)
        for knop in buttons_in(scroll):
            x, _y, w, _h = window_rect(knop)
            gap = x - right if scroll.bar_pos_y == "left" else left - (x + w)
            assert gap >= dp(6), (knop.text, x, x + w, left, right)
    tap(ids.cancel)


@pytest.mark.parametrize("taal", ["ar", "nl"])
@pytest.mark.parametrize("size", [*SIZES, (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_trays_kaartjes_fill_from_the_right_in_arabic(make_app: object, window: object, size: tuple[int, int],
                                                          taal: str) -> None:
    """The kaartjes not yet on the board read from the right for an Arabic inwoner (the first
    one top right), from the left in Dutch: a tap on the top row's rightmost kaartje puts the
    first one on the board in Arabic, the top row's last in Dutch."""
    from tests.kivy_helpers import drag
    from widgets.tray import MORE

    app = _visit(make_app, window, size, taal)
    tray = app.screen("bord").board_screen.tray
    frames(2)
    first = tray.cards[0]
    top_row = [card for card in tray.cards if abs(card.rect[1] - first.rect[1]) < 1 and card.key != MORE]
    assert len(top_row) >= 2  # more than one column: there is a side to start from
    # The first kaartje's name is drawn (ink on the screen) on the tray's reading side.
    nx, ny, nw, nh = tray.name_rects[first.key]
    (left, bottom), (right, upper) = tray.to_window(nx, ny), tray.to_window(nx + nw, ny + nh)
    pixels = np.asarray(window_pixels().convert("L"))
    box = pixels[round(window.height - upper):round(window.height - bottom), round(left):round(right)]
    assert (box < 110).sum() > 20, f"geen naam te zien op het eerste kaartje ({taal})"
    middle = tray.to_window(tray.center_x, tray.y)[0]
    assert ((left + right) / 2 > middle) == (taal == "ar")
    x, y, w, h = max(top_row, key=lambda card: card.rect[0]).rect
    before = app.live.meting.gekozen
    drag([tray.to_window(x + w / 2, y + h / 2)])
    frames(2)
    (chosen,) = (key for key in app.live.meting.gekozen if key not in before)
    assert chosen == (first.key if taal == "ar" else top_row[-1].key)
