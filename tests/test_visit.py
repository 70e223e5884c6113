"""Which meting a visit works on, saving errors as board messages, and the open-visit marker."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from board import BoardError, BoardSession, Inwoner
from services.visit import Visit, VisitMarker, meting_for_visit, open_storage, saving
from storage.repository import Repository


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    repository = open_storage(f"sqlite:///{tmp_path / 'db.sqlite3'}", b"\0" * 32, "professional")
    yield repository
    repository.close()


def test_a_visit_starts_a_0_meting_resumes_a_concept_then_follows_the_afgeronde(repository: Repository) -> None:
    inwoner = Inwoner.create("D-1", "Gestel")
    repository.add_inwoner(inwoner)
    nul = meting_for_visit(repository, inwoner.id, date(2026, 3, 1))
    assert nul.label == "0-meting" and repository.current_concept(inwoner.id) == nul
    session = BoardSession(nul, on_commit=saving(repository))
    session.apply(lambda m: m.choose("geld"))
    session.apply(lambda m: m.place_fiche("geld", "inwoner", 0.3))
    assert meting_for_visit(repository, inwoner.id, date(2026, 3, 9)) == session.committed  # exactly as it was
    session.apply(lambda m: m.afronden(datetime(2026, 3, 1, 12)))
    vervolg = meting_for_visit(repository, inwoner.id, date(2026, 6, 1))
    assert vervolg.label == "vervolgmeting 1" and vervolg.vorige == session.committed.fiches


def test_a_save_that_fails_is_a_board_message_and_nothing_changes(repository: Repository) -> None:
    inwoner = Inwoner.create("D-2", "Gestel")
    repository.add_inwoner(inwoner)
    meting = meting_for_visit(repository, inwoner.id, date(2026, 3, 1))
    # A board that does not hold what is stored (changed on another device): the save conflicts.
    stale = BoardSession(meting.choose("geld").place_fiche("geld", "inwoner", 0.3), on_commit=saving(repository))
    with pytest.raises(BoardError, match="intussen veranderd"):
        stale.apply(lambda m: m.place_fiche("geld", "inwoner", 0.6))
    assert stale.committed.positie("geld") == 0.3
    assert repository.current_concept(inwoner.id) == meting


def test_the_marker_remembers_the_open_visit_and_forgets_it(tmp_path: Path) -> None:
    marker = VisitMarker(tmp_path)
    assert marker.read() is None
    marker.write(Visit("inwoner-1", "meting-1"))
    assert VisitMarker(tmp_path).read() == Visit("inwoner-1", "meting-1")
    marker.path.write_text("{not json")
    assert marker.read() is None  # a damaged file: start at the list, no crash
    marker.clear()
    marker.clear()
    assert marker.read() is None
