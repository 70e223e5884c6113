"""Comparing two metingen of one inwoner: what got better, what got worse, at a glance."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from board.errors import BoardError
from board.meting import Evaluatie, Meting, Perspectief

# A change smaller than this share of the bar counts as "gelijk". One twentieth of the
# bar is about the width of a fiche on a tablet: a smaller shift is where the finger
# happened to land, not a different answer.
GELIJK_DREMPEL = 0.05


class Richting(StrEnum):
    BETER = "beter"
    GELIJK = "gelijk"
    SLECHTER = "slechter"


@dataclass(frozen=True)
class LeefgebiedVergelijking:
    leefgebied: str
    oud: float
    nieuw: float

    @property
    def verschil(self) -> float:
        return self.nieuw - self.oud

    @property
    def richting(self) -> Richting:
        return richting(self.oud, self.nieuw)


@dataclass(frozen=True)
class Vergelijking:
    oud: Meting
    nieuw: Meting
    leefgebieden: tuple[LeefgebiedVergelijking, ...]  # in the new meting's priority order
    toegevoegd: tuple[str, ...]
    vervallen: tuple[str, ...]
    evaluaties: tuple[tuple[str, Evaluatie], ...]  # (doel id, evaluatie) of the carried doelen

    def count(self, which: Richting) -> int:
        return sum(1 for lg in self.leefgebieden if lg.richting is which)

    def count_evaluatie(self, which: Evaluatie) -> int:
        return sum(1 for _, evaluatie in self.evaluaties if evaluatie is which)

    @property
    def zin(self) -> str:
        """One plain Dutch sentence that says it at a glance."""
        parts: list[str] = []
        total = len(self.leefgebieden)
        if total:
            beter, slechter = self.count(Richting.BETER), self.count(Richting.SLECHTER)
            woord = "leefgebied" if total == 1 else "leefgebieden"
            if beter == 0 and slechter == 0:
                parts.append(f"Op {_aantal(total, woord)} is het ongeveer gelijk gebleven")
            else:
                zin = f"Op {beter} van de {total} {woord} gaat het beter"
                if slechter:
                    zin += f", op {slechter} slechter"
                parts.append(zin)
        telt = [e for _, e in self.evaluaties if e is not Evaluatie.VERVALLEN]
        if telt:
            parts.append(_doelen_zin(len(telt), self.count_evaluatie(Evaluatie.BEHAALD),
                                     self.count_evaluatie(Evaluatie.DEELS_BEHAALD)))
        if not parts:
            return "Er is nog niets om te vergelijken."
        sentence = "; ".join(parts) + "."
        return sentence[0].upper() + sentence[1:]


def richting(oud: float, nieuw: float) -> Richting:
    # Rounded first: 0.25 - 0.20 is 0.04999999999999999 in floats, and a shift of exactly
    # the threshold must count the same wherever it lies on the bar (and in SQL).
    verschil = round(nieuw - oud, 9)
    if verschil >= GELIJK_DREMPEL:
        return Richting.BETER
    if -verschil >= GELIJK_DREMPEL:
        return Richting.SLECHTER
    return Richting.GELIJK


def vergelijk(oud: Meting, nieuw: Meting, perspectief: Perspectief = Perspectief.INWONER) -> Vergelijking:
    """Compare an earlier and a later meting of the same inwoner."""
    if oud.inwoner_id != nieuw.inwoner_id:
        raise BoardError("Alleen metingen van dezelfde inwoner kunnen worden vergeleken.")
    if (oud.datum, oud.volgnummer) > (nieuw.datum, nieuw.volgnummer):
        oud, nieuw = nieuw, oud
    rows = []
    for key in nieuw.gekozen:
        before, after = oud.positie(key, perspectief), nieuw.positie(key, perspectief)
        if before is not None and after is not None:
            rows.append(LeefgebiedVergelijking(key, before, after))
    oud_doelen = {d.id for d in oud.doelen}
    evaluaties = tuple(
        (d.id, d.evaluatie) for d in nieuw.doelen if d.id in oud_doelen and d.evaluatie is not None
    )
    return Vergelijking(
        oud=oud,
        nieuw=nieuw,
        leefgebieden=tuple(rows),
        toegevoegd=tuple(k for k in nieuw.gekozen if k not in oud.gekozen),
        vervallen=tuple(k for k in oud.gekozen if k not in nieuw.gekozen),
        evaluaties=evaluaties,
    )


def _doelen_zin(total: int, behaald: int, deels: int) -> str:
    """How the doelen went, in words: vervallen doelen do not count."""
    if total == 1:
        return "het doel is " + ("behaald" if behaald else "deels behaald" if deels else "nog niet behaald")
    if behaald:
        zin = f"{behaald} van de {total} doelen {'is' if behaald == 1 else 'zijn'} behaald"
        return zin + (f", {deels} deels" if deels else "")
    if deels:
        return f"{deels} van de {total} doelen {'is' if deels == 1 else 'zijn'} deels behaald"
    return f"geen van de {total} doelen is behaald"


def _aantal(n: int, woord: str) -> str:
    return f"het ene {woord}" if n == 1 else f"alle {n} {woord}"
