"""Afronden and export: dossier bundles of afgeronde metingen into the outbox.

Joins storage (which metingen, noting them as exported) and the renderers (what is
written); the renderers themselves never import storage. ``export_meting`` is what the app
calls after afronden; ``python3 main.py export`` calls ``select`` and ``export_to``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from board import Inwoner, Meting
from board.errors import UserError
from board.i18n import _
from board.redenen import reden, technical
from board.traject import Plaats, plaats
from exports.bundle import DEFAULT_TEAM_CONTACT, ExportError, Sealer, bundle_name, write_bundle
from storage.audit_anchor import manifest_anchor
from storage.outbox import outbox_folder, outbox_seal
from storage.repository import Repository

log = logging.getLogger(__name__)

TEAM_ENV = "MAGNEETBORD_TEAM"

Progress = Callable[[int, int, Path], None]
Item = tuple[Inwoner, Meting, Meting | None]


def select(
    repository: Repository, meting_id: str | None = None, dossiernummer: str | None = None
) -> list[Item]:
    """The metingen asked for (one meting, one inwoner's afgeronde ones, or all not yet
    exported), each with its inwoner and previous meting."""
    if meting_id:
        metingen = [repository.get_meting(meting_id)]
    elif dossiernummer:
        inwoner = repository.find_inwoner(dossiernummer)
        if inwoner is None:
            raise ExportError(_("Er is geen inwoner met dossiernummer {dossier}.").format(dossier=dossiernummer))
        metingen = [m for m in repository.history(inwoner.id) if m.afgerond]
    else:
        metingen = repository.not_exported()
    return [with_context(repository, meting) for meting in metingen]


def with_context(repository: Repository, meting: Meting) -> Item:
    """A meting with what its bundle also shows: the inwoner and the previous meting."""
    if not meting.afgerond:
        raise ExportError(_("Deze meting is nog niet afgerond; alleen een afgeronde meting wordt geëxporteerd."))
    vorige = repository.get_meting(meting.vorige_meting_id) if meting.vorige_meting_id else None
    return repository.get_inwoner(meting.inwoner_id), meting, vorige


@dataclass
class ExportResult:
    """What a batch did: the bundles in place, and each meting that failed with why (Dutch)."""

    folders: list[Path] = field(default_factory=list)
    failed: list[tuple[Item, str]] = field(default_factory=list)


def export_metingen(
    items: Iterable[Item],
    out: Path,
    progress: Progress | None = None,
    team_contact: str = DEFAULT_TEAM_CONTACT,
    on_written: Callable[[Meting, Path], None] | None = None,
    anchor: Callable[[], Mapping[str, object]] | None = None,
    seal: Sealer | None = None,
    plaatsen: Mapping[str, Plaats] | None = None,
) -> ExportResult:
    """Write the bundle of each (inwoner, meting, vorige meting) into ``out``.

    A meting that fails is noted with its Dutch reason and the others go on; nothing
    half-written stays, so exporting again finishes the job (bundles already in place are
    skipped unchanged). ``on_written`` is called after each bundle is safely in place
    (storage notes it as exported); ``anchor`` gives the audit log's head for each manifest;
    ``seal`` encrypts every file; ``plaatsen``: per meting id its traject and number in it.
    """
    todo = list(items)
    result = ExportResult()
    for done, item in enumerate(todo, start=1):
        inwoner, meting, vorige = item
        try:
            head = anchor() if anchor is not None else None
            folder = write_bundle(
                out, inwoner, meting, vorige, team_contact=team_contact, anchor=head, seal=seal,
                plaats=(plaatsen or {}).get(meting.id),
            )
            if on_written is not None:
                on_written(meting, folder)
        except Exception as exc:  # one meting's failure, said in Dutch; the others go on
            result.failed.append((item, export_failure(exc)))
            folder = out / bundle_name(meting)
        else:
            result.folders.append(folder)
        if progress is not None:
            progress(done, len(todo), folder)
    return result


def export_to(
    repository: Repository,
    items: list[Item],
    out: Path,
    team_contact: str | None = None,
    progress: Progress | None = None,
) -> ExportResult:
    """Write the bundles, each manifest anchoring the audit log's head and every file sealed
    with the outbox key (``storage.outbox_crypto``), and note each meting as exported as soon
    as its bundle is in place."""
    return export_metingen(
        items,
        out,
        progress=progress,
        team_contact=team_contact or team_contact_from_env(),
        on_written=lambda meting, _: repository.mark_exported(meting.id, datetime.now().replace(microsecond=0)),
        anchor=lambda: manifest_anchor(repository),
        seal=outbox_seal(repository),
        plaatsen=plaatsen_van(repository, [meting for _inwoner, meting, _vorige in items]),
    )


def plaatsen_van(repository: Repository, metingen: Iterable[Meting]) -> dict[str, Plaats]:
    """Per meting its traject and which meting of it (``board.traject.plaats``): a vervolgmeting
    of a later traject is numbered within that traject in its bundle."""
    begins = repository.nulmeting_volgnummers()
    return {m.id: plaats(begins.get(m.inwoner_id, []), m.volgnummer) for m in metingen}


def team_contact_from_env() -> str:
    """The koelkastblad's "Vragen?" contact: ``MAGNEETBORD_TEAM``, else the default (said in
    the inwoner's language by the renderer)."""
    return os.environ.get(TEAM_ENV) or DEFAULT_TEAM_CONTACT


def export_meting(repository: Repository, meting: Meting, out: Path, team_contact: str | None = None) -> Path:
    """The bundle of one afgeronde meting (the app calls this after afronden, in a background
    thread); an ``ExportError`` with the Dutch reason when it is not in the outbox."""
    result = export_to(repository, [with_context(repository, meting)], out, team_contact, progress=None)
    if result.failed:
        raise ExportError(result.failed[0][1])
    return result.folders[0]


def export_failure(exc: BaseException) -> str:
    """What the professional reads when an export failed: the Dutch message of a refused
    export, a Dutch reason for a file system error, else a plain sentence (the detail to the log)."""
    if isinstance(exc, UserError):
        return str(exc)
    if isinstance(exc, OSError):
        return _("Het exporteren is mislukt: {reden}.").format(reden=reden(exc, "een export"))
    log.error("export mislukt: %s", technical(exc))
    return _("Het dossier kon niet worden gemaakt door een fout in het programma; de gegevens zijn bewaard.")


def export_to_outbox(repository: Repository, meting: Meting, url: str) -> Path:
    """After afronden: the bundle of ``meting`` into the outbox beside the database at ``url``."""
    return export_meting(repository, meting, outbox_folder(url))
