"""Inzage and erasure for one inwoner: everything out as JSON and PDF; erased, nothing left
under the user data folder, byte for byte."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

import main
from board.inwoner import dossier_map
from exports.bundle import write_bundle
from services.inzage import erase_inwoner
from services.unlock import PIN_ENV, open_for_cli
from storage import ENV_VAR, Repository
from storage.outbox import outbox_folder
from tests.traces import DOEL, DOSSIER, INITIALEN, NEEDLES, files_under, fill_known_inwoner, find_traces

PIN = "482913"


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The default user data folder, in a temp dir, filled by ``demo`` plus the known inwoner,
    whose afgeronde meting has a bundle in the outbox."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("MAGNEETBORD_DATA_DIR", raising=False)
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv(PIN_ENV, PIN)
    assert main.main(["demo"]) == 0
    repository = open_for_cli(argparse.Namespace(db=None))
    inwoner = fill_known_inwoner(repository)
    meting = repository.current_concept(inwoner.id)
    assert meting is not None
    meting = meting.set_rapportcijfer(5).afronden(datetime(2026, 2, 3, 11, tzinfo=UTC))
    repository.save_change(repository.get_meting(meting.id), meting)
    write_bundle(outbox_folder(str(repository.engine.url)), inwoner, meting)
    repository.mark_exported(meting.id, datetime(2026, 2, 3, 12, tzinfo=UTC))
    repository.close()
    return tmp_path / "data" / "magneetbord"


def test_inzage_gives_everything_about_one_inwoner(data_folder: Path, tmp_path: Path) -> None:
    out = tmp_path / dossier_map(DOSSIER)
    assert main.main(["inwoner", "export", "--dossier", DOSSIER, "--out", str(tmp_path)]) == 0
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("inzage")] == [out.name]
    names = sorted(p.name for p in out.iterdir())
    assert names == ["auditlog.json", "fhir-episodeofcare-00.json", "gegevens.json", "meting-00-2026-02-03.pdf"]
    gegevens = json.loads((out / "gegevens.json").read_text())
    assert gegevens["inwoner"]["dossiernummer"] == DOSSIER and gegevens["inwoner"]["initialen"] == INITIALEN
    assert [d["tekst"] for d in gegevens["metingen"][0]["doelen"]] == [DOEL]
    pdf = "".join(page.extract_text() for page in PdfReader(out / "meting-00-2026-02-03.pdf").pages)
    assert DOSSIER in pdf
    acties = [e["actie"] for e in json.loads((out / "auditlog.json").read_text())]
    assert acties[0] == "aangemaakt" and "afgerond" in acties and acties[-1] == "ingezien"
    assert main.main(["inwoner", "export", "--dossier", "WT-0000", "--out", str(out)]) == 1


def test_erase_asks_for_the_number_again(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    asked: list[str] = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or "WT-2031-86421")
    assert main.main(["inwoner", "erase", "--dossier", DOSSIER]) == 1
    assert len(asked) == 1 and "niet gelijk" in capsys.readouterr().out
    # An unknown number is said before the question; no answer at all (a script) erases nothing.
    assert main.main(["inwoner", "erase", "--dossier", "WT-0000"]) == 1
    assert len(asked) == 1 and "geen inwoner" in capsys.readouterr().out
    monkeypatch.setattr("builtins.input", lambda prompt: (_ for _ in ()).throw(EOFError()))
    assert main.main(["inwoner", "erase", "--dossier", DOSSIER]) == 1
    assert "niets gewist" in capsys.readouterr().out
    repository = open_for_cli(argparse.Namespace(db=None))
    assert repository.find_inwoner(DOSSIER) is not None
    repository.close()


def test_after_erase_no_byte_of_the_inwoner_is_left_under_the_user_data_folder(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = find_traces(files_under(data_folder))
    assert before, "the probe must find the inwoner before the erasure (the outbox bundle is plain)"
    monkeypatch.setattr("builtins.input", lambda prompt: DOSSIER)
    assert main.main(["inwoner", "erase", "--dossier", DOSSIER]) == 0
    assert find_traces(files_under(data_folder)) == []
    repository = open_for_cli(argparse.Namespace(db=None))
    assert repository.find_inwoner(DOSSIER) is None
    assert len(repository.list_inwoners()) == 30  # the others are untouched
    log = repository.audit_log()
    assert log[-1].actie == "gewist" and DOSSIER not in repr(log)
    repository.close()


def test_erase_overwrites_the_pages_in_a_plain_database_too(tmp_path: Path) -> None:
    """Encryption hides the bytes anyway; in a plain database the erasure itself must remove
    them: secure_delete overwrites the rows, the WAL is checkpointed and truncated."""
    url = f"sqlite:///{tmp_path / 'plat.sqlite3'}"
    repository = Repository.open(url, allow_plaintext=True)
    fill_known_inwoner(repository)
    assert {needle for _, needle in find_traces(files_under(tmp_path))} == set(NEEDLES)
    erase_inwoner(repository, outbox_folder(url), DOSSIER)
    assert find_traces(files_under(tmp_path)) == []  # while the app still runs
    repository.close()
    assert find_traces(files_under(tmp_path)) == []


def test_two_inwoners_inzage_in_one_folder_never_mix(data_folder: Path, tmp_path: Path) -> None:
    """Each inwoner's files go into a folder of their own; a dossiernummer with '/', '.' or
    '_' never climbs out of it nor shares one with another."""
    assert main.main(["inwoner", "export", "--dossier", DOSSIER, "--out", str(tmp_path / "uit")]) == 0
    assert main.main(["inwoner", "export", "--dossier", DOSSIER, "--out", str(tmp_path / "uit")]) == 0  # again: same
    assert len(list((tmp_path / "uit").iterdir())) == 1
    names = {dossier_map(n) for n in ("A/1", "A_1", "A.1", "A_2f1", "../x", "..")}
    assert len(names) == 6 and all("/" not in n and ".." not in n for n in names)


def test_afsluiten_from_the_command_line_with_a_reason_then_in_the_inzage(
    data_folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["inwoner", "afsluiten", "--dossier", DOSSIER]
    assert main.main([*args, "--reden", "geen zin meer"]) == 1
    assert "Kies een reden" in capsys.readouterr().out
    assert main.main([*args, "--reden", "doelen bereikt", "--datum", "2026-02-10"]) == 0
    assert "afgesloten op 2026-02-10: doelen bereikt" in capsys.readouterr().out
    assert main.main([*args, "--reden", "anders"]) == 1  # closed already
    assert "al afgesloten" in capsys.readouterr().out
    assert main.main(["inwoner", "export", "--dossier", DOSSIER, "--out", str(tmp_path)]) == 0
    out = tmp_path / dossier_map(DOSSIER)
    gegevens = json.loads((out / "gegevens.json").read_text())
    assert gegevens["trajecten"] == [{"nummer": 0, "begin": "2026-02-03", "eind": "2026-02-10",
                                      "reden": "doelen bereikt", "metingen": [gegevens["metingen"][0]["id"]]}]
    assert [e["actie"] for e in json.loads((out / "auditlog.json").read_text())].count("afgesloten") == 1
