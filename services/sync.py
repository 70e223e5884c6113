"""Sync: send the tablet's waiting monitor records to the gemeente (``python3 main.py sync --to URL``).

Idempotent and resumable: records go in batches, each batch one transaction on the
central database (a record already there is skipped, see ``central.store_records``), and
only after that commit does the tablet note them as sent. A connection that breaks
half-way loses nothing: the batches before it are there and noted, the rest wait on the
tablet, and a batch that did arrive but was not noted yet is skipped next time.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError, IntegrityError

from board.i18n import _, ngettext
from board.redenen import technical
from services.monitor import afsluiting_records_of, waiting_records
from storage import audit_anchor, erasure
from storage.central import CentralUnreachableError, centrale_id, describe, open_central, store_records
from storage.central_trajecten import store_afsluitingen
from storage.errors import StorageError
from storage.repository import Repository
from storage.urls import missing_sqlite_file

BATCH = 200
log = logging.getLogger(__name__)  # error codes only
LAST_CENTRAL_SETTING = "monitor_laatste_centrale"

Progress = Callable[[int, int], None]


class SyncError(StorageError):
    """Sending stopped; the message says (in Dutch) what arrived and what still waits."""


@dataclass(frozen=True)
class SyncResult:
    total: int  # records that were waiting
    new: int  # stored as new by the central database
    already: int  # the central database had them already (an earlier, broken sync)
    central: str = ""  # the central database, for messages (no password)
    erased: int = 0  # erasures of inwoners the central database applied
    created: str | None = None  # the central SQLite file this sync made (it did not exist)


def _bewaard(n: int) -> str:
    """What happens to the records that did not go: how many, and that they are kept."""
    if n == 0:
        return _("Er wachtten geen records om te verzenden, dus er is niets verloren.")
    return ngettext(
        "{n} record is nog niet verzonden. Het blijft bewaard op de tablet en gaat mee met de volgende sync.",
        "{n} records zijn nog niet verzonden. Ze blijven bewaard op de tablet en gaan mee met de volgende sync.",
        n,
    ).format(n=n)


def sync(repository: Repository, url: str, batch_size: int = BATCH, progress: Progress | None = None) -> SyncResult:
    """Send every record that the central database at ``url`` has not confirmed yet."""
    created = missing_sqlite_file(url)  # a new central SQLite file: made here, and said
    try:
        engine = open_central(url)
    except CentralUnreachableError as exc:
        last = repository.get_instelling(LAST_CENTRAL_SETTING)
        waiting = len(repository.afgeronde_metingen(not_sent_to=last or ""))
        raise SyncError(f"{exc} {_bewaard(waiting)}") from exc
    try:
        cid = centrale_id(engine)
        repository.set_instelling(LAST_CENTRAL_SETTING, cid)
        erased = erasure.send(repository, engine)  # first: nothing of an erased inwoner stays
        todo = waiting_records(repository, cid)
        done = new = 0
        if progress is not None and todo:
            progress(0, len(todo))
        with engine.connect() as connection:
            for start in range(0, len(todo), batch_size):
                batch = todo[start : start + batch_size]
                try:
                    with connection.begin():
                        new += store_records(connection, [record for _meting, record in batch])
                except IntegrityError as exc:
                    log.warning("central database refused records (%s)", technical(exc))
                    raise SyncError(
                        _(
                            "De centrale database weigerde records (ze passen niet bij wat daar al staat). "
                            "{done} van {total} zijn verzonden."
                        ).format(done=done, total=len(todo)) + " " + _bewaard(len(todo) - done)
                    ) from exc
                except DBAPIError as exc:
                    raise SyncError(
                        _(
                            "De verbinding met de centrale database {database} viel weg na {done} van "
                            "{total} records. Er is niets dubbel verzonden."
                        ).format(database=describe(url), done=done, total=len(todo)) + " " + _bewaard(len(todo) - done)
                    ) from exc
                # Noted only now that the central database has committed the batch.
                repository.mark_monitor_sent(cid, [(m, r.record_id) for m, r in batch], datetime.now(UTC))
                done += len(batch)
                if progress is not None:
                    progress(done, len(todo))
        _send_afsluitingen(repository, engine, cid)  # after the records: their trajecten exist then
        audit_anchor.send_anchor(repository, engine, cid)  # last: the head covers this sync too
        return SyncResult(
            total=len(todo), new=new, already=len(todo) - new, central=describe(url), erased=erased, created=created
        )
    finally:
        engine.dispose()


def _send_afsluitingen(repository: Repository, engine: sa.Engine, cid: str) -> int:
    """The afsluitingen the central database does not have yet, in one transaction, noted after its commit."""
    todo = repository.afsluitingen_niet_verzonden(cid)
    if not todo:
        return 0
    records = afsluiting_records_of(repository, todo)
    try:
        with engine.begin() as connection:
            new = store_afsluitingen(connection, records)
    except DBAPIError as exc:
        raise SyncError(
            _("De afsluitingen van trajecten konden niet worden verzonden ({fout}); ze wachten op de tablet.").format(
                fout=exc.orig)
        ) from exc
    repository.mark_afsluitingen_sent(cid, todo, datetime.now(UTC))
    return new
