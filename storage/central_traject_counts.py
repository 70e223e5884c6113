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

    for wijk, begin, eerste, eind, reden, inw, n_ in trajecten:
        n = int(n_)
        feit = TrajectFeit(begin, eerste, eind, reden)
        for (tabel, rij, kolom), waarde in traject_tellingen(feit, periode.van, periode.tot, kwartalen):
            key = (tabel, wijk, rij, kolom)
            wijken.add(wijk)
            if waarde is not None:
                verdelingen[key][waarde] += n
            elif inw is None:
                add(key, n, n)
            else:
                per_inwoner[inw][key] += n
    for wijk, leefgebied, verschil, inw, n_ in afgesloten:
        n = int(n_)
        positie_0, positie = 0.0, verschil / DUIZENDSTE
        r = richting(positie_0, positie).value
        for kolom in (r, "totaal"):
            key = ("verandering_afgesloten", wijk, leefgebied, kolom)
            if inw is None:
                add(key, n, n)
            else:
                per_inwoner[inw][key] += n
        verdelingen[("verandering_afgesloten", wijk, leefgebied, "verschil")][verschil / DUIZENDSTE] += n
        wijken.add(wijk)
    for keys in per_inwoner.values():
        for key, n in keys.items():
            add(key, n, 1)
    tellingen.aantallen = aantallen
    tellingen.verdelingen = dict(verdelingen)
    tellingen.wijken = tuple(sorted(wijken))
