"""`python main.py demo`: fills the database once; a second run adds nothing."""

from __future__ import annotations

from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from board.voorbeeld import voorbeeld
from storage import ENV_VAR, Repository


def counts(url: str) -> dict[str, int]:
    repo = Repository.open(url)
    with repo.engine.connect() as conn:
        result = {
            t: conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar()
            for t in ("inwoner", "meting", "fiche", "doel", "actie")
        }
    repo.close()
    return result


def test_demo_fills_the_database_once(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main.main(["--db", db_url, "demo"]) == 0
    assert "30 inwoners" in capsys.readouterr().out
    first = counts(db_url)
    assert main.main(["--db", db_url, "demo"]) == 0
    assert "niets toegevoegd" in capsys.readouterr().out
    assert counts(db_url) == first
    repo = Repository.open(db_url)
    for inwoner, history in voorbeeld():
        assert repo.get_inwoner(inwoner.id) == inwoner
        assert repo.history(inwoner.id) == history
    assert len({i.wijk for i in repo.list_inwoners()}) >= 4
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
    assert "geen (leesbare) Magneetbord-database" in capsys.readouterr().out
    assert path.read_bytes() == b"dit is geen database" * 100
