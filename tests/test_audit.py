"""The audit log: who did what with which inwoner (random id only), chained so that an edited,
removed or reordered entry is found by ``python3 main.py audit verify``."""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import main
from board import BoardSession, Inwoner
from services.unlock import PIN_ENV
from storage import ConflictError, Keyring, Repository
from storage.audit import GENESIS, verify
from storage.engine import connect_sqlite
from storage.keyring import KdfParams
from tests.keys import TEST_KEY, tablet_with_professional
from tests.traces import DOEL, DOSSIER, INITIALEN, fill_known_inwoner

FAST = KdfParams(memory_kib=64, time_cost=1)  # explicit, for speed; the keyring tests use the real cost
PIN = "482913"


def visit(repository: Repository) -> Inwoner:
    """A whole visit: new inwoner, many fiche moves, a doel, afronden, export; then the file is read."""
    inwoner = fill_known_inwoner(repository)
    meting = repository.current_concept(inwoner.id)
    assert meting is not None
    session = BoardSession(meting, on_commit=repository.save_change)
    for n in range(5):
        session.apply(lambda m, n=n: m.place_fiche("geld", "inwoner", n / 10))
    session.apply(lambda m: m.set_rapportcijfer(6))
    session.apply(lambda m: m.afronden(datetime(2026, 2, 3, 11, tzinfo=UTC)))
    repository.mark_exported(meting.id, datetime(2026, 2, 3, 12, tzinfo=UTC))
    repository.history(inwoner.id)
    return inwoner


def test_a_visit_is_logged_with_ids_only_and_the_chain_holds(db_url: str) -> None:
    repository = Repository.open(db_url, key=TEST_KEY, actor="prof-1")
    inwoner = visit(repository)
    log = repository.audit_log()
    assert [e.actie for e in log] == [
        "aangemaakt",  # the inwoner
        "geopend",  # once per session, however often it is read
        "aangemaakt",  # the 0-meting
        "gewijzigd",  # once, however many fiches moved
        "afgerond",
        "geexporteerd",
    ]
    assert {e.professional_id for e in log} == {"prof-1"}
    assert {e.inwoner_id for e in log} == {inwoner.id} and {e.resultaat for e in log} == {"gelukt"}
    text = repr(log)
    assert DOSSIER not in text and INITIALEN not in text and DOEL not in text
    assert log[0].vorige_hash == GENESIS and verify(log) == []
    assert [e.seq for e in log] == list(range(1, len(log) + 1))
    repository.close()


def test_a_refused_change_is_logged_as_failed(db_url: str) -> None:
    repository = Repository.open(db_url, key=TEST_KEY, actor="prof-1")
    visit(repository)
    twin = Inwoner.create(DOSSIER, "Gestel")  # the same dossier number: the database refuses it
    with pytest.raises(ConflictError):
        repository.add_inwoner(twin)
    last = repository.audit_log()[-1]
    assert (last.actie, last.resultaat, last.inwoner_id) == ("aangemaakt", "mislukt", twin.id)
    assert verify(repository.audit_log()) == []
    repository.close()


def test_without_a_professional_reads_are_not_logged(tmp_path: Path) -> None:
    repository = Repository.open(f"sqlite:///{tmp_path / 'x.sqlite3'}", key=TEST_KEY)
    inwoner = Inwoner.create("WT-1", "Gestel")
    repository.add_inwoner(inwoner)
    repository.history(inwoner.id)
    assert [(e.actie, e.professional_id) for e in repository.audit_log()] == [("aangemaakt", None)]
    repository.start_nulmeting(inwoner.id, date(2026, 1, 5))
    repository.close()


TAMPERING = {
    "edited action": ["UPDATE audit SET actie = 'geopend' WHERE seq = 3"],
    "edited inwoner": ["UPDATE audit SET inwoner_id = 'iemand-anders' WHERE seq = 2"],
    "edited moment": ["UPDATE audit SET moment = '2020-01-01T00:00:00+00:00' WHERE seq = 4"],
    "removed": ["DELETE FROM audit WHERE seq = 3"],
    "swapped": [
        "UPDATE audit SET seq = 100 WHERE seq = 2",
        "UPDATE audit SET seq = 2 WHERE seq = 3",
        "UPDATE audit SET seq = 3 WHERE seq = 100",
    ],
}


@pytest.fixture(scope="module")
def logged_database(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A database with a visit in its log, and the keyring that opens it."""
    folder = tmp_path_factory.mktemp("audit")
    url = f"sqlite:///{folder / 'magneetbord.sqlite3'}"
    professional, key = tablet_with_professional(url, "Sanne", PIN, kdf=FAST)
    repository = Repository.open(url, key=key, actor=professional)
    visit(repository)
    repository.close()
    return folder, professional


@pytest.mark.parametrize("how", [None, *TAMPERING])
def test_audit_verify_finds_an_edited_removed_or_swapped_entry(
    logged_database: tuple[Path, str],
    tmp_path: Path,
    how: str | None,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    original, _ = logged_database
    for name in ("magneetbord.sqlite3", "magneetbord.sqlite3.keys.json"):
        shutil.copy(original / name, tmp_path / name)  # the tampering happens on a copy
    path = tmp_path / "magneetbord.sqlite3"
    key = Keyring.for_database(f"sqlite:///{path}", kdf=FAST).unlock(
        Keyring.for_database(f"sqlite:///{path}").professionals()[0].id, PIN
    )
    conn = connect_sqlite(str(path), key)
    for statement in TAMPERING.get(how, []):
        conn.execute(statement)
    conn.close()
    monkeypatch.setenv(PIN_ENV, PIN)
    code = main.main(["--db", f"sqlite:///{path}", "audit", "verify"])
    out = capsys.readouterr().out
    if how is None:
        assert code == 0 and "in orde: 6 regels" in out
    else:
        assert code == 2 and "NIET in orde" in out
