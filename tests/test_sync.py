"""`python3 main.py sync --to URL`: idempotent, resumable after a broken connection, offline-first."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import OperationalError

import main
import services.sync
from services.demo import fill
from services.monitor import local_records
from services.sync import SyncError, sync
from services.unlock import PIN_ENV
from storage import Repository
from storage.central import load_records, open_central
from tests.keys import TEST_KEY, TEST_PIN, add_test_professional


@pytest.fixture
def tablet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'tablet.sqlite3'}"
    add_test_professional(url)
    monkeypatch.setenv(PIN_ENV, TEST_PIN)
    repository = Repository.open(url, key=TEST_KEY)
    fill(repository)  # 72 afgeronde metingen
    repository.close()
    yield url


def central_ids(url: str) -> list[str]:
    engine = open_central(url)
    with engine.connect() as conn:
        ids = list(conn.execute(sa.text("SELECT record_id FROM monitor_record")).scalars())
    engine.dispose()
    return ids


def expected(tablet: str) -> list:
    repository = Repository.open(tablet, key=TEST_KEY)
    records = local_records(repository)
    repository.close()
    return sorted(records, key=lambda r: r.record_id)


def test_sync_sends_everything_once_and_a_second_sync_sends_nothing(tablet: str, db_url: str) -> None:
    repository = Repository.open(tablet, key=TEST_KEY)
    seen: list[tuple[int, int]] = []
    first = sync(repository, db_url, batch_size=20, progress=lambda d, t: seen.append((d, t)))
    assert (first.total, first.new) == (72, 72)
    assert seen == [(0, 72), (20, 72), (40, 72), (60, 72), (72, 72)]
    second = sync(repository, db_url)
    assert second.total == 0
    repository.close()
    engine = open_central(db_url)
    assert sorted(load_records(engine), key=lambda r: r.record_id) == expected(tablet)
    engine.dispose()


def test_a_broken_connection_mid_sync_loses_nothing_and_duplicates_nothing(
    tablet: str, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = services.sync.store_records
    calls = {"n": 0}

    def breaks_after_two_batches(connection: sa.Connection, records: list) -> int:
        calls["n"] += 1
        if calls["n"] == 3:
            real(connection, records)  # written, then the line drops before the commit
            raise OperationalError("INSERT ...", {}, Exception("server closed the connection unexpectedly"))
        return real(connection, records)

    monkeypatch.setattr(services.sync, "store_records", breaks_after_two_batches)
    repository = Repository.open(tablet, key=TEST_KEY)
    kept = r"32 records zijn nog niet verzonden\. Ze blijven bewaard op de tablet"
    with pytest.raises(SyncError, match=rf"viel weg na 40 van 72 records.*{kept}"):
        sync(repository, db_url, batch_size=20)
    assert len(central_ids(db_url)) == 40  # the broken batch was rolled back as a whole
    monkeypatch.setattr(services.sync, "store_records", real)
    result = sync(repository, db_url, batch_size=20)
    assert result.total == 32
    repository.close()
    ids = central_ids(db_url)
    assert len(ids) == len(set(ids)) == 72
    assert sorted(ids) == [r.record_id for r in expected(tablet)]


def test_committed_centrally_but_not_noted_on_the_tablet_is_sent_again_and_stored_once(
    tablet: str, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    repository = Repository.open(tablet, key=TEST_KEY)

    def crash(*args: object) -> None:
        raise KeyboardInterrupt  # the battery dies right after the central commit

    monkeypatch.setattr(repository, "mark_monitor_sent", crash)
    with pytest.raises(KeyboardInterrupt):
        sync(repository, db_url, batch_size=30)
    monkeypatch.undo()
    result = sync(repository, db_url, batch_size=30)
    assert (result.total, result.new, result.already) == (72, 42, 30)
    repository.close()
    assert len(central_ids(db_url)) == 72


def test_the_server_killing_the_connection_mid_sync_then_a_second_sync_completes(
    tablet: str, postgres_url: str
) -> None:
    admin = sa.create_engine(postgres_url, poolclass=sa.NullPool)

    def kill_after_second_batch(done: int, total: int) -> None:
        if done == 20:
            with admin.connect() as conn:
                killed = conn.execute(sa.text(
                    "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )).scalar()
            assert killed >= 1

    repository = Repository.open(tablet, key=TEST_KEY)
    with pytest.raises(SyncError, match="viel weg na 20 van 72"):
        sync(repository, postgres_url, batch_size=10, progress=kill_after_second_batch)
    assert len(central_ids(postgres_url)) == 20
    assert sync(repository, postgres_url, batch_size=10).total == 52
    repository.close()
    admin.dispose()
    ids = central_ids(postgres_url)
    assert len(ids) == len(set(ids)) == 72


def test_cli_when_the_central_database_is_unreachable(tablet: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["--db", tablet, "sync", "--to", "postgresql+psycopg://m:geheim@127.0.0.1:1/g"]) == 1
    out = capsys.readouterr().out
    assert "niet bereikbaar" in out and "72 records zijn nog niet verzonden. Ze blijven bewaard op de tablet" in out
    assert "geheim" not in out
    repository = Repository.open(tablet, key=TEST_KEY)
    assert repository.monitor_sent_count() == 0
    repository.close()


def test_cli_shows_progress_and_a_summary(tablet: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    central = f"sqlite:///{tmp_path / 'gemeente.sqlite3'}"
    assert main.main(["--db", tablet, "sync", "--to", central, "--batch", "50"]) == 0
    captured = capsys.readouterr()
    assert "Verzenden: 50 van 72 records" in captured.err and "Verzenden: 72 van 72 records" in captured.err
    assert "Klaar: 72 records verzonden" in captured.out
    assert main.main(["--db", tablet, "sync", "--to", central]) == 0
    assert "Er wachtten geen records" in capsys.readouterr().out


def test_cli_refuses_to_sync_into_a_tablets_database(tablet: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    other = f"sqlite:///{tmp_path / 'andere-tablet.sqlite3'}"
    Repository.open(other, key=TEST_KEY).close()
    assert main.main(["--db", tablet, "sync", "--to", other]) == 1
    assert "database van een tablet" in capsys.readouterr().out
