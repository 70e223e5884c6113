"""A kill at any moment of sync, an erasure and a migration leaves no half state: the next run
finds the before or the after and finishes the job (issue 14). Each path is killed by its
progress (tests/killharness.kill_job_by_progress: a real SIGKILL at a call number drawn over the
job's whole length): 50 kills per path in the normal run, 300 under ``-m slow``."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest
import sqlalchemy as sa

from board import Inwoner
from samples import voorbeelden
from services.demo import fill
from services.inzage import erase_everywhere, erase_inwoner
from services.monitor import local_records, monitor_key
from services.outbox import apply_retention
from services.sync import sync
from services.visit import Visit, VisitMarker
from storage import Repository
from storage.central import open_central
from storage.engine import connect_sqlite
from storage.erasure import pending
from storage.migrate import alembic_config, script_head
from tests.fuzz import skip_big_run_unless_asked
from tests.keys import TEST_KEY
from tests.killharness import kill_job_by_progress

KILLS = [50, pytest.param(300, marks=pytest.mark.slow)]


def _integrity(path: Path) -> None:
    conn = connect_sqlite(str(path), TEST_KEY)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        conn.close()


def _fresh(template: Path, work: Path) -> None:
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, work)


# ----- erasure ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def erasure_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, list[str], str]:
    """A tablet with two inwoners, each with an afgeronde meting whose bundle is in the outbox,
    and the visit marker naming the first. Returns (folder, first inwoner's id, their metingen, second's bundle)."""
    from services.export import export_metingen

    folder = tmp_path_factory.mktemp("wissen") / "tablet"
    folder.mkdir()
    repository = Repository.open(f"sqlite:///{folder / 'db.sqlite3'}", TEST_KEY)
    monitor_key(repository)  # the tablet takes part in the monitor: an erasure is queued for the central database
    first, nul = voorbeelden.inwoner(), voorbeelden.nulmeting()
    second = Inwoner.create("BLIJFT-2", "Gestel")
    other = replace(nul, id="meting-van-de-tweede", inwoner_id=second.id, doelen=())
    for inwoner, meting in ((first, nul), (second, other)):
        repository.add_inwoner(inwoner)
        repository.add_meting(meting)
    outbox = folder / "outbox"
    outbox.mkdir()
    folders = export_metingen(iter([(first, nul, None), (second, other, None)]), outbox, progress=None).folders
    repository.close()
    VisitMarker(folder).write(Visit(first.id, nul.id))
    return folder, first.id, [nul.id], folders[1].name


@pytest.mark.parametrize("kills", KILLS)
def test_a_killed_erasure_is_finished_by_the_next_run(
    kills: int, erasure_template, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    skip_big_run_unless_asked(request, kills, 50)
    from exports.bundle import verify_bundle

    template, inwoner_id, meting_ids, kept = erasure_template
    work = tmp_path / "tablet"
    url = f"sqlite:///{work / 'db.sqlite3'}"
    dossier = voorbeelden.inwoner().dossiernummer

    def job() -> None:
        repository = Repository.open(url, TEST_KEY)
        erase_everywhere(repository, work / "outbox", inwoner_id, VisitMarker(work))
        repository.close()

    def check(_round: int) -> None:
        repository = Repository.open(url, TEST_KEY)
        apply_retention(repository, work / "outbox")  # what opening the app does
        if repository.find_inwoner(dossier) is not None:  # before: the professional erases again
            erase_inwoner(repository, work / "outbox", dossier)
        assert repository.find_inwoner(dossier) is None
        assert repository.find_inwoner("BLIJFT-2") is not None
        assert [v.inwoner_id for v in pending(repository)] == [inwoner_id]  # queued once for the central database
        repository.close()
        names = sorted(p.name for p in (work / "outbox").iterdir() if not p.name.startswith("."))
        assert names == [kept] and verify_bundle(work / "outbox" / kept)
        assert not any(m in p.name for m in meting_ids for p in (work / "outbox").iterdir())
        visit = VisitMarker(work).read()
        assert visit is None or visit.inwoner_id != inwoner_id or _gone(url, visit)
        _integrity(work / "db.sqlite3")

    report = kill_job_by_progress(job, lambda _r: _fresh(template, work), check, kills, seed=14)
    assert report.kills == kills and report.finished_before_kill < kills // 2


def _gone(url: str, visit: Visit) -> bool:
    """A marker left by a killed erasure names nobody the app can resume (services.visit.resume)."""
    from services.visit import resume

    repository = Repository.open(url, TEST_KEY)
    try:
        return resume(repository, visit) is None
    finally:
        repository.close()


# ----- sync ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sync_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sync") / "tablet"
    folder.mkdir()
    repository = Repository.open(f"sqlite:///{folder / 'db.sqlite3'}", TEST_KEY)
    fill(repository)  # 72 afgeronde metingen
    repository.close()
    return folder


@pytest.mark.parametrize("kills", KILLS)
def test_a_killed_sync_is_finished_by_the_next_one(
    kills: int, sync_template, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    skip_big_run_unless_asked(request, kills, 50)
    work = tmp_path / "tablet"
    url = f"sqlite:///{work / 'db.sqlite3'}"
    central = f"sqlite:///{work / 'centraal.sqlite3'}"
    repository = Repository.open(f"sqlite:///{sync_template / 'db.sqlite3'}", TEST_KEY)
    wanted = sorted(r.record_id for r in local_records(repository))
    repository.close()

    def job() -> None:
        repository = Repository.open(url, TEST_KEY)
        sync(repository, central, batch_size=8)
        repository.close()

    def check(_round: int) -> None:
        repository = Repository.open(url, TEST_KEY)
        sync(repository, central, batch_size=8)  # the next sync
        assert sync(repository, central).total == 0  # and nothing is left waiting
        repository.close()
        engine = open_central(central)
        with engine.connect() as conn:
            ids = sorted(conn.execute(sa.text("SELECT record_id FROM monitor_record")).scalars())
        engine.dispose()
        assert ids == wanted  # every record once: none lost, none twice
        _integrity(work / "db.sqlite3")

    report = kill_job_by_progress(job, lambda _r: _fresh(sync_template, work), check, kills, seed=1414)
    assert report.kills == kills


# ----- a migration at opening ---------------------------------------------------------------


@pytest.fixture(scope="module")
def old_template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int]:
    """A tablet with data, taken back to schema 0003: opening it migrates (0004, 0005)."""
    from alembic import command

    folder = tmp_path_factory.mktemp("migratie") / "tablet"
    folder.mkdir()
    url = f"sqlite:///{folder / 'db.sqlite3'}"
    repository = Repository.open(url, TEST_KEY)
    fill(repository)
    count = len(repository.list_inwoners())
    engine = repository.engine
    with engine.connect().execution_options(sqlite_begin="IMMEDIATE") as connection, connection.begin():
        command.downgrade(alembic_config(connection), "0003")
    repository.close()
    assert _version(folder / "db.sqlite3") == "0003"
    return folder, count


def _version(path: Path) -> str:
    conn = connect_sqlite(str(path), TEST_KEY, read_only=True)
    try:
        return conn.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        conn.close()


def _inwoners(url: str) -> int:
    repository = Repository.open(url, TEST_KEY)
    try:
        with repository.engine.connect() as conn:
            return conn.execute(sa.text("SELECT count(*) FROM inwoner")).scalar()
    finally:
        repository.close()


@pytest.mark.parametrize("kills", KILLS)
def test_a_killed_migration_is_finished_at_the_next_opening(
    kills: int, old_template, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    skip_big_run_unless_asked(request, kills, 50)
    template, count = old_template
    work = tmp_path / "tablet"
    url = f"sqlite:///{work / 'db.sqlite3'}"

    def job() -> None:
        Repository.open(url, TEST_KEY).close()

    def check(_round: int) -> None:
        assert _version(work / "db.sqlite3") in ("0003", script_head())  # before or after, nothing between
        repository = Repository.open(url, TEST_KEY)  # the next opening migrates
        repository.add_inwoner(Inwoner.create("NA-MIGRATIE", "Gestel"))
        repository.close()
        assert _version(work / "db.sqlite3") == script_head()
        assert _inwoners(url) == count + 1
        _integrity(work / "db.sqlite3")

    report = kill_job_by_progress(job, lambda _r: _fresh(template, work), check, kills, seed=141414)
    assert report.kills == kills
