"""Disclosure control across reports: a year and its four quarters protected as one family.

``board.monitor_4_disclosure.beveilig`` protects one report. Two reports can still be combined: the
metingen of a year are the sum of those of its quarters, the same quarter's row appears in
the year's trend table and in the quarter's own report, and a statistic over the year's
inwoners differs from the same statistic over a quarter's by the inwoners in between. Here
every cell of the five reports is one unknown in one system:

1. the sums within each report, plus the sums that link them (year = sum of its quarters,
   for counts that add up over time: metingen, doelen evaluated) and the cells that are the
   same number in two reports (a quarter's trend row), go to the exact solver
   (``disclosure.suppress``: primary, pairing, and Gaussian elimination over all of them);
2. a statistic (median, average) is shown only if no other shown statistic of the same cell
   in the family is about a group that differs from it by fewer than ``drempel`` inwoners.

The published values of every member come from this one computation, so a report for a
quarter and the report for its year never contradict or complete each other.
"""

from __future__ import annotations

from collections.abc import Mapping

from board.monitor_2_counts import Periode
from board.monitor_3_table import CelKey, CelSoort, Figuren, Som
from board.monitor_4_disclosure import (
    AFRONDING,
    DREMPEL,
    Gepubliceerd,
    Zichtbaarheid,
    _statistiek,
    componenten,
    rond_af,
    suppress,
)

FamilieKey = tuple[str, CelKey]  # (period label, cell key)

# Counts that add up over the quarters of a year: each meting, evaluated doel, afsluiting or
# first vervolgmeting lies in one month.
ADDITIEF = {("overzicht", "metingen"), ("doelen", None), ("doelen_actoren", None), ("uitstroom", "trajecten"),
            ("doorlooptijden", "trajecten"), ("verandering_afgesloten", None)}
# Tables with a row per quarter or month: the same row in a quarter's report and its year's is one number.
TIJDRIJEN = ("trend", "trajecten", "trajecten_maand")


def beveilig_familie(
    leden: Mapping[Periode, Figuren], drempel: int = DREMPEL, afronding: int = AFRONDING
) -> dict[Periode, dict[CelKey, Gepubliceerd]]:
    """What may be published of every cell of every member (a year first, then its quarters)."""
    values: dict[FamilieKey, int] = {}
    klein: set[FamilieKey] = set()
    sommen: list[Som[FamilieKey]] = []
    for periode, figuren in leden.items():
        p = periode.label
        for key, cel in figuren.cellen.items():
            if cel.soort is CelSoort.AANTAL:
                values[p, key] = int(cel.waarde or 0)
                if cel.inwoners < drempel:
                    klein.add((p, key))
        sommen += [Som((p, s.totaal), tuple((p, d) for d in s.delen)) for s in figuren.sommen]
    sommen += _links(leden, values)
    hidden: set[FamilieKey] = set()
    for part_values, part_sommen in componenten(values, sommen):
        hidden |= suppress(part_values, klein & part_values.keys(), part_sommen)
    result: dict[Periode, dict[CelKey, Gepubliceerd]] = {}
    for periode, figuren in leden.items():
        p, own = periode.label, {}
        for key, cel in figuren.cellen.items():
            if cel.soort is not CelSoort.AANTAL:
                continue
            if (p, key) in klein:
                own[key] = Gepubliceerd(None, Zichtbaarheid.KLEIN)
            elif (p, key) in hidden:
                own[key] = Gepubliceerd(None, Zichtbaarheid.VERBORGEN)
            else:
                own[key] = Gepubliceerd(rond_af(values[p, key], afronding), Zichtbaarheid.GETOOND)
        for key, cel in figuren.cellen.items():
            if cel.soort is CelSoort.STATISTIEK:
                own[key] = _statistiek(cel, own, drempel)
        result[periode] = own
    _statistics_apart(leden, result, drempel)
    return result


def _links(leden: Mapping[Periode, Figuren], values: Mapping[FamilieKey, int]) -> list[Som[FamilieKey]]:
    """The sums between members: a year's additive counts = the sum of its quarters', and a
    quarter's trend row = the same row in its year's trend table."""
    jaren = [p for p in leden if p.van[5:7] == "01" and p.tot[5:7] == "12"]
    sommen: list[Som[FamilieKey]] = []
    for jaar in jaren:
        quarters = [p for p in leden if p != jaar and p.van[:4] == jaar.van[:4]]
        for key in leden[jaar].cellen:
            if (jaar.label, key) not in values:
                continue
            tabel, _gebied, rij, kolom = key
            if (tabel, kolom) in ADDITIEF or (tabel, None) in ADDITIEF:
                delen = tuple((q.label, key) for q in quarters if (q.label, key) in values)
                if delen:
                    sommen.append(Som((jaar.label, key), delen))
            if tabel in TIJDRIJEN:
                for q in quarters:
                    same_row = rij in q.kwartalen or (tabel == "trajecten_maand" and q.bevat(rij))
                    if same_row and (q.label, key) in values:
                        sommen.append(Som((jaar.label, key), ((q.label, key),)))  # the same number
    return sommen


def _statistics_apart(
    leden: Mapping[Periode, Figuren], result: dict[Periode, dict[CelKey, Gepubliceerd]], drempel: int
) -> None:
    """Hide a shown statistic whose group differs from that of the same cell shown in another
    member by 1 .. drempel-1 inwoners (the larger group's value goes)."""
    members = sorted(leden, key=lambda p: (p.van, p.tot))
    for key in {k for f in leden.values() for k, c in f.cellen.items() if c.soort is CelSoort.STATISTIEK}:
        shown = [(p, leden[p].cellen[key].inwoners) for p in members
                 if key in leden[p].cellen and result[p][key].getoond]  # fmt: skip
        for p, n in sorted(shown, key=lambda item: -item[1]):
            if any(0 < n - m < drempel for q, m in shown if q != p and result[q][key].getoond):
                result[p][key] = Gepubliceerd(None, Zichtbaarheid.VERBORGEN)
