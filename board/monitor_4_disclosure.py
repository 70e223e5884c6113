"""Disclosure control: no published figure lets anyone find a small group of inwoners.

Three rules, applied to every output (PDF, CSV, screen):

1. Primary suppression: a cell about fewer than ``drempel`` (10) inwoners is not shown
   ("<10"). A statistic is shown only where the count cell it is computed over is shown.
2. Secondary suppression: a hidden cell must not be recoverable by subtraction from the
   shown cells and totals. Each ``Som`` (row total, gemeente = sum of wijken, ...) with
   exactly one hidden cell gets a second one hidden (the smallest other cell; totals last);
   a sum whose hidden parts add up to 0 gets a non-zero partner (else all would be 0);
   and then the whole system of sums is solved exactly (Gaussian elimination over
   fractions): any hidden cell that the equations still pin down gets a partner too.
   Repeat until nothing changes. Secondary cells are shown as "x", not as "<10", because
   they may well be large.
3. Rounding: every shown count is rounded to a multiple of 5, so even the published
   numbers do not add up exactly. Shares are computed later from published counts only.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import TypeVar

from board.monitor_3_table import Cel, CelKey, CelSoort, Figuren, Som

K = TypeVar("K", bound=Hashable)
Coef = int | Fraction  # a coefficient in the solver: exact, an int while it can be

DREMPEL = 10
AFRONDING = 5
KLEIN_TEKST = "<10"
VERBORGEN_TEKST = "x"


class Zichtbaarheid(StrEnum):
    GETOOND = "getoond"
    KLEIN = "klein"  # about fewer than DREMPEL inwoners
    VERBORGEN = "verborgen"  # hidden so that a small cell elsewhere cannot be worked out


@dataclass(frozen=True)
class Gepubliceerd:
    waarde: float | None  # the rounded count or the statistic; None when not shown
    zichtbaarheid: Zichtbaarheid

    @property
    def getoond(self) -> bool:
        return self.zichtbaarheid is Zichtbaarheid.GETOOND

    def tekst(self, fmt: str = "{:.0f}") -> str:
        if self.zichtbaarheid is Zichtbaarheid.KLEIN:
            return KLEIN_TEKST
        if self.zichtbaarheid is Zichtbaarheid.VERBORGEN or self.waarde is None:
            return VERBORGEN_TEKST
        return fmt.format(self.waarde)


def rond_af(n: float, op: int = AFRONDING) -> int:
    """Round to the nearest multiple of ``op``, halves up (12 -> 10, 13 -> 15)."""
    return int((n + op / 2) // op) * op


def beveilig(figuren: Figuren, drempel: int = DREMPEL, afronding: int = AFRONDING) -> dict[CelKey, Gepubliceerd]:
    """What may be published of every cell of ``figuren``."""
    counts = {k: c for k, c in figuren.cellen.items() if c.soort is CelSoort.AANTAL}
    klein = {k for k, c in counts.items() if c.inwoners < drempel}
    values = {k: int(c.waarde or 0) for k, c in counts.items()}
    hidden: set[CelKey] = set()
    for part_values, part_sommen in componenten(values, figuren.sommen):  # apart: the same, far quicker
        hidden |= suppress(part_values, klein & part_values.keys(), part_sommen)
    result: dict[CelKey, Gepubliceerd] = {}
    for key in counts:
        if key in klein:
            result[key] = Gepubliceerd(None, Zichtbaarheid.KLEIN)
        elif key in hidden:
            result[key] = Gepubliceerd(None, Zichtbaarheid.VERBORGEN)
        else:
            result[key] = Gepubliceerd(rond_af(values[key], afronding), Zichtbaarheid.GETOOND)
    for key, cel in figuren.cellen.items():
        if cel.soort is CelSoort.STATISTIEK:
            result[key] = _statistiek(cel, result, drempel)
    return result


def _statistiek(cel: Cel, counts: Mapping[CelKey, Gepubliceerd], drempel: int) -> Gepubliceerd:
    basis = counts.get(cel.basis) if cel.basis else None
    if basis is not None and not basis.getoond:
        return Gepubliceerd(None, basis.zichtbaarheid)
    if basis is None or cel.inwoners < drempel:
        return Gepubliceerd(None, Zichtbaarheid.KLEIN)
    if cel.waarde is None:
        return Gepubliceerd(None, Zichtbaarheid.VERBORGEN)
    return Gepubliceerd(cel.waarde, Zichtbaarheid.GETOOND)


def componenten(values: Mapping[K, int], sommen: Iterable[Som[K]]) -> list[tuple[dict[K, int], list[Som[K]]]]:
    """The system split into parts that share no cell: each is solved alone (the same
    result as solving all at once, and far quicker than one system of thousands of cells)."""
    parent = {k: k for k in values}

    def root(k: K) -> K:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    usable = [s for s in sommen if all(k in values for k in s.cellen)]
    for som in usable:
        first = root(som.totaal)
        for other in som.delen:
            parent[root(other)] = first
    parts: dict[K, tuple[dict[K, int], list[Som[K]]]] = {}
    for key, value in values.items():
        parts.setdefault(root(key), ({}, []))[0][key] = value
    for som in usable:
        parts[root(som.totaal)][1].append(som)
    return list(parts.values())


def suppress(
    values: Mapping[K, int], primary: Iterable[K], sommen: Iterable[Som[K]], vast: Collection[K] = frozenset()
) -> set[K]:
    """All cells to hide: ``primary`` plus the secondary ones that protect them. A cell in
    ``vast`` is already published (a vastgesteld period's shown cell): never chosen to hide."""
    sommen = [s for s in sommen if all(k in values for k in s.cellen)]
    hidden = set(primary)
    vast = frozenset(vast)
    hopeless: set[K] = set()  # determined cells no partner can protect (all around is hidden)
    while True:
        if _pair_singletons(values, hidden, sommen, vast) or _break_zero_sums(values, hidden, sommen, vast):
            continue
        exposed = sorted(determined(values, hidden, sommen) - hopeless, key=repr)
        if not exposed:
            return hidden
        partner = _partner_near(exposed[0], values, hidden, sommen, vast)
        if partner is None:
            hopeless.add(exposed[0])
        else:
            hidden.add(partner)


def determined(values: Mapping[K, int], hidden: set[K], sommen: Iterable[Som[K]]) -> set[K]:
    """The hidden cells that the sums and the shown values fix exactly.

    Each sum is a linear equation in the hidden cells; a hidden cell is fixed exactly when
    its unit vector lies in the row space of those equations, i.e. when the reduced row
    echelon form has a row with a single non-zero entry in its column.
    """
    # Columns as small ints (ordered by repr, so the answer and the work are deterministic):
    # hashing ints is far cheaper than hashing nested tuple keys, millions of times.
    names = sorted(hidden, key=repr)
    column = {key: i for i, key in enumerate(names)}
    rows: list[dict[int, Coef]] = []
    for som in sommen:
        row: dict[int, Coef] = {}
        for key, coefficient in ((som.totaal, 1), *((d, -1) for d in som.delen)):
            if key in column:
                i = column[key]
                row[i] = row.get(i, 0) + coefficient
        row = {k: v for k, v in row.items() if v}
        if row:
            rows.append(row)
    rows.sort(key=len)  # short equations first: less fill-in (any order gives the same answer)
    pivots: dict[int, dict[int, Coef]] = {}
    occurs: dict[int, set[int]] = {}  # column -> the pivots whose row holds it (so a new pivot touches only those)
    for row in rows:
        for key in [k for k in row if k in pivots]:
            factor = row.get(key)
            if factor:
                for k, v in pivots[key].items():
                    row[k] = row.get(k, 0) - factor * v
                row = {k: v for k, v in row.items() if v}
        if not row:
            continue
        # the column in fewest rows so far: little fill-in (any choice gives the same answer)
        pivot = min(row, key=lambda k: (len(occurs.get(k, ())), k))
        scale = row[pivot]
        # exact throughout: integers while the pivots are ±1 (nearly always: the sums have unit
        # coefficients), fractions only where a pivot is not (ints are many times quicker)
        row = {k: v if scale == 1 else -v if scale == -1 else Fraction(v) / scale for k, v in row.items()}
        for name in list(occurs.get(pivot, ())):
            other = pivots[name]
            factor = other.get(pivot)
            if factor:
                for k, v in row.items():
                    new = other.get(k, 0) - factor * v
                    if new:
                        other[k] = new
                        occurs.setdefault(k, set()).add(name)
                    else:
                        other.pop(k, None)
                        occurs.get(k, set()).discard(name)
        pivots[pivot] = row
        for k in row:
            occurs.setdefault(k, set()).add(pivot)
    return {names[key] for key, row in pivots.items() if len(row) == 1}


def onthuld(values: Mapping[K, int], hidden: set[K], sommen: Iterable[Som[K]]) -> set[K]:
    """The hidden cells a reader can work out from the shown ones: those ``determined`` pins
    down, less those the sums pin down whatever every cell holds (``vormnullen``).

    A cell of the second kind is 0 in every data set of this shape, and the shape is public:
    a team none of whose wijken has figures in a quarter, or the year's row of a quarter in
    which a wijk had nobody (the quarter's report lists no such wijk). It is about nobody,
    and no partner can hide it; the solver knows it too, so it never counts as protection."""
    sommen = list(sommen)
    return determined(values, hidden, sommen) - vormnullen(values, sommen)


def vormnullen(values: Mapping[K, int], sommen: Iterable[Som[K]]) -> set[K]:
    """The cells the sums fix with nothing shown at all: 0 for every data set of this shape."""
    return determined(values, set(values), sommen)


def _pair_singletons(values: Mapping[K, int], hidden: set[K], sommen: list[Som[K]], vast: frozenset[K]) -> bool:
    changed = False
    for som in sommen:
        if sum(1 for k in som.cellen if k in hidden) == 1:
            partner = _cheapest(som, values, hidden, vast)
            if partner is not None:
                hidden.add(partner)
                changed = True
    return changed


def _break_zero_sums(values: Mapping[K, int], hidden: set[K], sommen: list[Som[K]], vast: frozenset[K]) -> bool:
    """Hidden parts that add up to 0 (with the total shown) would all be known to be 0."""
    for som in sommen:
        parts = [k for k in som.delen if k in hidden]
        if parts and som.totaal not in hidden and sum(values[k] for k in parts) == 0:
            partner = _cheapest(som, values, hidden, vast, nonzero=True)
            if partner is not None:
                hidden.add(partner)
                return True
    return False


def _cheapest(
    som: Som[K], values: Mapping[K, int], hidden: set[K], vast: frozenset[K] = frozenset(), nonzero: bool = False
) -> K | None:
    """The shown cell whose hiding costs least: a part before the total, a non-zero value
    before a zero (a hidden 0 beside a hidden 0 is no protection), then the smallest."""
    candidates = [k for k in som.cellen if k not in hidden and k not in vast and (values[k] > 0 or not nonzero)]
    if not candidates:
        return None
    return min(candidates, key=lambda k: (k == som.totaal, values[k] == 0, values[k], repr(k)))


def _partner_near(
    cell: K, values: Mapping[K, int], hidden: set[K], sommen: list[Som[K]], vast: frozenset[K]
) -> K | None:
    """A cell to hide beside ``cell``: in a sum with it, else one sum further out, and so on."""
    reached, frontier = {cell}, {cell}
    while frontier:
        touching = [s for s in sommen if any(k in frontier for k in s.cellen)]
        for som in sorted(touching, key=lambda s: repr(s.totaal)):
            partner = _cheapest(som, values, hidden, vast)
            if partner is not None:
                return partner
        frontier = {k for s in touching for k in s.cellen if k in hidden} - reached
        reached |= frontier
    return None


def aandeel(deel: Gepubliceerd, geheel: Gepubliceerd) -> float | None:
    """A share from two published (rounded) counts, or None if either is not shown: a
    share from the raw counts would undo the rounding, and one over a hidden count
    would give that count away."""
    if not (deel.getoond and geheel.getoond) or not geheel.waarde or deel.waarde is None:
        return None
    return min(1.0, deel.waarde / geheel.waarde)
