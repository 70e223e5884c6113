"""Counting monitor records per wijk: the aggregates that the figures are built from.

``tel`` is the Python way to count; a central database can produce the same ``Tellingen``
with GROUP BY queries (one row per (tabel, wijk, rij, kolom) with a count and a count of
distinct inwoners, and value histograms for the medians), and the figures do not care
which way the counts came.

Rules that keep the counts additive (so the gemeente is exactly the sum of its wijken):
- in a period each inwoner belongs to one wijk: that of their latest record in the period;
- records are deduplicated on record id; records of another leefgebiedenset are left out;
- a change compares the inwoner's 0-meting (from any earlier date) with their latest
  vervolgmeting in the period (or in the quarter, for the trend).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from board.errors import BoardError
from board.i18n import _
from board.leefgebieden import DEFAULT_SET
from board.meting import MetingSoort
from board.monitor_1_record import MonitorRecord
from board.vergelijking import richting

TelKey = tuple[str, str, str, str]  # (tabel, wijk, rij, kolom)
ALLE = "alle"  # the one row of a table that has no rows of its own
BINS = 5  # positions at the 0-meting in fifths of the bar

_MAAND = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Periode:
    """Whole months from ``van`` to ``tot``, both included ("2026-01" .. "2026-12")."""

    van: str
    tot: str

    def __post_init__(self) -> None:
        if not (_MAAND.match(self.van) and _MAAND.match(self.tot)):
            raise BoardError(_("Een periode loopt van maand tot maand, geschreven als 2026-01."))
        if self.van > self.tot:
            raise BoardError(_("Het begin van de periode ligt na het einde."))

    def bevat(self, maand: str) -> bool:
        return self.van <= maand <= self.tot

    @property
    def kwartalen(self) -> tuple[str, ...]:
        first, last = kwartaal(self.van), kwartaal(self.tot)
        year, q = int(first[:4]), int(first[-1])
        result = []
        while (label := f"{year} K{q}") <= last:
            result.append(label)
            year, q = (year + 1, 1) if q == 4 else (year, q + 1)
        return tuple(result)

    @property
    def label(self) -> str:
        return self.van if self.van == self.tot else f"{self.van} t/m {self.tot}"


def kwartaal(maand: str) -> str:
    """'2026-05' -> '2026 K2'."""
    return f"{maand[:4]} K{(int(maand[5:7]) - 1) // 3 + 1}"


def positie_bin(positie: float) -> str:
    """'1' (the sad fifth of the bar) .. '5' (the happy fifth); 1.0 belongs to the last."""
    return str(min(BINS, int(positie * BINS) + 1))


@dataclass
class Tellingen:
    """Per-wijk counts: (value, distinct inwoners) per cell, and value histograms."""

    periode: Periode
    set_naam: str
    wijken: tuple[str, ...] = ()
    kwartalen: tuple[str, ...] = ()
    aantallen: dict[TelKey, tuple[int, int]] = field(default_factory=dict)
    verdelingen: dict[TelKey, Counter[float]] = field(default_factory=dict)


class _Teller:
    """Counts one inwoner at a time, so each cell also knows how many inwoners it holds."""

    def __init__(self) -> None:
        self.waarden: Counter[TelKey] = Counter()
        self.inwoners: Counter[TelKey] = Counter()
        self.verdelingen: dict[TelKey, Counter[float]] = defaultdict(Counter)
        self._touched: set[TelKey] = set()

    def volgende_inwoner(self) -> None:
        self.inwoners.update(self._touched)
        self._touched = set()

    def add(self, key: TelKey, n: int = 1) -> None:
        self.waarden[key] += n
        self._touched.add(key)

    def waarde(self, key: TelKey, value: float) -> None:
        self.verdelingen[key][value] += 1


def tel(records: Iterable[MonitorRecord], periode: Periode, set_naam: str = DEFAULT_SET) -> Tellingen:
    per_inwoner: dict[str, dict[str, MonitorRecord]] = defaultdict(dict)
    for record in records:
        if record.set_naam == set_naam:
            per_inwoner[record.pseudoniem][record.record_id] = record
    teller, wijken = _Teller(), set()
    for history in per_inwoner.values():
        # record_id breaks ties, so the result does not depend on the order records came in
        ordered = sorted(history.values(), key=lambda r: (r.volgnummer, r.maand, r.record_id))
        if _tel_inwoner(teller, ordered, periode):
            wijken.add([r for r in ordered if periode.bevat(r.maand)][-1].wijk)
        teller.volgende_inwoner()
    return Tellingen(
        periode=periode,
        set_naam=set_naam,
        wijken=tuple(sorted(wijken)),
        kwartalen=periode.kwartalen,
        aantallen={k: (v, teller.inwoners[k]) for k, v in teller.waarden.items()},
        verdelingen=dict(teller.verdelingen),
    )


def _tel_inwoner(t: _Teller, history: list[MonitorRecord], periode: Periode) -> bool:
    in_periode = [r for r in history if periode.bevat(r.maand)]
    if not in_periode:
        return False
    laatste, wijk = in_periode[-1], in_periode[-1].wijk
    nul = next((r for r in history if r.soort is MetingSoort.NULMETING), None)

    t.add(("overzicht", wijk, ALLE, "inwoners"))
    for record in in_periode:
        t.add(("overzicht", wijk, ALLE, "metingen"))
        t.add(("overzicht", wijk, ALLE, record.soort.value))
        for doel in record.doelen:
            if doel.evaluatie is not None:
                t.add(("doelen", wijk, doel.leefgebied, doel.evaluatie.value))
                t.add(("doelen", wijk, doel.leefgebied, "totaal"))

    for score in laatste.leefgebieden:
        t.add(("gekozen", wijk, score.leefgebied, "gekozen"))
        t.waarde(("gekozen", wijk, score.leefgebied, "rang"), score.rang)

    if nul is not None and periode.bevat(nul.maand):
        for score in nul.leefgebieden:
            t.add(("posities", wijk, score.leefgebied, positie_bin(score.positie)))
            t.add(("posities", wijk, score.leefgebied, "totaal"))

    vervolg = [r for r in in_periode if r.soort is MetingSoort.VERVOLGMETING]
    if nul is not None and vervolg:
        _verandering(t, "verandering", wijk, nul, vervolg[-1])
        if nul.rapportcijfer is not None and vervolg[-1].rapportcijfer is not None:
            oud, nieuw = nul.rapportcijfer, vervolg[-1].rapportcijfer
            t.add(("rapportcijfer", wijk, ALLE, "inwoners"))
            t.add(("rapportcijfer", wijk, ALLE, "hoger" if nieuw > oud else "lager" if nieuw < oud else "gelijk"))
            t.waarde(("rapportcijfer", wijk, ALLE, "cijfer_0"), oud)
            t.waarde(("rapportcijfer", wijk, ALLE, "cijfer_laatst"), nieuw)
            t.waarde(("rapportcijfer", wijk, ALLE, "verschil"), nieuw - oud)

    for q in periode.kwartalen:
        in_kwartaal = [r for r in in_periode if kwartaal(r.maand) == q]
        if not in_kwartaal:
            continue
        t.add(("trend", wijk, q, "inwoners"))
        t.add(("trend", wijk, q, "metingen"), len(in_kwartaal))
        met_cijfer = [r.rapportcijfer for r in in_kwartaal if r.rapportcijfer is not None]
        if met_cijfer:
            t.waarde(("trend", wijk, q, "cijfer"), met_cijfer[-1])
        vervolg_q = [r for r in in_kwartaal if r.soort is MetingSoort.VERVOLGMETING]
        if nul is not None and vervolg_q:
            _verandering(t, "trend", wijk, nul, vervolg_q[-1], rij=q)
    return True


def _verandering(
    t: _Teller, tabel: str, wijk: str, nul: MonitorRecord, later: MonitorRecord, rij: str | None = None
) -> None:
    """Per leefgebied on both boards: better, the same or worse (the app's own threshold)."""
    for score in later.leefgebieden:
        before = nul.score(score.leefgebied)
        if before is None:
            continue
        r = rij or score.leefgebied
        t.add((tabel, wijk, r, richting(before.positie, score.positie).value))
        t.add((tabel, wijk, r, "totaal"))
        if rij is None:
            t.waarde((tabel, wijk, r, "verschil"), round(score.positie - before.positie, 3))
