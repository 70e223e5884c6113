"""Which meting is due when a visit starts: the open concept exactly as it was; else a
vervolgmeting after the latest afgeronde meting; else the 0-meting (also when the inwoner's
traject was closed: a new 0-meting reopens, ``board.traject``). The screen that offers
the visit and the use case that opens it both ask this one rule."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

from board.i18n import _
from board.meting import Meting
from board.meting_waarden import MetingSoort
from board.traject import Afsluiting, huidig, nieuwe_nulmeting


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


def waarom_niet_afsluiten(volgende: VolgendeMeting) -> str:
    """Why the traject cannot be closed now, said beside the greyed "Traject afsluiten"; ""
    when it can: an open traject whose metingen are all afgerond (a concept is finished, or
    thrown away, first)."""
    if volgende.stap is Stap.VERVOLGMETING:
        return ""
    if volgende.stap is Stap.VERDER:
        return _("Kan pas als de meting die nog niet af is, is afgerond of weggegooid.")
    if volgende.laatste_afgerond is not None:
        return _("Dit traject is al afgesloten.")
    return _("Kan pas na de eerste afgeronde 0-meting.")


def kan_weggooien(meting: Meting, history: Sequence[Meting] = (), afsluitingen: Iterable[Afsluiting] = ()) -> bool:
    """A meting that may be thrown away (begun by mistake, or not to be finished), given the
    inwoner's metingen (``history``, with ``meting`` or without) and closed trajecten:

    - a vervolgmeting still a concept;
    - a 0-meting still a concept that opens a new traject after a closed one, with nothing
      after it (its traject is this concept alone). Thrown away, the old traject is as it
      was: closed, with its afsluiting; no traject is reopened or closed by it.

    Never an afgeronde meting (the dossier), nor the inwoner's first 0-meting (it begins
    their first traject; an inwoner added by mistake is erased, with the AVG's rules)."""
    if meting.afgerond:
        return False
    if meting.soort is MetingSoort.VERVOLGMETING:
        return True
    eerder = [m for m in history if m.id != meting.id]
    if any(m.volgnummer > meting.volgnummer for m in eerder):
        return False
    vorig = huidig([m for m in eerder if m.volgnummer < meting.volgnummer], afsluitingen)
    return vorig is not None and not vorig.open
