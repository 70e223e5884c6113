"""The monitor figures per wijk and for the whole gemeente, as tables of cells.

``figuren(tellingen)`` turns per-wijk counts (from ``monitor_2_counts.tel`` or from SQL) into
cells with the inwoners behind each one, adds the gemeente as the sum of its wijken, and
states every sum a reader could subtract with, so that ``disclosure.beveilig`` can protect
all tables at once. Nothing here is fit to publish before that.
"""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Callable, Container, Iterable
from dataclasses import dataclass

from board.errors import LeefgebiedenSetError
from board.leefgebieden import DEFAULT_SET, load_set
from board.meting_waarden import Evaluatie, MetingSoort
from board.monitor_1_record import AfsluitingRecord, MonitorRecord
from board.monitor_2_counts import ALLE, BINS, Periode, Tellingen, kwartaal, tel
from board.monitor_2_trajecten import ACTOR_GROEPEN, EIGEN_KRACHT, ONBEKEND, REDENEN, maanden
from board.monitor_3_table import Cel, CelKey, CelSoort, Figuren, Som, Tabel
from board.traject import REDEN_LABEL, Afsluitreden
from board.vergelijking import Richting
from board.wijkteams import Wijkteams, teams_van

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
    wijkteams: bool = True  # rows for the wijkteams too (see ZONDER_WIJKTEAMS)


def _mediaan(values: list[float]) -> float:
    return float(statistics.median(values))


def _kwartiel_1(values: list[float]) -> float:
    return float(statistics.quantiles(values, n=4, method="inclusive")[0]) if len(values) > 1 else float(values[0])


def _kwartiel_3(values: list[float]) -> float:
    return float(statistics.quantiles(values, n=4, method="inclusive")[2]) if len(values) > 1 else float(values[0])


def _gemiddelde(values: list[float]) -> float:
    return float(statistics.fmean(values))


_RICHTINGEN = tuple(r.value for r in Richting)
_EVALUATIES = tuple(e.value for e in Evaluatie)
_BINS = tuple(str(b) for b in range(1, BINS + 1))
_RICHTING_KOLOMMEN = (  # beter, gelijk or slechter: since the 0-meting, and in closed trajecten
    _Kolom(Richting.BETER.value, "Beter"),
    _Kolom(Richting.GELIJK.value, "Gelijk"),
    _Kolom(Richting.SLECHTER.value, "Slechter"),
    _Kolom("totaal", "Totaal"),
    _Kolom("mediaan_verschil", "Mediane verschuiving", "verschil", _mediaan, "totaal"),
)

# ZONDER_WIJKTEAMS: the doelen per leefgebied (14 leefgebieden x 5 evaluations) have rows per wijk
# and for the gemeente only. Per wijkteam nearly every cell would be "<10", and those thousands
# of small cells, tied to the wijken and the quarters, made the protection ten times slower;
# a wijkteam's doelen are in ``doelen_actoren`` (by who did the work), with the same evaluations.
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
        _RICHTING_KOLOMMEN,
        totaal=("totaal", _RICHTINGEN),
        toelichting="Inwoners met een 0-meting en een vervolgmeting in de periode: de laatste "
        "vervolgmeting tegenover de 0-meting. Gelijk = minder dan 5% van de balk verschoven.",
    ),
    _Spec(
        "doelen", "Doelen: afgerond in de periode", "leefgebieden",
        (
            *(_Kolom(e.value, e.value.capitalize()) for e in Evaluatie),
            _Kolom("totaal", "Totaal"),
        ),
        totaal=("totaal", _EVALUATIES),
        toelichting="Elk doel telt één keer, in de maand waarin het afliep: behaald of vervallen bij die "
        "evaluatie; deels of niet behaald loopt door en telt bij het afsluiten van het traject, zoals het "
        "toen stond. Verborgen als ze van minder dan 10 inwoners zijn.",
        wijkteams=False,
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
    *(
        _Spec(
            naam, titel, rijen,
            (
                _Kolom("caseload", "Caseload (lopend aan het eind)"),
                _Kolom("instroom", "Instroom (nieuwe trajecten)"),
                _Kolom("uitstroom", "Uitstroom (afgesloten)"),
            ),
            toelichting="Trajecten: van 0-meting tot afsluiten. Caseload = trajecten die aan het eind van "
            "het kwartaal of de maand nog lopen.",
        )
        for naam, titel, rijen in (("trajecten", "Caseload, instroom en uitstroom per kwartaal", "kwartalen"),
                                   ("trajecten_maand", "Caseload, instroom en uitstroom per maand", "maanden"))
    ),
    _Spec(
        "uitstroom", "Uitstroom naar reden en doorlooptijd", "redenen",
        (
            _Kolom("trajecten", "Uitstroom (trajecten)"),
            _Kolom("doorlooptijd_mediaan", "Doorlooptijd mediaan (maanden)", "doorlooptijd", _mediaan, "trajecten"),
            _Kolom("doorlooptijd_q1", "Doorlooptijd 1e kwartiel", "doorlooptijd", _kwartiel_1, "trajecten"),
            _Kolom("doorlooptijd_q3", "Doorlooptijd 3e kwartiel", "doorlooptijd", _kwartiel_3, "trajecten"),
        ),
        toelichting="Trajecten afgesloten in de periode, naar reden. Doorlooptijd: maanden van de 0-meting "
        "tot het afsluiten.",
    ),
    _Spec(
        "doorlooptijden", "Tijd tot de eerste vervolgmeting", ALLE,
        (
            _Kolom("trajecten", "Trajecten"),
            _Kolom("eerste_vervolg_mediaan", "Mediaan (maanden)", "eerste_vervolg", _mediaan, "trajecten"),
            _Kolom("eerste_vervolg_q1", "1e kwartiel", "eerste_vervolg", _kwartiel_1, "trajecten"),
            _Kolom("eerste_vervolg_q3", "3e kwartiel", "eerste_vervolg", _kwartiel_3, "trajecten"),
        ),
        toelichting="Trajecten met hun eerste vervolgmeting in de periode: maanden sinds de 0-meting.",
    ),
    _Spec(
        "doelen_actoren", "Doelen naar wie het werk deed", "actoren",
        (
            *(_Kolom(e.value, e.value.capitalize()) for e in Evaluatie),
            _Kolom("totaal", "Totaal"),
        ),
        totaal=("totaal", _EVALUATIES),
        toelichting="Doelen afgerond in de periode (elk één keer), naar de zwaarste hulp in hun acties: alleen eigen "
        "kracht en netwerk; met een algemene voorziening; met het wijkteam; met specialistische zorg.",
    ),
    _Spec(
        "verandering_afgesloten", "Verandering in afgesloten trajecten", "leefgebieden",
        _RICHTING_KOLOMMEN,
        totaal=("totaal", _RICHTINGEN),
        toelichting="Trajecten afgesloten in de periode: de laatste meting tegenover de 0-meting van het traject.",
    ),
)

_REDEN_LABELS = {r.value: REDEN_LABEL[r] for r in Afsluitreden}
_ACTOR_LABELS = {
    EIGEN_KRACHT: "Eigen kracht en netwerk",
    "algemene_voorziening": "Met algemene voorziening",
    "wijkteam": "Met wijkteam",
    "specialistische_zorg": "Met specialistische zorg",
    ONBEKEND: "Niet bekend (oudere records)",
}


def figuren_uit_records(
    records: Iterable[MonitorRecord],
    periode: Periode,
    set_naam: str = DEFAULT_SET,
    gemeente: str = GEMEENTE,
    afsluitingen: Iterable[AfsluitingRecord] = (),
    wijkteams: Wijkteams | None = None,
) -> Figuren:
    """Count ``records`` in Python and build the figures (see ``monitor_2_counts.tel``)."""
    return figuren(tel(records, periode, set_naam, afsluitingen), gemeente, wijkteams)


def figuren(tellingen: Tellingen, gemeente: str = GEMEENTE, wijkteams: Wijkteams | None = None) -> Figuren:
    """The tables for every wijk, every wijkteam (the sum of its wijken, ``board.wijkteams``)
    and the gemeente (the sum of all wijken)."""
    wijken = tellingen.wijken
    teams = teams_van(wijkteams, wijken, gemeente)
    gebieden = (*wijken, *teams, gemeente)
    delen_van = {**{w: (w,) for w in wijken}, **teams, gemeente: wijken}
    leefgebieden, namen = _leefgebieden(tellingen)
    maand_rijen = maanden(tellingen.periode.van, tellingen.periode.tot)
    actor_rijen = (*ACTOR_GROEPEN, ONBEKEND, ALLE)
    rows = {ALLE: ((ALLE,), ("Alle inwoners",)), "leefgebieden": (leefgebieden, namen),
            "kwartalen": (tellingen.kwartalen, tellingen.kwartalen), "maanden": (maand_rijen, maand_rijen),
            "redenen": ((*REDENEN, ALLE), (*(_REDEN_LABELS[r] for r in REDENEN), "Alle redenen")),
            "actoren": (actor_rijen, tuple(_ACTOR_LABELS.get(r, "Alle doelen") for r in actor_rijen))}
    tabellen, cellen, sommen = [], {}, []
    waarden: dict = {}  # sorted histogram values, shared by the statistics over them
    for spec in SPECS:
        rijen, rij_labels = rows[spec.rijen]
        eigen = gebieden if spec.wijkteams else (*wijken, gemeente)
        tabel = Tabel(
            naam=spec.naam, titel=spec.titel, gebieden=eigen, rijen=tuple(rijen),
            kolommen=tuple(k.key for k in spec.kolommen), rij_labels=tuple(rij_labels),
            kolom_labels=tuple(k.label for k in spec.kolommen), toelichting=spec.toelichting,
        )
        tabellen.append(tabel)
        for rij in tabel.rijen:
            for kolom in spec.kolommen:
                for gebied in tabel.gebieden:
                    delen = delen_van[gebied]
                    cellen[tabel.key(gebied, rij, kolom.key)] = _cel(
                        tellingen, tabel, kolom, rij, delen, None if delen == (gebied,) else gebied, waarden)
                    if kolom.verdeling is None and delen and delen != (gebied,):  # a wijkteam, the gemeente
                        sommen.append(
                            Som(tabel.key(gebied, rij, kolom.key), tuple(tabel.key(w, rij, kolom.key) for w in delen))
                        )
            if spec.totaal:
                totaal, delen = spec.totaal
                sommen += [
                    Som(tabel.key(g, rij, totaal), tuple(tabel.key(g, rij, d) for d in delen)) for g in tabel.gebieden
                ]
    # The metingen per kwartaal add up to the metingen in the period: one sum across tables.
    sommen += [
        Som(("overzicht", g, ALLE, "metingen"), tuple(("trend", g, q, "metingen") for q in tellingen.kwartalen))
        for g in gebieden
    ]
    sommen += _traject_sommen(gebieden, tellingen.kwartalen, maand_rijen, leefgebieden, teams)
    return Figuren(tabellen=tuple(tabellen), cellen=cellen, sommen=tuple(sommen), gemeente=gemeente,
                   wijkteams=teams)


def _traject_sommen(
    gebieden: Iterable[str], kwartalen: Iterable[str], maand_rijen: Iterable[str], leefgebieden: Iterable[str],
    teams: Container[str] = (),
) -> list[Som[CelKey]]:
    """What a reader can subtract with between the traject tables: a quarter's in- and uitstroom
    are the sum of its months'; the uitstroom of the period is the sum over the quarters and over
    the reasons; all doelen by who did the work are the sum of its groups and of the doelen per
    leefgebied."""
    sommen: list[Som[CelKey]] = []
    kwartalen, maand_rijen = tuple(kwartalen), tuple(maand_rijen)
    for g in gebieden:
        for q in kwartalen:
            in_q = tuple(m for m in maand_rijen if kwartaal(m) == q)
            for kolom in ("instroom", "uitstroom"):
                sommen.append(Som(("trajecten", g, q, kolom), tuple(("trajecten_maand", g, m, kolom) for m in in_q)))
        uit = ("uitstroom", g, ALLE, "trajecten")
        sommen.append(Som(uit, tuple(("uitstroom", g, r, "trajecten") for r in REDENEN)))
        sommen.append(Som(uit, tuple(("trajecten", g, q, "uitstroom") for q in kwartalen)))
        for kolom in (*_EVALUATIES, "totaal"):
            alle = ("doelen_actoren", g, ALLE, kolom)
            sommen.append(Som(alle, tuple(("doelen_actoren", g, r, kolom) for r in (*ACTOR_GROEPEN, ONBEKEND))))
            if g not in teams:  # the doelen per leefgebied have no wijkteam rows (ZONDER_WIJKTEAMS)
                sommen.append(Som(alle, tuple(("doelen", g, lg, kolom) for lg in leefgebieden)))
    return sommen


def _cel(
    tellingen: Tellingen, tabel: Tabel, kolom: _Kolom, rij: str, wijken: Iterable[str], gebied: str | None = None,
    waarden: dict | None = None,
) -> Cel:
    waarden = {} if waarden is None else waarden
    if kolom.verdeling is None:
        parts = [tellingen.aantallen.get((tabel.naam, w, rij, kolom.key), (0, 0)) for w in wijken]
        return Cel(sum(p[0] for p in parts), sum(p[1] for p in parts))
    key = (tabel.naam, rij, kolom.verdeling, tuple(wijken))
    if key not in waarden:  # a median and two quartiles of the same values share them
        histogram: Counter[float] = Counter()
        for w in wijken:
            histogram.update(tellingen.verdelingen.get((tabel.naam, w, rij, kolom.verdeling), Counter()))
        waarden[key] = sorted(histogram.elements())
    values = waarden[key]
    own = gebied if gebied is not None else next(iter(wijken))
    basis: CelKey = tabel.key(own, rij, kolom.basis or "")
    waarde = kolom.functie(values) if values and kolom.functie else None
    return Cel(waarde, len(values), CelSoort.STATISTIEK, basis)


def _leefgebieden(tellingen: Tellingen) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The set's leefgebieden in its own order; keys the set no longer has go last."""
    seen = {k[2] for k in tellingen.aantallen
            if k[0] in ("gekozen", "posities", "verandering", "doelen", "verandering_afgesloten")}
    try:
        lg_set = load_set(tellingen.set_naam)
        keys = [*lg_set.keys, *sorted(seen - set(lg_set.keys))]
        names = [lg_set[k].naam if k in lg_set else k for k in keys]
    except LeefgebiedenSetError:
        keys = sorted(seen)
        names = list(keys)
    return tuple(keys), tuple(names)
