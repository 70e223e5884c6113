"""`demo`, `sync` and `monitor` as a new user runs them: as subprocesses, their output and exit
codes read. A sync to a server that cannot be reached says it in one Dutch line, how many
records wait and that they are kept; `monitor --uit MAP` writes the report (the gemeente's name
from wijkteams.toml on it, progress on stderr, every CSV column named and in the README); a
word monitor does not know and a month that is not one are answered with what is right."""

from __future__ import annotations

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=600)


@pytest.fixture(scope="module")
def tablet(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """A fresh data folder after `demo`: the environment to run the command line in."""
    folder = tmp_path_factory.mktemp("cli")
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAGNEETBORD_")}
    env.update(MAGNEETBORD_DATA_DIR=str(folder / "data"), MAGNEETBORD_DB=f"sqlite:///{folder / 'tablet.sqlite3'}",
               LANG="C.UTF-8")
    demo = run(["demo"], env)
    assert demo.returncode == 0, demo.stdout + demo.stderr
    env["MAGNEETBORD_PIN"] = re.search(r"Pincode: (\d+)", demo.stdout).group(1)
    env["CENTRAAL"] = f"sqlite:///{folder / 'centraal.sqlite3'}"
    env["UIT"] = str(folder / "rapport")
    return env


def test_sync_to_an_unreachable_server_says_in_one_dutch_line_what_waits_and_that_it_is_kept(tablet: dict) -> None:
    # Also as "postgresql://" (SQLAlchemy's default driver, not installed: it was a traceback).
    for url in ("postgresql+psycopg://m:geheim@127.0.0.1:1/g", "postgresql://m:geheim@127.0.0.1:1/g"):
        ran = run(["sync", "--to", url], tablet)
        assert ran.returncode == 1
        assert ran.stderr == ""  # no English log line first ("central database not reachable (...)")
        [line] = ran.stdout.splitlines()
        assert line.startswith("De centrale database postgresql+psycopg://m:***@127.0.0.1:1/g is niet bereikbaar.")
        waiting = int(re.search(r"(\d+) records zijn nog niet verzonden\. Ze blijven bewaard op de tablet en gaan "
                                r"mee met de volgende sync\.$", line).group(1))
        assert "geheim" not in line and "niets verloren: er wachten" not in line
    sent = run(["sync", "--to", tablet["CENTRAAL"]], tablet)  # then reachable: exactly those go
    assert sent.returncode == 0 and f"Klaar: {waiting} records verzonden" in sent.stdout


@pytest.mark.parametrize("args", [["sync", "--to"], ["audit", "verify", "--centraal"]])
def test_a_central_address_without_its_kind_is_answered_in_dutch_not_with_a_traceback(tablet: dict,
                                                                                    args: list[str]) -> None:
    # A user typing the server's name alone (or a typo) got SQLAlchemy's English traceback.
    ran = run([*args, "centrale-server"], tablet)
    assert ran.returncode == 1
    assert "Traceback" not in ran.stderr and ran.stderr == ""
    assert ran.stdout.strip() == (
        "centrale-server is geen database-adres dat Magneetbord kent. Een database van deze tablet: "
        "sqlite:////pad/naar/bestand.sqlite3; een centrale: postgresql+psycopg://gebruiker@server/database."
    )


def test_a_monitor_that_stops_on_an_error_does_not_say_it_is_done(tablet: dict) -> None:
    # It said "Klaar na 0 s." on stderr, then that the database address was wrong.
    ran = run(["monitor", "--db", "centrale-server", "--out", tablet["UIT"] + "-fout"], tablet)
    assert ran.returncode == 1
    assert ran.stdout.startswith("centrale-server is geen database-adres dat Magneetbord kent.")
    assert ran.stderr.startswith("Monitor ") and "Klaar" not in ran.stderr
    assert not Path(tablet["UIT"] + "-fout", "monitor.pdf").exists()


def test_the_help_says_how_demo_dates_its_metingen(tablet: dict) -> None:
    # It said "de laatste meting vandaag"; the demo's latest meting may be more than a year old.
    text = " ".join(run(["--help"], tablet).stdout.split())
    assert "de laatste meting vandaag" not in text
    assert "zoals bij een team dat op 1 januari vorig jaar begon: geen meting na vandaag" in text


def test_monitor_uit_writes_the_report_with_the_gemeentes_name_progress_and_named_columns(tablet: dict) -> None:
    run(["sync", "--to", tablet["CENTRAAL"]], tablet)
    ran = run(["monitor", "--db", tablet["CENTRAAL"], "--uit", tablet["UIT"]], tablet)
    assert ran.returncode == 0, ran.stdout + ran.stderr
    uit = Path(tablet["UIT"])
    assert "Geschreven in" in ran.stdout and (uit / "monitor.pdf").is_file()
    # Progress on stderr, in Dutch: the step when it begins and when it is done.
    lines = ran.stderr.splitlines()
    assert lines[0].startswith("Monitor ") and "de cijfers tellen, beveiligen en schrijven." in lines[0]
    assert re.search(r"Klaar na \d+ s\.$", lines[-1]), lines
    text = subprocess.run(["pdftotext", "-layout", str(uit / "monitor.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert re.search(r"^\s*Voorbeeldstad · \d{4}-\d\d", text, re.MULTILINE), text[:300]
    assert "Gemeente ·" not in text
    readme = (ROOT / "README.md").read_text()
    files = sorted(uit.glob("monitor_*.csv"))
    assert len(files) == 13
    for path in files:
        with path.open(encoding="utf-8-sig") as handle:
            header = next(csv.reader(handle, delimiter=";"))
        assert all(name.strip() for name in header), (path.name, header)  # every column named
        row = next(line for line in readme.splitlines() if line.startswith("| ") and f"`{path.name}`" in line)
        for name in header[1:-1]:  # Gebied and Soort gebied: the layout's text above the table
            assert name in row, (path.name, name)


@pytest.mark.parametrize(("args", "expected"), [
    (["--van", "2025-13"], "2025-13 is geen maand: gebruik JJJJ-MM, bijvoorbeeld 2025-03."),
    (["--van", "2025-03", "--tot", "2025-13"], "2025-13 is geen maand: gebruik JJJJ-MM, bijvoorbeeld 2025-03."),
    (["--van", "maart"], "maart is geen maand: gebruik JJJJ-MM, bijvoorbeeld 2025-03."),
])
def test_a_month_that_is_not_one_is_named(tablet: dict, args: list[str], expected: str) -> None:
    ran = run(["monitor", "--uit", tablet["UIT"], *args], tablet)
    assert (ran.returncode, ran.stdout.strip(), ran.stderr) == (2, expected, "")


def test_a_word_monitor_does_not_know_gets_the_real_choices(tablet: dict) -> None:
    ran = run(["monitor", "X"], tablet)
    assert ran.returncode == 2 and "ongeldige keuze" not in ran.stdout + ran.stderr
    assert ran.stdout.startswith("'X' kent monitor niet.")
    for choice in ("--out MAP", "--uit MAP", "monitor key", "--help"):
        assert choice in ran.stdout
    ran = run(["monitor", "--onbekend", "X"], tablet)  # an option argparse does not know: named as such
    assert ran.returncode == 2 and "onbekende argumenten: --onbekend" in ran.stderr
    ran = run(["monitor", "key"], tablet)  # the key subcommand as before
    assert ran.returncode == 0 and "Vingerafdruk van de monitorsleutel" in ran.stdout


def test_a_long_step_says_every_tick_that_it_is_still_busy(capsys: pytest.CaptureFixture[str]) -> None:
    import time

    from cli.common import still_busy

    with still_busy("Monitor 2025: tellen.", tick=0.1):
        time.sleep(0.45)  # the work: a tick every 0.1 s meanwhile
    lines = capsys.readouterr().err.splitlines()
    assert lines[0] == "Monitor 2025: tellen."
    busy = [line for line in lines if line.startswith("Monitor 2025: tellen. Nog bezig: ")]
    assert 3 <= len(busy) <= 5 and lines[-1] == "Monitor 2025: tellen. Klaar na 0 s."
