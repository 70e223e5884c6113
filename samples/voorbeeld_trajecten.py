"""Afsluitingen for the demo sample (``samples.voorbeeld``): about two in five inwoners whose
metingen are all afgerond and who had at least one vervolgmeting have their traject closed,
some weeks after their last meting, for a reason from the list (mostly "doelen bereikt").

Deterministic: the same inwoner always gets the same closing (a random stream of its own,
seeded with the inwoner's id), so running the demo again adds nothing new.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from board.inwoner import Inwoner
from board.meting import Meting
from board.meting_waarden import MetingSoort
from board.traject import Afsluiting, Afsluitreden, afsluiten

GEWICHT = {
    Afsluitreden.DOELEN_BEREIKT: 8,
    Afsluitreden.OVERGEDRAGEN: 2,
    Afsluitreden.VERHUISD: 2,
    Afsluitreden.GESTOPT: 2,
    Afsluitreden.OVERLEDEN: 1,
    Afsluitreden.ANDERS: 1,
}


def voorbeeld_afsluiting(inwoner: Inwoner, history: Sequence[Meting], tot: date | None = None) -> Afsluiting | None:
    """The closing of this inwoner's traject in the sample, if it has one (never after ``tot``)."""
    rng = random.Random(f"afsluiting-{inwoner.id}")
    if rng.random() > 0.4 or not history or any(not m.afgerond for m in history):
        return None
    if not any(m.soort is MetingSoort.VERVOLGMETING for m in history):
        return None
    datum = history[-1].datum + timedelta(days=rng.randint(7, 60))
    if tot is not None and datum > tot:
        return None
    reden = rng.choices(list(GEWICHT), list(GEWICHT.values()))[0]
    return afsluiten(history, [], datum, reden, datetime.combine(datum, datetime.min.time()).replace(hour=12))
