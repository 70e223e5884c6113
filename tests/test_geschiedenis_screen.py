"""The history of one inwoner, driven by touches: the two latest metingen side by side with
the sentence that compares them, another pair by tapping, the course over time, and a
board that cannot be changed from here."""

from __future__ import annotations

from board import vergelijk
from board.taal import vertaler
from samples.voorbeeld import voorbeeld
from tests.kivy_helpers import drag, frames, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import unlocked_app

# An inwoner of the sample with at least three afgeronde metingen.
INWONER, HISTORY = next((i, h) for i, h in voorbeeld() if sum(m.afgerond for m in h) >= 3)


def open_history(make_app: object) -> object:
    app = unlocked_app(make_app)
    app.show_inwoner(INWONER)
    tap(app.screen("inwoner").ids.history)
    assert app.current == "geschiedenis"
    return app


def meting_buttons(screen: object) -> list[object]:
    """The metingen's buttons, top first (not the row saying where a traject was closed)."""
    return [k for k in reversed(screen.ids.metingen.children) if hasattr(k, "meting_id")]


def meting_button(screen: object, meting_id: str) -> object:
    return next(k for k in meting_buttons(screen) if k.meting_id == meting_id)


def test_the_two_latest_are_compared_in_a_sentence(make_app: object) -> None:
    app = open_history(make_app)
    screen = app.screen("geschiedenis")
    assert [k.meting_id for k in meting_buttons(screen)] == [m.id for m in HISTORY]
    oud, nieuw = HISTORY[-2:]
    assert screen.chosen == [oud.id, nieuw.id] and len(screen.ids.boards.children) == 2
    assert screen.zin == vergelijk(oud, nieuw).zin_in(vertaler(INWONER.taal))  # the inwoner's language
    assert [k.selected for k in meting_buttons(screen)] == [m.id in screen.chosen for m in HISTORY]


def test_tapping_metingen_chooses_another_pair(make_app: object) -> None:
    app = open_history(make_app)
    screen = app.screen("geschiedenis")
    nul, latest = HISTORY[0], HISTORY[-1]
    tap(meting_button(screen, HISTORY[-2].id))  # off: one board, and the question for a second
    assert screen.chosen == [latest.id] and len(screen.ids.boards.children) == 1
    assert "tweede meting" in screen.zin
    tap(meting_button(screen, nul.id))  # since the 0-meting
    assert sorted(screen.chosen) == sorted([nul.id, latest.id])
    assert screen.zin == vergelijk(nul, latest).zin_in(vertaler(INWONER.taal))


def test_the_course_over_time_and_back(make_app: object) -> None:
    app = open_history(make_app)
    screen = app.screen("geschiedenis")
    tap(screen.ids.tab_verloop)
    assert screen.view == "verloop" and screen.ids.grafiek.metingen == HISTORY
    tap(screen.ids.tab_vergelijken)
    assert screen.view == "vergelijken"
    tap(screen.ids.back)
    assert app.current == "inwoner"


def test_a_board_in_the_history_takes_no_drag(make_app: object) -> None:
    app = open_history(make_app)
    screen = app.screen("geschiedenis")
    frames(2)
    board = screen.ids.boards.children[0].board
    before = board.live.session.meting
    row = board.layout.row(before.gekozen[0])
    drag([board.to_window(row.x_for(0.1), row.center_y), board.to_window(row.x_for(0.9), row.center_y)])
    assert board.live.session.meting == before
    assert app.repository.history(INWONER.id) == HISTORY  # nothing saved either
