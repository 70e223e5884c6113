"""The command line as a user meets it: options where they type them, lines a log can read,
commands in the messages that work when pasted. Runs the real CLI and reads its output back."""

from __future__ import annotations

import csv
import json
import os
import pty
import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

import main
from board.inwoner import dossier_map
from samples.voorbeeld import voorbeeld
from services.unlock import PIN_ENV, PROFESSIONAL_ENV
from storage.paths import DATA_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent
PIN = "482913"


@pytest.fixture
def tablet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(PIN_ENV, PIN)
    monkeypatch.delenv(PROFESSIONAL_ENV, raising=False)
    monkeypatch.delenv("MAGNEETBORD_DB", raising=False)
    return f"sqlite:///{tmp_path / 'bord.sqlite3'}"


def test_global_options_work_after_the_subcommand_too(tablet: str, tmp_path: Path, capsys) -> None:
    assert main.main(["demo", "--db", tablet]) == 0
    assert "30 inwoners" in capsys.readouterr().out
    assert main.main(["--db", tablet, "demo"]) == 0  # before it, as always: the same database
    assert "niets toegevoegd" in capsys.readouterr().out
    assert main.main(["inwoner", "list", "--db", tablet]) == 0  # after a subcommand's subcommand
    assert len(capsys.readouterr().out.splitlines()) == 30
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").glob("*.sqlite3"))  # default untouched


def test_inwoner_list_shows_dossiernummers_and_wijken_also_as_json(tablet: str, tmp_path: Path, capsys) -> None:
    assert main.main(["--db", tablet, "demo"]) == 0
    capsys.readouterr()
    sample = {(i.dossiernummer, i.wijk) for i, _history in voorbeeld()}
    talen = {i.dossiernummer: i.taal for i, _history in voorbeeld()}
    niet_af = {i.dossiernummer for i, history in voorbeeld() if any(not m.afgerond for m in history)}
    assert len(set(talen.values())) == 7 and len(niet_af) == 6  # the demo has them all
    assert main.main(["--db", tablet, "inwoner", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert {tuple(line.split()[:2]) for line in lines} == sample
    # The inwoner's language (its short code) and whether a meting is not af yet.
    assert {line.split()[0]: line.split()[2] for line in lines} == talen
    assert {line.split()[0] for line in lines if line.endswith("  meting niet af")} == niet_af
    assert main.main(["--db", tablet, "inwoner", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["dossiernummer"], r["wijk"]) for r in rows} == sample and len(rows) == len(sample)
    assert {r["dossiernummer"]: r["taal"] for r in rows} == talen
    assert {r["dossiernummer"] for r in rows if r["meting_niet_af"]} == niet_af
    assert rows == sorted(rows, key=lambda r: (r["wijk"], r["dossiernummer"]))
    # What the list shows is what inzage takes: no guessing.
    assert main.main(["--db", tablet, "inwoner", "export", "--dossier", rows[0]["dossiernummer"],
                      "--out", str(tmp_path / "inzage")]) == 0  # fmt: skip
    assert (tmp_path / "inzage" / dossier_map(rows[0]["dossiernummer"]) / "gegevens.json").is_file()


def test_inwoner_list_on_an_empty_tablet_says_so(tablet: str, capsys) -> None:
    assert main.main(["--db", tablet, "demo", "--inwoners", "1"]) == 0
    dossier = voorbeeld(aantal=1)[0][0].dossiernummer
    capsys.readouterr()
    assert main.main(["--db", tablet, "inwoner", "erase", "--dossier", dossier, "--yes"]) == 0
    capsys.readouterr()
    assert main.main(["--db", tablet, "inwoner", "list"]) == 0
    assert capsys.readouterr().out.strip() == "Er staan nog geen inwoners op deze tablet."
    assert main.main(["--db", tablet, "inwoner", "list", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []


def published(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / f"monitor_{name}.csv").open(encoding="utf-8-sig") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def test_monitor_right_after_demo_shows_figures_for_the_default_period(tablet: str, tmp_path: Path, capsys) -> None:
    assert main.main(["--db", tablet, "demo", "--inwoners", "100"]) == 0
    said = capsys.readouterr()
    assert "100 inwoners" in said.out and "van 100" not in said.out  # the result alone on stdout
    # A large demo takes a while: it says how far it is, a tenth at a time, on stderr.
    assert said.err.splitlines() == [f"Voorbeeldgegevens: {n} van 100 inwoners…" for n in range(10, 101, 10)]
    assert main.main(["--db", tablet, "monitor", "--out", str(tmp_path / "monitor")]) == 0
    last_year = date.today().year - 1  # the default period: the last calendar year that has ended
    assert f"t/m {last_year}-12" in capsys.readouterr().out
    overzicht = published(tmp_path / "monitor", "overzicht")
    shown = [row["Inwoners"] for row in overzicht if row["Gebied"] != "Hele gemeente"]
    assert sum(value.isdigit() for value in shown) >= 3  # most wijken have figures, not "<10"
    gemeente = next(row for row in overzicht if row["Gebied"] == "Hele gemeente")
    assert gemeente["Vervolgmetingen"].isdigit() and int(gemeente["Vervolgmetingen"]) > 0


def test_demo_dates_its_sample_up_to_today(tablet: str, capsys) -> None:
    with pytest.raises(SystemExit) as refused:
        main.main(["--db", tablet, "demo", "--inwoners", "0"])
    assert refused.value.code == 2 and "minstens 1" in capsys.readouterr().err
    assert main.main(["--db", tablet, "demo"]) == 0
    assert main.main(["--db", tablet, "inwoner", "export", "--dossier", voorbeeld()[0][0].dossiernummer,
                      "--out", str(Path(tablet.removeprefix("sqlite:///")).parent / "i")]) == 0  # fmt: skip
    inzage = Path(tablet.removeprefix("sqlite:///")).parent / "i" / dossier_map(voorbeeld()[0][0].dossiernummer)
    gegevens = json.loads((inzage / "gegevens.json").read_text())
    datums = [date.fromisoformat(m["datum"]) for m in gegevens["metingen"]]
    assert max(datums) <= date.today() and min(datums) >= date(date.today().year - 1, 1, 1)


def run_cli(args: list[str], env: dict[str, str], stderr: int | None = subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "main.py", *args], cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=stderr, timeout=600
    )


def test_progress_is_rewritten_in_place_only_on_a_terminal(tablet: str, tmp_path: Path) -> None:
    env = {**os.environ, PIN_ENV: PIN, DATA_DIR_ENV: str(tmp_path / "data")}
    assert run_cli(["demo", "--db", tablet], env).returncode == 0
    piped = run_cli(["export", "--db", tablet, "--out", str(tmp_path / "a")], env)
    assert piped.returncode == 0
    lines = piped.stderr.decode().splitlines()
    total = len(list((tmp_path / "a").iterdir()))
    assert total > 1 and lines == [f"Exporteren: {n} van {total} ({p})" for n, p in enumerate_bundles(lines, total)]
    assert "\r" not in piped.stderr.decode() and "\x1b" not in piped.stderr.decode()
    leader, follower = pty.openpty()
    try:
        on_tty = run_cli(["export", "--db", tablet, "--meting", first_meting(tmp_path / "a"),
                          "--out", str(tmp_path / "b")], env, stderr=follower)  # fmt: skip
        os.close(follower)
        written = os.read(leader, 4096).decode()
    finally:
        os.close(leader)
    assert on_tty.returncode == 0
    assert written.startswith("\rExporteren: 1 van 1") and written.endswith("\x1b[K\r\n")


def enumerate_bundles(lines: list[str], total: int) -> list[tuple[int, str]]:
    """(n, bundle folder) as each progress line names it."""
    return [(n, line.rsplit("(", 1)[1].rstrip(")")) for n, line in enumerate(lines[:total], start=1)]


def first_meting(folder: Path) -> str:
    return sorted(folder.iterdir())[0].name.split("_", 1)[1]  # <datum>_<meting id>; the files are sealed


def test_messages_show_commands_that_work_as_typed(tmp_path: Path, monkeypatch, capsys) -> None:
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    assert main.main(["--db", f"sqlite:///{tmp_path / 'leeg.sqlite3'}", "export"]) == 1
    assert "python3 main.py demo" in capsys.readouterr().out
    with pytest.raises(SystemExit):
        main.main(["--help"])
    assert capsys.readouterr().out.startswith("gebruik: python3 main.py")  # Dutch, cli/dutch.py
    with open(ROOT / "assets" / "locale" / "magneetbord.pot", "rb") as handle:
        catalogue = read_po(handle)
    texts = [text for m in catalogue if m.id for text in ((m.id,) if isinstance(m.id, str) else m.id)]
    shown = [text for text in texts if "main.py" in text]
    assert len(shown) >= 5  # the messages that tell the professional what to type next
    # Every one as it is typed on a stock Debian or Ubuntu (no 'python', no bare 'main.py').
    assert [t for t in shown if len(re.findall(r"python3 main\.py", t)) != t.count("main.py")] == []


def test_the_readme_monitor_picture_is_made_by_the_readme_command() -> None:
    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    command = re.search(r"`(python3 main\.py demo --inwoners \d+) && (python3 main\.py monitor [^`]+)`", readme)
    assert command, "the README shows the command for the monitor picture"
    script = (root / "docs" / "make_monitor_example.sh").read_text(encoding="utf-8")
    demo, monitor = (part.replace("python3 main.py ", "") for part in command.groups())
    assert f'"$ROOT/main.py" {demo})' in script and f'"$ROOT/main.py" {monitor}' in script
    assert "docs/monitor-example-beter.png" in readme and "monitor-example-beter.png" in script


def test_the_readme_backup_restores_with_the_pin_and_without_a_wait(tmp_path: Path) -> None:
    """README, "Back-up and restore": the database, its keys file and backoff.key, copied
    into another data folder, open with the PIN at once; without backoff.key they wait."""
    tablet = tmp_path / "tablet"
    env = {k: v for k, v in os.environ.items() if k not in ("MAGNEETBORD_DB", PIN_ENV)}
    made = run_cli(["demo", "--inwoners", "3"], {**env, DATA_DIR_ENV: str(tablet)})
    assert made.returncode == 0
    pin = re.search(r"Pincode: (\d+)", made.stdout.decode()).group(1)
    files = ["magneetbord.sqlite3", "magneetbord.sqlite3.keys.json", "backoff.key"]
    for folder, copied in (("backup", files), ("zonder", files[:2])):
        (tmp_path / folder).mkdir()
        for name in copied:
            (tmp_path / folder / name).write_bytes((tablet / name).read_bytes())
    restored = run_cli(["inwoner", "list"], {**env, DATA_DIR_ENV: str(tmp_path / "backup"), PIN_ENV: pin})
    assert restored.returncode == 0, restored.stderr.decode()
    assert len(restored.stdout.decode().strip().splitlines()) >= 3  # the three inwoners
    without = run_cli(["inwoner", "list"], {**env, DATA_DIR_ENV: str(tmp_path / "zonder"), PIN_ENV: pin})
    said = without.stderr.decode() + without.stdout.decode()
    assert without.returncode != 0 and "backoff.key ontbreekt" in said and "wacht 15 minuten" in said


def test_the_benchmarks_run_from_a_python_without_the_packages() -> None:
    """README: `python3 bench/run.py` after the install, like `python3 main.py`: a Python
    without the packages (here: -S, no site-packages) goes on in .venv, or says how to install."""
    ran = subprocess.run(
        [sys.executable, "-S", "bench/run.py", "--list"], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    if (ROOT / ".venv" / "bin" / "python").exists():  # as after the README's install (and in .ci/run)
        assert ran.returncode == 0 and "P4" in ran.stdout, ran.stderr
    else:
        assert ran.returncode != 0 and "Installeer ze eerst" in ran.stderr and "Traceback" not in ran.stderr


def test_a_wrong_address_or_an_unwritable_folder_is_said_in_dutch(tablet: str, tmp_path: Path, capsys) -> None:
    """No traceback and no SQLAlchemy or system English: a database address the app does not
    know (--db, sync --to, audit --centraal), and a report folder that cannot be made."""
    assert main.main(["demo", "--db", tablet, "--inwoners", "3"]) == 0
    capsys.readouterr()
    for argv in (["--db", "foo", "inwoner", "list"], ["--db", tablet, "sync", "--to", "http://example.org"],
                 ["--db", tablet, "audit", "verify", "--centraal", "mysql://x/y"]):  # fmt: skip
        assert main.main(argv) == 1
        out = capsys.readouterr().out
        assert "geen database-adres" in out and "sqlalchemy" not in out.lower(), argv
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    assert main.main(["--db", tablet, "monitor", "--out", str(blocker / "rapport")]) == 1
    out = capsys.readouterr().out
    assert "Het rapport kon niet" in out and "Errno" not in out and "Not a directory" not in out
