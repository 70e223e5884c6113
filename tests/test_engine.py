"""The engine: which database, and SQLite set up for durability on every connection."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from storage import ENV_VAR, open_database, resolve_url
from storage.engine import default_url, make_engine


def test_the_default_database_is_a_file_in_the_user_data_folder(monkeypatch, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
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
    engine = open_database(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    connections = [engine.connect() for _ in range(3)]  # three distinct pooled connections
    for conn in connections:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 1000
    for conn in connections:
        conn.close()
    engine.dispose()


def test_a_transaction_reads_one_snapshot(tmp_path: Path) -> None:
    """pysqlite alone would start the transaction only at the first write, so a second read
    in the same transaction would see another connection's commit."""
    path = tmp_path / "x.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE t (v INTEGER)")
        conn.exec_driver_sql("INSERT INTO t VALUES (1)")
    other = sqlite3.connect(path, isolation_level=None)
    with engine.connect() as conn, conn.begin():
        assert conn.exec_driver_sql("SELECT v FROM t").scalar() == 1
        other.execute("UPDATE t SET v = 2")
        assert conn.exec_driver_sql("SELECT v FROM t").scalar() == 1
    other.close()
    engine.dispose()


def test_ddl_is_rolled_back_with_its_transaction(tmp_path: Path) -> None:
    engine = make_engine(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    with pytest.raises(RuntimeError), engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE half (v INTEGER)")
        raise RuntimeError("a migration fails half-way")
    assert "half" not in sa.inspect(engine).get_table_names()
    engine.dispose()
