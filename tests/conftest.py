"""Test set-up: Kivy runs headless with its own home folder, before anything imports it."""

from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator

import pytest

from widgets.headless import configure

configure()  # before anything imports kivy
# No test may touch the real user data folder of whoever runs the tests.
os.environ.setdefault("MAGNEETBORD_DATA_DIR", tempfile.mkdtemp(prefix="magneetbord-data-"))


# ----- storage: a fresh database per test, on SQLite and (when available) PostgreSQL -----

POSTGRES_ENV = "MAGNEETBORD_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path) -> Iterator[str]:  # type: ignore[no-untyped-def]
    """A URL of an empty database: a SQLite file, or a new database on the PostgreSQL
    server that .ci/run starts (skipped when there is none)."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'magneetbord.sqlite3'}"
        return
    yield from _postgres_database()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    yield from _postgres_database()


def _postgres_database() -> Iterator[str]:
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        pytest.skip(f"geen PostgreSQL-server: zet {POSTGRES_ENV} (bash .ci/run start er een)")
    import sqlalchemy as sa

    name = f"t_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()
