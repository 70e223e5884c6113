"""The repository: what the app saves comes back equal, every change is durable at once,
an afgeronde meting never changes, and a failed save loses nothing."""

from __future__ import annotations

import json
import os
import resource
import signal
import threading
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from sqlalchemy import event

from board import Actie, BoardSession, Evaluatie, Inwoner, MetingAfgerondError, Perspectief
from storage import (
    AfgerondError,
    ConflictError,
    InvalidValueError,
    NotFoundError,
    Repository,
    SaveError,
    StorageError,
)
from storage.engine import connect_sqlite, make_engine
from tests.keys import TEST_KEY
from tests.killharness import run_kills

TODAY = date(2025, 3, 1)


@pytest.fixture
def repo(db_url: str):  # type: ignore[no-untyped-def]
    repository = Repository.open(db_url, key=TEST_KEY)
    yield repository
    repository.close()


@pytest.fixture
def inwoner(repo: Repository) -> Inwoner:
    inwoner = Inwoner.create("WT-2025-00042", "Woensel-Noord", "J.K.")
    repo.add_inwoner(inwoner)
    return inwoner


def fill(session: BoardSession) -> None:
    session.apply(lambda m: m.choose("geld"))
    session.apply(lambda m: m.choose("wonen"))
    session.apply(lambda m: m.choose("sociale_contacten", 0))
    session.apply(lambda m: m.place_fiche("geld", Perspectief.INWONER, 0.25))
    session.apply(lambda m: m.place_fiche("geld", Perspectief.PROFESSIONAL, 0.1))
    session.apply(lambda m: m.place_fiche("wonen", Perspectief.INWONER, 0.8))
    session.apply(lambda m: m.place_fiche("sociale_contacten", Perspectief.INWONER, 0.55))
    session.apply(lambda m: m.place_fiche("sociale_contacten", Perspectief.NAASTE, 0.7))
    session.apply(lambda m: m.move_down("sociale_contacten"))
    session.apply(
        lambda m: m.add_doel(
            "geld",
            "Ik wil mijn rekeningen op tijd betalen.\nZonder stress.",
            TODAY + timedelta(days=90),
            [Actie.create("wijkteam", "Samen een budgetplan maken."), Actie.create("netwerk", "Mijn zus helpt.")],
        )
    )
    session.apply(lambda m: m.set_rapportcijfer(6))
    session.apply(lambda m: m.set_volgende_meting(TODAY + timedelta(days=120)))


def test_every_committed_operation_is_in_the_database_at_once(repo: Repository, inwoner: Inwoner) -> None:
    session = BoardSession(repo.start_nulmeting(inwoner.id, TODAY), on_commit=repo.save_change)
    fill(session)
    assert repo.get_meting(session.committed.id) == session.committed
    doel = session.committed.doelen[0]
    session.apply(lambda m: m.edit_doel(doel.id, tekst="Mijn rekeningen zelf betalen.", acties=[]))
    session.apply(lambda m: m.remove_fiche("geld", Perspectief.PROFESSIONAL))
    session.apply(lambda m: m.unchoose("wonen"))
    assert repo.get_meting(session.committed.id) == session.committed
    session.undo()
    session.undo()
    assert repo.get_meting(session.committed.id) == session.committed
    session.redo()
    assert repo.get_meting(session.committed.id) == session.committed
    session.apply(lambda m: m.remove_doel(doel.id))
    assert repo.get_meting(session.committed.id) == session.committed


def test_a_live_drag_is_not_saved_only_the_drop(repo: Repository, inwoner: Inwoner) -> None:
    session = BoardSession(repo.start_nulmeting(inwoner.id, TODAY), on_commit=repo.save_change)
    session.apply(lambda m: m.choose("geld"))
    session.preview("finger", lambda m: m.place_fiche("geld", "inwoner", 0.3, from_drag=True))
    assert repo.get_meting(session.committed.id).fiches == ()
    session.preview("finger", lambda m: m.place_fiche("geld", "inwoner", 0.9, from_drag=True))
    session.finish("finger")
    assert repo.get_meting(session.committed.id).positie("geld") == 0.9


def test_a_fiche_move_writes_one_row(repo: Repository, inwoner: Inwoner) -> None:
    session = BoardSession(repo.start_nulmeting(inwoner.id, TODAY), on_commit=repo.save_change)
    fill(session)
    statements: list[str] = []
    listener = lambda *args: statements.append(args[2].split()[0])  # noqa: E731
    event.listen(repo.engine, "before_cursor_execute", listener)
    try:
        session.apply(lambda m: m.place_fiche("wonen", "inwoner", 0.95))
    finally:
        event.remove(repo.engine, "before_cursor_execute", listener)
    assert [s for s in statements if s in ("INSERT", "UPDATE", "DELETE")] == ["UPDATE"]
    assert repo.get_meting(session.committed.id).positie("wonen") == 0.95


def test_history_vervolgmeting_and_carried_over_doelen(repo: Repository, inwoner: Inwoner) -> None:
    session = BoardSession(repo.start_nulmeting(inwoner.id, TODAY), on_commit=repo.save_change)
    fill(session)
    assert repo.current_concept(inwoner.id) == session.committed
    assert repo.latest_afgerond(inwoner.id) is None
    with pytest.raises(ConflictError, match="nog een meting die niet is afgerond"):
        repo.start_vervolgmeting(inwoner.id, TODAY + timedelta(days=100))
    moment = datetime(2025, 3, 1, 14, 5, 33, 120, tzinfo=timezone(timedelta(hours=1)))
    session.apply(lambda m: m.afronden(moment))
    nulmeting = session.committed
    assert repo.current_concept(inwoner.id) is None
    assert repo.latest_afgerond(inwoner.id) == nulmeting

    vervolg = repo.start_vervolgmeting(inwoner.id, TODAY + timedelta(days=100))
    assert vervolg.vorige == nulmeting.fiches and vervolg.volgnummer == 1
    doel = vervolg.doelen[0]
    assert doel.id == nulmeting.doelen[0].id and vervolg.is_overgenomen(doel)
    session = BoardSession(vervolg, on_commit=repo.save_change)
    session.apply(lambda m: m.evaluate_doel(doel.id, Evaluatie.DEELS_BEHAALD))
    for key in vervolg.gekozen:
        session.apply(lambda m, key=key: m.place_fiche(key, "inwoner", 0.5))
    session.apply(lambda m: m.afronden(datetime(2025, 6, 9, 10, 0)))

    history = repo.history(inwoner.id)
    assert history == [nulmeting, session.committed]
    assert history[0].doelen[0].evaluatie is None  # the evaluation belongs to the later meting
    assert history[1].doelen[0].evaluatie is Evaluatie.DEELS_BEHAALD
    assert repo.get_meting(nulmeting.id).afgerond_op == moment


def test_an_afgeronde_meting_is_refused_by_the_repository(repo: Repository, inwoner: Inwoner) -> None:
    session = BoardSession(repo.start_nulmeting(inwoner.id, TODAY), on_commit=repo.save_change)
    fill(session)
    session.apply(lambda m: m.afronden(datetime(2025, 3, 1, 12)))
    afgerond = session.committed
    forged = replace(afgerond, rapportcijfer=9)
    with pytest.raises(MetingAfgerondError) as caught:
        repo.save_change(afgerond, forged)
    assert isinstance(caught.value, StorageError)
    # Also when the caller pretends it is still a concept: the database refuses.
    concept = replace(afgerond, status=forged.status.CONCEPT, afgerond_op=None)
    for change in (
        replace(concept, rapportcijfer=2),
        concept.place_fiche("geld", "inwoner", 0.99),
        concept.unchoose("wonen"),
    ):
        with pytest.raises(AfgerondError):
            repo.save_change(concept, change)
    assert repo.get_meting(afgerond.id) == afgerond


def test_a_failed_save_keeps_the_board_as_it_was(repo: Repository, inwoner: Inwoner) -> None:
    meting = repo.start_nulmeting(inwoner.id, TODAY)
    session = BoardSession(meting, on_commit=repo.save_change)
    session.apply(lambda m: m.choose("geld"))
    other = BoardSession(repo.get_meting(meting.id), on_commit=repo.save_change)  # a second tablet
    other.apply(lambda m: m.unchoose("geld"))
    with pytest.raises(ConflictError, match="intussen veranderd"):
        session.apply(lambda m: m.place_fiche("geld", "inwoner", 0.4))
    assert session.committed.gekozen == ("geld",) and session.committed.fiches == ()
    assert repo.get_meting(meting.id) == other.committed


def test_inwoners_are_found_by_initials_dossiernummer_or_wijk(repo: Repository) -> None:
    people = [
        Inwoner.create("WT-1", "Tongelre", "A.B."),
        Inwoner.create("WT-13", "Stratum", "C.D."),
        Inwoner.create("X_3", "Tongelre"),
    ]
    for person in people:
        repo.add_inwoner(person)
    assert repo.get_inwoner(people[0].id) == people[0]
    assert repo.find_inwoner("WT-13") == people[1]
    assert repo.find_inwoner("WT-9") is None
    assert [i.id for i in repo.search_inwoners("a.b")] == [people[0].id]
    assert {i.id for i in repo.search_inwoners("tongel")} == {people[0].id, people[2].id}
    assert [i.id for i in repo.search_inwoners("wt-13")] == [people[1].id]
    assert [i.id for i in repo.search_inwoners("_3")] == [people[2].id]  # LIKE wildcards are plain text
    assert repo.search_inwoners("  ") == []
    assert [i.wijk for i in repo.list_inwoners()] == ["Stratum", "Tongelre", "Tongelre"]
    assert repo.list_inwoners("Stratum") == [people[1]]
    with pytest.raises(ConflictError, match="WT-1"):
        repo.add_inwoner(Inwoner.create("WT-1", "Gestel"))
    with pytest.raises(NotFoundError):
        repo.get_inwoner("nobody")
    with pytest.raises(NotFoundError):
        repo.get_meting("nothing")


def test_exports_are_remembered(repo: Repository, inwoner: Inwoner) -> None:
    session = BoardSession(repo.start_nulmeting(inwoner.id, TODAY), on_commit=repo.save_change)
    fill(session)
    with pytest.raises(InvalidValueError, match="afgeronde"):
        repo.mark_exported(session.committed.id, datetime(2025, 3, 1, 13))
    assert repo.not_exported() == []
    session.apply(lambda m: m.afronden(datetime(2025, 3, 1, 12)))
    assert repo.not_exported() == [session.committed]
    assert repo.exported_at(session.committed.id) is None
    repo.mark_exported(session.committed.id, datetime(2025, 3, 1, 13))
    repo.mark_exported(session.committed.id, datetime(2025, 3, 2, 9))
    assert repo.not_exported() == []
    assert repo.exported_at(session.committed.id) == datetime(2025, 3, 2, 9)
    with pytest.raises(NotFoundError):
        repo.mark_exported("nothing", datetime(2025, 3, 2, 9))


# ----- faults: kill, disk full ----------------------------------------------------------


@pytest.mark.slow
def test_killed_at_random_moments_loses_no_reported_change(tmp_path: Path) -> None:
    report = run_kills(tmp_path / "kill.sqlite3", kills=200, seed=7)
    assert report.kills == 200
    # The kills follow the children's progress, not the clock, so these hold on a loaded machine.
    assert report.changes > 200  # the children did real work between the kills
    assert report.killed_mid_save > 0  # and some kills landed inside a save


def _disk_full_child(url: str, meting_id: str, fd: int) -> dict[str, object]:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
    repository = Repository(make_engine(url, key=TEST_KEY))
    session = BoardSession(repository.get_meting(meting_id), on_commit=repository.save_change)
    before = session.committed
    result: dict[str, object] = {}
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (1024, hard))
    try:
        session.apply(lambda m: m.add_doel("geld", "Ik wil een buffer van 100 euro." * 20))
        result["error"] = None
    except SaveError as exc:
        result["error"] = str(exc)
    result["board_unchanged"] = session.committed == before
    result["stored_unchanged"] = repository.get_meting(meting_id) == before
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space is free again
    session.apply(lambda m: m.add_doel("geld", "Ik wil een buffer van 100 euro."))
    result["saved_after"] = repository.get_meting(meting_id) == session.committed
    return result


def test_disk_full_during_a_save_loses_nothing_and_the_app_goes_on(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'full.sqlite3'}"
    repository = Repository.open(url, key=TEST_KEY)
    inwoner = Inwoner.create("WT-7", "Gestel")
    repository.add_inwoner(inwoner)
    meting = repository.start_nulmeting(inwoner.id, TODAY)
    session = BoardSession(meting, on_commit=repository.save_change)
    fill(session)
    repository.close()

    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.write(write_end, json.dumps(_disk_full_child(url, meting.id, write_end)).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as pipe:
        output = pipe.read()
    os.waitpid(pid, 0)
    result = json.loads(output)
    assert result["error"] and "Opslaan is niet gelukt" in result["error"]
    assert result["board_unchanged"] and result["stored_unchanged"] and result["saved_after"]
    reopened = Repository.open(url, key=TEST_KEY)
    assert [d.tekst for d in reopened.get_meting(meting.id).doelen][-1] == "Ik wil een buffer van 100 euro."
    reopened.close()
    conn = connect_sqlite(str(tmp_path / "full.sqlite3"), TEST_KEY)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    conn.close()


def test_a_writer_waits_for_another_writer_instead_of_failing(tmp_path: Path) -> None:
    path = tmp_path / "two.sqlite3"
    repository = Repository.open(f"sqlite:///{path}", key=TEST_KEY)
    other = connect_sqlite(str(path), TEST_KEY)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock for a moment
    releaser = threading.Timer(0.3, other.execute, ("COMMIT",))
    releaser.start()
    repository.add_inwoner(Inwoner.create("WT-8", "Gestel"))  # waits (busy timeout), then saves
    releaser.join()
    other.close()
    assert repository.find_inwoner("WT-8") is not None
    repository.close()


def test_a_meting_keeps_its_leefgebiedenset(repo: Repository, inwoner: Inwoner) -> None:
    meting = repo.start_nulmeting(inwoner.id, TODAY, "jeugd")
    assert repo.get_meting(meting.id) == meting and meting.set_naam == "jeugd"
