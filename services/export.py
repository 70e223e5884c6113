"""Afronden and export: dossier bundles of afgeronde metingen into the outbox.

Joins storage (which metingen, noting them as exported) and the renderers (what is
written); the renderers themselves never import storage. ``export_meting`` is what the app
calls after afronden; ``python3 main.py export`` calls ``select`` and ``export_to``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from pathlib import Path

from board import Inwoner, Meting
from board.i18n import _
from exports.bundle import DEFAULT_TEAM_CONTACT, ExportError, Sealer, write_bundle
from storage.audit_anchor import manifest_anchor
from storage.outbox import outbox_folder, outbox_seal
from storage.repository import Repository

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


def export_metingen(
    items: Iterable[Item],
    out: Path,
    progress: Progress | None = None,
    team_contact: str = DEFAULT_TEAM_CONTACT,
    on_written: Callable[[Meting, Path], None] | None = None,
    anchor: Callable[[], Mapping[str, object]] | None = None,
    seal: Sealer | None = None,
) -> list[Path]:
    """Write the bundle of each (inwoner, meting, vorige meting) into ``out``.

    Stops at the first error (an ExportError with a Dutch message); the bundles written
    before it stay, complete, and exporting again skips them unchanged. ``on_written`` is
    called after each bundle is safely in place (storage notes it as exported); ``anchor``
    gives the audit log's head for each bundle's manifest; ``seal`` encrypts every file.
    """
    todo = list(items)
    folders: list[Path] = []
    for inwoner, meting, vorige in todo:
        head = anchor() if anchor is not None else None
        folders.append(write_bundle(out, inwoner, meting, vorige, team_contact=team_contact, anchor=head, seal=seal))
        if on_written is not None:
            on_written(meting, folders[-1])
        if progress is not None:
            progress(len(folders), len(todo), folders[-1])
    return folders


def export_to(
    repository: Repository,
    items: list[Item],
    out: Path,
    team_contact: str | None = None,
    progress: Progress | None = None,
) -> list[Path]:
    """Write the bundles, each manifest anchoring the audit log's head and every file sealed
    with the outbox key (``storage.outbox_crypto``), and note each meting as exported as soon
    as its bundle is in place."""
    return export_metingen(
        items,
        out,
        progress=progress,
        team_contact=team_contact or os.environ.get(TEAM_ENV) or DEFAULT_TEAM_CONTACT,
        on_written=lambda meting, _: repository.mark_exported(meting.id, datetime.now().replace(microsecond=0)),
        anchor=lambda: manifest_anchor(repository),
        seal=outbox_seal(repository),
    )


def export_meting(repository: Repository, meting: Meting, out: Path, team_contact: str | None = None) -> Path:
    """The bundle of one afgeronde meting (the app calls this after afronden, in a background thread)."""
    return export_to(repository, [with_context(repository, meting)], out, team_contact, progress=None)[0]


def export_to_outbox(repository: Repository, meting: Meting, url: str) -> Path:
    """After afronden: the bundle of ``meting`` into the outbox beside the database at ``url``."""
    return export_meting(repository, meting, outbox_folder(url))
