"""The central monitor database: created on first connect, its own schema, send twice = store once."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from samples.monitor_voorbeeld import voorbeeld_records
from storage import DatabaseOpenError, DatabaseTooNewError, Repository
from storage.central import (
    VERSION_TABLE,
    CentralUnreachableError,
    centrale_id,
    is_central,
    load_records,
    open_central,
    store_records,
)
from storage.central_models import CentralBase
from tests.keys import TEST_KEY


def count(engine: sa.Engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()


def test_first_connect_creates_the_central_schema_equal_to_its_models(db_url: str) -> None:
    assert not is_central(db_url)
    engine = open_central(db_url)
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"version_table": VERSION_TABLE})
        assert context.get_current_heads() == ("c006",)
        assert compare_metadata(context, CentralBase.metadata) == []
        tables = set(sa.inspect(conn).get_table_names())
    assert "inwoner" not in tables and "meting" not in tables  # the gemeente holds no inwoners
    first_id = centrale_id(engine)
    engine.dispose()
    again = open_central(db_url)  # a second connect keeps the schema and the database's id
    assert is_central(db_url) and centrale_id(again) == first_id
    again.dispose()


def test_records_sent_twice_are_stored_once_and_read_back_equal(db_url: str) -> None:
    records = voorbeeld_records(inwoners=30, wijken=2)
    engine = open_central(db_url)
    with engine.begin() as conn:
        assert store_records(conn, records[:10] + records[:10]) == 10
    with engine.begin() as conn:
        assert store_records(conn, records) == len(records) - 10
    with engine.begin() as conn:
        assert store_records(conn, records) == 0
    assert count(engine, "monitor_record") == len(records)
    assert count(engine, "monitor_record_leefgebied") == sum(len(r.leefgebieden) for r in records)
    assert count(engine, "monitor_record_doel") == sum(len(r.doelen) for r in records)
    assert sorted(load_records(engine), key=lambda r: r.record_id) == sorted(records, key=lambda r: r.record_id)
    engine.dispose()


def test_a_central_database_holds_no_text_and_no_identifier(tmp_path: Path) -> None:
    records = voorbeeld_records(inwoners=20, wijken=2)
    url = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    engine = open_central(url)
    with engine.begin() as conn:
        store_records(conn, records)
    data = b"".join(p.read_bytes() for p in tmp_path.glob("centraal.sqlite3*"))  # with the WAL
    engine.dispose()
    assert len(data) > 50_000
    assert b"Voorbeelddoel" not in data and b"VB-0000" not in data and b"voorbeeld-inwoner" not in data


@pytest.mark.parametrize("encrypted", [True, False])
def test_a_tablets_database_is_refused_as_central_and_left_alone(tmp_path: Path, encrypted: bool) -> None:
    url = f"sqlite:///{tmp_path / 'tablet.sqlite3'}"
    if encrypted:
        Repository.open(url, key=TEST_KEY).close()
    else:
        Repository.open(url, allow_plaintext=True).close()
    before = (tmp_path / "tablet.sqlite3").read_bytes()
    with pytest.raises(DatabaseOpenError, match="database van een tablet"):
        open_central(url)
    assert (tmp_path / "tablet.sqlite3").read_bytes() == before


def test_a_central_database_of_a_newer_app_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    open_central(url).dispose()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(sa.text(f"UPDATE {VERSION_TABLE} SET version_num = 'c999'"))
    engine.dispose()
    with pytest.raises(DatabaseTooNewError, match="nieuwere versie"):
        open_central(url)


def test_an_unreachable_server_gives_a_dutch_message() -> None:
    with pytest.raises(CentralUnreachableError, match="niet bereikbaar"):
        open_central("postgresql+psycopg://monitor:geheim@127.0.0.1:1/gemeente")


def test_the_password_is_not_in_the_message() -> None:
    with pytest.raises(CentralUnreachableError) as caught:
        open_central("postgresql+psycopg://monitor:geheim@127.0.0.1:1/gemeente")
    assert "geheim" not in str(caught.value)
