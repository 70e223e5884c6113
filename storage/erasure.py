"""Erasure (AVG art. 17) in the databases; ``services.inzage.erase_everywhere`` is the use case.

On the tablet: the inwoner and every meting (``Repository.erase_inwoner``: secure_delete,
WAL truncated); the use case also removes their bundles in the outbox and the visit marker
(``bezoek.json``) when it names them. Centrally: their monitor records, by pseudonym, at the next ``sync``; until then
the pseudonym waits on the tablet in the encrypted database (the queue below), and when
the central database has deleted them the tablet logs ``centraal_gewist`` and forgets the
pseudonym.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import sqlalchemy as sa

from board.monitor_1_record import keyed_hash
from storage import audit
from storage.repository import Repository
from storage.settings import MONITOR_KEY_SETTING

QUEUE_SETTING = "monitor_wisverzoeken"


@dataclass(frozen=True)
class Wisverzoek:
    inwoner_id: str  # the random id, as in the audit log
    pseudoniem: str  # HMAC of it under the gemeente's key: what the central database knows


def erase_queued(repository: Repository, inwoner_id: str) -> list[str]:
    """Erase the inwoner on the tablet now and queue the central erasure (undone when the
    erasure fails); returns the metingen's ids."""
    queued = _queue(repository, inwoner_id)
    try:
        return repository.erase_inwoner(inwoner_id)
    except BaseException:
        if queued:
            _drop(repository, inwoner_id)
        raise


def pending(repository: Repository) -> list[Wisverzoek]:
    raw = repository.get_instelling(QUEUE_SETTING)
    return [Wisverzoek(**item) for item in json.loads(raw)] if raw else []


def acknowledge(repository: Repository, verzoek: Wisverzoek) -> None:
    """The central database deleted the records: logged, and the pseudonym forgotten here."""
    repository.log(audit.CENTRAAL_GEWIST, verzoek.inwoner_id)
    _drop(repository, verzoek.inwoner_id)


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


def _queue(repository: Repository, inwoner_id: str) -> bool:
    key = repository.get_instelling(MONITOR_KEY_SETTING)
    if key is None:
        return False  # no monitor key: no record of anyone ever left this tablet
    verzoek = Wisverzoek(inwoner_id, keyed_hash(bytes.fromhex(key), "inwoner", inwoner_id))
    # Once per inwoner: an erasure killed after this and tried again queues no second request.
    _store(repository, [*(v for v in pending(repository) if v.inwoner_id != inwoner_id), verzoek])
    return True


def _drop(repository: Repository, inwoner_id: str) -> None:
    _store(repository, [v for v in pending(repository) if v.inwoner_id != inwoner_id])


def _store(repository: Repository, queue: list[Wisverzoek]) -> None:
    value = json.dumps([{"inwoner_id": v.inwoner_id, "pseudoniem": v.pseudoniem} for v in queue])
    repository.set_instelling(QUEUE_SETTING, value)
