"""The database itself refuses to change an afgeronde meting (triggers), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date, datetime

import pytest
import sqlalchemy as sa

from board import BoardSession, Inwoner, Meting
from storage import Repository
from tests.keys import TEST_KEY


@pytest.fixture
def afgerond(db_url: str):  # type: ignore[no-untyped-def]
    repo = Repository.open(db_url, key=TEST_KEY)
    inwoner = Inwoner.create("WT-1", "Tongelre", "A.")
    repo.add_inwoner(inwoner)
    session = BoardSession(repo.start_nulmeting(inwoner.id, date(2025, 3, 1)), on_commit=repo.save_change)
    session.apply(lambda m: m.choose("geld"))
    session.apply(lambda m: m.place_fiche("geld", "inwoner", 0.4))
    session.apply(lambda m: m.add_doel("geld", "Rekeningen op tijd betalen."))
    session.apply(lambda m: m.afronden(datetime(2025, 3, 1, 12)))
    yield repo, session.committed
    repo.close()


RAW_CHANGES = [
    "UPDATE meting SET rapportcijfer = 3 WHERE id = :m",
    "UPDATE meting SET status = 'concept', afgerond_op = NULL WHERE id = :m",
    "UPDATE fiche SET positie = 0.9 WHERE meting_id = :m",
    "DELETE FROM fiche WHERE meting_id = :m",
    "INSERT INTO gekozen VALUES (:m, 'wonen', 1)",
    "UPDATE gekozen SET rang = 5 WHERE meting_id = :m",
    "UPDATE doel SET tekst = 'iets anders' WHERE meting_id = :m",
    "DELETE FROM doel WHERE meting_id = :m",
    "INSERT INTO actie SELECT meting_id, doel_id, 0, 'inwoner', 'x' FROM doel WHERE meting_id = :m",
]


@pytest.mark.parametrize("statement", RAW_CHANGES)
def test_raw_sql_cannot_change_an_afgeronde_meting(afgerond: tuple[Repository, Meting], statement: str) -> None:
    repo, meting = afgerond
    with pytest.raises(sa.exc.DBAPIError, match="meting_afgerond"), repo.engine.begin() as conn:
        conn.execute(sa.text(statement), {"m": meting.id})
    assert repo.get_meting(meting.id) == meting


def test_erasing_a_whole_meting_stays_possible(afgerond: tuple[Repository, Meting]) -> None:
    """Deleting the meting itself (erasure on request, retention) is not a change to it."""
    repo, meting = afgerond
    with repo.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM meting WHERE id = :m"), {"m": meting.id})
        for table in ("gekozen", "fiche", "doel", "actie"):
            assert conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar() == 0
    assert repo.history(meting.inwoner_id) == []
