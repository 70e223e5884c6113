"""`python3 main.py demo`: fills the database once; a second run adds nothing."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from board.lock import pin_problem
from samples.voorbeeld import voorbeeld
from services.unlock import PIN_ENV, PROFESSIONAL_ENV, open_for_cli
from storage import ENV_VAR, Keyring, Repository
from storage.keyring import KdfParams

PIN = "482913"


@pytest.fixture(autouse=True)
def pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PIN_ENV, PIN)
    monkeypatch.delenv(PROFESSIONAL_ENV, raising=False)


def unlocked(url: str) -> Repository:
    return open_for_cli(argparse.Namespace(db=url))


def counts(url: str) -> dict[str, int]:
    repo = unlocked(url)
    with repo.engine.connect() as conn:
        result = {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("inwoner", "meting", "fiche", "doel", "actie")
        }
    repo.close()
    return result


def test_demo_fills_the_database_once(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["--db", db_url, "demo"]) == 0
    out = capsys.readouterr().out
    assert "30 inwoners" in out
    if db_url.startswith("sqlite"):
        assert f"Pincode: {PIN}" in out
    first = counts(db_url)
    assert main.main(["--db", db_url, "demo"]) == 0
    assert "niets toegevoegd" in capsys.readouterr().out
    assert counts(db_url) == first
    repo = unlocked(db_url)
    for inwoner, history in voorbeeld(tot=date.today()):  # the demo's latest meting is today
        assert repo.get_inwoner(inwoner.id) == inwoner
        assert repo.history(inwoner.id) == history
    assert len({i.wijk for i in repo.list_inwoners()}) >= 4
    assert {i.taal for i in repo.list_inwoners()} == {"nl", "en", "ar", "tr", "pl", "uk", "ti"}  # every language
    repo.close()


def test_demo_uses_the_environment_variable(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'env.sqlite3'}"
    monkeypatch.setenv(ENV_VAR, url)
    assert main.main(["demo"]) == 0
    assert counts(url)["inwoner"] == 30


def test_demo_on_a_broken_file_says_so_and_leaves_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "kapot.sqlite3"
    path.write_bytes(b"dit is geen database" * 100)
    assert main.main(["--db", f"sqlite:///{path}", "demo"]) == 1
    out = capsys.readouterr().out
    assert "sleutelbestand" in out and "ontbreekt" in out
    assert path.read_bytes() == b"dit is geen database" * 100


def test_demo_makes_a_professional_once_and_then_needs_the_pin(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    monkeypatch.delenv(PIN_ENV)
    assert main.main(["--db", url, "demo"]) == 0
    out = capsys.readouterr().out
    pin = out.split("Pincode: ")[1][:6]
    assert pin.isdigit() and pin_problem(pin) is None
    assert [p.naam for p in Keyring.for_database(url).professionals()] == ["Demo Professional"]
    monkeypatch.setenv(PIN_ENV, "999111")
    assert main.main(["--db", url, "demo"]) == 1
    assert "klopt niet" in capsys.readouterr().out
    monkeypatch.setenv(PIN_ENV, pin)
    assert main.main(["--db", url, "demo"]) == 0
    assert "niets toegevoegd" in capsys.readouterr().out
    # Without the environment variable the PIN is asked for (without echo); no answer is a clear message.
    monkeypatch.delenv(PIN_ENV)
    monkeypatch.setattr("getpass.getpass", lambda prompt: (_ for _ in ()).throw(EOFError()))
    assert main.main(["--db", url, "demo"]) == 1
    assert PIN_ENV in capsys.readouterr().out


def test_demo_leaves_a_tablet_in_use_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a tablet where a real professional works, demo refuses before asking the PIN and
    adds nothing: invented inwoners would go out with the next export and count in the monitor."""
    url = f"sqlite:///{tmp_path / 'tablet.sqlite3'}"
    Keyring.for_database(url, kdf=KdfParams(memory_kib=64, time_cost=1)).add_professional("Sanne de Vries", "730152")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()}
    monkeypatch.setenv(PIN_ENV, "730152")
    assert main.main(["--db", url, "demo"]) == 1
    out = capsys.readouterr().out
    assert "echte inwoners" in out and "MAGNEETBORD_DATA_DIR" in out
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir() if p.is_file()} == before
