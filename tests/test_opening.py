"""A database that will not open, through every subcommand as a professional types it: a
Dutch message that says what happened and what to do, exit code 1, no library text, and
every file of the tablet exactly as it was (bytes and mtime). The app's PIN pad: test_opening_app.py."""

from __future__ import annotations

from pathlib import Path

import pytest

import main
from board.i18n import _
from services.unlock import PIN_ENV, PROFESSIONAL_ENV
from storage.opening import MESSAGES, Reden
from storage.paths import DATA_DIR_ENV
from tests.damaged import CASES, DB_NAME, ENGLISH, fingerprint, good_tablet
from tests.keys import TEST_PIN

SUBCOMMANDS: dict[str, list[str]] = {
    "demo": ["demo"],
    "export": ["export", "--out", "{out}"],
    "sync": ["sync", "--to", "sqlite:///{out}/centraal.sqlite3"],
    "monitor": ["monitor", "--out", "{out}"],
    "monitor key": ["monitor", "key"],
    "inwoner list": ["inwoner", "list"],
    "inwoner export": ["inwoner", "export", "--dossier", "D-001", "--out", "{out}"],
    "inwoner erase": ["inwoner", "erase", "--dossier", "D-001", "--yes"],
    "outbox delivered": ["outbox", "delivered", "{out}/x"],
    "outbox prune": ["outbox", "prune"],
    "audit verify": ["audit", "verify"],
}


def said(reden: Reden) -> str:
    """The part of the reason's message after the file's name: what the professional reads."""
    return _(MESSAGES[reden]).split("{where}")[1].strip()[:60]


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A device: the tablet's folder and the app's data folder (its back-off seal) beside it."""
    base = tmp_path_factory.mktemp("goed")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(DATA_DIR_ENV, str(base / "data"))
        good_tablet(base / "tablet")
    return base


def device(template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the template device, in use: its tablet folder."""
    import shutil

    shutil.copytree(template, tmp_path / "apparaat")
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "apparaat" / "data"))
    monkeypatch.setenv(PIN_ENV, TEST_PIN)
    monkeypatch.delenv(PROFESSIONAL_ENV, raising=False)
    monkeypatch.delenv("MAGNEETBORD_DB", raising=False)
    return tmp_path / "apparaat" / "tablet"


@pytest.mark.parametrize("command", sorted(SUBCOMMANDS))
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_subcommand_refuses_a_database_that_will_not_open(
    case: str, command: str, template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    folder = device(template, tmp_path, monkeypatch)
    damage, reasons = CASES[case]
    damage(folder)
    out = tmp_path / "uit"
    before = fingerprint(folder)
    argv = ["--db", f"sqlite:///{folder / DB_NAME}"] + [a.format(out=out) for a in SUBCOMMANDS[command]]
    code = main.main(argv)
    printed = capsys.readouterr()
    text = printed.out + printed.err
    assert code == 1, text
    # demo refuses a tablet where a real professional works before it opens anything
    # (services.unlock): that refusal, in Dutch, with every file as it was, is the answer here.
    refused_as_in_use = command == "demo" and "echte inwoners" in text
    assert refused_as_in_use or any(said(reden) in text for reden in reasons), text
    assert not any(word in text for word in ENGLISH), text
    assert fingerprint(folder) == before  # not a byte, not a timestamp
    assert not out.exists() or not any(p.is_file() for p in out.rglob("*"))  # nothing was written


def test_a_missing_database_is_not_replaced_by_an_empty_one(template: Path, tmp_path: Path, monkeypatch, capsys):
    """The issue's own case: `audit verify` said "in orde: 0 regels" on a new, empty database."""
    folder = device(template, tmp_path, monkeypatch)
    (folder / DB_NAME).unlink()
    assert main.main(["--db", f"sqlite:///{folder / DB_NAME}", "audit", "verify"]) == 1
    text = capsys.readouterr().out
    assert "in orde" not in text and "ontbreekt" in text and "back-up" in text
    assert not (folder / DB_NAME).exists()


def test_the_first_start_still_makes_the_database(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(PIN_ENV, TEST_PIN)
    url = f"sqlite:///{tmp_path / DB_NAME}"
    assert main.main(["--db", url, "demo", "--inwoners", "2"]) == 0
    assert main.main(["--db", url, "inwoner", "list"]) == 0
    assert len(capsys.readouterr().out.splitlines()) >= 2


def test_the_technical_detail_goes_to_the_log_without_personal_data(
    template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, caplog
) -> None:
    from tests.damaged import damage_middle

    folder = device(template, tmp_path, monkeypatch)
    damage_middle(folder)
    with caplog.at_level("WARNING"):
        assert main.main(["--db", f"sqlite:///{folder / DB_NAME}", "inwoner", "list"]) == 1
    printed = capsys.readouterr().out
    logged = " ".join(r.getMessage() for r in caplog.records if r.name.startswith("storage"))
    assert "database not opened:" in logged and ("SQLITE_" in logged or "beschadigd" in logged)
    assert "D-0" not in logged and "Sanne" not in logged  # no dossiernummer, no name
    assert "SQLITE_" not in printed and "malformed" not in printed


def test_a_file_error_in_a_subcommand_is_told_in_dutch(template: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    folder = device(template, tmp_path, monkeypatch)
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    code = main.main(["--db", f"sqlite:///{folder / DB_NAME}", "inwoner", "export", "--dossier", "D-001",
                      "--out", str(blocker / "uit")])  # fmt: skip
    text = capsys.readouterr().out
    assert code == 1 and "Not a directory" not in text and "Errno" not in text, text
    assert "geen map" in text or "kan niet worden gemaakt" in text, text
