"""Erasure (AVG art. 17) in the databases, carried out as ``board.wissen`` decides it;
``services.inzage.erase_everywhere`` is the use case.

On the tablet: the inwoner and every meting (``Repository.erase_inwoner``: secure_delete,
WAL truncated); the use case also removes their bundles in the outbox and the visit marker
(``bezoek.json``) when it names them. Centrally: their monitor records, by pseudonym, at
the next ``sync``; until then the ``Wisverzoek`` waits on the tablet in the encrypted
database (the queue below), and when the central database has deleted them the tablet
logs ``centraal_gewist`` and forgets the pseudonym.
"""

from __future__ import annotations

import json

import sqlalchemy as sa

from board.wissen import Wisverzoek, met_verzoek, zonder_verzoek
from storage import audit
from storage.repository import Repository
from storage.settings import MONITOR_KEY_SETTING, read_setting, write_setting

QUEUE_SETTING = "monitor_wisverzoeken"


def monitor_key(repository: Repository) -> bytes | None:
    """The gemeente's monitor key, when this tablet takes part in the monitor."""
    key = repository.get_instelling(MONITOR_KEY_SETTING)
    return None if key is None else bytes.fromhex(key)


def pending(repository: Repository) -> list[Wisverzoek]:
    return _parse(repository.get_instelling(QUEUE_SETTING))


def erase(repository: Repository, inwoner_id: str, verzoek: Wisverzoek | None) -> list[str]:
    """Erase the inwoner in the database and queue ``verzoek`` (their central erasure, when
    the tablet takes part in the monitor) in one transaction: both are committed or neither,
    so no erasure here goes unasked centrally and nothing is asked that did not happen here.
    Returns the metingen's ids."""

    def queue_in(conn: sa.Connection) -> None:
        assert verzoek is not None
        wachtrij = met_verzoek(_parse(read_setting(conn, QUEUE_SETTING)), verzoek)
        write_setting(conn, QUEUE_SETTING, _dump(wachtrij))

    return repository.erase_inwoner(inwoner_id, also=None if verzoek is None else queue_in)


def drop(repository: Repository, inwoner_id: str) -> None:
    _store(repository, zonder_verzoek(pending(repository), inwoner_id))


def acknowledge(repository: Repository, verzoek: Wisverzoek) -> None:
    """The central database deleted the records: logged, and the pseudonym forgotten here."""
    repository.log(audit.CENTRAAL_GEWIST, verzoek.inwoner_id)
    drop(repository, verzoek.inwoner_id)


def send(repository: Repository, engine: sa.Engine) -> int:
    """Apply every queued erasure on the central database (each in its own transaction,
    acknowledged only after its commit); returns how many were applied."""
    from storage.central_trust import apply_erasure

    done = 0
    for verzoek in pending(repository):
        with engine.begin() as connection:
            apply_erasure(connection, verzoek.pseudoniem)
        acknowledge(repository, verzoek)
        done += 1
    if done and engine.dialect.name == "sqlite":
        # secure_delete overwrote the rows in the write-ahead log; the database file itself
        # still holds the old pages until a checkpoint: now, not when the last connection closes.
        raw = engine.raw_connection()  # outside a transaction: a checkpoint cannot run inside one
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()
    return done


def _store(repository: Repository, wachtrij: list[Wisverzoek]) -> None:
    repository.set_instelling(QUEUE_SETTING, _dump(wachtrij))


def _parse(raw: str | None) -> list[Wisverzoek]:
    return [Wisverzoek(**item) for item in json.loads(raw)] if raw else []


def _dump(wachtrij: list[Wisverzoek]) -> str:
    return json.dumps([{"inwoner_id": v.inwoner_id, "pseudoniem": v.pseudoniem} for v in wachtrij])
