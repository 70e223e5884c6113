"""The monitor figures per wijk and for the whole gemeente, as tables of cells.

``figuren(tellingen)`` turns per-wijk counts (from ``monitor_2_counts.tel`` or from SQL) into
cells with the inwoners behind each one, adds the gemeente as the sum of its wijken, and
states every sum a reader could subtract with, so that ``disclosure.beveilig`` can protect
all tables at once. Nothing here is fit to publish before that.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from board.errors import LeefgebiedenSetError
from board.leefgebieden import DEFAULT_SET, load_set
from board.meting import Evaluatie, MetingSoort
from board.monitor_1_record import MonitorRecord
from board.monitor_2_counts import ALLE, BINS, Periode, Tellingen, tel
from board.monitor_3_table import Cel, CelKey, CelSoort, Figuren, Som, Tabel
from board.vergelijking import Richting

GEMEENTE = "Hele gemeente"


@dataclass(frozen=True)
class _Kolom:
    key: str
    label: str
    verdeling: str | None = None  # a statistic: the histogram it is computed from ...
    functie: Callable[[list[float]], float] | None = None
    basis: str | None = None  # ... and the count column it is shown with


@dataclass(frozen=True)
class _Spec:
    naam: str
    titel: str
    rijen: str  # "alle", "leefgebieden" or "kwartalen"
    kolommen: tuple[_Kolom, ...]
    totaal: tuple[str, tuple[str, ...]] | None = None  # (total column, its parts)
    toelichting: str = ""


def _mediaan(values: list[float]) -> float:
    return float(statistics.median(values))


def _gemiddelde(values: list[float]) -> float:
    return float(statistics.fmean(values))


_RICHTINGEN = tuple(r.value for r in Richting)
_EVALUATIES = tuple(e.value for e in Evaluatie)
_BINS = tuple(str(b) for b in range(1, BINS + 1))

SPECS: tuple[_Spec, ...] = (
    _Spec(
        "overzicht", "Inwoners en metingen", ALLE,
        (
            _Kolom("inwoners", "Inwoners"),
            _Kolom("metingen", "Metingen"),
            _Kolom(MetingSoort.NULMETING.value, "0-metingen"),
            _Kolom(MetingSoort.VERVOLGMETING.value, "Vervolgmetingen"),
        ),
        totaal=("metingen", (MetingSoort.NULMETING.value, MetingSoort.VERVOLGMETING.value)),
        toelichting="Inwoners met minstens één afgeronde meting in de periode.",
    ),
    _Spec(
        "gekozen", "Gekozen leefgebieden en hun prioriteit", "leefgebieden",
        (
            _Kolom("gekozen", "Gekozen door (inwoners)"),
            _Kolom("mediaan_rang", "Mediane plaats", "rang", _mediaan, "gekozen"),
            _Kolom("gemiddelde_rang", "Gemiddelde plaats", "rang", _gemiddelde, "gekozen"),
        ),
        toelichting="Bij de laatste meting van elke inwoner in de periode. Plaats 1 = het belangrijkst.",
    ),
    _Spec(
        "posities", "Hoe het gaat bij de 0-meting", "leefgebieden",
        (
            *(_Kolom(b, f"{b}") for b in _BINS),
            _Kolom("totaal", "Totaal"),
        ),
        totaal=("totaal", _BINS),
        toelichting="Plaats van de fiche van de inwoner in vijfden van de balk: "
        "1 = verdrietige smiley, 5 = blije smiley. 0-metingen in de periode.",
    ),
    _Spec(
        "verandering", "Beter, gelijk of slechter sinds de 0-meting", "leefgebieden",
        (
            _Kolom(Richting.BETER.value, "Beter"),
            _Kolom(Richting.GELIJK.value, "Gelijk"),
            _Kolom(Richting.SLECHTER.value, "Slechter"),
            _Kolom("totaal", "Totaal"),
            _Kolom("mediaan_verschil", "Mediane verschuiving", "verschil", _mediaan, "totaal"),
        ),
        totaal=("totaal", _RICHTINGEN),
        toelichting="Inwoners met een 0-meting en een vervolgmeting in de periode: de laatste "
        "vervolgmeting tegenover de 0-meting. Gelijk = minder dan 5% van de balk verschoven.",
    ),
    _Spec(
        "doelen", "Doelen: geëvalueerd in de periode", "leefgebieden",
        (
            *(_Kolom(e.value, e.value.capitalize()) for e in Evaluatie),
            _Kolom("totaal", "Totaal"),
        ),
        totaal=("totaal", _EVALUATIES),
        toelichting="Aantallen doelen; verborgen als ze van minder dan 10 inwoners zijn.",
    ),
    _Spec(
        "rapportcijfer", "Rapportcijfer voor het leven als geheel", ALLE,
        (
            _Kolom("inwoners", "Inwoners"),
            _Kolom("hoger", "Hoger"),
            _Kolom("gelijk", "Gelijk"),
            _Kolom("lager", "Lager"),
            _Kolom("mediaan_0", "Mediaan bij 0-meting", "cijfer_0", _mediaan, "inwoners"),
            _Kolom("mediaan_laatst", "Mediaan nu", "cijfer_laatst", _mediaan, "inwoners"),
            _Kolom("mediaan_verschil", "Mediaan verschil", "verschil", _mediaan, "inwoners"),
        ),
        totaal=("inwoners", ("hoger", "gelijk", "lager")),
        toelichting="Inwoners met een rapportcijfer bij de 0-meting én bij een vervolgmeting in de periode.",
    ),
    _Spec(
        "trend", "Per kwartaal", "kwartalen",
        (
            _Kolom("inwoners", "Inwoners"),
            _Kolom("metingen", "Metingen"),
            _Kolom(Richting.BETER.value, "Beter"),
            _Kolom(Richting.GELIJK.value, "Gelijk"),
            _Kolom(Richting.SLECHTER.value, "Slechter"),
            _Kolom("totaal", "Vergelijkingen"),
            _Kolom("mediaan_cijfer", "Mediaan rapportcijfer", "cijfer", _mediaan, "inwoners"),
        ),
        totaal=("totaal", _RICHTINGEN),
        toelichting="Beter/gelijk/slechter telt leefgebieden (een inwoner telt per leefgebied) "
        "bij de vervolgmetingen in het kwartaal, tegenover de 0-meting.",
    ),
)


def figuren_uit_records(
    records: Iterable[MonitorRecord], periode: Periode, set_naam: str = DEFAULT_SET, gemeente: str = GEMEENTE
) -> Figuren:
    """Count ``records`` in Python and build the figures (see ``monitor_2_counts.tel``)."""
    return figuren(tel(records, periode, set_naam), gemeente)


def figuren(tellingen: Tellingen, gemeente: str = GEMEENTE) -> Figuren:
    wijken = tellingen.wijken
    gebieden = (*wijken, gemeente)
    leefgebieden, namen = _leefgebieden(tellingen)
    rows = {ALLE: ((ALLE,), ("Alle inwoners",)), "leefgebieden": (leefgebieden, namen),
            "kwartalen": (tellingen.kwartalen, tellingen.kwartalen)}
    tabellen, cellen, sommen = [], {}, []
    for spec in SPECS:
        rijen, rij_labels = rows[spec.rijen]
        tabel = Tabel(
            naam=spec.naam, titel=spec.titel, gebieden=gebieden, rijen=tuple(rijen),
            kolommen=tuple(k.key for k in spec.kolommen), rij_labels=tuple(rij_labels),
            kolom_labels=tuple(k.label for k in spec.kolommen), toelichting=spec.toelichting,
        )
        tabellen.append(tabel)
        for rij in tabel.rijen:
            for kolom in spec.kolommen:
                for wijk in wijken:
                    cellen[tabel.key(wijk, rij, kolom.key)] = _cel(tellingen, tabel, kolom, rij, (wijk,))
                cellen[tabel.key(gemeente, rij, kolom.key)] = _cel(tellingen, tabel, kolom, rij, wijken, gemeente)
                if kolom.verdeling is None and wijken:
                    sommen.append(
                        Som(tabel.key(gemeente, rij, kolom.key), tuple(tabel.key(w, rij, kolom.key) for w in wijken))
                    )
            if spec.totaal:
                totaal, delen = spec.totaal
                sommen += [
                    Som(tabel.key(g, rij, totaal), tuple(tabel.key(g, rij, d) for d in delen)) for g in gebieden
                ]
    # The metingen per kwartaal add up to the metingen in the period: one sum across tables.
    sommen += [
        Som(("overzicht", g, ALLE, "metingen"), tuple(("trend", g, q, "metingen") for q in tellingen.kwartalen))
        for g in gebieden
    ]
    return Figuren(tabellen=tuple(tabellen), cellen=cellen, sommen=tuple(sommen), gemeente=gemeente)


def _cel(
    tellingen: Tellingen, tabel: Tabel, kolom: _Kolom, rij: str, wijken: Iterable[str], gebied: str | None = None
) -> Cel:
    if kolom.verdeling is None:
        parts = [tellingen.aantallen.get((tabel.naam, w, rij, kolom.key), (0, 0)) for w in wijken]
        return Cel(sum(p[0] for p in parts), sum(p[1] for p in parts))
    histogram: Counter[float] = Counter()
    for w in wijken:
        histogram.update(tellingen.verdelingen.get((tabel.naam, w, rij, kolom.verdeling), Counter()))
    values = sorted(histogram.elements())
    own = gebied if gebied is not None else next(iter(wijken))
    basis: CelKey = tabel.key(own, rij, kolom.basis or "")
    waarde = kolom.functie(values) if values and kolom.functie else None
    return Cel(waarde, len(values), CelSoort.STATISTIEK, basis)


def _leefgebieden(tellingen: Tellingen) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The set's leefgebieden in its own order; keys the set no longer has go last."""
    seen = {k[2] for k in tellingen.aantallen if k[0] in ("gekozen", "posities", "verandering", "doelen")}
    try:
        lg_set = load_set(tellingen.set_naam)
        keys = [*lg_set.keys, *sorted(seen - set(lg_set.keys))]
        names = [lg_set[k].naam if k in lg_set else k for k in keys]
    except LeefgebiedenSetError:
        keys = sorted(seen)
        names = list(keys)
    return tuple(keys), tuple(names)
