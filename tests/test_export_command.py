"""`python3 main.py export`: bundles of afgeronde metingen into the outbox, once, with clear errors."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

import main
from board.document import loads, meting_from_document
from services.unlock import PIN_ENV, PROFESSIONAL_ENV, open_for_cli
from storage import Repository
from storage.outbox_crypto import BundleSeal
from storage.paths import DATA_DIR_ENV


@pytest.fixture
def filled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(PIN_ENV, "482913")
    monkeypatch.delenv(PROFESSIONAL_ENV, raising=False)
    url = f"sqlite:///{tmp_path / 'bord.sqlite3'}"
    assert main.main(["--db", url, "demo"]) == 0
    return url


def unlocked(url: str) -> Repository:
    return open_for_cli(argparse.Namespace(db=url))


def seal_of(url: str) -> BundleSeal:
    """The outbox seal of the tablet at ``url`` (the demo's data key is random)."""
    repo = unlocked(url)
    repo.close()
    return BundleSeal(repo.data_key)


def outbox(tmp_path: Path) -> Path:
    return tmp_path / "outbox"  # beside the database file


def test_export_everything_not_yet_exported_then_nothing(filled: str, tmp_path: Path, capsys) -> None:
    repo = unlocked(filled)
    afgerond = {m.id for m in repo.not_exported()}
    repo.close()
    assert main.main(["--db", filled, "export"]) == 0
    captured = capsys.readouterr()
    assert f"{len(afgerond)} metingen geëxporteerd" in captured.out
    assert f"Exporteren: {len(afgerond)} van {len(afgerond)}" in captured.err  # progress for many
    folders = sorted(p for p in outbox(tmp_path).iterdir())
    seal = seal_of(filled)
    assert {json.loads(seal.read(f / "manifest.json"))["meting_id"] for f in folders} == afgerond
    some = folders[0]
    meting = meting_from_document(loads(seal.read(some / "meting.json").decode()))
    assert meting.afgerond and meting.id in afgerond
    assert main.main(["--db", filled, "export"]) == 0
    assert "niets te exporteren" in capsys.readouterr().out
    assert main.main(["--db", filled, "export", "--out", str(tmp_path / "leeg")]) == 0
    assert "niets te exporteren" in capsys.readouterr().out
    assert not (tmp_path / "leeg").exists()  # no empty folder left behind
    repo = unlocked(filled)
    assert repo.not_exported() == [] and repo.exported_at(meting.id) is not None
    repo.close()


def test_export_one_inwoner_to_another_folder(filled: str, tmp_path: Path) -> None:
    repo = unlocked(filled)
    inwoner = repo.list_inwoners()[0]
    expected = {m.id for m in repo.history(inwoner.id) if m.afgerond}
    repo.close()
    out = tmp_path / "usb"
    out.mkdir()
    assert main.main(["--db", filled, "export", "--dossier", inwoner.dossiernummer, "--out", str(out)]) == 0
    assert {json.loads(seal_of(filled).read(f / "manifest.json"))["meting_id"] for f in out.iterdir()} == expected


def test_clear_errors_for_unknown_dossier_concept_and_missing_folder(filled: str, tmp_path: Path, capsys) -> None:
    assert main.main(["--db", filled, "export", "--dossier", "BESTAAT-NIET"]) == 1
    assert "Er is geen inwoner met dossiernummer BESTAAT-NIET" in capsys.readouterr().out
    repo = unlocked(filled)
    concept = next(c for i in repo.list_inwoners() if (c := repo.current_concept(i.id)) is not None)
    repo.close()
    assert main.main(["--db", filled, "export", "--meting", concept.id]) == 1
    assert "nog niet afgerond" in capsys.readouterr().out
    not_a_folder = tmp_path / "een-bestand"
    not_a_folder.write_text("")
    assert main.main(["--db", filled, "export", "--out", str(not_a_folder / "map")]) == 1
    out = capsys.readouterr().out
    assert "kan niet worden gemaakt" in out and str(not_a_folder / "map") in out


def test_out_makes_the_folder_when_it_is_missing(filled: str, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "usb" / "export"
    assert main.main(["--db", filled, "export", "--out", str(missing)]) == 0
    assert str(missing) in capsys.readouterr().out
    assert all((folder / "manifest.json").is_file() for folder in missing.iterdir()) and any(missing.iterdir())


def test_a_wrong_pin_exports_nothing(filled: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setenv(PIN_ENV, "000111")
    assert main.main(["--db", filled, "export"]) == 1
    assert "pincode" in capsys.readouterr().out.lower()
    assert not outbox(tmp_path).exists() or not any(outbox(tmp_path).iterdir())
