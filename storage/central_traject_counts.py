"""The traject figures' counts from the rows of ``central_counts.TRAJECTEN_SQL`` and
``AFGESLOTEN_SQL``, folded by the same rules as ``board.monitor_2_trajecten`` (so the SQL way
and the Python way give the same ``Tellingen``).

A row without an inwoner stands for ``n`` trajecten of ``n`` different inwoners (each has no
other traject), so a cell gets ``n`` and ``n`` inwoners. The rows of an inwoner with several
trajecten are folded per inwoner: a cell they touch twice counts 2 and 1 inwoner.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from board.monitor_2_counts import TelKey, Tellingen
from board.monitor_2_trajecten import TrajectFeit, traject_tellingen
from board.vergelijking import richting
from storage.central_models import DUIZENDSTE


def tel_trajecten_sql(tellingen: Tellingen, trajecten: Iterable[tuple], afgesloten: Iterable[tuple]) -> None:
    """Add the traject cells to ``tellingen`` (in place)."""
    periode = tellingen.periode
    kwartalen = periode.kwartalen
    aantallen = dict(tellingen.aantallen)
    verdelingen: dict[TelKey, Counter[float]] = defaultdict(Counter, tellingen.verdelingen)
    per_inwoner: dict[int, Counter[TelKey]] = defaultdict(Counter)
    wijken = set(tellingen.wijken)

    def add(key: TelKey, n: int, inwoners: int) -> None:
        old = aantallen.get(key, (0, 0))
        aantallen[key] = (old[0] + n, old[1] + inwoners)

    # Counted per (cell, wijk) first and added to ``aantallen`` once: a row touches some twenty
    # cells and there are thousands of rows. The same dates in another wijk touch the same
    # cells, so those are worked out once.
    los: Counter[tuple] = Counter()  # (tabel, rij, kolom, wijk) of inwoners with one traject
    cellen: dict[tuple, tuple[list, list]] = {}
    for wijk, begin, eerste, eind, reden, inw, n_ in trajecten:
        n = int(n_)
        wijken.add(wijk)
        feit = (begin, eerste, eind, reden)
        if feit not in cellen:
            alle = list(traject_tellingen(TrajectFeit(*feit), periode.van, periode.tot, kwartalen))
            cellen[feit] = ([c for c, w in alle if w is None], [(c, w) for c, w in alle if w is not None])
        tellen, waarden = cellen[feit]
        for (tabel, rij, kolom), waarde in waarden:
            verdelingen[(tabel, wijk, rij, kolom)][waarde] += n
        if inw is None:
            for cel in tellen:
                los[(*cel, wijk)] += n
        else:
            for tabel, rij, kolom in tellen:
                per_inwoner[inw][(tabel, wijk, rij, kolom)] += n
    richtingen = {}  # per verschil (thousandths)
    for wijk, leefgebied, verschil, inw, n_ in afgesloten:
        n = int(n_)
        if verschil not in richtingen:
            richtingen[verschil] = richting(0.0, verschil / DUIZENDSTE).value
        for kolom in (richtingen[verschil], "totaal"):
            if inw is None:
                los[("verandering_afgesloten", leefgebied, kolom, wijk)] += n
            else:
                per_inwoner[inw][("verandering_afgesloten", wijk, leefgebied, kolom)] += n
        verdelingen[("verandering_afgesloten", wijk, leefgebied, "verschil")][verschil / DUIZENDSTE] += n
        wijken.add(wijk)
    for (tabel, rij, kolom, wijk), n in los.items():
        add((tabel, wijk, rij, kolom), n, n)
    for keys in per_inwoner.values():
        for key, n in keys.items():
            add(key, n, 1)
    tellingen.aantallen = aantallen
    tellingen.verdelingen = dict(verdelingen)
    tellingen.wijken = tuple(sorted(wijken))
