"""LiveSession: the Kivy-observable face of a BoardSession."""

from __future__ import annotations

from datetime import date

from board import BoardSession, Meting
from widgets.live_session import LiveSession


def live() -> tuple[LiveSession, list[str], list[Meting]]:
    session = BoardSession(Meting.nulmeting("test", date(2026, 3, 1)).choose("geld"))
    view = LiveSession(session)
    errors: list[str] = []
    shown: list[Meting] = []
    view.bind(on_error=lambda _v, error: errors.append(str(error)), meting=lambda _v, m: shown.append(m))
    return view, errors, shown


def test_every_change_updates_meting_at_once() -> None:
    view, errors, shown = live()
    assert view.preview("finger", lambda m: m.place_fiche("geld", "inwoner", 0.4, from_drag=True))
    assert view.meting.positie("geld") == 0.4 and view.session.committed.positie("geld") is None
    assert view.finish("finger")
    assert view.session.committed.positie("geld") == 0.4
    assert view.can_undo and not view.can_redo
    assert view.undo()
    assert view.meting.positie("geld") is None and view.can_redo
    assert len(shown) == 3 and errors == []


def test_a_board_error_becomes_a_message_and_nothing_changes() -> None:
    view, errors, shown = live()
    before = view.meting
    assert not view.apply(lambda m: m.choose("geld"))
    assert errors == ["Geld staat al op het bord."]
    assert view.meting is before and shown == []
    assert not view.redo()
    assert errors[-1] == "Er is niets om opnieuw te doen."
