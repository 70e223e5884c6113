"""Afsluiten: the professional closes an inwoner's traject with a reason (``board.traject``).

One use case for the screen (the inwoner's screen's "Traject afsluiten") and the command line
(``python3 main.py inwoner afsluiten --dossier NR --reden ...``): the rule is the board's, the
closing and its audit entry ("afgesloten") are stored in one transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from board.traject import Afsluiting, Afsluitreden, Traject, afsluiten, trajecten

if TYPE_CHECKING:
    from storage.repository import Repository


def sluit_traject(
    repository: Repository,
    inwoner_id: str,
    reden: Afsluitreden | str,
    datum: date | None = None,
    moment: datetime | None = None,
) -> Afsluiting:
    """Close the inwoner's open traject on ``datum`` (today) for ``reden``; a refusal is a
    ``UserError`` in plain Dutch and changes nothing."""
    moment = moment or datetime.now().replace(microsecond=0)
    datum = datum or moment.date()
    afsluiting = afsluiten(repository.history(inwoner_id), repository.afsluitingen(inwoner_id), datum, reden, moment)
    repository.sluit_traject(afsluiting)
    return afsluiting


def afsluitingen_van(repository: Repository, inwoner_id: str) -> list[Afsluiting]:
    """The inwoner's closed trajecten, oldest first."""
    return repository.afsluitingen(inwoner_id)


def trajecten_van(repository: Repository, inwoner_id: str) -> tuple[Traject, ...]:
    """The inwoner's trajecten, oldest first, each open or closed."""
    return trajecten(repository.history(inwoner_id), repository.afsluitingen(inwoner_id))
