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
from storage.settings import MONITOR_KEY_SETTING

QUEUE_SETTING = "monitor_wisverzoeken"


def monitor_key(repository: Repository) -> bytes | None:
    """The gemeente's monitor key, when this tablet takes part in the monitor."""
    key = repository.get_instelling(MONITOR_KEY_SETTING)
    return None if key is None else bytes.fromhex(key)


def pending(repository: Repository) -> list[Wisverzoek]:
    raw = repository.get_instelling(QUEUE_SETTING)
    return [Wisverzoek(**item) for item in json.loads(raw)] if raw else []


def queue(repository: Repository, verzoek: Wisverzoek) -> None:
    _store(repository, met_verzoek(pending(repository), verzoek))


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
    return done


def _store(repository: Repository, wachtrij: list[Wisverzoek]) -> None:
    value = json.dumps([{"inwoner_id": v.inwoner_id, "pseudoniem": v.pseudoniem} for v in wachtrij])
    repository.set_instelling(QUEUE_SETTING, value)
