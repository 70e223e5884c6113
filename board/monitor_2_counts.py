"""Counting monitor records per wijk: the aggregates that the figures are built from.

``tel`` is the Python way to count; a central database can produce the same ``Tellingen``
with GROUP BY queries (one row per (tabel, wijk, rij, kolom) with a count and a count of
distinct inwoners, and value histograms for the medians), and the figures do not care
which way the counts came.

Rules that keep the counts additive (so the gemeente is exactly the sum of its wijken):
- in a period each inwoner belongs to one wijk: that of their latest record in the period;
- records are deduplicated on record id; records of another leefgebiedenset are left out;
- a change compares the inwoner's latest meting in the period (or in the quarter, for the
  trend), when that is a vervolgmeting, with the 0-meting of its traject (from any earlier date);
- a doel counts once, in the month it ends (``monitor_2_trajecten.doel_uitkomsten``).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from board.errors import BoardError
from board.i18n import _
from board.leefgebieden import DEFAULT_SET
from board.meting_waarden import MetingSoort
from board.monitor_1_record import AfsluitingRecord, MonitorRecord
from board.monitor_2_trajecten import EINDIGT, doel_uitkomsten, feiten, traject_tellingen
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
        for maand in (self.van, self.tot):
            if not _MAAND.match(maand):  # the wrong one named: "2025-13", not a rule about periods
                raise BoardError(_("{maand} is geen maand: gebruik JJJJ-MM, bijvoorbeeld 2025-03.").format(maand=maand))
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


def tel(
    records: Iterable[MonitorRecord],
    periode: Periode,
    set_naam: str = DEFAULT_SET,
    afsluitingen: Iterable[AfsluitingRecord] = (),
) -> Tellingen:
    per_inwoner: dict[str, dict[str, MonitorRecord]] = defaultdict(dict)
    for record in records:
        if record.set_naam == set_naam:
            per_inwoner[record.pseudoniem][record.record_id] = record
    einden: dict[str, dict[int, AfsluitingRecord]] = defaultdict(dict)
    for einde in afsluitingen:
        if einde.pseudoniem in per_inwoner:  # an inwoner of this leefgebiedenset
            einden[einde.pseudoniem][einde.traject] = einde
    teller, wijken = _Teller(), set()
    for pseudoniem, history in per_inwoner.items():
        # record_id breaks ties, so the result does not depend on the order records came in
        ordered = sorted(history.values(), key=lambda r: (r.traject, r.volgnummer, r.maand, r.record_id))
        if _tel_inwoner(teller, ordered, periode):
            wijken.add([r for r in ordered if periode.bevat(r.maand)][-1].wijk)
        wijken |= _tel_trajecten(teller, ordered, einden.get(pseudoniem, {}), periode)
        teller.volgende_inwoner()
    return Tellingen(
        periode=periode,
        set_naam=set_naam,
        wijken=tuple(sorted(wijken)),
        kwartalen=periode.kwartalen,
        aantallen={k: (v, teller.inwoners[k]) for k, v in teller.waarden.items()},
        verdelingen=dict(teller.verdelingen),
    )


def _tel_trajecten(
    t: _Teller, history: list[MonitorRecord], einden: dict[int, AfsluitingRecord], periode: Periode
) -> set[str]:
    """The inwoner's trajecten (``monitor_2_trajecten``); returns the wijken they counted in."""
    counted = set()
    for wijk, feit in feiten(history, einden):
        for (tabel, rij, kolom), waarde in traject_tellingen(feit, periode.van, periode.tot, periode.kwartalen):
            if waarde is None:
                t.add((tabel, wijk, rij, kolom))
            else:
                t.waarde((tabel, wijk, rij, kolom), waarde)
            counted.add(wijk)
    return counted


def _tel_inwoner(t: _Teller, history: list[MonitorRecord], periode: Periode) -> bool:
    in_periode = [r for r in history if periode.bevat(r.maand)]
    if not in_periode:
        return False
    laatste, wijk = in_periode[-1], in_periode[-1].wijk
    begin = {}  # each traject's first record: its 0-meting when that arrived
    for record in history:
        begin.setdefault(record.traject, record)

    def nul_van(record: MonitorRecord) -> MonitorRecord | None:
        first = begin[record.traject]
        return first if first.soort is MetingSoort.NULMETING else None

    nul = nul_van(laatste)

    t.add(("overzicht", wijk, ALLE, "inwoners"))
    for record in in_periode:
        t.add(("overzicht", wijk, ALLE, "metingen"))
        t.add(("overzicht", wijk, ALLE, record.soort.value))
        for doel in record.doelen:
            if doel.evaluatie in EINDIGT:  # deels or niet behaald: it runs on (``doel_uitkomsten``)
                for tabel, rij, kolom in doel_uitkomsten(doel):
                    t.add((tabel, wijk, rij, kolom))

    for score in laatste.leefgebieden:
        t.add(("gekozen", wijk, score.leefgebied, "gekozen"))
        t.waarde(("gekozen", wijk, score.leefgebied, "rang"), score.rang)

    if nul is not None and periode.bevat(nul.maand):
        for score in nul.leefgebieden:
            t.add(("posities", wijk, score.leefgebied, positie_bin(score.positie)))
            t.add(("posities", wijk, score.leefgebied, "totaal"))

    # the change: the latest meting in the period when it is a vervolgmeting, against its
    # traject's 0-meting (an inwoner whose latest meting is a new 0-meting starts afresh)
    if nul is not None and laatste.soort is MetingSoort.VERVOLGMETING:
        _verandering(t, "verandering", wijk, nul, laatste)
        if nul.rapportcijfer is not None and laatste.rapportcijfer is not None:
            oud, nieuw = nul.rapportcijfer, laatste.rapportcijfer
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
        last_q = in_kwartaal[-1]
        nul_q = nul_van(last_q)
        if nul_q is not None and last_q.soort is MetingSoort.VERVOLGMETING:
            _verandering(t, "trend", wijk, nul_q, last_q, rij=q)
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
