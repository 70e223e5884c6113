"""Disclosure control across reports: a year and its four quarters protected as one family.

``board.monitor_4_disclosure.beveilig`` protects one report. Two reports can still be combined: the
metingen of a year are the sum of those of its quarters, the same quarter's row appears in
the year's trend table and in the quarter's own report, and a statistic over the year's
inwoners differs from the same statistic over a quarter's by the inwoners in between. Here
every cell of the five reports is one unknown in one system:

1. the sums within each report, plus the sums that link them (year = sum of its quarters,
   for counts that add up over time: metingen, doelen that ended) and the cells that are the
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
from board.monitor_3_table import Cel, CelKey, CelSoort, Figuren, Som
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

# Counts that add up over the quarters of a year: each meting, afsluiting or first vervolgmeting
# lies in one month, and so does each doel's end (it counts once, ``monitor_2_trajecten.doel_uitkomsten``).
ADDITIEF = {("overzicht", "metingen"), ("doelen", None), ("doelen_actoren", None), ("uitstroom", "trajecten"),
            ("doorlooptijden", "trajecten"), ("verandering_afgesloten", None)}
# Tables with a row per quarter or month: the same row in a quarter's report and its year's is one number.
TIJDRIJEN = ("trend", "trajecten", "trajecten_maand")


def beveilig_familie(
    leden: Mapping[Periode, Figuren], drempel: int = DREMPEL, afronding: int = AFRONDING,
    vastgesteld: Mapping[Periode, Mapping[CelKey, Gepubliceerd]] | None = None,
) -> dict[Periode, dict[CelKey, Gepubliceerd]]:
    """What may be published of every cell of every member (a year first, then its quarters).

    A member in ``vastgesteld`` was published before: its cells are what that report showed
    (a cell it did not show stays hidden, one it showed stays shown with its value), and the
    other members are protected around them."""
    gegeven = {p: c for p, c in (vastgesteld or {}).items() if p in leden}
    values: dict[FamilieKey, int] = {}
    klein: set[FamilieKey] = set()
    vast: set[FamilieKey] = set()
    sommen: list[Som[FamilieKey]] = []
    for periode, figuren in leden.items():
        p, oud = periode.label, gegeven.get(periode)
        for key, cel in figuren.cellen.items():
            if cel.soort is CelSoort.AANTAL:
                values[p, key] = int(cel.waarde or 0)
                if oud is None and cel.inwoners < drempel:
                    klein.add((p, key))
                elif oud is not None and (key not in oud or not oud[key].getoond):
                    klein.add((p, key))  # not shown then: a given hidden cell
                elif oud is not None:
                    vast.add((p, key))
        sommen += [Som((p, s.totaal), tuple((p, d) for d in s.delen)) for s in figuren.sommen]
    sommen += _links(leden, values)
    hidden: set[FamilieKey] = set()
    for part_values, part_sommen in componenten(values, sommen):
        hidden |= suppress(part_values, klein & part_values.keys(), part_sommen, vast & part_values.keys())
    result: dict[Periode, dict[CelKey, Gepubliceerd]] = {}
    for periode, figuren in leden.items():
        p, own = periode.label, {}
        if periode in gegeven:
            result[periode] = {key: gegeven[periode].get(key, Gepubliceerd(None, Zichtbaarheid.VERBORGEN))
                               for key in figuren.cellen}
            continue
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
    _statistics_apart(leden, result, drempel, set(gegeven))
    return result


def afwijkingen(
    figuren: Figuren, gepubliceerd: Mapping[CelKey, Gepubliceerd], drempel: int = DREMPEL,
    afronding: int = AFRONDING,
) -> list[CelKey]:
    """The cells of an earlier report of these figures' period that a report now would show
    differently: a shown count whose rounded value changed, a shown statistic whose value
    changed or whose group became too small, a cell that is gone or new. Hidden cells stay hidden."""
    changed = [key for key in figuren.cellen if key not in gepubliceerd]  # a row that was not there
    for key, oud in gepubliceerd.items():
        cel = figuren.cellen.get(key)
        if cel is None or (oud.getoond and _nu(cel, drempel, afronding) != oud.waarde):
            changed.append(key)
    return changed


def _nu(cel: Cel, drempel: int, afronding: int) -> float | None:
    """A cell's value as a report now would show it (None: too few inwoners for a statistic)."""
    if cel.soort is CelSoort.AANTAL:
        return rond_af(int(cel.waarde or 0), afronding)
    return cel.waarde if cel.inwoners >= drempel else None


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
    leden: Mapping[Periode, Figuren], result: dict[Periode, dict[CelKey, Gepubliceerd]], drempel: int,
    gegeven: set[Periode],
) -> None:
    """Hide a shown statistic whose group differs from that of the same cell shown in another
    member by 1 .. drempel-1 inwoners (the larger group's value goes). A statistic of a member
    published before stays as it was: the other members' values go."""
    members = sorted(leden, key=lambda p: (p.van, p.tot))
    for key in {k for f in leden.values() for k, c in f.cellen.items() if c.soort is CelSoort.STATISTIEK}:
        shown = [(p, leden[p].cellen[key].inwoners) for p in members
                 if key in leden[p].cellen and result[p][key].getoond]  # fmt: skip
        fixed = [n for p, n in shown if p in gegeven]
        for p, n in sorted(shown, key=lambda item: -item[1]):
            if p in gegeven:
                continue
            near_fixed = any(0 < abs(n - m) < drempel for m in fixed)
            if near_fixed or any(0 < n - m < drempel for q, m in shown
                                 if q != p and q not in gegeven and result[q][key].getoond):  # fmt: skip
                result[p][key] = Gepubliceerd(None, Zichtbaarheid.VERBORGEN)
