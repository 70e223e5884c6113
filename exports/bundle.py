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
import ctypes
import errno
import hashlib
import json
import logging
import os
import shutil
import uuid
from collections.abc import Mapping
from pathlib import Path
from typing import Protocol

from board import safe_json
from board.document import dumps, meting_to_document
from board.errors import UserError
from board.i18n import _
from board.inwoner import Inwoner
from board.meting import Meting
from board.redenen import reden, technical
from board.set_versies import set_in_versie
from board.taal import vertaler
from board.traject import Plaats
from exports.dossier import dossier_pdf
from exports.fhir import fhir_dumps, questionnaire, questionnaire_response
from exports.fhir_traject import episode_reference
from exports.koelkastblad import DEFAULT_TEAM_CONTACT, koelkastblad_pdf
from exports.snapshot import DEFAULT_SIZE, snapshot_png

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
QUESTIONNAIRE = "fhir-questionnaire.json"
MANIFEST_KIND = "magneetbord.export"
MANIFEST_VERSION = 2  # 2: the dossiernummer, the meting and its set in the manifest (issue 16)
TEMP_MARK = ".tmp-"
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2  # from <fcntl.h> and <linux/fs.h>


class ExportError(UserError):
    """An export that could not be made. The message is plain Dutch; nothing half-written stays."""


class Sealer(Protocol):
    """Encrypts the files of a bundle at rest (``storage.outbox_crypto.BundleSeal``): each file
    is sealed for its bundle folder and name, and opened the same way."""

    def seal(self, folder: str, name: str, data: bytes) -> bytes: ...

    def open(self, folder: str, name: str, data: bytes) -> bytes: ...


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
    plaats: Plaats | None = None,
) -> dict[str, bytes]:
    """Every file of the bundle, by name, including the manifest; nothing is written.
    ``anchor``: the head of the tablet's audit log, written into the manifest. ``plaats``: the
    meting's traject and its number in it (``board.traject.plaats``): in the snapshot's and the
    dossier's title, the manifest, and the FHIR response's link to its EpisodeOfCare."""
    if not meting.afgerond:
        raise ExportError(_("Alleen een afgeronde meting kan naar het dossier. Rond de meting eerst af."))
    if inwoner.id != meting.inwoner_id:
        raise ExportError(_("Deze meting hoort bij een andere inwoner; er is niets geëxporteerd."))
    try:
        png = snapshot_png(meting, inwoner, snapshot_size, nummer=plaats.nummer if plaats is not None else None)
        response = questionnaire_response(meting, inwoner.id)
        if plaats is not None:
            response["extension"] = [episode_reference(meting.inwoner_id, plaats.traject)]
        files = {
            "snapshot.png": png,
            "dossier.pdf": dossier_pdf(inwoner, meting, vorige, snapshot=png, plaats=plaats),
            "koelkastblad.pdf": koelkastblad_pdf(meting, team_contact, vertaler(inwoner.taal),
                                                 plaats.nummer if plaats is not None else None),
            "meting.json": dumps(meting_to_document(meting)).encode(),
            "fhir-questionnaireresponse.json": fhir_dumps(response).encode(),
        }
        # The Questionnaire of the set version the meting used (its response names that
        # version); when that version is no longer kept, the bundle holds none rather than another.
        used = set_in_versie(meting.set_naam, meting.set_versie)
        if used is not None:
            files[QUESTIONNAIRE] = fhir_dumps(questionnaire(used)).encode()
    except ValueError as exc:  # a wrong previous meting, a snapshot size that cannot be (our Dutch words)
        raise ExportError(_("De export kon niet worden gemaakt: {exc}").format(exc=exc)) from exc
    except Exception as exc:  # a renderer that failed: the detail to the log, the professional reads Dutch
        log.error("export van meting %s niet opgemaakt: %s", meting.id, technical(exc))
        raise ExportError(
            _("De bestanden voor het dossier konden niet worden opgemaakt; er is niets geëxporteerd.")
        ) from exc
    files[MANIFEST] = manifest(meting, files, anchor, inwoner, plaats)
    return files


def manifest(
    meting: Meting,
    files: Mapping[str, bytes],
    anchor: Mapping[str, object] | None = None,
    inwoner: Inwoner | None = None,
    plaats: Plaats | None = None,
) -> bytes:
    """The manifest: which files, their size and SHA-256, and (``anchor``) the head of the
    audit log when it was made, so the dossier holds a copy outside the tablet's database.
    The dossiernummer, the meting (id, soort, datum) and its leefgebiedenset let any receiver
    match the bundle to its case without opening the PDF."""
    document = {
        "soort_document": MANIFEST_KIND,
        "versie": MANIFEST_VERSION,
        "meting_id": meting.id,
        "inwoner_id": meting.inwoner_id,
        "dossiernummer": inwoner.dossiernummer if inwoner is not None else None,
        "meting": {
            "id": meting.id,
            "soort": str(meting.soort),
            "volgnummer": meting.volgnummer,  # over the inwoner's whole history
            "datum": meting.datum.isoformat(),
            # Its traject (0: the first) and which meting of it (0: the 0-meting), where known.
            **({"traject": plaats.traject, "nummer_in_traject": plaats.nummer} if plaats is not None else {}),
        },
        "leefgebiedenset": {"naam": meting.set_naam, "versie": meting.set_versie},
        "bestanden": {
            name: {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
            for name, data in sorted(files.items())
            if name != MANIFEST
        },
    }
    if anchor is not None:
        document["auditlog"] = dict(anchor)
    return (json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def read_file(folder: Path, name: str, seal: Sealer | None = None) -> bytes:
    """One file of a bundle as it was rendered (opened when the outbox is sealed)."""
    data = (folder / name).read_bytes()
    return data if seal is None else seal.open(folder.name, name, data)


def read_manifest(folder: Path, seal: Sealer | None = None) -> dict:
    return safe_json.loads(read_file(folder, MANIFEST, seal))  # bounded: deep nesting, huge numbers


def read_bundle(folder: Path, seal: Sealer | None = None) -> dict[str, bytes]:
    """Every file of a bundle, opened, after checking it against its manifest (an
    ``ExportError`` when a file is missing, extra or changed)."""
    try:
        listed = read_manifest(folder, seal)["bestanden"]
        present = {p.name for p in folder.iterdir()} - {MANIFEST}
        files = {name: read_file(folder, name, seal) for name in sorted(listed)}
        intact = present == set(listed) and all(
            hashlib.sha256(files[name]).hexdigest() == entry["sha256"] for name, entry in listed.items()
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:  # Attribute: a field of a wrong type
        log.warning("bundel niet te lezen: %s", technical(exc))
        raise ExportError(_("De bundel {map} is beschadigd of onleesbaar.").format(map=folder.name)) from exc
    if not intact:
        raise ExportError(_("De bundel {map} is beschadigd: de bestanden passen niet bij het manifest.").format(
            map=folder.name
        ))
    files[MANIFEST] = read_file(folder, MANIFEST, seal)
    return files


def verify_bundle(folder: Path, seal: Sealer | None = None) -> bool:
    """True when the folder holds exactly the manifest's files with the manifest's hashes."""
    try:
        read_bundle(folder, seal)
    except UserError:  # a damaged bundle, or a sealed file that does not open
        return False
    return True


def write_bundle(
    outbox: Path,
    inwoner: Inwoner,
    meting: Meting,
    vorige: Meting | None = None,
    team_contact: str = DEFAULT_TEAM_CONTACT,
    snapshot_size: tuple[int, int] = DEFAULT_SIZE,
    anchor: Mapping[str, object] | None = None,
    seal: Sealer | None = None,
    plaats: Plaats | None = None,
) -> Path:
    """Export an afgeronde meting into ``outbox`` (which must exist) and return its folder.

    A folder that already holds exactly these files is left alone; one that differs (an
    older version of the renderers, or a damaged copy) is replaced as a whole. With ``seal``
    every file is encrypted before it reaches the disk (the outbox at rest).
    """
    outbox = Path(outbox)
    _check_outbox(outbox)
    files = render_bundle(inwoner, meting, vorige, team_contact, snapshot_size, anchor, plaats)
    target = outbox / bundle_name(meting)
    _remove_leftovers(outbox, target.name)
    if target.is_dir() and _same_files(target, files, seal):
        return target
    temp = outbox / f".{target.name}{TEMP_MARK}{uuid.uuid4().hex[:8]}"
    try:
        temp.mkdir(mode=0o700)
        for name, data in files.items():
            _write_synced(temp / name, data if seal is None else seal.seal(target.name, name, data))
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
            ).format(outbox=outbox, reden=reden(exc, "een export"))
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


def _same_files(folder: Path, files: Mapping[str, bytes], seal: Sealer | None) -> bool:
    try:
        if read_file(folder, MANIFEST, seal) != files[MANIFEST]:
            return False
    except (OSError, UserError):
        return False
    return verify_bundle(folder, seal)


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


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (renameat2 with RENAME_EXCHANGE); False where that is not available."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # an old kernel, a file system that cannot
        return False
    raise OSError(code, os.strerror(code), str(b))


def _fsync_dir(path: Path) -> None:
    # Makes a rename durable; not every platform can open a folder (Windows cannot).
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _replace_dir(new: Path, target: Path) -> None:
    """Swap ``new`` in for ``target``: in one step where the system can (Linux), so the old
    bundle or the new one is always there; else the old folder is moved aside first and
    removed last. A crash leaves the other one under a hidden name, removed by the next export."""
    if _exchange(new, target):
        shutil.rmtree(new, ignore_errors=True)  # now the previous export
        return
    old = target.with_name(f".{target.name}{TEMP_MARK}old-{uuid.uuid4().hex[:8]}")
    os.rename(target, old)
    try:
        os.rename(new, target)
    except OSError:
        os.rename(old, target)  # put the previous export back
        raise
    shutil.rmtree(old, ignore_errors=True)
