"""The dossier bundle: every export of one afgeronde meting in one folder of the outbox.

``<outbox>/<datum>_<meting id>/`` holds snapshot.png, dossier.pdf, koelkastblad.pdf,
meting.json, fhir-questionnaire.json, fhir-questionnaireresponse.json and manifest.json
(the SHA-256 of each file). The folder appears whole or not at all: everything is
rendered in memory, written into a hidden sibling folder (each file fsynced), and that
folder is renamed into place. The same meting gives the same bytes, so exporting it again
finds a matching manifest and changes nothing.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path

from board.document import dumps, meting_to_document
from board.errors import UserError
from board.i18n import _
from board.inwoner import Inwoner
from board.meting import Meting
from board.taal import vertaler
from exports.dossier import dossier_pdf
from exports.fhir import fhir_dumps, questionnaire, questionnaire_response
from exports.koelkastblad import koelkastblad_pdf
from exports.snapshot import DEFAULT_SIZE, snapshot_png

MANIFEST = "manifest.json"
MANIFEST_KIND = "magneetbord.export"
MANIFEST_VERSION = 1
TEMP_MARK = ".tmp-"
DEFAULT_TEAM_CONTACT = "je eigen contactpersoon van het wijkteam"


class ExportError(UserError):
    """An export that could not be made. The message is plain Dutch; nothing half-written stays."""


def bundle_name(meting: Meting) -> str:
    """The folder of a meting: its date first, so the outbox sorts by date."""
    return f"{meting.datum.isoformat()}_{meting.id}"


def render_bundle(
    inwoner: Inwoner,
    meting: Meting,
    vorige: Meting | None = None,
    team_contact: str = DEFAULT_TEAM_CONTACT,
    snapshot_size: tuple[int, int] = DEFAULT_SIZE,
    anchor: Mapping[str, object] | None = None,
) -> dict[str, bytes]:
    """Every file of the bundle, by name, including the manifest; nothing is written.
    ``anchor``: the head of the tablet's audit log, written into the manifest."""
    if not meting.afgerond:
        raise ExportError(_("Alleen een afgeronde meting kan naar het dossier. Rond de meting eerst af."))
    if inwoner.id != meting.inwoner_id:
        raise ExportError(_("Deze meting hoort bij een andere inwoner; er is niets geëxporteerd."))
    try:
        png = snapshot_png(meting, inwoner, snapshot_size)
        files = {
            "snapshot.png": png,
            "dossier.pdf": dossier_pdf(inwoner, meting, vorige, snapshot=png),
            "koelkastblad.pdf": koelkastblad_pdf(meting, team_contact, vertaler(inwoner.taal)),
            "meting.json": dumps(meting_to_document(meting)).encode(),
            "fhir-questionnaire.json": fhir_dumps(questionnaire(meting.leefgebieden)).encode(),
            "fhir-questionnaireresponse.json": fhir_dumps(questionnaire_response(meting, inwoner.id)).encode(),
        }
    except ValueError as exc:  # a wrong previous meting, a snapshot size that cannot be
        raise ExportError(_("De export kon niet worden gemaakt: {exc}").format(exc=exc)) from exc
    files[MANIFEST] = manifest(meting, files, anchor)
    return files


def manifest(meting: Meting, files: Mapping[str, bytes], anchor: Mapping[str, object] | None = None) -> bytes:
    """The manifest: which files, their size and SHA-256, and (``anchor``) the head of the
    audit log when it was made, so the dossier holds a copy outside the tablet's database."""
    document = {
        "soort_document": MANIFEST_KIND,
        "versie": MANIFEST_VERSION,
        "meting_id": meting.id,
        "inwoner_id": meting.inwoner_id,
        "bestanden": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(files.items())
            if name != MANIFEST
        },
    }
    if anchor is not None:
        document["auditlog"] = dict(anchor)
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def verify_bundle(folder: Path) -> bool:
    """True when the folder holds exactly the manifest's files with the manifest's hashes."""
    try:
        document = json.loads((folder / MANIFEST).read_bytes())
        listed = document["bestanden"]
        present = {p.name for p in folder.iterdir()} - {MANIFEST}
        if present != set(listed):
            return False
        return all(
            hashlib.sha256((folder / name).read_bytes()).hexdigest() == entry["sha256"]
            for name, entry in listed.items()
        )
    except (OSError, ValueError, KeyError, TypeError):
        return False


def write_bundle(
    outbox: Path,
    inwoner: Inwoner,
    meting: Meting,
    vorige: Meting | None = None,
    team_contact: str = DEFAULT_TEAM_CONTACT,
    snapshot_size: tuple[int, int] = DEFAULT_SIZE,
    anchor: Mapping[str, object] | None = None,
) -> Path:
    """Export an afgeronde meting into ``outbox`` (which must exist) and return its folder.

    A folder that already holds exactly these files is left alone; one that differs (an
    older version of the renderers, or a damaged copy) is replaced as a whole.
    """
    outbox = Path(outbox)
    _check_outbox(outbox)
    files = render_bundle(inwoner, meting, vorige, team_contact, snapshot_size, anchor)
    target = outbox / bundle_name(meting)
    _remove_leftovers(outbox, target.name)
    if target.is_dir() and _same_files(target, files):
        return target
    temp = outbox / f".{target.name}{TEMP_MARK}{uuid.uuid4().hex[:8]}"
    try:
        temp.mkdir(mode=0o700)
        for name, data in files.items():
            _write_synced(temp / name, data)
        _fsync_dir(temp)
        if target.exists():
            _replace_dir(temp, target)
        else:
            os.rename(temp, target)
        _fsync_dir(outbox)
    except OSError as exc:
        shutil.rmtree(temp, ignore_errors=True)
        raise ExportError(
            _(
                "Het exporteren naar {outbox} is mislukt: {reden}. Er is niets achtergebleven."
            ).format(outbox=outbox, reden=_reden(exc))
        ) from exc
    return target


# ----- helpers --------------------------------------------------------------------


def _check_outbox(outbox: Path) -> None:
    if not outbox.exists():
        raise ExportError(
            _("De map {outbox} bestaat niet. Kies een bestaande map om naar te exporteren.").format(outbox=outbox)
        )
    if not outbox.is_dir():
        raise ExportError(_("{outbox} is geen map. Kies een map om naar te exporteren.").format(outbox=outbox))


def _same_files(folder: Path, files: Mapping[str, bytes]) -> bool:
    try:
        if (folder / MANIFEST).read_bytes() != files[MANIFEST]:
            return False
    except OSError:
        return False
    return verify_bundle(folder)


def _remove_leftovers(outbox: Path, name: str) -> None:
    """Temporary folders of this meting left by a crash or a power cut mid-export."""
    for stale in outbox.glob(f".{name}{TEMP_MARK}*"):
        shutil.rmtree(stale, ignore_errors=True)


def _write_synced(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # for the app's user only
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(path: Path) -> None:
    # Makes a rename durable; not every platform can open a folder (Windows cannot).
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace_dir(new: Path, target: Path) -> None:
    """Swap ``new`` in for ``target``: the old folder is moved aside first and removed last."""
    old = target.with_name(f".{target.name}{TEMP_MARK}old-{uuid.uuid4().hex[:8]}")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)  # put the previous export back
        raise
    shutil.rmtree(old, ignore_errors=True)


def _reden(exc: OSError) -> str:
    reasons = {
        errno.EACCES: "er mag niet in deze map worden geschreven",
        errno.EPERM: "er mag niet in deze map worden geschreven",
        errno.EROFS: "de map is alleen-lezen",
        errno.ENOSPC: "de schijf is vol",
        errno.ENOENT: "de map bestaat niet (meer)",
        errno.ENOTDIR: "het pad is geen map",
    }
    return reasons.get(exc.errno, exc.strerror or str(exc))
