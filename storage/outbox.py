"""The outbox: bundles for the dossier wait here, inside the user data folder only, until they
are marked delivered; then the tablet's copy goes. Retention removes afgeronde metingen whose
bundle was delivered more than ``RETENTION_DAYS`` ago (at app start and by command).

``python main.py outbox delivered MAP...`` and ``python main.py outbox opruimen [--dagen N]``.
"""

from __future__ import annotations

import argparse
import os
import shutil
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from board.i18n import _, ngettext
from storage.engine import is_sqlite, resolve_url, sqlite_path
from storage.errors import StorageError
from storage.paths import data_dir
from storage.permissions import private_dir
from storage.repository import Repository
from storage.unlock import with_repository

OUTBOX = "outbox"
RETENTION_DAYS = 90
RETENTION_ENV = "MAGNEETBORD_BEWAARTERMIJN_DAGEN"


def outbox_folder(url: str) -> Path:
    """The outbox beside the database file (so in the user data folder by default), made when needed."""
    path = sqlite_path(url) if is_sqlite(url) else None
    base = Path(path).parent if path else data_dir()
    folder = base / OUTBOX
    private_dir(folder)
    return folder


def bundle_folders(outbox: Path, meting_id: str) -> list[Path]:
    """The bundle of a meting (``<datum>_<meting id>``) and any half-written copies of it."""
    return sorted(p for p in outbox.iterdir() if p.is_dir() and meting_id in p.name)


def remove_bundles(outbox: Path, meting_ids: Iterable[str]) -> int:
    removed = 0
    for meting_id in meting_ids:
        for folder in bundle_folders(outbox, meting_id):
            shutil.rmtree(folder)
            removed += 1
    return removed


def meting_id_of(folder: str | Path) -> str:
    """``2026-03-01_<meting id>`` -> the meting id."""
    name = Path(folder).name
    if "_" not in name:
        raise StorageError(_("{name} is geen map uit de outbox (verwacht: datum_kenmerk).").format(name=name))
    return name.split("_", 1)[1]


def mark_delivered(repository: Repository, outbox: Path, folder: str | Path, now: datetime | None = None) -> None:
    """The bundle reached the dossier: note it, then remove the tablet's copy."""
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
    cutoff = (now or datetime.now(UTC)) - timedelta(days=days)
    expired = repository.expired(cutoff)
    for meting_id in expired:
        repository.remove_expired(meting_id)
        remove_bundles(outbox, [meting_id])
    return len(expired)


# ----- the command line ---------------------------------------------------------------------


def run_delivered(args: argparse.Namespace, repository: Repository) -> int:
    outbox = outbox_folder(resolve_url(args.db))
    for folder in args.mappen:
        mark_delivered(repository, outbox, folder)
        print(_("Afgeleverd en van de tablet verwijderd: {map}").format(map=Path(folder).name))
    return 0


def run_retention(args: argparse.Namespace, repository: Repository) -> int:
    count = apply_retention(repository, outbox_folder(resolve_url(args.db)), args.dagen)
    print(
        ngettext(
            "Bewaartermijn toegepast: {count} meting verwijderd.",
            "Bewaartermijn toegepast: {count} metingen verwijderd.",
            count,
        ).format(count=count)
    )
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("outbox", help="de exports die op weg zijn naar het dossier")
    commands = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", required=True)
    delivered = commands.add_parser("delivered", help="een export is in het dossier: haal hem van de tablet")
    delivered.add_argument("mappen", nargs="+", metavar="MAP", help="de map(pen) in de outbox")
    delivered.set_defaults(func=with_repository(run_delivered))
    retention = commands.add_parser(
        "opruimen", help="verwijder afgeronde metingen die langer dan de bewaartermijn geleden zijn afgeleverd"
    )
    retention.add_argument(
        "--dagen",
        type=int,
        default=None,
        help=f"de bewaartermijn in dagen (standaard {RETENTION_DAYS}, of {RETENTION_ENV})",
    )
    retention.set_defaults(func=with_repository(run_retention))
