"""The command line as a professional meets it from a shell, in Dutch: argparse's own
messages (cli/dutch.py), a reader that stops early (``| head -1``), and a PIN piped in without
a terminal. Each runs ``python3 main.py`` as a subprocess with real pipes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from board.i18n import LOCALE_DIR
from services.unlock import PIN_ENV, PROFESSIONAL_ENV
from storage.paths import DATA_DIR_ENV

ROOT = Path(__file__).resolve().parent.parent
PIN = "482913"


def english_fragments() -> set[str]:
    """Every piece of argparse's English (its msgids from the template, between placeholders)
    of more than three letters: none may reach the professional."""
    with open(LOCALE_DIR / "argparse.pot", "rb") as handle:
        template = read_po(handle)
    fragments: set[str] = set()
    for message in template:
        for msgid in [message.id] if isinstance(message.id, str) else list(message.id):
            for piece in re.split(r"%\(\w+\)[rsd]|%[rsd]", msgid):
                piece = piece.strip(" :.'\"()\n-")
                if len(re.sub(r"[^a-z]", "", piece)) > 3:
                    fragments.add(piece)
    return fragments


ENGLISH = english_fragments()


def english_in(text: str) -> set[str]:
    """Whole words only: Dutch "argumenten" is not English "argument"."""
    return {fragment for fragment in ENGLISH if re.search(rf"(?<!\w){re.escape(fragment)}(?!\w)", text)}


def environment(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in (PIN_ENV, PROFESSIONAL_ENV, "MAGNEETBORD_DB")}
    env.update({DATA_DIR_ENV: str(tmp_path / "data"), "LANG": "en_US.UTF-8", "LANGUAGE": "en", **extra})
    return env


def cli(args: list[str], env: dict[str, str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, **kwargs,
    )  # fmt: skip


def test_the_fragments_are_argparse_s_own_english() -> None:
    """The check below can fail: argparse untouched speaks these very fragments (in a process
    of its own: main.main() in this one has taught argparse Dutch)."""
    script = "import argparse; print(argparse.ArgumentParser(prog='x').format_help())"
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True)
    assert {"usage", "show this help message and exit"} <= english_in(done.stdout)


@pytest.mark.parametrize(
    ("args", "dutch"),
    [
        (["opruimen"], ["ongeldige keuze: 'opruimen'", "kies uit 'run', 'demo'"]),  # a wrong subcommand
        (["outbox", "config", "--vertrouwelijkheid", "geheimpje"], ["bij --vertrouwelijkheid: ongeldige keuze"]),
        (["inwoner", "export"], ["dit ontbreekt nog: --dossier"]),  # a missing argument
        (["inwoner"], ["dit ontbreekt nog: OPDRACHT"]),
        (["outbox", "zaak"], ["dit ontbreekt nog: DOSSIERNUMMER"]),
        (["demo", "--inwoners", "veel"], ["bij --inwoners: ongeldige waarde: 'veel'"]),
        (["demo", "--inwoners", "0"], ["bij --inwoners: minstens 1"]),
        (["demo", "--db"], ["bij --db: verwacht één waarde"]),
        (["demo", "--kleur", "rood"], ["onbekende argumenten: --kleur rood"]),
    ],
)
def test_a_wrong_command_line_is_answered_in_dutch(tmp_path: Path, args: list[str], dutch: list[str]) -> None:
    done = cli(args, environment(tmp_path))
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith("gebruik: python3 main.py"), done.stderr
    assert ": fout: " in done.stderr
    for text in dutch:
        assert text in done.stderr, done.stderr
    assert english_in(done.stderr + done.stdout) == set(), done.stderr
    assert not (tmp_path / "data").exists() or not any((tmp_path / "data").iterdir())  # nothing made


@pytest.mark.parametrize("args", [["--help"], ["-h"], ["inwoner", "--help"], ["inwoner", "export", "-h"],
                                  ["outbox", "zaak", "--help"], ["monitor", "--help"]])  # fmt: skip
def test_help_is_dutch_for_every_level(tmp_path: Path, args: list[str]) -> None:
    done = cli(args, environment(tmp_path))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("gebruik: python3 main.py")
    assert "toon deze hulp en stop" in done.stdout and "opties:" in done.stdout
    assert english_in(done.stdout) == set(), done.stdout


def test_positional_arguments_have_a_dutch_heading(tmp_path: Path) -> None:
    done = cli(["outbox", "zaak", "--help"], environment(tmp_path))
    assert "argumenten:" in done.stdout and "DOSSIERNUMMER" in done.stdout


# ----- a reader that stops early ----------------------------------------------------------


def test_a_listing_into_a_pipe_closed_before_it_is_written_ends_quietly(tmp_path: Path) -> None:
    env = environment(tmp_path, **{PIN_ENV: PIN})
    url = f"sqlite:///{tmp_path / 'bord.sqlite3'}"
    assert cli(["--db", url, "demo", "--inwoners", "3"], env).returncode == 0
    for args in (["inwoner", "list"], ["--help"]):
        read_end, write_end = os.pipe()
        os.close(read_end)  # the reader is gone before the command writes a line
        try:
            done = subprocess.run(
                [sys.executable, str(ROOT / "main.py"), "--db", url, *args],
                env=env, cwd=ROOT, stdout=write_end, stderr=subprocess.PIPE, text=True, timeout=120,
            )  # fmt: skip
        finally:
            os.close(write_end)
        assert "Traceback" not in done.stderr and "BrokenPipeError" not in done.stderr, done.stderr
        assert done.stderr == ""
        assert done.returncode == (1 if args[0] == "inwoner" else 0)  # argparse's help ignores a closed pipe


def test_a_long_listing_into_head_ends_quietly(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """``python3 main.py inwoner list --json | head -1`` with more output than a pipe holds."""
    from board import Inwoner
    from storage.repository import Repository
    from tests.keys import tablet_with_professional

    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))  # the back-off seal's key, as the CLI's
    url = f"sqlite:///{tmp_path / 'bord.sqlite3'}"
    professional, key = tablet_with_professional(url, pin=PIN)
    repository = Repository.open(url, key, actor=professional)
    for n in range(2000):
        repository.add_inwoner(Inwoner.create(f"D-2026-{n:05d}", "Stratum"))
    repository.close()
    env = environment(tmp_path, **{PIN_ENV: PIN})
    shell = f"{sys.executable} main.py --db {url} inwoner list --json"
    full = subprocess.run(["bash", "-c", f"{shell} | wc -c"], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=300)  # fmt: skip
    assert int(full.stdout) > 2 * 65536  # more than the pipe and Python's buffer hold
    done = subprocess.run(["bash", "-o", "pipefail", "-c", f"{shell} | head -1"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.stdout == "[\n"
    assert "Traceback" not in done.stderr and "BrokenPipe" not in done.stderr and "Exception" not in done.stderr
    assert done.stderr == ""
    assert done.returncode == 1  # main.py's own code under pipefail (head's is 0)


# ----- a PIN piped in ----------------------------------------------------------------------


def test_a_pin_piped_in_without_a_terminal_is_read_with_a_dutch_note(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bord.sqlite3'}"
    made = cli(["--db", url, "demo", "--inwoners", "3"], environment(tmp_path, **{PIN_ENV: PIN}))
    assert made.returncode == 0, made.stdout
    env = environment(tmp_path)  # no PIN in the environment: it is asked
    # A session of its own: no controlling terminal, as in a scheduled job.
    right = cli(["--db", url, "inwoner", "list"], env, input=PIN + "\n", start_new_session=True)
    assert right.returncode == 0, right.stdout + right.stderr
    assert len(right.stdout.splitlines()) == 3
    assert "Er is geen terminal: de pincode wordt van de invoer gelezen" in right.stderr
    assert "Pincode van Demo Professional: \n" in right.stderr
    assert "Warning" not in right.stderr and "echo" not in right.stderr, right.stderr
    wrong = cli(["--db", url, "inwoner", "list"], env, input="000000\n", start_new_session=True)
    assert wrong.returncode == 1 and "Deze pincode klopt niet." in wrong.stdout
    assert "Warning" not in wrong.stderr and PIN not in wrong.stderr + wrong.stdout
    nothing = cli(["--db", url, "inwoner", "list"], env, input="", start_new_session=True)
    assert nothing.returncode == 1 and "Geen pincode gekregen" in nothing.stdout
    assert "Warning" not in nothing.stderr and "Traceback" not in nothing.stderr


def test_export_plain_of_an_empty_outbox_says_nothing_was_copied_and_asks_the_pin_once(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'bord.sqlite3'}"
    made = cli(["--db", url, "demo", "--inwoners", "1"], environment(tmp_path, **{PIN_ENV: PIN}))
    assert made.returncode == 0, made.stdout
    target = tmp_path / "kopie"
    done = cli(["--db", url, "outbox", "export-plain", str(target)], environment(tmp_path),
               input=PIN + "\n", start_new_session=True)  # no terminal: the PIN piped in
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == "Er wachten geen bundels in de outbox: er is niets gekopieerd.\n"
    assert not target.exists()  # nothing to copy: no folder made either
    assert done.stderr.count("Er is geen terminal") == 1 and done.stderr.count("Pincode van") == 1, done.stderr
