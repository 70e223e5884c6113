"""The board screen: undo and redo on screen, messages, and the layout at both sizes."""

from __future__ import annotations

from datetime import date

from board import Meting
from samples.voorbeeld_bord import voorbeeld_nulmeting, voorbeeld_vervolgmeting
from storage.errors import SaveError
from tests.kivy_helpers import drag, frames, show_fixture, tap, window_fixture  # noqa: F401
from widgets.board_screen import ui_scale


def test_undo_and_redo_are_buttons_that_are_off_when_there_is_nothing_to_do(show: object) -> None:
    screen, session, _ = show(Meting.nulmeting("test", date(2026, 3, 1)))
    assert screen.ids.undo.disabled and screen.ids.redo.disabled
    tap(screen.ids.undo)  # a disabled button does nothing (and does not complain)
    assert screen.message == ""
    screen.live.apply(lambda m: m.choose("geld"))
    assert not screen.ids.undo.disabled
    tap(screen.ids.undo)
    assert session.committed.gekozen == ()
    assert screen.ids.undo.disabled and not screen.ids.redo.disabled


def test_a_board_error_is_shown_as_a_message_and_changes_nothing(show: object) -> None:
    screen, session, recorder = show(voorbeeld_nulmeting())
    before = session.committed
    screen.live.apply(lambda m: m.choose("geld"))  # already on the board
    assert screen.message == "Geld staat al op het bord."
    assert screen.ids.toast.opacity == 1
    assert session.committed is before and recorder.commits == []


def test_a_failing_save_shows_its_message_and_keeps_the_board(show: object) -> None:
    screen, session, _ = show(voorbeeld_nulmeting())

    def refuse(before: Meting, after: Meting) -> None:
        raise SaveError("Opslaan lukte niet. Probeer het nog eens.")  # what storage raises

    session.on_commit = refuse
    geld = screen.board.layout.row("geld")

    drag([(geld.x_for(0.12), geld.center_y), (geld.x_for(0.9), geld.center_y)])
    assert screen.message == "Opslaan lukte niet. Probeer het nog eens."
    assert session.committed.positie("geld") == 0.12
    assert screen.board.fiche_center("geld")[0] == geld.x_for(0.12)


def test_the_ghost_legend_shows_only_on_a_vervolgmeting(show: object) -> None:
    screen, _, _ = show(voorbeeld_nulmeting())
    assert not screen.vervolg
    screen2, _, _ = show(voorbeeld_vervolgmeting())
    assert screen2.vervolg


def test_all_fourteen_bars_fit_at_1280x800_with_48dp_targets(show: object, window: object) -> None:
    meting = Meting.nulmeting("test", date(2026, 3, 1))
    for key in meting.leefgebieden.keys:
        meting = meting.choose(key)
    screen, _, _ = show(meting)
    for size in ((1280, 800), (1920, 1200)):
        window.size = size
        frames(2)
        board = screen.board
        rows = board.layout.rows
        assert len(rows) == 14
        assert all(r.rect[3] + 4 >= 48 and r.handle[2] >= 48 for r in rows)  # 4 dp gap between rows
        assert min(r.rect[1] for r in rows) >= board.y and max(r.rect[1] + r.rect[3] for r in rows) <= board.top
        assert board.right <= screen.ids.side.x  # the tray is beside the board, not over it
    assert ui_scale(1280, 800) == 1.0 and ui_scale(1920, 1200) == 1.5
