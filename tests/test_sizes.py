"""Every screen from 800x600 to 2560x1600, and portrait 800x1280, driven as a person would:
the lock screen with its keypad, the list, the board (a drag to the happy smiley stores 1.0),
doelen and afronden. Text never breaks inside a word, touch targets stay at least 48 dp,
nothing lies over a button or a kaartje."""

from __future__ import annotations

from datetime import date

import pytest

from board import Inwoner
from storage.demo import fill
from tests.kivy_helpers import PIN, drag, frames, make_app_fixture, tap, type_pin, window_fixture  # noqa: F401
from tests.screen_checks import covered, small_targets, words_broken

SIZES = [(800, 600), (1280, 800), (1920, 1200), (2560, 1600), (800, 1280)]


def check(screen: object, extra: list = ()) -> None:
    assert words_broken(screen) == []
    assert small_targets(screen) == []
    assert covered(screen, extra) == []


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_at_this_size(make_app: object, window: object, size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = make_app(today=lambda: date(2026, 11, 23))
    account = app.screen("account")
    account.ids.naam.text = "Sanne de Vries"
    check(account)
    type_pin(account, PIN)
    type_pin(account, PIN)
    fill(app.repository)
    inwoner = Inwoner.create("D-SIZE", "Gestel")
    app.repository.add_inwoner(inwoner)
    app.show_list()
    frames(2)
    check(app.screen("inwoners"))
    form = app.screen("inwoners").new_inwoner()  # the dialog fits the window, its buttons in sight
    frames(2)
    check(form)
    assert form.y >= 0 and form.top <= window.height and form.x >= 0 and form.right <= window.width
    form.dismiss(animation=False)
    frames(1)
    app.show_inwoner(app.repository.find_inwoner("WT-2025-01012"))  # a demo inwoner with a history
    app.show_history()
    frames(2)
    check(app.screen("geschiedenis"))
    app.screen("geschiedenis").view = "verloop"
    frames(2)
    check(app.screen("geschiedenis"))
    app.show_inwoner(app.repository.find_inwoner("D-SIZE"))
    frames(2)
    check(app.screen("inwoner"))
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord"

    bord = app.screen("bord").board_screen
    for key in ("geld", "wonen", "zingeving", "werk", "leren"):
        card = next(c for c in bord.tray.cards if c.key == key) if key in [c.key for c in bord.tray.cards] else None
        if card is None:  # on the tray's next page
            bord.tray.page += 1
            frames(1)
            card = next(c for c in bord.tray.cards if c.key == key)
        x, y, w, h = card.rect
        drag([bord.tray.to_window(x + w / 2, y + h / 2)])
        frames(2)
    board = bord.board
    for row in board.layout.rows:
        assert row.sad[0] + row.sad[2] <= row.track[0] < row.track[0] + row.track[2] <= row.happy[0]
    geld = board.layout.row("geld")
    # A finger from the middle of the bar to the happy smiley: the fiche goes to 1.0.
    drag([board.to_window(geld.x_for(0.5), geld.center_y), board.to_window(geld.happy[0] + 5, geld.center_y)])
    assert app.live.session.committed.positie("geld") == 1.0
    assert geld.happy[0] > board.fiche_center("geld")[0] > geld.sad[0] + geld.sad[2]
    cards = [(f"kaartje {c.key or 'meer'}", (*bord.tray.to_window(*c.rect[:2]), *c.rect[2:])) for c in bord.tray.cards]
    assert all(c[1][3] >= 48 for c in cards)
    check(app.screen("bord"), cards)

    app.show_meting_step("doelen")
    frames(2)
    check(app.screen("doelen"))
    editor = app.screen("doelen").edit("geld")
    frames(2)
    check(editor)
    editor.dismiss(animation=False)
    frames(1)
    app.show_meting_step("afronden")
    frames(2)
    check(app.screen("afronden"))

    app.lock()
    frames(2)
    lock = app.screen("lock")
    lock.ids.pad.pin = "4829"
    frames(1)
    check(lock)
    lock.ids.pad.pin = ""
    type_pin(lock, PIN)
    assert app.current == "afronden"  # back where the lock came
