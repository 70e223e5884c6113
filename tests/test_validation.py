"""Values the board would refuse, reaching the repository directly: refused, nothing written."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

import pytest
import sqlalchemy as sa

from board import BoardSession, Fiche, Inwoner, Meting, Perspectief
from storage import InvalidValueError, Repository
from tests.keys import TEST_KEY

TODAY = date(2025, 3, 1)


@pytest.fixture
def repo(tmp_path):  # type: ignore[no-untyped-def]
    """Validation happens before the database is touched: SQLite is enough here."""
    repository = Repository.open(f"sqlite:///{tmp_path / 'v.sqlite3'}", key=TEST_KEY)
    yield repository
    repository.close()


@pytest.fixture
def any_repo(db_url: str):  # type: ignore[no-untyped-def]
    repository = Repository.open(db_url, key=TEST_KEY)
    yield repository
    repository.close()


def start(repo: Repository) -> BoardSession:
    inwoner = Inwoner.create("WT-1", "Stratum", "A.")
    repo.add_inwoner(inwoner)
    session = BoardSession(repo.start_nulmeting(inwoner.id, TODAY), on_commit=repo.save_change)
    session.apply(lambda m: m.choose("geld"))
    session.apply(lambda m: m.place_fiche("geld", "inwoner", 0.4))
    session.apply(lambda m: m.add_doel("geld", "Rekeningen op tijd betalen."))
    return session


@pytest.fixture
def session(repo: Repository) -> BoardSession:
    return start(repo)


def dump(repo: Repository) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table: to show that nothing was written."""
    with repo.engine.connect() as conn:
        names = sa.inspect(conn).get_table_names()
        return {name: sorted(map(tuple, conn.execute(sa.text(f"SELECT * FROM {name}"))), key=repr) for name in names}


def forged(meting: Meting) -> dict[str, Meting]:
    doel = meting.doelen[0]
    fiche = meting.fiches[0]
    return {
        "nan": replace(meting, fiches=(replace(fiche, positie=float("nan")),)),
        "infinity": replace(meting, fiches=(replace(fiche, positie=float("inf")),)),
        "out of range": replace(meting, fiches=(replace(fiche, positie=1.5),)),
        "negative": replace(meting, fiches=(replace(fiche, positie=-0.1),)),
        "text position": replace(meting, fiches=(replace(fiche, positie="0.5"),)),
        "unknown perspectief": replace(meting, fiches=(replace(fiche, perspectief="buurman"),)),
        "unknown leefgebied": replace(meting, gekozen=("geld", "ruimtevaart")),
        "fiche on unknown leefgebied": replace(
            meting, fiches=(*meting.fiches, Fiche("maan", Perspectief.INWONER, 0.5))
        ),
        "fiche not chosen": replace(meting, fiches=(*meting.fiches, Fiche("wonen", Perspectief.INWONER, 0.5))),
        "twice chosen": replace(meting, gekozen=("geld", "geld")),
        "goal of 1 MB": replace(meting, doelen=(replace(doel, tekst="a" * 1_000_000),)),
        "control characters": replace(meting, doelen=(replace(doel, tekst="\x00\x01\x02\x1b[31m"),)),
        "empty goal": replace(meting, doelen=(replace(doel, tekst="   "),)),
        "goal on unknown leefgebied": replace(meting, doelen=(replace(doel, leefgebied="ruimtevaart"),)),
        "rapportcijfer 11": replace(meting, rapportcijfer=11),
        "rapportcijfer True": replace(meting, rapportcijfer=True),
        "rapportcijfer float": replace(meting, rapportcijfer=6.5),
        "evaluation of an own goal": replace(meting, doelen=(replace(doel, evaluatie="behaald"),)),
        "not a doel": replace(meting, doelen=("Rekeningen betalen",)),
        "streefdatum before": replace(meting, doelen=(replace(doel, streefdatum=date(2020, 1, 1)),)),
        "afgerond without fiche": replace(
            meting, fiches=(), status=meting.status.AFGEROND, afgerond_op=datetime(2025, 3, 1)
        ),
        "another inwoner": replace(meting, inwoner_id="someone-else"),
        "another date": replace(meting, datum=date(2024, 1, 1)),
        "huge id": replace(meting, doelen=(*meting.doelen, replace(doel, id="x" * 10_000))),
    }


@pytest.mark.parametrize(
    "case",
    sorted(
        forged(
            Meting.nulmeting("x", TODAY).choose("geld").place_fiche("geld", "inwoner", 0.1).add_doel("geld", "Doel.")
        )
    ),
)
def test_a_forged_meting_is_refused_and_nothing_is_written(repo: Repository, session: BoardSession, case: str) -> None:
    before = session.committed
    stored = dump(repo)
    with pytest.raises(InvalidValueError) as caught:
        repo.save_change(before, forged(before)[case])
    message = str(caught.value)
    assert message and len(message) < 400  # a clear sentence, not the 1 MB text echoed back
    assert dump(repo) == stored
    assert repo.get_meting(before.id) == before


@pytest.mark.parametrize("case", ["nan", "goal of 1 MB", "control characters", "unknown leefgebied"])
def test_a_forged_new_meting_is_refused(repo: Repository, session: BoardSession, case: str) -> None:
    stored = dump(repo)
    bad = replace(forged(session.committed)[case], id="new-meting", volgnummer=0)
    with pytest.raises(InvalidValueError):
        repo.add_meting(bad)
    assert dump(repo) == stored


def test_a_forged_save_through_the_session_keeps_the_board(repo: Repository, session: BoardSession) -> None:
    before = session.committed
    with pytest.raises(InvalidValueError):
        session.apply(lambda m: replace(m, fiches=(Fiche("geld", Perspectief.INWONER, float("nan")),)))
    assert session.committed == before and repo.get_meting(before.id) == before


@pytest.mark.parametrize(
    "inwoner",
    [
        Inwoner("a", "WT 1 2", "Stratum"),
        Inwoner("a", "WT-1", "\x00"),
        Inwoner("a", "WT-1", "Stratum", "Jan Pietersen de Vries"),
        Inwoner("", "WT-1", "Stratum"),
        Inwoner("a", "x" * 100, "Stratum"),
        Inwoner("a", " WT-1", "Stratum"),
    ],
)
def test_a_forged_inwoner_is_refused(repo: Repository, inwoner: Inwoner) -> None:
    with pytest.raises(InvalidValueError):
        repo.add_inwoner(inwoner)
    assert repo.list_inwoners() == []


def test_the_database_refuses_what_slips_past(any_repo: Repository) -> None:
    """CHECK constraints: a raw write with a bad value fails in the database itself."""
    repo = any_repo
    session = start(repo)
    meting_id = session.committed.id
    bad = [
        ("UPDATE fiche SET positie = 1.5 WHERE meting_id = :m", {}),
        ("UPDATE fiche SET positie = :nan WHERE meting_id = :m", {"nan": float("nan")}),
        ("UPDATE fiche SET perspectief = 'buurman' WHERE meting_id = :m", {}),
        ("UPDATE meting SET rapportcijfer = 11 WHERE id = :m", {}),
        ("UPDATE doel SET tekst = :t WHERE meting_id = :m", {"t": "a" * 1001}),
        ("UPDATE doel SET tekst = '' WHERE meting_id = :m", {}),
        ("UPDATE meting SET status = 'afgerond' WHERE id = :m", {}),  # without afgerond_op
    ]
    for statement, params in bad:
        with pytest.raises(sa.exc.DBAPIError), repo.engine.begin() as conn:
            conn.execute(sa.text(statement), {"m": meting_id, **params})
    assert repo.get_meting(meting_id) == session.committed
