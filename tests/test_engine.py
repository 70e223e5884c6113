"""The engine: which database, and SQLite set up for durability on every connection."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from board import Inwoner
from storage import ENV_VAR, ConflictError, DatabaseOpenError, Repository, open_database, resolve_url
from storage.engine import connect_sqlite, make_engine
from storage.errors import KeyRequiredError, NotEncryptedError, WrongKeyError
from storage.models import InwonerRow
from storage.urls import default_url
from tests.keys import TEST_KEY
from tests.traces import DOSSIER, INITIALEN, NEEDLES, files_under, fill_known_inwoner, find_traces


def test_the_default_database_is_a_file_in_the_user_data_folder(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("MAGNEETBORD_DATA_DIR", raising=False)
    monkeypatch.delenv(ENV_VAR, raising=False)
    url = resolve_url(None)
    assert url == default_url()
    assert sa.make_url(url).database == str(tmp_path / "data" / "magneetbord" / "magneetbord.sqlite3")
    assert (tmp_path / "data" / "magneetbord").is_dir()


def test_command_line_beats_environment_beats_default(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv(ENV_VAR, "sqlite:////tmp/env.sqlite3")
    assert resolve_url(None) == "sqlite:////tmp/env.sqlite3"
    assert resolve_url("postgresql+psycopg://h/db") == "postgresql+psycopg://h/db"


def test_db_option_comes_before_any_subcommand() -> None:
    args = main.build_parser().parse_args(["--db", "sqlite:////tmp/x.sqlite3", "demo"])
    assert args.db == "sqlite:////tmp/x.sqlite3"
    assert main.build_parser().parse_args([]).db is None


def test_every_sqlite_connection_is_durable(tmp_path: Path) -> None:
    engine = open_database(f"sqlite:///{tmp_path / 'x.sqlite3'}", TEST_KEY)
    connections = [engine.connect() for _ in range(3)]  # three distinct pooled connections
    for conn in connections:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
        assert conn.exec_driver_sql("PRAGMA secure_delete").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA cipher_version").scalar().startswith("4.")
    for conn in connections:
        conn.close()
    engine.dispose()


def test_a_transaction_reads_one_snapshot(tmp_path: Path) -> None:
    """pysqlite alone would start the transaction only at the first write, so a second read
    in the same transaction would see another connection's commit."""
    path = tmp_path / "x.sqlite3"
    engine = make_engine(f"sqlite:///{path}", key=TEST_KEY)
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (v INTEGER)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    other = connect_sqlite(str(path), TEST_KEY)
    with engine.connect() as conn, conn.begin():
        assert conn.exec_driver_sql("SELECT v FROM t").scalar() == 1
        other.execute("UPDATE t SET v = 2")
        assert conn.exec_driver_sql("SELECT v FROM t").scalar() == 1
    other.close()
    engine.dispose()


def test_ddl_is_rolled_back_with_its_transaction(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}", key=TEST_KEY)
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE half (v INTEGER)")
        raise RuntimeError("a migration fails half-way")
    assert "half" not in sa.inspect(engine).get_table_names()
    engine.dispose()


# ----- encryption at rest -----------------------------------------------------------------


def test_a_local_database_without_a_key_is_refused_not_opened_in_plain(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    for attempt in (
        lambda: open_database(f"sqlite:///{path}"),
        lambda: make_engine(f"sqlite:///{path}"),
        lambda: Repository.open(f"sqlite:///{path}"),
        lambda: Repository.open("sqlite://"),
    ):
        with pytest.raises(KeyRequiredError, match="versleuteld"):
            attempt()
    assert not path.exists()


def test_nothing_of_an_inwoner_is_readable_in_the_database_or_its_wal(tmp_path: Path) -> None:
    encrypted = Repository.open(f"sqlite:///{tmp_path / 'versleuteld.sqlite3'}", key=TEST_KEY)
    plain = Repository.open(f"sqlite:///{tmp_path / 'plat.sqlite3'}", allow_plaintext=True)
    for repository in (encrypted, plain):
        fill_known_inwoner(repository)
    # While the app runs, the newest pages are in the WAL; both files are searched.
    assert (tmp_path / "versleuteld.sqlite3-wal").stat().st_size > 0
    files = files_under(tmp_path)
    hits = find_traces(files)
    assert {name for name, _ in hits} <= {"plat.sqlite3", "plat.sqlite3-wal"}
    assert {needle for _, needle in hits} == set(NEEDLES)  # the probe does find them in a plain database
    encrypted.close()
    plain.close()  # checkpointed into the main files
    assert find_traces([tmp_path / "versleuteld.sqlite3"]) == []
    assert len(find_traces([tmp_path / "plat.sqlite3"])) == len(NEEDLES)
    again = Repository.open(f"sqlite:///{tmp_path / 'versleuteld.sqlite3'}", key=TEST_KEY)
    assert again.find_inwoner(DOSSIER) is not None and again.find_inwoner(DOSSIER).initialen == INITIALEN
    again.close()


def test_a_wrong_key_is_a_dutch_message_and_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    fill_known_inwoner(repository := Repository.open(f"sqlite:///{path}", key=TEST_KEY))
    repository.close()
    before = path.read_bytes()
    with pytest.raises(WrongKeyError, match="gaat niet open met deze sleutel") as error:
        Repository.open(f"sqlite:///{path}", key=bytes(32))
    assert "niet veranderd" in str(error.value)
    with pytest.raises(DatabaseOpenError, match="niet veranderd"):
        Repository.open(f"sqlite:///{path}", allow_plaintext=True)  # nor in plain
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.sqlite3"]


def test_a_plain_database_where_an_encrypted_one_belongs_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "x.sqlite3"
    fill_known_inwoner(repository := Repository.open(f"sqlite:///{path}", allow_plaintext=True))
    repository.close()
    before = path.read_bytes()
    with pytest.raises(NotEncryptedError, match="niet versleuteld") as error:
        Repository.open(f"sqlite:///{path}", key=TEST_KEY)
    assert "niet veranderd" in str(error.value)
    assert path.read_bytes() == before


def test_an_in_memory_database_is_encrypted_too() -> None:
    repository = Repository.open("sqlite://", key=TEST_KEY)
    fill_known_inwoner(repository)
    with repository.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA cipher_version").scalar()
    assert repository.find_inwoner(DOSSIER) is not None
    repository.close()


def test_a_whole_visit_at_debug_level_logs_no_personal_data(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, capsys: pytest.CaptureFixture[str]
) -> None:
    caplog.set_level(logging.DEBUG)  # the root logger, as a developer would turn it on
    logging.getLogger().setLevel(logging.DEBUG)
    url = f"sqlite:///{tmp_path / 'x.sqlite3'}"
    repository = Repository.open(url, key=TEST_KEY, actor="prof-1")
    inwoner = fill_known_inwoner(repository)
    meting = repository.current_concept(inwoner.id)
    assert meting is not None
    repository.history(inwoner.id)
    with pytest.raises(ConflictError):  # a failure: its message may be shown, not logged
        repository.add_inwoner(Inwoner.create(DOSSIER, "Gestel", INITIALEN))
    # A database error's text goes into tracebacks and crash reports: without the values.
    with pytest.raises(sa.exc.IntegrityError) as error, repository.engine.begin() as conn:
        conn.execute(sa.insert(InwonerRow), {"id": "x", "dossiernummer": DOSSIER, "wijk": "Gestel", "initialen": "Q."})
    assert "UNIQUE" in str(error.value) and DOSSIER not in str(error.value)
    repository.close()
    assert caplog.records, "logging was on"
    logged = "\n".join(f"{r.name} {r.getMessage()} {r.args}" for r in caplog.records) + capsys.readouterr().err
    for needle in NEEDLES:
        assert needle not in logged


def test_a_build_without_sqlcipher_says_so_and_never_opens_in_plain(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "sqlcipher3", None)  # as on Android without the recipe
    monkeypatch.setitem(sys.modules, "sqlcipher3.dbapi2", None)
    with pytest.raises(DatabaseOpenError, match="SQLCipher ontbreekt"):
        Repository.open(f"sqlite:///{tmp_path / 'x.sqlite3'}", key=TEST_KEY)
    assert list(tmp_path.iterdir()) == []
