"""The smaller things of the board issue, each seen as a person meets it in the running app:
history boards without reorder handles, kaartje names never tiny, a passed streefdatum
marked, dates under the verloop charts, and after afronden no title cut by the header."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from board.i18n import format_maand
from services.demo import fill
from tests.kivy_helpers import PIN, frames, make_app_fixture, type_pin, window_fixture, window_pixels  # noqa: F401
from tests.pixels import colour_mask

TODAY = date(2026, 11, 23)
HISTORY = "WT-2025-01012"  # a demo inwoner with four metingen
CONCEPT = "WT-2025-01016"  # a demo inwoner with an unfinished vervolgmeting
GRIP = (140, 135, 128)  # widgets/bar_tekening.GRIP: the three lines of a reorder handle


@pytest.fixture(name="app")
def app_fixture(make_app: object) -> object:
    app = make_app(today=lambda: TODAY)
    account = app.screen("account")
    account.ids.naam.text = "Sanne de Vries"
    type_pin(account, PIN)
    type_pin(account, PIN)
    fill(app.repository)
    app.show_list()
    frames(2)
    return app


def test_history_boards_are_read_only_and_have_no_reorder_handles(app: object) -> None:
    from widgets.board_widget import BoardWidget

    app.show_inwoner(app.repository.find_inwoner(HISTORY))
    app.show_history()
    frames(3)
    screen = app.screen("geschiedenis")
    boards = [w for w in screen.walk() if isinstance(w, BoardWidget)]
    assert len(boards) == 2
    image = window_pixels()
    for board in boards:
        assert board.layout.rows and all(row.handle is None for row in board.layout.rows)
        x, y = board.to_window(board.x, board.y)
        crop = image.crop((round(x), round(image.height - y - board.height), round(x + board.width),
                           round(image.height - y)))
        assert colour_mask(crop, GRIP, tolerance=4).sum() == 0  # no grip lines drawn
    # The live board does draw them: the colour is the right one to look for.
    app.show_inwoner(app.repository.find_inwoner(CONCEPT))
    app.open_visit()
    frames(3)
    assert colour_mask(window_pixels(), GRIP, tolerance=4).sum() > 50


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_kaartje_names_stay_at_least_14_dp(app: object, window: object, size: tuple[int, int]) -> None:
    from kivy.core.text import Label as CoreLabel
    from kivy.metrics import dp

    from widgets.kaartje import MIN_CARD_FONT, card_text_layout
    from widgets.textures import FONT_REGULAR
    from widgets.tray import MORE

    window.size = size
    app.show_inwoner(app.repository.find_inwoner(CONCEPT))
    app.open_visit()
    frames(3)
    tray = app.screen("bord").board_screen.tray
    leefgebieden = app.live.meting.leefgebieden
    cards = [c for c in tray.cards if c.key != MORE]
    assert cards
    for card in cards:
        naam = leefgebieden[card.key].naam
        font, picto, pad, _ = card_text_layout(naam, card.rect[2], card.rect[3], dp(1) * tray.scale)
        assert font >= dp(MIN_CARD_FONT) * tray.scale - 0.5
        assert picto >= dp(24) * tray.scale - 0.5  # every kaartje shows its pictogram
        room = card.rect[2] - (2 * pad + picto if picto else pad) - pad
        measure = CoreLabel(font_size=font, font_name=FONT_REGULAR).get_extents  # Kivy's own, each word alone
        assert max(measure(word)[0] for word in naam.split()) <= room  # and no word is broken


def test_a_streefdatum_that_has_passed_is_marked(make_app: object) -> None:
    from board import Inwoner
    from widgets.doelen import VOORBIJ

    today = [date(2026, 1, 12)]
    app = make_app(today=lambda: today[0])
    account = app.screen("account")
    account.ids.naam.text = "Sanne de Vries"
    type_pin(account, PIN)
    type_pin(account, PIN)
    app.repository.add_inwoner(Inwoner.create("D-STREEF", "Gestel"))
    app.show_inwoner(app.repository.find_inwoner("D-STREEF"))
    app.open_visit()  # the 0-meting: one doel three months ahead, one a year ahead
    live = app.live
    live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.3).choose("wonen")
               .place_fiche("wonen", "inwoner", 0.6))
    live.apply(lambda m: m.add_doel("geld", "Brieven op één plek", date(2026, 4, 12)))
    live.apply(lambda m: m.add_doel("wonen", "Een andere woning", date(2027, 1, 12)))
    assert app.afronden()
    app.export_thread.join()
    app._end_visit()
    today[0] = date(2026, 6, 1)  # the vervolgmeting, after the first streefdatum
    app.show_inwoner(app.repository.find_inwoner("D-STREEF"))
    app.open_visit()
    app.show_meting_step("doelen")
    frames(2)
    labels = {w.text: w for w in app.screen("doelen").walk() if getattr(w, "text", "").startswith("Klaar op")}
    passed = [w for text, w in labels.items() if "12 april 2026" in text]
    coming = [w for text, w in labels.items() if "12 januari 2027" in text]
    assert len(passed) == 1 and len(coming) == 1, list(labels)
    assert "voorbij" in passed[0].text and tuple(passed[0].color) == VOORBIJ
    assert "voorbij" not in coming[0].text and tuple(coming[0].color) != VOORBIJ


def test_the_verloop_charts_show_the_dates_of_the_metingen(app: object) -> None:
    from widgets.verloop import VerloopGrafiek

    app.show_inwoner(app.repository.find_inwoner(HISTORY))
    app.show_history()
    screen = app.screen("geschiedenis")
    screen.view = "verloop"
    frames(3)
    grafiek = next(w for w in screen.walk() if isinstance(w, VerloopGrafiek))
    metingen = grafiek.metingen
    shown = {text for text, _x, _y, _w, _h in grafiek.dates}
    assert {format_maand(metingen[0].datum), format_maand(metingen[-1].datum)} <= shown
    # Drawn below each chart's line, inside its card: text pixels where the dates are.
    image = np.asarray(window_pixels())
    dx, dy = grafiek.to_window(0, 0)  # the charts are drawn in the grid's own (scrolled) coordinates
    for _key, (x, y, w, h), points in grafiek.charts:
        lowest = min(py for _px, py in points) if points else y + h
        assert lowest > y + 20
        x, y = x + dx, y + dy
        band = image[round(image.shape[0] - (y + 24)) : round(image.shape[0] - y - 4), round(x) : round(x + w)]
        assert (band.max(axis=2) < 160).any(), "no date text under the chart"


def test_after_afronden_no_title_is_cut_by_the_header(app: object) -> None:
    from kivy.uix.label import Label

    from board.meting_waarden import Evaluatie

    app.show_inwoner(app.repository.find_inwoner(CONCEPT))
    app.open_visit()
    live = app.live
    for key in live.meting.gekozen:
        if live.meting.positie(key) is None:
            live.apply(lambda m, k=key: m.place_fiche(k, "inwoner", 0.5))
    for doel in live.meting.open_evaluaties:
        live.apply(lambda m, d=doel.id: m.evaluate_doel(d, Evaluatie.BEHAALD))
    live.apply(lambda m: m.set_rapportcijfer(7))
    app.show_meting_step("afronden")
    frames(2)
    assert app.afronden()
    app.export_thread.join()
    frames(4)
    screen = app.screen("afronden")
    scroll = screen.ids.scroll
    _, sy = scroll.to_window(scroll.x, scroll.y)
    top, bottom = sy + scroll.height, sy
    for label in (w for w in scroll.walk() if isinstance(w, Label) and w.text.strip() and w.opacity > 0):
        ly = label.to_window(label.x, label.y)[1]
        under_the_header = ly < top - 1 < ly + label.height - 1
        assert not under_the_header, f"{label.text[:40]!r} is cut by the header"
    klaar = screen.ids.export_text
    ky = klaar.to_window(klaar.x, klaar.y)[1]
    assert bottom <= ky and ky + klaar.height <= top  # the news is in sight
