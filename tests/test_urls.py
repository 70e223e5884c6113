"""Database URLs read without SQLAlchemy give exactly what SQLAlchemy's make_url gives."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy.engine import URL, make_url

from storage.paths import DATA_DIR_ENV
from storage.urls import DB_FILE, ENV_VAR, default_url, is_sqlite, resolve_url, sqlite_path

URLS = [
    "sqlite://",
    "sqlite:///",
    "sqlite:///:memory:",
    "sqlite:///rel.db",
    "sqlite:////abs/pad met spatie/x.sqlite3",
    "sqlite:////tmp/x%20y/#a?b.db",
    "sqlite:///x.db?mode=ro",
    "sqlite+pysqlcipher:///x.db",
    "sqlite:////t/@x:y.db",
    "postgresql+psycopg://user@host/db",
    "postgresql://u:p@h:5432/magneetbord",
]


def expected(url: str) -> tuple[bool, str | None]:
    parsed = make_url(url)
    database = parsed.database
    return parsed.get_backend_name() == "sqlite", None if not database or database == ":memory:" else database


@pytest.mark.parametrize("url", URLS)
def test_as_sqlalchemy_reads_it(url: str) -> None:
    sqlite, path = expected(url)
    assert is_sqlite(url) == sqlite and is_sqlite(make_url(url)) == sqlite
    if sqlite:
        assert sqlite_path(url) == path and sqlite_path(make_url(url)) == path


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40))
def test_any_file_name_reads_back_as_sqlalchemy_reads_it(name: str) -> None:
    url = str(URL.create("sqlite", database=f"/data/{name}"))
    assert is_sqlite(url) and sqlite_path(url) == expected(url)[1]


def test_which_database(tmp_path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.delenv(ENV_VAR, raising=False)
    assert default_url() == str(URL.create("sqlite", database=str(tmp_path / "data" / DB_FILE)))
    assert (tmp_path / "data").is_dir()
    assert resolve_url() == default_url()
    monkeypatch.setenv(ENV_VAR, "sqlite:///env.db")
    assert resolve_url() == "sqlite:///env.db" and resolve_url("sqlite:///cli.db") == "sqlite:///cli.db"


def test_a_url_that_is_no_url_is_refused_as_before() -> None:
    with pytest.raises(Exception, match="Could not parse"):
        is_sqlite("geen url")
