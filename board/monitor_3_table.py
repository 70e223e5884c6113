"""Figure tables as cells with the inwoners behind them, and the sums that tie cells together.

Every monitor figure is a cell keyed by (tabel, gebied, rij, kolom): gebied is a wijk, a wijkteam
(the sum of its wijken) or the whole gemeente. A cell is a count (``AANTAL``) or a statistic such as a median
(``STATISTIEK``) computed over the inwoners counted in its ``basis`` cell. A ``Som`` says
that one cell equals the sum of others (a row total, or the gemeente as the sum of its
wijken); disclosure control works on these cells and sums alone, whatever the table.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Generic, TypeVar

K = TypeVar("K")
CelKey = tuple[str, str, str, str]  # (tabel, gebied, rij, kolom)


class CelSoort(StrEnum):
    AANTAL = "aantal"
    STATISTIEK = "statistiek"


@dataclass(frozen=True)
class Cel:
    waarde: float | None  # a count, or a statistic (None: nothing to compute it from)
    inwoners: int  # distinct inwoners behind the figure
    soort: CelSoort = CelSoort.AANTAL
    basis: CelKey | None = None  # a statistic is shown only where this count cell is


@dataclass(frozen=True)
class Som(Generic[K]):
    """``totaal`` equals the sum of ``delen``: what a reader can subtract with."""

    totaal: K
    delen: tuple[K, ...]

    @property
    def cellen(self) -> tuple[K, ...]:
        return (self.totaal, *self.delen)


@dataclass(frozen=True)
class Tabel:
    naam: str  # also the CSV file name
    titel: str
    gebieden: tuple[str, ...]  # the wijken, then the gemeente
    rijen: tuple[str, ...]
    kolommen: tuple[str, ...]
    rij_labels: tuple[str, ...]
    kolom_labels: tuple[str, ...]
    toelichting: str = ""

    def key(self, gebied: str, rij: str, kolom: str) -> CelKey:
        return (self.naam, gebied, rij, kolom)


@dataclass(frozen=True)
class Figuren:
    tabellen: tuple[Tabel, ...]
    cellen: Mapping[CelKey, Cel]
    sommen: tuple[Som[CelKey], ...]
    gemeente: str  # the gebied that holds the whole gemeente
    wijkteams: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # team -> its wijken (with figures)

    @property
    def wijken(self) -> tuple[str, ...]:
        """The gebieden that are wijken (not a wijkteam, not the gemeente)."""
        return tuple(g for g in self.tabellen[0].gebieden if g != self.gemeente and g not in self.wijkteams)

    @property
    def gebieden(self) -> tuple[str, ...]:
        """Every gebied with figures: the gemeente, its wijken, its wijkteams (in that order)."""
        return (self.gemeente, *self.wijken, *self.wijkteams)

    def soort(self, gebied: str) -> str:
        """'wijk', 'wijkteam' or 'gemeente' (the CSV's last column)."""
        return "gemeente" if gebied == self.gemeente else "wijkteam" if gebied in self.wijkteams else "wijk"

    def tabel(self, naam: str) -> Tabel:
        for tabel in self.tabellen:
            if tabel.naam == naam:
                return tabel
        raise KeyError(naam)
