"""The outbox's use cases: a bundle reached the dossier (``mark_delivered``), and the
retention period (``apply_retention``: at app start and by command)."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from board.bewaartermijn import BEWAARTERMIJN_DAGEN, grens
from board.i18n import _
from storage.errors import StorageError
from storage.outbox import meting_id_of, outbox_folder, remove_bundles
from storage.repository import Repository
from storage.urls import resolve_url

RETENTION_DAYS = BEWAARTERMIJN_DAGEN
RETENTION_ENV = "MAGNEETBORD_BEWAARTERMIJN_DAGEN"


def outbox_for(db: str | None) -> Path:
    """The outbox of the database ``db`` (a URL, or None for the default database)."""
    return outbox_folder(resolve_url(db))


def mark_delivered(repository: Repository, outbox: Path, folder: str | Path, now: datetime | None = None) -> None:
    """The bundle reached the dossier: note it, then remove the tablet's copy. A bundle that
    is neither at ``folder`` nor in the outbox is refused (a typo, or delivered before)."""
    meting_id = meting_id_of(folder)
    if not (Path(folder).is_dir() or (outbox / Path(folder).name).is_dir()):
        raise StorageError(
            _("De map {map} is er niet (ook niet in de outbox {outbox}); er is niets afgeleverd.").format(
                map=folder, outbox=outbox
            )
        )
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
