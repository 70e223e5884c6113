"""The koelkastblad for the inwoner, at the kitchen table, from the app itself.

After afronden the professional (with the PIN: ``widgets``) prints the sheet through the
system's print command (CUPS ``lp``, the default printer: ``exports.printer``), or saves a
plain PDF copy in the app's own folder (``storage.paths.koelkastblad_dir``), removed once its day
has ended (``services.koelkastblad_map``). Both are noted
in the audit log like ``outbox export-plain``: ``afgedrukt`` (``mislukt`` when the print
system refused) and ``onversleuteld``. The sheet is rendered from the afgeronde meting with
the same renderer and contact as the bundle's copy (an afgeronde meting never changes), so it
is there also once the bundle has gone to the dossier.
"""

from __future__ import annotations

import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from board.i18n import _
from board.redenen import reden
from board.taal import vertaler
from exports.printer import print_command, print_pdf
from services.koelkastblad_map import opruimen
from storage.errors import StorageError
from storage.paths import KOELKASTBLAD_MAP, data_dir, koelkastblad_dir
from storage.permissions import private_dir, write_atomically
from storage.repository import Repository

SPOOL = ".afdrukken"  # in the data folder: the PDF only while lp reads it
JOB_TITLE = "Koelkastblad"  # the print queue's name for the job: no dossiernummer in it


@dataclass(frozen=True)
class Uitkomst:
    """What the professional reads after printing or saving; ``gelukt`` only when it happened."""

    gelukt: bool
    tekst: str
    pad: Path | None = None


def can_print() -> bool:
    """Is there a print command on this device (CUPS ``lp``)? Android and kiosks without CUPS: no."""
    return print_command() is not None


def sheet(repository: Repository, meting_id: str) -> tuple[str, bytes]:
    """(file name, PDF) of the koelkastblad of an afgeronde meting, in the inwoner's language."""
    from exports.koelkastblad import koelkastblad_pdf  # ReportLab: not on the kiosk's way to the board
    from services.export import plaatsen_van, team_contact_from_env
    meting = repository.get_meting(meting_id)
    if not meting.afgerond:
        raise StorageError(_("Het koelkastblad komt er na het afronden van de meting."))
    inwoner = repository.get_inwoner(meting.inwoner_id)
    nummer = plaatsen_van(repository, [meting])[meting.id].nummer  # counted within its traject
    data = koelkastblad_pdf(meting, team_contact_from_env(), vertaler(inwoner.taal), nummer)
    dossier = re.sub(r"[^A-Za-z0-9_-]+", "-", inwoner.dossiernummer).strip("-") or "inwoner"
    welke = re.sub(r"[^A-Za-z0-9_-]+", "-", meting.naam(nummer)).strip("-")  # two metingen on one day: two files
    return f"koelkastblad-{dossier}-{meting.datum.isoformat()}-{welke}.pdf", data


def print_sheet(repository: Repository, meting_id: str) -> Uitkomst:
    """Print the koelkastblad on the default printer. "Gelukt" only when ``lp`` accepted it."""
    _name, data = sheet(repository, meting_id)
    spool = data_dir() / SPOOL
    private_dir(spool)
    fd, temp = tempfile.mkstemp(prefix="koelkastblad-", suffix=".pdf", dir=spool)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        result = print_pdf(Path(temp), JOB_TITLE)
    except OSError as exc:  # the data folder itself would not take the file
        return Uitkomst(False, _("Afdrukken is niet gelukt: {reden}.").format(reden=reden(exc, "afdrukken")))
    finally:
        Path(temp).unlink(missing_ok=True)
    repository.note_printed(meting_id, result.accepted)
    return Uitkomst(result.accepted, result.message)


def save_sheet(repository: Repository, meting_id: str, folder: Path | None = None) -> Uitkomst:
    """A plain PDF copy of the koelkastblad in ``folder`` (default: ``koelkastblad_dir()``), and
    the sheets there from before today removed. A folder that is full or cannot be written is
    said in Dutch; nothing half-written stays (and the meting and its bundle are untouched
    either way)."""
    folder = folder or koelkastblad_dir()
    name, data = sheet(repository, meting_id)
    path = folder / name
    try:
        if folder == data_dir() / KOELKASTBLAD_MAP:  # the app's own: this user only (a folder named by
            private_dir(folder)  # MAGNEETBORD_KOELKASTBLAD_MAP keeps the modes its owner gave it)
        write_atomically(path, data)
    except OSError as exc:
        return Uitkomst(False, _(
            "Het koelkastblad is niet opgeslagen in de map {map}: {reden}. Er is niets verloren: "
            "de meting en het dossier staan nog op de tablet."
        ).format(map=folder, reden=reden(exc, "koelkastblad opslaan")))
    repository.note_plain_copy(meting_id)
    opruimen(folder)  # this one is today's: it stays
    return Uitkomst(True, _(
        "Het koelkastblad staat in de map {map} als {naam}. Het bestand is niet versleuteld; "
        "de tablet wist het na vandaag."
    ).format(map=folder, naam=name), path)
