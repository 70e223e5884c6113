"""Opening a database: migrated automatically, older ones upgraded without loss, newer,
damaged and foreign ones refused with a clear message and left exactly as they were."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from board import BoardSession, Inwoner
from storage import DatabaseOpenError, DatabaseTooNewError, Repository, head_revision, open_database
from storage.engine import connect_sqlite, make_engine
from storage.migrate import alembic_config
from storage.models import Base
from tests.keys import TEST_KEY


def fingerprint(path: Path) -> tuple[bytes, int]:
    return path.read_bytes(), os.stat(path).st_mtime_ns


def test_a_new_database_gets_the_whole_schema_equal_to_the_models(db_url: str) -> None:
    engine = open_database(db_url, TEST_KEY)
    with engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_heads() == (head_revision(),)
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []
    engine.dispose()
    open_database(db_url, TEST_KEY).dispose()  # opening again changes nothing and does not fail


def test_a_database_of_the_first_version_is_upgraded_without_loss(db_url: str) -> None:
    engine = make_engine(db_url, key=TEST_KEY)
    with engine.begin() as conn:
        command.upgrade(alembic_config(conn), "0001")
    with engine.begin() as conn:  # data written by the first version of the app
        conn.execute(sa.text("INSERT INTO inwoner VALUES ('i1', 'WT-1', 'Gestel', 'A.B.')"))
        conn.execute(sa.text("INSERT INTO professional VALUES ('p1', 'Anna', 'hash')"))
        conn.execute(
            sa.text(
                "INSERT INTO meting (id, inwoner_id, datum, soort, volgnummer, set_naam, set_versie, status) "
                "VALUES ('m1', 'i1', '2025-01-02', 'nulmeting', 0, 'volwassenen', 1, 'concept')"
            )
        )
        conn.execute(sa.text("INSERT INTO gekozen VALUES ('m1', 'geld', 0)"))
        conn.execute(sa.text("INSERT INTO fiche VALUES ('m1', 'geld', 'inwoner', 0.25)"))
    engine.dispose()

    repo = Repository.open(db_url, key=TEST_KEY)
    assert repo.get_inwoner("i1") == Inwoner("i1", "WT-1", "Gestel", "A.B.")
    with repo.engine.connect() as conn:  # the table of professionals went to the keyring (0005)
        assert "professional" not in sa.inspect(conn).get_table_names()
    meting = repo.get_meting("m1")
    assert meting.datum == date(2025, 1, 2) and meting.positie("geld") == 0.25
    session = BoardSession(meting, on_commit=repo.save_change)  # and work goes on
    session.apply(lambda m: m.place_fiche("geld", "inwoner", 0.6))
    assert repo.get_meting("m1").positie("geld") == 0.6
    with repo.engine.connect() as conn:  # what the later revisions added is there
        assert {"meting_export", "audit", "instelling", "monitor_verzonden"} <= set(sa.inspect(conn).get_table_names())
    repo.close()


def _stamp_future(url: str) -> None:
    engine = open_database(url, TEST_KEY)
    with engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = 'f00dcafe9999'"))
    engine.dispose()


def test_a_database_of_a_newer_app_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "nieuw.sqlite3"
    _stamp_future(f"sqlite:///{path}")
    before = fingerprint(path)
    with pytest.raises(DatabaseTooNewError, match="nieuwere versie van Magneetbord"):
        Repository.open(f"sqlite:///{path}", key=TEST_KEY)
    assert fingerprint(path) == before


def test_a_database_of_a_newer_app_is_refused_on_postgresql(postgres_url: str) -> None:
    _stamp_future(postgres_url)
    with pytest.raises(DatabaseTooNewError, match="Werk de app bij"):
        open_database(postgres_url, TEST_KEY)
    engine = make_engine(postgres_url, key=TEST_KEY)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar() == "f00dcafe9999"
    engine.dispose()


def _real_database(path: Path) -> None:
    repo = Repository.open(f"sqlite:///{path}", key=TEST_KEY)
    repo.add_inwoner(Inwoner.create("WT-1", "Gestel"))
    repo.close()  # the last connection closes: the WAL goes into the file


@pytest.mark.parametrize("damage", ["text", "random bytes", "header", "pages"])
def test_a_damaged_or_foreign_file_is_refused_and_left_alone(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "magneetbord.sqlite3"
    if damage == "text":
        path.write_text("Boodschappen: melk, brood, kaas.\n" * 200)
    elif damage == "random bytes":
        path.write_bytes(os.urandom(64 * 1024))
    else:
        _real_database(path)
        data = bytearray(path.read_bytes())
        if damage == "header":
            data[:100] = os.urandom(100)
        else:  # every page after the first two overwritten
            data[8192:] = b"\xa5" * (len(data) - 8192)
        path.write_bytes(bytes(data))
    before = fingerprint(path)
    with pytest.raises(DatabaseOpenError, match="niet veranderd") as caught:
        Repository.open(f"sqlite:///{path}", key=TEST_KEY)
    assert str(path) in str(caught.value)
    assert fingerprint(path) == before


@pytest.mark.parametrize("encrypted", [True, False])
def test_a_database_of_another_program_is_refused_and_left_alone(tmp_path: Path, encrypted: bool) -> None:
    path = tmp_path / "ander.sqlite3"
    conn = connect_sqlite(str(path), TEST_KEY if encrypted else None)
    conn.execute("CREATE TABLE recepten (naam TEXT)")
    conn.execute("INSERT INTO recepten VALUES ('stamppot')")
    conn.close()
    before = fingerprint(path)
    with pytest.raises(DatabaseOpenError, match="ander programma"):
        Repository.open(f"sqlite:///{path}", key=TEST_KEY if encrypted else None, allow_plaintext=not encrypted)
    assert fingerprint(path) == before
    conn = connect_sqlite(str(path), TEST_KEY if encrypted else None)
    assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)  # not switched to WAL
    conn.close()


def test_a_folder_at_the_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(DatabaseOpenError, match="map"):
        Repository.open(f"sqlite:///{tmp_path}", key=TEST_KEY)


def test_the_head_read_from_the_migration_files_is_alembics_head() -> None:
    from storage.migrate import script_head

    assert script_head() == head_revision()


def test_a_database_at_head_opens_without_alembic_and_a_newer_one_is_still_refused(tmp_path: Path) -> None:
    import subprocess
    import sys

    url = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    open_database(url, TEST_KEY).dispose()  # created and migrated
    code = (
        "import sys; from storage.repository import Repository; "
        "r = Repository.open(sys.argv[1], bytes.fromhex(sys.argv[2])); "
        "r.list_inwoners(); print('alembic' in sys.modules)"
    )
    root = Path(__file__).resolve().parent.parent
    out = subprocess.run(
        [sys.executable, "-c", code, url, TEST_KEY.hex()], capture_output=True, text=True, cwd=root, check=True
    )
    assert out.stdout.strip() == "False"
    conn = connect_sqlite(str(tmp_path / "db.sqlite3"), TEST_KEY)
    conn.execute("UPDATE alembic_version SET version_num = '9999'")
    conn.close()
    with pytest.raises(DatabaseTooNewError):
        open_database(url, TEST_KEY)
