"""Which meting is due when a visit starts: the open concept exactly as it was; else a
vervolgmeting after the latest afgeronde meting; else the 0-meting (also when the inwoner's
traject was closed: a new 0-meting reopens, ``board.traject``). The screen that offers
the visit and the use case that opens it both ask this one rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from board.meting import Meting
from board.meting_waarden import MetingSoort
from board.traject import Afsluiting, nieuwe_nulmeting


class Stap(Enum):
    VERDER = "verder"  # carry on with the concept
    VERVOLGMETING = "vervolgmeting"  # a new vervolgmeting after ``laatste_afgerond``
    NULMETING = "nulmeting"  # the first meting, or the first of a new traject


@dataclass(frozen=True)
class VolgendeMeting:
    stap: Stap
    concept: Meting | None = None  # with VERDER
    laatste_afgerond: Meting | None = None  # with VERVOLGMETING (and VERDER, NULMETING after an afgeronde)


def volgende_meting(history: Sequence[Meting], afsluitingen: Iterable[Afsluiting] = ()) -> VolgendeMeting:
    """What a visit does next for an inwoner with these metingen (oldest first) and these
    closed trajecten."""
    concept = next((m for m in reversed(history) if not m.afgerond), None)
    afgerond = next((m for m in reversed(history) if m.afgerond), None)
    if concept is not None:
        return VolgendeMeting(Stap.VERDER, concept, afgerond)
    if afgerond is not None and nieuwe_nulmeting(history, afsluitingen):
        return VolgendeMeting(Stap.NULMETING, laatste_afgerond=afgerond)
    if afgerond is not None:
        return VolgendeMeting(Stap.VERVOLGMETING, laatste_afgerond=afgerond)
    return VolgendeMeting(Stap.NULMETING)


def kan_weggooien(meting: Meting) -> bool:
    """A meting that may be thrown away: a vervolgmeting still a concept (begun by mistake, or
    not to be finished); the afgeronde metingen are the dossier and a 0-meting begins a
    traject, so neither is ever thrown away here."""
    return not meting.afgerond and meting.soort is MetingSoort.VERVOLGMETING
