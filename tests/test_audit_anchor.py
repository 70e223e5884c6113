"""The audit chain's head outside the database: in every bundle's manifest and at the central
database with every sync, which refuses a head that does not extend the last one; ``audit
verify`` reports a cut tail or a rewritten chain when it can see an anchor, and says plainly
what it cannot prove when it sees none."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from services.unlock import PIN_ENV
from storage import Repository
from storage.audit import entry_hash
from storage.central import open_central
from storage.engine import connect_sqlite
from storage.outbox import outbox_folder
from tests.keys import TEST_KEY, TEST_PIN, sealed_json
from tests.traces import known_tablet


@pytest.fixture
def tablet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(PIN_ENV, TEST_PIN)
    return known_tablet(tmp_path / "tablet")


def cut(url: str, entries: int) -> None:
    """Remove the last ``entries`` audit entries, as someone with the data key could."""
    conn = connect_sqlite(url.removeprefix("sqlite:///"), TEST_KEY)
    conn.execute("DELETE FROM audit WHERE seq > (SELECT max(seq) FROM audit) - ?", (entries,))
    conn.close()


def rewrite_without(url: str, seq: int) -> None:
    """Remove entry ``seq`` and recompute the whole chain after it: ``verify`` alone passes."""
    conn = connect_sqlite(url.removeprefix("sqlite:///"), TEST_KEY)
    conn.execute("DELETE FROM audit WHERE seq = ?", (seq,))
    rows = conn.execute(
        "SELECT seq, moment, professional_id, actie, inwoner_id, resultaat FROM audit ORDER BY seq"
    ).fetchall()
    conn.execute("DELETE FROM audit")
    from datetime import datetime

    vorige = "0" * 64
    for new_seq, (_old, moment, prof, actie, inwoner, resultaat) in enumerate(rows, start=1):
        h = entry_hash(vorige, new_seq, datetime.fromisoformat(moment), prof, actie, inwoner, resultaat)
        conn.execute("INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                     (new_seq, moment, prof, actie, inwoner, resultaat, vorige, h))  # fmt: skip
        vorige = h
    conn.close()


def verify(url: str, capsys: pytest.CaptureFixture[str], *extra: str) -> tuple[int, str]:
    code = main.main(["--db", url, "audit", "verify", *extra])
    return code, capsys.readouterr().out


def test_without_an_anchor_verify_says_what_it_cannot_prove(tablet: str, capsys: pytest.CaptureFixture[str]) -> None:
    cut(tablet, 2)
    code, out = verify(tablet, capsys)
    assert code == 0 and "in orde" in out and "NIET bewezen" in out


@pytest.mark.parametrize("tamper", ["cut 2", "cut all", "rewrite 2"])
def test_the_central_database_anchors_the_head_and_refuses_a_cut_or_rewritten_chain(
    tablet: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], tamper: str
) -> None:
    central = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    assert main.main(["--db", tablet, "sync", "--to", central]) == 0
    code, out = verify(tablet, capsys)
    assert code == 0 and "1 anker buiten de database" in out
    engine = open_central(central)
    with engine.connect() as conn:
        anchors = conn.execute(sa.text("SELECT seq, hash FROM monitor_audit_anker")).all()
    seq, head = anchors[-1]
    assert len(anchors) == 1 and f"{seq}:{head}" in out

    verb, what = tamper.split()
    if verb == "cut":
        cut(tablet, 10_000 if what == "all" else int(what))
    else:
        rewrite_without(tablet, int(what))
    code, out = verify(tablet, capsys)
    assert code == 2 and "NIET in orde" in out
    assert ("weggehaald" in out) if verb == "cut" else ("herschreven" in out or "weggehaald" in out)
    # The central database refuses the shorter or other chain, and keeps what it saw.
    assert main.main(["--db", tablet, "sync", "--to", central]) == 1
    assert "sluit niet aan" in capsys.readouterr().out
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT seq, hash FROM monitor_audit_anker")).all() == anchors
    # And verify, asked to compare with the central database itself, says the same.
    code, out = verify(tablet, capsys, "--centraal", central)
    assert code == 2 and out.count("centrale database") >= 2
    engine.dispose()


def test_a_longer_honest_chain_is_accepted(tablet: str, tmp_path: Path) -> None:
    central = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    assert main.main(["--db", tablet, "sync", "--to", central]) == 0
    repository = Repository.open(tablet, key=TEST_KEY, actor="prof-2")
    repository.history(repository.list_inwoners()[0].id)  # one more entry: geopend
    repository.close()
    assert main.main(["--db", tablet, "sync", "--to", central]) == 0
    engine = open_central(central)
    with engine.connect() as conn:
        assert len(conn.execute(sa.text("SELECT seq FROM monitor_audit_anker")).all()) == 2
    engine.dispose()


def test_every_bundle_carries_the_head_and_verify_reads_it_from_the_outbox(
    tablet: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["--db", tablet, "export"]) == 0
    capsys.readouterr()
    outbox = outbox_folder(tablet)
    manifest = sealed_json(next(outbox.glob("*/manifest.json")))
    assert manifest["auditlog"]["regels"] >= 1 and len(manifest["auditlog"]["laatste_hash"]) == 64
    code, out = verify(tablet, capsys)
    assert code == 0 and "de export" in out
    cut(tablet, 3)
    code, out = verify(tablet, capsys)
    assert code == 2 and "weggehaald" in out and "de export" in out


def test_an_anchor_noted_by_hand(tablet: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = verify(tablet, capsys)
    head = out.split("laatste hash ")[1].split(".")[0]
    regels = out.split("in orde: ")[1].split(" ")[0]
    cut(tablet, 1)
    code, out = verify(tablet, capsys, "--anker", f"{regels}:{head}")
    assert code == 2 and "weggehaald" in out


def test_a_central_database_that_is_not_there_is_never_made_up(
    tablet: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A mistyped --centraal is said, not answered by a new, empty database that "saw" nothing;
    a first sync to a new central SQLite file makes it and says so."""
    typo = tmp_path / "centrall.sqlite3"
    code = main.main(["--db", tablet, "audit", "verify", "--centraal", f"sqlite:///{typo}"])
    out = capsys.readouterr().out
    assert code != 0 and "bestaat niet" in out and "in orde" not in out and not typo.exists()
    central = tmp_path / "centraal.sqlite3"
    assert main.main(["--db", tablet, "sync", "--to", f"sqlite:///{central}"]) == 0
    assert "nu gemaakt" in capsys.readouterr().out and central.is_file()
    assert main.main(["--db", tablet, "sync", "--to", f"sqlite:///{central}"]) == 0
    assert "nu gemaakt" not in capsys.readouterr().out
