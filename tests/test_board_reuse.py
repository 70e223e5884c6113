"""The board screen is built once and given each visit's session: the next inwoner sees their
own board, with the inwoner's fiche selected, and touches change their meting, not the last."""

from __future__ import annotations

from datetime import date

import pytest

from services.demo import fill
from tests.kivy_helpers import PIN, drag, frames, make_app_fixture, type_pin, window_fixture  # noqa: F401


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_next_visit_shows_and_changes_the_next_inwoners_board(make_app: object, window: object,
                                                                  size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = make_app(today=lambda: date(2026, 11, 23))
    account = app.screen("account")
    account.ids.naam.text = "Sanne de Vries"
    type_pin(account, PIN)
    type_pin(account, PIN)
    fill(app.repository)
    rows = [i for i in app.repository.list_inwoners() if app.repository.current_concept(i.id) is not None]
    first, second = rows[:2]
    app.show_inwoner(first)
    app.open_visit()
    frames(2)
    screen = app.screen("bord").board_screen
    screen.board.perspectief = "professional"
    first_row = screen.board.layout.rows[0]
    drag([screen.board.to_window(first_row.x_for(0.5), first_row.center_y),
          screen.board.to_window(first_row.x_for(0.2), first_row.center_y)])  # fmt: skip
    frames(1)
    assert not screen.ids.undo.disabled  # the first visit has a step to undo
    before_first = app.repository.current_concept(first.id)
    app._end_visit()
    app.show_inwoner(second)
    app.open_visit()
    frames(3)
    assert app.screen("bord").board_screen is screen  # the same screen, not built again
    concept = app.repository.current_concept(second.id)
    board = screen.board
    assert [row.key for row in board.layout.rows] == list(concept.gekozen)
    assert board.perspectief == "inwoner"
    assert screen.ids.undo.disabled and screen.ids.redo.disabled  # nothing of the last visit to undo
    row = board.layout.rows[0]
    start = concept.positie(row.key)
    target = 0.9 if start < 0.5 else 0.1
    drag([board.to_window(row.x_for(start), row.center_y), board.to_window(row.x_for(target), row.center_y)])
    assert app.repository.current_concept(second.id).positie(row.key) == pytest.approx(target, abs=1e-3)
    assert app.repository.current_concept(first.id) == before_first  # the last visit's meting is untouched
