"""Every screen from 800x600 to 2560x1600, and portrait 800x1280, driven as a person would:
the lock screen with its keypad, the list, the board (a drag to the happy smiley stores 1.0),
doelen and afronden. Text never breaks inside a word, touch targets stay at least 48 dp,
nothing lies over a button or a kaartje."""

from __future__ import annotations

from datetime import date

import pytest

from board import Inwoner
from services.demo import fill
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    FakeClock,
    app_with_inwoner,
    button,
    drag,
    frames,
    frames_until,
    make_app_fixture,
    page_to,
    tap,
    touch_down,
    type_pin,
    window_fixture,
    window_pixels,
)
from tests.screen_checks import covered, crowded_lists, small_targets, words_broken

SIZES = [(800, 600), (1280, 800), (1920, 1200), (2560, 1600), (800, 1280)]


def check(screen: object, extra: list = ()) -> None:
    assert words_broken(screen) == []
    assert small_targets(screen) == []
    assert covered(screen, extra) == []
    assert crowded_lists(screen) == []  # buttons in a scrolling list: apart, and >= 48 dp above


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_screen_at_this_size(make_app: object, window: object, size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = make_app(today=lambda: date(2026, 11, 23))
    account = app.screen("account")
    account.ids.naam.text = "Demo Professional"  # the demo's name: a long word in the list's header
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
        x, y, w, h = page_to(bord.tray, key).rect  # on this page of the tray, or a later one
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


def _start_visit(make_app: object, **kwargs: object) -> object:
    """A professional, a new inwoner, and the board of its 0-meting: the app as it starts a visit."""
    app, _inwoner = app_with_inwoner(make_app, "D-VEERTIEN", today=lambda: date(2026, 11, 23), **kwargs)
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord"
    return app


def _tap_at(x: float, y: float) -> None:
    drag([(x, y)])
    frames(2)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_fourteen_bars_keep_48_dp_and_scroll_when_they_do_not_fit(
    make_app: object, window: object, size: tuple[int, int]
) -> None:
    """All 14 kaartjes tapped onto the board: every row stays at least 48 dp high; where they do
    not fit (800x600) a finger on the names slides the board, and a drag, a reorder and the
    picture of the board still work on the rows that were out of sight."""
    from kivy.metrics import dp

    from exports.snapshot import render_board, render_snapshot, snapshot_layout
    from tests.pixels import unmatched
    from tests.test_snapshot_screen import fiches

    window.size = size
    frames(1)
    app = _start_visit(make_app)
    bord = app.screen("bord").board_screen
    board, tray = bord.board, bord.tray
    for _ in range(40):  # tap every kaartje (turning the tray's pages)
        cards = [c for c in tray.cards if c.key]
        card = cards[0] if cards else tray.cards[0]
        x, y, w, h = card.rect
        _tap_at(*tray.to_window(x + w / 2, y + h / 2))
        if len(app.live.session.committed.gekozen) == 14:
            break
    keys = app.live.session.committed.gekozen
    assert len(keys) == 14
    for row in board.layout.rows:
        assert row.rect[3] >= dp(48) - 0.5 and row.handle[3] >= dp(48) - 0.5, (row.key, row.rect)

    def in_sight(key: str) -> bool:
        row = board.layout.row(key)
        return board.y - 0.5 <= row.rect[1] and row.rect[1] + row.rect[3] <= board.top + 0.5

    first, last = keys[0], keys[-1]
    assert in_sight(last)  # the kaartje tapped last is shown where it went
    scrolls = board.layout.overflow > 0
    assert scrolls == (size == (800, 600)), (size, board.layout.overflow)  # only where 14 do not fit
    if scrolls:
        assert not in_sight(first)
        name = board.layout.row(last).name  # a finger on a name slides the board down...
        start = board.to_window(name[0] + name[2] / 2, name[1] + name[3] / 2)
        drag([start, (start[0], start[1] - 200), (start[0], start[1] - 2000)])
        frames(2)
        assert in_sight(first) and not in_sight(last) and board.scroll == 0
        name = board.layout.row(first).name  # ...and up again
        start = board.to_window(name[0] + name[2] / 2, name[1] + name[3] / 2)
        drag([start, (start[0], start[1] + 2000)])
        frames(2)
        assert in_sight(last) and not in_sight(first)
    row = board.layout.row(last)  # the last bar's fiche to the happy smiley
    drag([board.to_window(row.x_for(0.5), row.center_y), board.to_window(row.happy[0] + 5, row.center_y)])
    frames(2)
    assert app.live.session.committed.positie(last) == 1.0
    assert app.repository.get_meting(app.live.session.committed.id).positie(last) == 1.0  # saved
    # The screen is the picture of the board, scrolled as it is.
    height = window.height
    shot = window_pixels().crop(
        (round(board.x), round(height - board.top), round(board.right), round(height - board.y))
    )
    meting = app.live.session.committed
    picture = render_board(meting, board.size, dp(1) * board.scale, live=True, scroll=board.scroll)
    on_screen, in_png = fiches(shot), fiches(picture)
    assert len(on_screen["inwoner"]) == 1
    assert unmatched(on_screen["inwoner"], in_png["inwoner"], 2) == []
    # Reorder: the last bar's handle up to the top of the board.
    handle = board.layout.row(last).handle
    hx, hy = board.to_window(handle[0] + handle[2] / 2, handle[1] + handle[3] / 2)
    top = board.to_window(0, board.top - dp(30))[1]
    drag([(hx, hy), (hx, hy + 20), (hx, top)])
    frames(2)
    assert app.live.session.committed.gekozen.index(last) < 13
    # The dossier's snapshot holds all 14 bars inside the picture (a picture does not scroll).
    layout = snapshot_layout(meting, app.inwoner, size)
    assert len(layout.board.rows) == 14 and all(r.rect[1] >= 0 for r in layout.board.rows)
    assert render_snapshot(meting, app.inwoner, size).size == size
    cards = [(f"kaartje {c.key or 'meer'}", (*tray.to_window(*c.rect[:2]), *c.rect[2:])) for c in tray.cards]
    check(app.screen("bord"), cards)


def _text_lines(image: object, unit: float) -> list[int]:
    """The heights of the bands of dark (text) pixel rows in ``image``: one per line of text."""
    from tests.pixels import grey_mask

    rows = grey_mask(image, 0, 130, spread=12).any(axis=1).tolist()
    bands, run = [], 0
    for dark in [*rows, False]:
        if dark:
            run += 1
        elif run:
            if run >= 3 * unit:  # a line of text, not a stray dot or the rim
                bands.append(run)
            run = 0
    return bands


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_kaartje_name_takes_at_most_three_lines_at_14_dp(
    make_app: object, window: object, size: tuple[int, int]
) -> None:
    """Read from the window's pixels, every kaartje on every page of the tray: its name in at
    most three lines ("Alcohol, drugs, gamen en gokken" took four in the narrow tray)."""
    from kivy.metrics import dp

    window.size = size
    frames(1)
    app = _start_visit(make_app)
    tray = app.screen("bord").board_screen.tray
    seen: dict[str, list[int]] = {}
    for _ in range(8):  # every page of the tray
        frames(2)
        pixels = window_pixels()
        for card in tray.cards:
            if not card.key:
                continue
            x, y, w, h = card.rect
            wx, wy = tray.to_window(x, y)
            left = wx + w * 0.45  # right of any pictogram: only text
            box = (round(left), round(window.height - wy - h + 3), round(wx + w - 3), round(window.height - wy - 3))
            seen[card.key] = _text_lines(pixels.crop(box), dp(1))
        more = [c for c in tray.cards if not c.key]
        if not more:
            break
        x, y, w, h = more[0].rect
        _tap_at(*tray.to_window(x + w / 2, y + h / 2))
    assert len(seen) == 14, seen.keys()
    for key, bands in seen.items():
        assert 1 <= len(bands) <= 3, (key, bands)
    # and at 14 dp or more: tests/test_details.py (test_kaartje_names_stay_at_least_14_dp)


def _in_window(widget: object, window: object) -> bool:
    x, y = widget.to_window(widget.x, widget.y)
    right, top = x + widget.width, y + widget.height
    return x >= -0.5 and y >= -0.5 and right <= window.width + 0.5 and top <= window.height + 0.5


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_dialogs_the_monitor_and_the_wait_at_this_size(
    make_app: object, window: object, size: tuple[int, int]
) -> None:
    """What test_every_screen_at_this_size does not reach: the prompts (a long press on a
    kaartje), "Meting afronden?" reached by scrolling with a finger and tapped, the monitor,
    and the lock screen waiting after five wrong PINs."""
    import time

    from kivy.uix.modalview import ModalView

    window.size = size
    frames(1)
    clock = FakeClock()
    app = _start_visit(make_app, clock=clock)
    bord = app.screen("bord").board_screen
    tray = bord.tray
    tray.long_press = 0.05
    card = next(c for c in tray.cards if c.key == "geld")
    x, y, w, h = card.rect
    touch = touch_down(*tray.to_window(x + w / 2, y + h / 2))
    time.sleep(0.1)
    frames(2)
    touch.touch_up()
    views = [v for v in window.children if isinstance(v, ModalView)]
    assert len(views) == 1 and views[0].naam == "Geld"
    frames(2)
    check(views[0])
    assert _in_window(views[0], window)
    tap(button(views[0], "Sluiten"))
    assert frames_until(lambda: not [v for v in window.children if isinstance(v, ModalView)])  # it fades out
    _tap_at(*tray.to_window(x + w / 2, y + h / 2))  # geld onto the board, its fiche placed
    row = bord.board.layout.row("geld")
    drag([bord.board.to_window(row.x_for(0.5), row.center_y), bord.board.to_window(row.x_for(0.7), row.center_y)])

    app.show_meting_step("afronden")
    frames(3)
    afronden = app.screen("afronden")
    tap(button(afronden.ids.cijfers, "7"))
    knop, scroll = afronden.ids.afronden, afronden.ids.scroll
    sx, sy = scroll.to_window(scroll.x, scroll.y)

    def in_sight() -> bool:  # in the window (the button lies below the page that scrolls)
        _x, ky = knop.to_window(knop.x, knop.y)
        return ky >= -0.5 and ky + knop.height <= window.height + 0.5

    for _ in range(5):  # a finger pushes the page up until the button is in sight
        if in_sight():
            break
        start = (sx + scroll.width / 2, sy + scroll.height * 0.3)
        touch = touch_down(*start)
        for step in range(1, 9):
            frames(1)
            touch.touch_move(start[0], start[1] + step * scroll.height * 0.06)
        touch.touch_up()
        frames(30)
    assert in_sight(), size
    tap(knop)
    views = [v for v in window.children if isinstance(v, ModalView)]
    assert len(views) == 1
    frames(2)
    check(views[0])
    assert _in_window(views[0], window)
    tap(views[0].ids.yes)
    assert app.live.session.committed.afgerond_op is not None
    if app.export_thread is not None:
        app.export_thread.join()
    frames(3)
    check(afronden)

    tap(afronden.ids.professional)  # "Naar professional": the PIN, then the list and the monitor
    lock = app.screen("lock")
    type_pin(lock, PIN)
    assert app.current == "inwoner"  # the professional's page of this inwoner
    app.show_monitor()
    frames(3)
    check(app.screen("monitor"))
    app.lock()
    frames(2)
    for _ in range(5):
        type_pin(lock, "730152")
    assert lock.ids.pad.locked and lock.wait_text
    frames(2)
    check(lock)
    wait = next(w for w in lock.walk() if getattr(w, "text", None) == lock.wait_text)
    assert _in_window(wait, window)
