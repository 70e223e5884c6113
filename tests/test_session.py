"""Undo, redo and live gestures: a finger slips, two fingers drag, a save fails."""

from __future__ import annotations

import pytest

from board import BoardError, BoardSession, Meting
from tests.factories import nulmeting


class Recorder:
    def __init__(self, fail: bool = False) -> None:
        self.saved: list[tuple[Meting, Meting]] = []
        self.fail = fail

    def __call__(self, before: Meting, after: Meting) -> None:
        if self.fail:
            raise OSError("schijf vol")
        self.saved.append((before, after))


def test_each_operation_is_one_commit_and_one_undo_step() -> None:
    saves = Recorder()
    session = BoardSession(nulmeting(), on_commit=saves)
    start = session.meting
    session.apply(lambda m: m.choose("werk"))
    session.apply(lambda m: m.place_fiche("werk", "inwoner", 0.3))
    assert len(saves.saved) == 2 and saves.saved[-1][1] == session.meting
    session.undo()
    assert session.meting.positie("werk") is None and "werk" in session.meting.gekozen
    session.undo()
    assert session.meting == start and not session.can_undo
    session.redo()
    session.redo()
    assert session.meting.positie("werk") == 0.3 and not session.can_redo
    assert len(saves.saved) == 6  # undo and redo are saved as well


def test_unchoosing_can_be_undone_with_fiches_and_doelen() -> None:
    session = BoardSession(nulmeting().add_doel("geld", "Rondkomen", doel_id="d"))
    before = session.meting
    session.apply(lambda m: m.unchoose("geld"))
    assert "geld" not in session.meting.gekozen
    assert session.undo() == before


def test_a_new_operation_clears_redo() -> None:
    session = BoardSession(nulmeting())
    session.apply(lambda m: m.set_rapportcijfer(6))
    session.undo()
    session.apply(lambda m: m.set_rapportcijfer(8))
    assert not session.can_redo
    with pytest.raises(BoardError, match="opnieuw"):
        session.redo()


def test_an_operation_that_changes_nothing_is_not_an_undo_step() -> None:
    saves = Recorder()
    session = BoardSession(nulmeting(), on_commit=saves)
    session.apply(lambda m: m.place_fiche("geld", "inwoner", 0.2))  # already there
    assert not session.can_undo and saves.saved == []


def test_a_drag_is_shown_live_and_saved_once_at_the_drop() -> None:
    saves = Recorder()
    session = BoardSession(nulmeting(), on_commit=saves)
    for x in (0.25, 0.4, 0.55, 0.71):
        session.preview("finger", lambda m, x=x: m.place_fiche("geld", "inwoner", x, from_drag=True))
        assert session.meting.positie("geld") == x
    assert saves.saved == [] and session.committed.positie("geld") == 0.2
    session.finish("finger")
    assert len(saves.saved) == 1 and session.committed.positie("geld") == 0.71
    session.undo()
    assert session.meting.positie("geld") == 0.2  # the whole drag is one undo step


def test_two_fingers_drag_two_fiches_at_once() -> None:
    saves = Recorder()
    session = BoardSession(nulmeting(), on_commit=saves)
    session.preview(1, lambda m: m.place_fiche("geld", "inwoner", 0.9, from_drag=True))
    session.preview(2, lambda m: m.place_fiche("wonen", "inwoner", 0.1, from_drag=True))
    assert (session.meting.positie("geld"), session.meting.positie("wonen")) == (0.9, 0.1)
    session.finish(1)
    # finger 2 is still down: its fiche shows where it is, but only finger 1's is saved
    assert session.committed.positie("wonen") == 0.6 and session.meting.positie("wonen") == 0.1
    assert saves.saved[-1][1].positie("geld") == 0.9
    session.preview(2, lambda m: m.place_fiche("wonen", "inwoner", 0.15, from_drag=True))
    session.finish(2)
    assert (session.committed.positie("geld"), session.committed.positie("wonen")) == (0.9, 0.15)
    assert len(saves.saved) == 2


def test_a_cancelled_gesture_leaves_nothing() -> None:
    session = BoardSession(nulmeting())
    session.preview("f", lambda m: m.move_leefgebied("zingeving", 0))
    assert session.meting.gekozen[0] == "zingeving"
    session.cancel("f")
    assert session.meting == session.committed and session.meting.gekozen[0] == "geld"


def test_a_failed_save_changes_nothing_and_the_board_goes_on() -> None:
    saves = Recorder(fail=True)
    session = BoardSession(nulmeting(), on_commit=saves)
    before = session.meting
    session.preview("f", lambda m: m.place_fiche("geld", "inwoner", 0.8, from_drag=True))
    with pytest.raises(OSError):
        session.finish("f")
    assert session.meting == before and session.committed == before and not session.can_undo
    saves.fail = False
    session.apply(lambda m: m.place_fiche("geld", "inwoner", 0.8))
    assert session.committed.positie("geld") == 0.8


def test_a_gesture_whose_bar_disappears_is_dropped() -> None:
    session = BoardSession(nulmeting())
    session.preview("f", lambda m: m.place_fiche("geld", "inwoner", 0.9, from_drag=True))
    session.apply(lambda m: m.unchoose("geld"))
    assert "geld" not in session.meting.gekozen and session.live_gestures == ()
