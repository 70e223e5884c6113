"""The per-wijk counts (``board.monitor_counts.Tellingen``) by SQL GROUP BY, on the central database.

The same rules as ``monitor_counts.tel``, in one statement. Each record's place in its
inwoner's history was derived when it arrived (``central_derive``): ``pos`` in history
order, its 0-meting ``nul_nr`` / ``nul_cijfer``, per vervolgmeting the number of leefgebieden
that went better / worse than at the 0-meting, and per fiche row its ``verschil``. So ``r``
only marks, among the records in the period, each inwoner's latest one (its wijk is the
inwoner's wijk) and the latest per quarter; each SELECT of the UNION then counts one table
with a plain GROUP BY, and ``tel_sql`` folds the rows into ``Tellingen``. Since the
0-meting sorts first, the latest vervolgmeting (in the period, in a quarter) is simply the
latest record there when that is a vervolgmeting.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from board.leefgebieden import DEFAULT_SET
from board.monitor_counts import ALLE, Periode, TelKey, Tellingen
from board.vergelijking import Richting
from storage.central_derive import DREMPEL, VERVOLG
from storage.central_models import DUIZENDSTE

# Output rows: (tabel, wijk, rij, kolom, v, n, inwoners). v is a value for a histogram or
# a direction; n counts rows; inwoners counts distinct inwoners where that differs from n.
COUNTS_SQL = f"""
WITH r AS (
    SELECT nr, inwoner_nr, soort, rapportcijfer, kw, pos, nul_nr, nul_cijfer, n_beter, n_slechter, n_vergeleken,
           FIRST_VALUE(wijk) OVER laatst AS iwijk,
           FIRST_VALUE(pos) OVER laatst AS laatste,
           MAX(pos) OVER kwartaal AS laatste_kw,
           -- the latest rapportcijfer in the quarter, packed behind its place in the history
           MAX(CASE WHEN rapportcijfer IS NOT NULL THEN pos * 100 + rapportcijfer END) OVER kwartaal AS kw_cijfer
    FROM monitor_record
    WHERE set_naam = :set_naam AND maand BETWEEN :van AND :tot
    WINDOW laatst AS (PARTITION BY inwoner_nr ORDER BY pos DESC),
           kwartaal AS (PARTITION BY inwoner_nr, kw)
),
kv AS (  -- the latest record per quarter, when it is a vervolgmeting with a 0-meting
    SELECT iwijk, kw, n_beter, n_slechter, n_vergeleken FROM r
    WHERE pos = laatste_kw AND soort = '{VERVOLG}' AND n_vergeleken > 0
)
SELECT 'overzicht', iwijk, soort, '', CAST(NULL AS INTEGER), COUNT(*), COUNT(DISTINCT inwoner_nr)
FROM r GROUP BY iwijk, soort
UNION ALL
SELECT 'inwoners', iwijk, '', '', NULL, COUNT(*), COUNT(*) FROM r WHERE pos = laatste GROUP BY iwijk
UNION ALL
SELECT 'gekozen', r.iwijk, l.leefgebied, '', l.rang, COUNT(*), COUNT(*)
FROM r JOIN monitor_record_leefgebied l ON l.record_nr = r.nr
WHERE r.pos = r.laatste GROUP BY r.iwijk, l.leefgebied, l.rang
UNION ALL
SELECT 'posities', r.iwijk, l.leefgebied, '',
       CASE WHEN l.positie >= 800 THEN 5 ELSE l.positie / 200 + 1 END, COUNT(*), COUNT(*)
FROM r JOIN monitor_record_leefgebied l ON l.record_nr = r.nr
WHERE r.nr = r.nul_nr
GROUP BY r.iwijk, l.leefgebied, CASE WHEN l.positie >= 800 THEN 5 ELSE l.positie / 200 + 1 END
UNION ALL
SELECT 'verandering', r.iwijk, l.leefgebied, '', l.verschil, COUNT(*), COUNT(*)
FROM r JOIN monitor_record_leefgebied l ON l.record_nr = r.nr
WHERE r.pos = r.laatste AND r.n_vergeleken > 0 AND l.verschil IS NOT NULL
GROUP BY r.iwijk, l.leefgebied, l.verschil
UNION ALL
SELECT 'rapportcijfer', iwijk, '', '', nul_cijfer * 100 + rapportcijfer, COUNT(*), COUNT(*)
FROM r WHERE soort = '{VERVOLG}' AND pos = laatste AND nul_nr IS NOT NULL
         AND nul_cijfer IS NOT NULL AND rapportcijfer IS NOT NULL
GROUP BY iwijk, nul_cijfer, rapportcijfer
UNION ALL
SELECT 'doelen', r.iwijk, d.leefgebied, d.evaluatie, NULL, COUNT(*), COUNT(DISTINCT r.inwoner_nr)
FROM r JOIN monitor_record_doel d ON d.record_nr = r.nr
WHERE d.evaluatie IS NOT NULL GROUP BY r.iwijk, d.leefgebied, d.evaluatie
UNION ALL
SELECT 'doelen', r.iwijk, d.leefgebied, 'totaal', NULL, COUNT(*), COUNT(DISTINCT r.inwoner_nr)
FROM r JOIN monitor_record_doel d ON d.record_nr = r.nr
WHERE d.evaluatie IS NOT NULL GROUP BY r.iwijk, d.leefgebied
UNION ALL
SELECT 'trend', iwijk, '', 'metingen', kw, COUNT(*), SUM(CASE WHEN pos = laatste_kw THEN 1 ELSE 0 END)
FROM r GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'cijfer', kw * 100 + kw_cijfer % 100, COUNT(*), COUNT(*)
FROM r WHERE pos = laatste_kw AND kw_cijfer IS NOT NULL GROUP BY iwijk, kw, kw_cijfer % 100
UNION ALL
SELECT 'trend', iwijk, '', 'beter', kw, SUM(n_beter), SUM(CASE WHEN n_beter > 0 THEN 1 ELSE 0 END)
FROM kv GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'slechter', kw, SUM(n_slechter), SUM(CASE WHEN n_slechter > 0 THEN 1 ELSE 0 END)
FROM kv GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'gelijk', kw, SUM(n_vergeleken - n_beter - n_slechter),
       SUM(CASE WHEN n_vergeleken > n_beter + n_slechter THEN 1 ELSE 0 END)
FROM kv GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'totaal', kw, SUM(n_vergeleken), COUNT(*) FROM kv GROUP BY iwijk, kw
"""


def _richting(verschil: int) -> str:
    if verschil >= DREMPEL:
        return Richting.BETER.value
    if verschil <= -DREMPEL:
        return Richting.SLECHTER.value
    return Richting.GELIJK.value


def _kwartaal(kw: int) -> str:
    return f"{kw // 10} K{kw % 10}"


def _vergelijk(nieuw: int, oud: int) -> str:
    return "hoger" if nieuw > oud else "lager" if nieuw < oud else "gelijk"


class _Som:
    """Adds (n, inwoners) per key, and values to histograms, as ``monitor_counts._Teller``."""

    def __init__(self) -> None:
        self.aantallen: dict[TelKey, tuple[int, int]] = {}
        self.verdelingen: dict[TelKey, Counter[float]] = defaultdict(Counter)

    def add(self, key: TelKey, n: int, inwoners: int) -> None:
        if n <= 0:
            return
        old = self.aantallen.get(key, (0, 0))
        self.aantallen[key] = (old[0] + n, old[1] + inwoners)


def tel_sql(engine: Engine, periode: Periode, set_naam: str = DEFAULT_SET) -> Tellingen:
    """``monitor_counts.tel`` over the central database's records, counted by the database."""
    with engine.connect() as connection:
        rows = connection.execute(
            sa.text(COUNTS_SQL), {"set_naam": set_naam, "van": periode.van, "tot": periode.tot}
        ).all()
    return _fold(rows, periode, set_naam)


def _fold(rows: list[sa.Row], periode: Periode, set_naam: str) -> Tellingen:
    s = _Som()
    metingen: Counter[str] = Counter()
    inwoners_per_wijk: dict[str, int] = {}
    for tabel, wijk, rij, kolom, v, n_, inwoners_ in rows:
        n, inwoners = int(n_), int(inwoners_)  # PostgreSQL's SUM is numeric
        if tabel == "inwoners":
            inwoners_per_wijk[wijk] = n
            s.add(("overzicht", wijk, ALLE, "inwoners"), n, inwoners)
        elif tabel == "overzicht":
            s.add(("overzicht", wijk, ALLE, rij), n, inwoners)
            metingen[wijk] += n
        elif tabel == "gekozen":
            s.add(("gekozen", wijk, rij, "gekozen"), n, inwoners)
            s.verdelingen[("gekozen", wijk, rij, "rang")][v] += n
        elif tabel == "posities":
            s.add(("posities", wijk, rij, str(v)), n, inwoners)
            s.add(("posities", wijk, rij, "totaal"), n, inwoners)
        elif tabel == "verandering":
            s.add(("verandering", wijk, rij, _richting(v)), n, inwoners)
            s.add(("verandering", wijk, rij, "totaal"), n, inwoners)
            s.verdelingen[("verandering", wijk, rij, "verschil")][v / DUIZENDSTE] += n
        elif tabel == "rapportcijfer":
            oud, nieuw = divmod(v, 100)
            s.add(("rapportcijfer", wijk, ALLE, "inwoners"), n, inwoners)
            s.add(("rapportcijfer", wijk, ALLE, _vergelijk(nieuw, oud)), n, inwoners)
            for kolom_, waarde in (("cijfer_0", oud), ("cijfer_laatst", nieuw), ("verschil", nieuw - oud)):
                s.verdelingen[("rapportcijfer", wijk, ALLE, kolom_)][waarde] += n
        elif tabel == "doelen":
            s.add(("doelen", wijk, rij, kolom), n, inwoners)
        elif kolom == "metingen":  # trend
            q = _kwartaal(v)
            s.add(("trend", wijk, q, "inwoners"), inwoners, inwoners)
            s.add(("trend", wijk, q, "metingen"), n, inwoners)
        elif kolom == "cijfer":
            kw, cijfer = divmod(v, 100)
            s.verdelingen[("trend", wijk, _kwartaal(kw), "cijfer")][cijfer] += n
        else:
            s.add(("trend", wijk, _kwartaal(v), kolom), n, inwoners)
    for wijk, n in inwoners_per_wijk.items():  # each inwoner counted has a meting in the period
        s.add(("overzicht", wijk, ALLE, "metingen"), metingen[wijk], n)
    return Tellingen(
        periode=periode,
        set_naam=set_naam,
        wijken=tuple(sorted(inwoners_per_wijk)),
        kwartalen=periode.kwartalen,
        aantallen=s.aantallen,
        verdelingen=dict(s.verdelingen),
    )

