"""The outbox's use cases: a bundle reached the dossier (``mark_delivered``), the
retention period (``apply_retention``: at app start and by command), the overview with each
bundle's state (``overview``) and plain copies for a manual delivery (``export_plain``).
Sending through the ZGW Documenten API is ``services.zgw_send``."""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from board.bewaartermijn import BEWAARTERMIJN_DAGEN, grens
from board.i18n import _
from board.zgw import UploadStatus
from storage.errors import StorageError
from storage.outbox import meting_id_of, outbox_folder, outbox_seal, remove_bundles
from storage.permissions import private_dir, write_atomically
from storage.repository import Repository
from storage.urls import resolve_url

RETENTION_DAYS = BEWAARTERMIJN_DAGEN
RETENTION_ENV = "MAGNEETBORD_BEWAARTERMIJN_DAGEN"


def outbox_for(db: str | None) -> Path:
    """The outbox of the database ``db`` (a URL, or None for the default database)."""
    return outbox_folder(resolve_url(db))


def mark_delivered(repository: Repository, outbox: Path, folder: str | Path, now: datetime | None = None) -> None:
    """The bundle reached the dossier: note it, then remove the tablet's copy. A bundle that
    is neither at ``folder`` nor in the outbox is refused (a typo, or delivered before): that it
    is not there is said first, whatever its name."""
    if not (Path(folder).is_dir() or (outbox / Path(folder).name).is_dir()):
        raise StorageError(
            _("De map {map} is er niet (ook niet in de outbox {outbox}); er is niets afgeleverd.").format(
                map=folder, outbox=outbox
            )
        )
    meting_id = meting_id_of(folder)
    repository.mark_delivered(meting_id, now or datetime.now(UTC))
    remove_bundles(outbox, [meting_id])


def retention_days() -> int:
    value = os.environ.get(RETENTION_ENV)
    if value is None:
        return RETENTION_DAYS
    if not value.isdigit():
        raise StorageError(
            _("{env} moet een aantal dagen zijn, niet '{value}'.").format(env=RETENTION_ENV, value=value)
        )
    return int(value)


def apply_retention(repository: Repository, outbox: Path, days: int | None = None, now: datetime | None = None) -> int:
    """Remove every meting the retention rule says must go (and any bundle of it); how many went."""
    days = retention_days() if days is None else days
    cutoff = grens(now or datetime.now(UTC), days)
    expired = repository.expired(cutoff)
    for meting_id in expired:
        repository.remove_expired(meting_id)
        remove_bundles(outbox, [meting_id])
    remove_orphan_bundles(repository, outbox)
    return len(expired)


def remove_orphan_bundles(repository: Repository, outbox: Path) -> int:
    """Finish an erasure or a removal that was stopped (a kill, a flat battery) after the
    database let the metingen go and before their bundles went: a bundle whose meting the
    database no longer holds is removed. Bundles are only made from metingen in the
    database, so such a bundle has no other reason to be there. Half-written copies
    (``.<name>...``) are the exporter's to clean up. Returns how many went."""
    if not outbox.is_dir():
        return 0
    folders = {p.name: meting_id_of(p) for p in outbox.iterdir() if p.is_dir() and "_" in p.name and p.name[0] != "."}
    present = repository.metingen_present(sorted(set(folders.values()))) if folders else set()
    return remove_bundles(outbox, sorted({m for m in folders.values() if m not in present}))


@dataclass(frozen=True)
class BundelStand:
    """One bundle as ``outbox list`` shows it."""

    map: str | None  # the folder in the outbox; None once delivered (the copy is gone)
    meting_id: str
    dossiernummer: str
    soort: str
    datum: str
    status: UploadStatus
    reden: str | None


def overview(repository: Repository, outbox: Path) -> list[BundelStand]:
    """Every bundle in the outbox and every delivered one, with its state, by date."""
    folders = {meting_id_of(p): p.name for p in outbox.iterdir() if p.is_dir() and not p.name.startswith(".")}
    found = []
    for item in repository.uitgaand():
        folder = folders.pop(item.meting_id, None)
        if folder is not None:
            status = item.status if item.status not in (None, UploadStatus.AFGELEVERD) else UploadStatus.WACHT
        elif item.delivered_at is not None:
            status = UploadStatus.AFGELEVERD
        else:
            continue  # exported to another folder (export --out): not the outbox's business
        reden = item.reden if status == UploadStatus.MISLUKT else None
        found.append(BundelStand(folder, item.meting_id, item.dossiernummer, item.soort, item.datum, status, reden))
    return found


def export_plain(repository: Repository, outbox: Path, target: Path) -> list[Path]:
    """Plain copies of the bundles in the outbox in ``target`` (for a manual delivery), each
    checked against its manifest first and each noted in the audit log. An empty outbox
    copies nothing and makes no ``target``."""
    from exports.bundle import read_bundle  # the renderers (ReportLab, Pillow): not on the kiosk's way to the board

    folders = sorted(p for p in outbox.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        return []  # nothing to copy: no empty target folder either
    seal = outbox_seal(repository)
    private_dir(target)
    written = []
    for folder in folders:
        files = read_bundle(folder, seal)
        copy = target / folder.name
        private_dir(copy)
        for name, data in files.items():
            write_atomically(copy / name, data)
        repository.note_plain_copy(meting_id_of(folder))
        written.append(copy)
    return written


def waiting_count(url: str) -> int:
    """How many bundles wait in the outbox of the database at ``url`` (a folder listing only)."""
    outbox = outbox_folder(url)
    return sum(1 for p in outbox.iterdir() if p.is_dir() and not p.name.startswith("."))
