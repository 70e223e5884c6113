"""Handing a PDF to the system's print command: CUPS ``lp``, to the default printer.

``lp`` is run for real (no shell), with the file on the command line; its exit code and
what it wrote to stderr decide the outcome. Exit code 0 means the print system accepted the
job (``lp`` reads the file before it exits): that is all the app can know, and all it says.
Anything else is a refusal, said in Dutch with the print system's own words beside it.
Android has no ``lp``: there the caller saves the sheet in a folder instead.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from board.i18n import N_, _

log = logging.getLogger(__name__)

PRINT_COMMAND = "lp"
PRINT_TIMEOUT = 60  # seconds: a print system that answers in none has not accepted the job
# What CUPS says most often, in plain Dutch (its own words stay beside them).
_BEKEND = (
    ("no default destination", N_("Er is geen standaardprinter ingesteld op deze computer.")),
    ("scheduler not responding", N_("De printservice (CUPS) draait niet.")),
    ("unable to connect", N_("De printservice (CUPS) is niet bereikbaar.")),
    ("not accepting jobs", N_("De printer neemt nu geen opdrachten aan.")),
    ("the printer or class does not exist", N_("De ingestelde printer bestaat niet (meer).")),
)


@dataclass(frozen=True)
class PrintResult:
    accepted: bool
    message: str  # Dutch, for the professional
    job: str = ""  # the print system's name of the job ("request id is ..."), when accepted


def print_command() -> str | None:
    """The print command on this system's PATH, or None (Android, a kiosk without CUPS)."""
    return shutil.which(PRINT_COMMAND)


def print_pdf(path: Path, title: str, command: str | None = None) -> PrintResult:
    """Give ``path`` (a PDF) to ``lp`` for the default printer, with ``title`` as the job's name."""
    command = command or print_command()
    if command is None:
        return PrintResult(False, _("Op dit apparaat is geen printopdracht (lp) gevonden."))
    try:
        done = subprocess.run(
            [command, "-t", title, "--", os.fspath(path)],
            capture_output=True, text=True, timeout=PRINT_TIMEOUT, check=False, stdin=subprocess.DEVNULL,
        )
    except subprocess.TimeoutExpired:
        return PrintResult(
            False, _("De printer gaf binnen een minuut geen antwoord; het koelkastblad is niet afgedrukt.")
        )
    except OSError as exc:
        log.warning("lp could not be started: %s", type(exc).__name__)
        return PrintResult(False, _("De printopdracht kon niet worden gestart; het koelkastblad is niet afgedrukt."))
    if done.returncode != 0:
        said = " ".join(done.stderr.split())[:300]
        log.warning("lp exit %s: %s", done.returncode, said)
        return PrintResult(False, refusal(said))
    job = " ".join(done.stdout.split())[:200]
    return PrintResult(True, _("De printer heeft het koelkastblad aangenomen. Het komt zo uit de printer."), job)


def refusal(said: str) -> str:
    """What the professional reads when ``lp`` refused, with its own words (``said``) after it."""
    known = next((dutch for key, dutch in _BEKEND if key in said.lower()), None)
    first = _("Afdrukken is niet gelukt.") + " " + (_(known) if known else "")
    detail = _("De printer meldt: {melding}").format(melding=said) if said else _("De printer gaf geen reden.")
    return " ".join([first.strip(), detail])
