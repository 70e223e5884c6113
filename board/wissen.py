"""The erasure rule (AVG art. 17): what goes when an inwoner asks to be erased.

Everything, without exception: the inwoner, every meting (and with them their doelen,
acties and fiches), every bundle of those metingen waiting in the outbox, and the visit
marker when it names the inwoner or one of those metingen. The audit log keeps only that
it happened, with the inwoner's random id. When the tablet takes part in the gemeente's
monitor (it holds the gemeente's key), their monitor records may be in a central database:
a ``Wisverzoek`` then names them there by pseudonym, and waits until that database has
deleted them. Without the key no record of anyone ever left the tablet: nothing to ask.

``storage`` carries out what this decides; ``services.inzage.erase_everywhere`` is the use case.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from board.monitor_1_record import keyed_hash


@dataclass(frozen=True)
class Wisverzoek:
    """The central erasure of one inwoner's monitor records, waiting for the next sync."""

    inwoner_id: str  # the random id, as in the audit log
    pseudoniem: str  # HMAC of it under the gemeente's key: what the central database knows


def wisverzoek(inwoner_id: str, monitor_key: bytes | None) -> Wisverzoek | None:
    """The central erasure an erasure needs: None on a tablet outside the monitor."""
    if monitor_key is None:
        return None
    return Wisverzoek(inwoner_id, keyed_hash(monitor_key, "inwoner", inwoner_id))


def met_verzoek(wachtrij: Iterable[Wisverzoek], verzoek: Wisverzoek) -> list[Wisverzoek]:
    """The queue with ``verzoek`` added (once per inwoner)."""
    return [*zonder_verzoek(wachtrij, verzoek.inwoner_id), verzoek]


def zonder_verzoek(wachtrij: Iterable[Wisverzoek], inwoner_id: str) -> list[Wisverzoek]:
    """The queue without the inwoner's request (applied centrally, or the erasure failed)."""
    return [v for v in wachtrij if v.inwoner_id != inwoner_id]


def marker_gaat(inwoner_id: str, meting_ids: Iterable[str], bezoek_inwoner: str, bezoek_meting: str) -> bool:
    """Whether the visit marker (the board open for an inwoner) goes with the erasure."""
    return bezoek_inwoner == inwoner_id or bezoek_meting in set(meting_ids)
