"""The inwoner's language through the running app, at two window sizes: chosen on the board
in the language list (by touch), stored with the inwoner, followed at once by the board, the
tray, the prompt card and the doelen and afronden screens, while the professional's screens
keep Dutch; for an Arabic inwoner the board is mirrored (sad smiley right, tray left), its
labels drawn right-aligned (checked by pixels), a drag still stores the logical position, and
the screen and the snapshot agree."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from board.geometry import MIN_TRACK
from board.taal import vertaler
from tests.kivy_helpers import (  # noqa: F401
    app_with_inwoner,
    button,
    choose_taal,
    drag,
    frames,
    make_app_fixture,
    tap,
    window_fixture,
    window_pixels,
)
from tests.screen_checks import covered, small_targets


def _board_in(make_app: object, window: object, size: tuple[int, int]) -> object:
    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-TAAL", today=lambda: date(2026, 3, 2))
    tap(app.screen("inwoner").ids.start)
    live = app.live
    for key, positie in (("geld", 0.2), ("wonen", 0.6)):
        live.apply(lambda m, k=key, p=positie: m.choose(k).place_fiche(k, "inwoner", p))
    frames(3)
    return app



@pytest.mark.parametrize("size", [(800, 600), (1280, 800), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_arabic_inwoner_gets_a_mirrored_board_in_arabic(make_app: object, window: object,
                                                          size: tuple[int, int]) -> None:
    app = _board_in(make_app, window, size)
    screen = app.screen("bord").board_screen
    board, tray = screen.board, screen.tray
    ltr_row = board.layout.row("geld")
    assert ltr_row.sad[0] < ltr_row.happy[0]
    choose_taal(app, "ar")
    assert app.repository.get_inwoner(app.inwoner.id).taal == "ar"  # stored with the inwoner
    assert screen.tr.code == "ar" and board.tr.code == "ar" and tray.tr.code == "ar"
    row = board.layout.row("geld")
    assert row.mirrored and row.happy[0] < row.sad[0]  # the happy smiley left, the sad one right
    if size[1] > size[0]:  # portrait: the tray stays below the board
        assert tray.to_window(*tray.pos)[1] + tray.height <= board.to_window(*board.pos)[1] + 1
    else:
        assert tray.to_window(*tray.pos)[0] < board.to_window(*board.pos)[0]  # the tray on the left
    for shown in board.layout.rows:  # happy -> sad from the left, every bar of a usable length
        assert shown.track[2] >= MIN_TRACK * shown.unit - 0.5, (size, shown.key, shown.track)
        assert shown.happy[0] + shown.happy[2] <= shown.track[0] < shown.track[0] + shown.track[2] <= shown.sad[0]
    # A drag towards the sad smiley (now on the right) stores a low, logical position.
    drag([board.to_window(row.x_for(0.2), row.center_y), board.to_window(row.sad[0] - 2, row.center_y)])
    frames(2)
    assert app.live.session.committed.positie("geld") == 0.0
    # Pixels: the name's ink lies at the right of its column, none in its left part.
    image = np.asarray(window_pixels().convert("L"))
    nx, ny, nw, nh = row.name
    left, bottom = board.to_window(nx, ny)
    top = window.height - (bottom + nh)
    column = image[round(top):round(top + nh), round(left):round(left + nw)]
    ink = np.where((column < 110).any(axis=0))[0]
    assert ink.size and ink.min() > nw * 0.35 and ink.max() > nw * 0.85, (ink.min(), ink.max(), nw)
    # The professional's screens keep Dutch; the inwoner's doelen and afronden speak Arabic.
    app.show_meting_step("doelen")
    frames(2)
    assert app.screen("doelen").tr.code == "ar"
    assert any("الأهداف" in getattr(w, "text", "") or "ﻑﺍﺪﻫﻷﺍ" in getattr(w, "text", "")
               for w in app.screen("doelen").walk())
    app.show_meting_step("afronden")
    frames(2)
    question = vertaler("ar").pgettext("inwoner", "Welk cijfer geef je je leven nu?")
    assert question and app.screen("afronden").tr.code == "ar"
    assert small_targets(app.screen("afronden")) == [] and covered(app.screen("afronden")) == []


def _ink_columns(widget: object, window: object) -> np.ndarray:
    """Columns (from the widget's left) where ``widget`` has dark text ink on the screen."""
    image = np.asarray(window_pixels().convert("L"))
    left, bottom = widget.to_window(widget.x, widget.y)
    top = window.height - (bottom + widget.height)
    box = image[round(top):round(top + widget.height), round(left):round(left + widget.width)]
    return np.where((box < 110).any(axis=0))[0]


# Whether the side panel shows the "Kaartjes" heading at each size: a panel lower than 1000 dp
# (of its scale, up to 1.5 at 1920x1200) gives its room to the kaartjes (tests/test_tray_pagina.py
# counts them); only a high window keeps it.
HEADING_AT = {(800, 600): False, (1280, 800): False, (1920, 1200): False, (1280, 1024): True}


@pytest.mark.parametrize("size", list(HEADING_AT), ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_side_panel_reads_right_to_left_in_arabic(make_app: object, window: object,
                                                     size: tuple[int, int]) -> None:
    """The side panel mirrors with the board: titles flush right (pixels), the inwoner's
    perspectief first from the right, Stap terug right of Opnieuw, the language button left of
    the title; the buttons still answer a touch where they are drawn. Dutch: the other way."""
    app = _board_in(make_app, window, size)
    screen = app.screen("bord").board_screen
    ids, taal = screen.ids, app.screen("bord").ids_nav["taal"]

    def x(widget: object) -> float:
        return widget.to_window(widget.center_x, widget.center_y)[0]

    assert x(ids.knop_inwoner) < x(ids.knop_professional) < x(ids.knop_naaste)
    assert x(ids.undo) < x(ids.redo) and x(ids.titel) < x(taal)
    # The title ("Wiens fiche?", a fitted label beside the language button) and the panel's texts.
    labels = [ids.titel] + [w for w in ids.side.walk()
                            if w.__class__.__name__ in ("Titel", "Uitleg") and w.height > 0 and w.text]
    texts = [label.text for label in labels]
    assert "Wiens fiche?" in texts and len(labels) >= 2  # and the tray's explanation
    assert ("Kaartjes" in texts) is HEADING_AT[size]
    for label in labels:  # flush left: less room on the left of the ink than on its right
        ink = _ink_columns(label, window)
        assert ink.size and ink.min() < label.width - 1 - ink.max() and ink.min() < 4, (label.text, ink)
    choose_taal(app, "ar")
    assert x(ids.knop_naaste) < x(ids.knop_professional) < x(ids.knop_inwoner)
    assert x(ids.redo) < x(ids.undo) and x(taal) < x(ids.titel)
    # The arrows turn with the reading direction: back is to the right (as Material's undo icon mirrors).
    assert "↷" in ids.undo.text and "↶" not in ids.undo.text and "↶" in ids.redo.text
    for label in labels:  # flush right
        ink = _ink_columns(label, window)
        assert ink.size and label.width - 1 - ink.max() < ink.min() and ink.max() > label.width - 10, (label.text, ink)
    # Touches reach the mirrored buttons where they are drawn.
    for knop, perspectief in ((ids.knop_naaste, "naaste"), (ids.knop_professional, "professional"),
                              (ids.knop_inwoner, "inwoner")):
        tap(knop)
        assert screen.board.perspectief == perspectief
    choose_taal(app, "nl")
    assert x(ids.knop_inwoner) < x(ids.knop_professional) < x(ids.knop_naaste) and x(ids.titel) < x(taal)


def test_switching_back_needs_no_restart_and_leaves_the_professionals_language(make_app: object,
                                                                               window: object) -> None:
    from board.i18n import _

    app = _board_in(make_app, window, (1280, 800))
    choose_taal(app, "uk")
    screen = app.screen("bord").board_screen
    view = screen.show_vragen("geld")
    frames(2)
    assert view.naam == "Гроші" and view.nederlands == "Geld"
    assert view.vragen[0].startswith("Чи вистачає")
    view.dismiss(animation=False)
    frames(1)
    assert _("Naar professional") == "Naar professional"  # the app's own language is untouched
    choose_taal(app, "nl")
    assert screen.tr.code == "nl" and not screen.board.layout.row("geld").mirrored
    assert app.repository.get_inwoner(app.inwoner.id).taal == "nl"


def test_a_doel_typed_in_arabic_shows_a_shaped_preview(make_app: object, window: object) -> None:
    import unicodedata

    from board import schrift

    app = _board_in(make_app, window, (1280, 800))
    choose_taal(app, "ar")
    app.show_meting_step("doelen")
    frames(2)
    editor = app.screen("doelen").edit("geld")
    frames(2)
    preview = editor.ids.voorbeeld
    assert preview.text == "" and preview.height == 0  # nothing typed: no preview
    typed = "أريد أن أعرف كل فواتيري قبل 1 يونيو"
    editor.ids.tekst.text = typed
    frames(3)
    assert preview.height > 0 and preview.opacity == 1
    lines = preview.text.split("\n")
    assert all(0xFE70 <= ord(c) <= 0xFEFF or not schrift.has_rtl(c) for c in preview.text)  # joined forms
    # Right to left: the first word typed is drawn at the right end of the first line.
    assert unicodedata.normalize("NFKC", lines[0])[::-1].startswith("أريد")
    assert "1" in preview.text and preview.halign == "right"
    editor.ids.tekst.text = "Gewoon Nederlands"
    frames(2)
    assert preview.text == "" and preview.height == 0
    # The actie typed ("Wat gebeurt er?") too: an outside walk found it unreadable without one.
    actie = editor.ids.voorbeeld_wat
    assert actie.text == "" and actie.height == 0
    editor.ids.wat.text = "سأتصل بالبنك"
    frames(3)
    assert actie.height > 0 and actie.opacity == 1 and actie.halign == "right"
    assert all(0xFE70 <= ord(c) <= 0xFEFF or not schrift.has_rtl(c) for c in actie.text)  # joined forms
    assert unicodedata.normalize("NFKC", actie.text)[::-1].startswith("سأتصل")
    editor.dismiss(animation=False)


def test_the_doelen_screen_and_the_prompt_card_read_right_to_left_in_arabic(make_app: object,
                                                                           window: object) -> None:
    """Right to left beyond the board: the prompt card's pictogram right of the name; on the
    doelen screen the top bar mirrored (Bord right, Afronden left) and each leefgebied's row
    (pictogram right, '+ Doel' left), which still opens the editor for its leefgebied when
    tapped where it is drawn; Dutch the other way round."""
    from kivy.uix.image import Image

    app = _board_in(make_app, window, (800, 600))

    def x(widget: object) -> float:
        return widget.to_window(widget.center_x, widget.center_y)[0]

    def rows() -> list[tuple[float, float, object]]:
        found = []
        for w in app.screen("doelen").ids.content.walk(restrict=True):
            add = next((c for c in w.children if getattr(c, "leefgebied", None)), None)
            image = next((c for c in w.children if isinstance(c, Image)), None)
            if add is not None and image is not None:
                found.append((x(image), x(add), add))
        return found

    for taal, rtl in (("nl", False), ("ar", True), ("nl", False)):
        choose_taal(app, taal)
        view = app.screen("bord").board_screen.show_vragen("geld")
        frames(2)
        assert (x(view.ids.naam) < x(next(c for c in view.ids.kop.children if isinstance(c, Image)))) == rtl
        view.dismiss(animation=False)
        app.show_meting_step("doelen")
        frames(3)
        doelen = app.screen("doelen")
        assert (x(doelen.ids.next) < x(doelen.ids.back)) == rtl
        found = rows()
        assert len(found) == 2 and all((image > add) == rtl for image, add, _k in found), found
        if rtl:
            _image, _add, knop = found[0]
            tap(knop)
            frames(2)
            editor = next(w for w in window.children if w.__class__.__name__ == "DoelEditor")
            assert editor.leefgebied == knop.leefgebied
            editor.dismiss(animation=False)
            frames(1)
        app.show_meting_step("bord")
        frames(2)


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("taal", ["ar", "uk"])
def test_the_perspectief_names_sit_inside_their_buttons_on_a_first_visit(make_app: object, window: object,
                                                                      size: tuple[int, int], taal: str) -> None:
    """The inwoner's language known before the board is built (the next start of the app): the
    name under each fiche was placed while its text was still empty and ran under the next
    button ("شخص قريب" lost its first letter)."""
    from board import Inwoner
    from services.inwoners import add_inwoner
    from tests.screen_helpers import unlocked_app

    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 3, 2))
    inwoner = Inwoner.create("D-EERST", "Stratum", taal=taal)
    add_inwoner(app.repository, inwoner)
    app.show_inwoner(inwoner)
    tap(app.screen("inwoner").ids.start)
    frames(3)
    ids = app.screen("bord").board_screen.ids
    for knop in (ids.knop_inwoner, ids.knop_professional, ids.knop_naaste):
        (label,) = [w for w in knop.children if w.__class__.__name__ == "Label"]
        assert label.text and label.width > 0
        left, right = label.to_window(label.x, 0)[0], label.to_window(label.right, 0)[0]
        k_left, k_right = knop.to_window(knop.x, 0)[0], knop.to_window(knop.right, 0)[0]
        assert k_left <= left and right <= k_right, (label.text, left, right, k_left, k_right)
        assert abs((left + right) / 2 - (k_left + k_right) / 2) <= 1  # centred under the fiche


def test_the_language_list_is_a_light_card_like_the_other_dialogs(make_app: object, window: object) -> None:
    app = _board_in(make_app, window, (800, 600))
    tap(app.screen("bord").ids_nav["taal"])
    frames(2)
    kiezer = next(w for w in window.children if w.__class__.__name__ == "TaalKiezer")
    box = kiezer.children[0]
    image = window_pixels()
    from kivy.metrics import dp

    x, y = box.to_window(box.x + dp(8), box.center_y)  # in the card's margin, beside the buttons
    assert min(image.getpixel((round(x), round(image.height - y)))) >= 245  # white, not Kivy's dark frame
    kiezer.dismiss(animation=False)
