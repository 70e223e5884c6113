"""The board's message (the toast) stays over the board: it never covers the side panel's
buttons (an outside walk saw a drag on a finished board give a toast over the Doelen button).
Driven by touches: a finished meting, back to its board, a finger drags a fiche."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import drag, frames, make_app_fixture, window_fixture  # noqa: F401
from tests.screen_helpers import back_to_finished_board, start_visit, unlocked_app
from widgets.common import buttons_in

TODAY = date(2026, 3, 2)


def _overlap(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


def _window_rect(widget: object) -> tuple[float, float, float, float]:
    x, y = widget.to_window(widget.x, widget.y)
    return x, y, widget.width, widget.height


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)], ids=lambda v: f"{v[0]}x{v[1]}")
def test_the_message_of_a_drag_on_a_finished_board_covers_no_button(make_app: object, size: tuple[int, int]) -> None:
    from kivy.core.window import Window

    Window.size = size
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    start_visit(app)
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.2))
    screen = back_to_finished_board(app)
    fiche = screen.board.fiche_center("geld")
    x, y = screen.board.to_window(*fiche)
    drag([(x, y), (x + 40, y), (x + 120, y)])  # the inwoner tries to move it
    frames(2)
    toast = screen.ids.toast
    assert toast.opacity == 1 and screen.message, "a drag on a finished board says why nothing moves"
    shown = _window_rect(toast)
    board = _window_rect(screen.board)
    assert board[0] <= shown[0] and shown[0] + shown[2] <= board[0] + board[2], (shown, board)
    covered = [b.text for b in buttons_in(app.screen("bord")) if b.opacity and _overlap(shown, _window_rect(b))]
    assert covered == [], f"the message covers {covered} at {size}"
