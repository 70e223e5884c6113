"""Locking and unlocking the tablet as audit events (NEN 7513: who, when, why).

The lock itself is the app's business; this module only writes the entries, in the same
hash-chained log as every other access. Before the first unlock no database is open (the
data key is not known yet), so a wrong PIN then is counted in the keyring only.
"""

from __future__ import annotations

import logging

from sqlalchemy.exc import DBAPIError

from storage import audit
from storage.engine import WRITE
from storage.errors import StorageError
from storage.repository import Repository

log = logging.getLogger(__name__)  # ids only

BY_HAND = audit.VERGRENDELD_HAND
IDLE = audit.VERGRENDELD_INACTIEF
PAUSE = audit.VERGRENDELD_PAUZE
REASONS = (BY_HAND, IDLE, PAUSE)


def locked(repository: Repository | None, reden: str) -> None:
    """The tablet locked for ``reden`` (one of ``REASONS``); the actor is who had it unlocked."""
    if reden not in REASONS:
        raise ValueError(f"unknown lock reason {reden!r}")
    if repository is not None:
        repository.drop_ready()  # what was made ready for a visit (storage.ready) does not outlive the lock
        _write(repository, reden, repository.actor, audit.GELUKT)


def unlocked(repository: Repository) -> None:
    """The professional now acting unlocked the tablet with their PIN."""
    _write(repository, audit.ONTGRENDELD, repository.actor, audit.GELUKT)


def colleague_added(repository: Repository | None) -> None:
    """The professional now acting added a colleague (who can then open every file)."""
    if repository is not None:
        _write(repository, audit.COLLEGA_TOEGEVOEGD, repository.actor, audit.GELUKT)


def wrong_pin(repository: Repository | None, professional_id: str) -> None:
    """A wrong PIN for ``professional_id`` at the lock screen, once the database is open."""
    if repository is not None:
        _write(repository, audit.ONTGRENDELD, professional_id, audit.MISLUKT)


def _write(repository: Repository, actie: str, professional_id: str | None, resultaat: str) -> None:
    repository.settle()  # after what is queued (the storage worker): the log keeps the order of events
    try:
        with repository.engine.connect() as conn:
            conn.execution_options(**WRITE)
            with conn.begin():
                audit.append(conn, actie, professional_id, None, resultaat)
    except (DBAPIError, StorageError):
        # Locking must never fail because the log could not be written (a full disk).
        log.warning("audit entry %s could not be written", actie)
