"""The per-wijk counts (``board.monitor_counts.Tellingen``) by SQL GROUP BY, on the central database.

The same rules as ``monitor_counts.tel``, in one statement. ``h`` numbers each inwoner's
records in history order (volgnummer, maand, record_id) and carries the first one: that
is the 0-meting when it is one (a CHECK makes the 0-meting the only volgnummer 0). ``p``
keeps the records in the period and marks, per inwoner, the latest one (its wijk is the
inwoner's wijk), the latest one per quarter and the latest rapportcijfer per quarter.
Each SELECT of the UNION then counts one table, and
``tel_sql`` folds the rows into ``Tellingen``. Positions are integer thousandths, so the
"beter/gelijk/slechter" threshold (5% of the bar = 50) is exact here as in Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from board.leefgebieden import DEFAULT_SET
from board.meting import MetingSoort
from board.monitor_counts import ALLE, Periode, TelKey, Tellingen
from board.vergelijking import GELIJK_DREMPEL, Richting
from storage.central_models import DUIZENDSTE

DREMPEL = round(GELIJK_DREMPEL * DUIZENDSTE)
NUL, VERVOLG = MetingSoort.NULMETING.value, MetingSoort.VERVOLGMETING.value

# Output rows: (tabel, wijk, rij, kolom, v, n, inwoners). v is a value for a histogram or
# a direction; n counts rows; inwoners counts distinct inwoners where that differs from n.
COUNTS_SQL = f"""
WITH h AS (
    SELECT nr, pseudoniem, wijk, maand, soort, rapportcijfer,
           CAST(substr(maand, 1, 4) AS INTEGER) * 10 + (CAST(substr(maand, 6, 2) AS INTEGER) + 2) / 3 AS kw,
           ROW_NUMBER() OVER hist AS pos,
           FIRST_VALUE(nr) OVER hist AS nul_nr,
           FIRST_VALUE(soort) OVER hist AS eerste_soort,
           FIRST_VALUE(rapportcijfer) OVER hist AS nul_cijfer
    FROM monitor_record
    WHERE set_naam = :set_naam
      AND pseudoniem IN (SELECT pseudoniem FROM monitor_record
                         WHERE set_naam = :set_naam AND maand BETWEEN :van AND :tot)
    WINDOW hist AS (PARTITION BY pseudoniem ORDER BY volgnummer, maand, record_id)
),
p AS (  -- the 0-meting sorts first, so the latest vervolgmeting (in the period, in a quarter)
        -- is simply the latest record there when that is a vervolgmeting
    SELECT nr, pseudoniem, soort, rapportcijfer, kw, nul_nr, nul_cijfer,
           CASE WHEN eerste_soort = '{NUL}' THEN 1 ELSE 0 END AS heeft_nul,
           FIRST_VALUE(wijk) OVER laatst AS iwijk,
           ROW_NUMBER() OVER laatst AS rn,
           ROW_NUMBER() OVER kwartaal AS rn_kw,
           -- the latest rapportcijfer in the quarter, packed behind its place in the history
           MAX(CASE WHEN rapportcijfer IS NOT NULL THEN pos * 100 + rapportcijfer END) OVER kwartaal_heel AS kw_cijfer
    FROM h
    WHERE maand BETWEEN :van AND :tot
    WINDOW laatst AS (PARTITION BY pseudoniem ORDER BY pos DESC),
           kwartaal AS (PARTITION BY pseudoniem, kw ORDER BY pos DESC),
           kwartaal_heel AS (PARTITION BY pseudoniem, kw ORDER BY pos DESC
                             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
),
v AS (  -- the latest vervolgmeting per quarter, leefgebied by leefgebied beside the 0-meting
    SELECT p.pseudoniem, p.iwijk, p.kw, p.rn, l.leefgebied, l.positie - l0.positie AS verschil
    FROM p
    JOIN monitor_record_leefgebied l ON l.record_nr = p.nr
    JOIN monitor_record_leefgebied l0 ON l0.record_nr = p.nul_nr AND l0.leefgebied = l.leefgebied
    WHERE p.soort = '{VERVOLG}' AND p.rn_kw = 1 AND p.heeft_nul = 1
),
tv AS (  -- per inwoner and quarter: how many leefgebieden went which way
    SELECT pseudoniem, iwijk, kw,
           SUM(CASE WHEN verschil >= {DREMPEL} THEN 1 ELSE 0 END) AS beter,
           SUM(CASE WHEN verschil <= -{DREMPEL} THEN 1 ELSE 0 END) AS slechter,
           COUNT(*) AS totaal
    FROM v GROUP BY pseudoniem, iwijk, kw
)
SELECT 'overzicht', iwijk, soort, '', CAST(NULL AS INTEGER), COUNT(*), COUNT(DISTINCT pseudoniem)
FROM p GROUP BY iwijk, soort
UNION ALL
SELECT 'inwoners', iwijk, '', '', NULL, COUNT(*), COUNT(*) FROM p WHERE rn = 1 GROUP BY iwijk
UNION ALL
SELECT 'gekozen', p.iwijk, l.leefgebied, '', l.rang, COUNT(*), COUNT(*)
FROM p JOIN monitor_record_leefgebied l ON l.record_nr = p.nr
WHERE p.rn = 1 GROUP BY p.iwijk, l.leefgebied, l.rang
UNION ALL
SELECT 'posities', p.iwijk, l.leefgebied, '',
       CASE WHEN l.positie >= 800 THEN 5 ELSE l.positie / 200 + 1 END, COUNT(*), COUNT(*)
FROM p JOIN monitor_record_leefgebied l ON l.record_nr = p.nr
WHERE p.nr = p.nul_nr AND p.heeft_nul = 1
GROUP BY p.iwijk, l.leefgebied, CASE WHEN l.positie >= 800 THEN 5 ELSE l.positie / 200 + 1 END
UNION ALL
SELECT 'verandering', iwijk, leefgebied, '', verschil, COUNT(*), COUNT(*)
FROM v WHERE rn = 1 GROUP BY iwijk, leefgebied, verschil
UNION ALL
SELECT 'rapportcijfer', iwijk, '', '', nul_cijfer * 100 + rapportcijfer, COUNT(*), COUNT(*)
FROM p WHERE soort = '{VERVOLG}' AND rn = 1 AND heeft_nul = 1
         AND nul_cijfer IS NOT NULL AND rapportcijfer IS NOT NULL
GROUP BY iwijk, nul_cijfer, rapportcijfer
UNION ALL
SELECT 'doelen', p.iwijk, d.leefgebied, d.evaluatie, NULL, COUNT(*), COUNT(DISTINCT p.pseudoniem)
FROM p JOIN monitor_record_doel d ON d.record_nr = p.nr
WHERE d.evaluatie IS NOT NULL GROUP BY p.iwijk, d.leefgebied, d.evaluatie
UNION ALL
SELECT 'doelen', p.iwijk, d.leefgebied, 'totaal', NULL, COUNT(*), COUNT(DISTINCT p.pseudoniem)
FROM p JOIN monitor_record_doel d ON d.record_nr = p.nr
WHERE d.evaluatie IS NOT NULL GROUP BY p.iwijk, d.leefgebied
UNION ALL
SELECT 'trend', iwijk, '', 'metingen', kw, COUNT(*), COUNT(DISTINCT pseudoniem) FROM p GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'cijfer', kw * 100 + kw_cijfer % 100, COUNT(*), COUNT(*)
FROM p WHERE rn_kw = 1 AND kw_cijfer IS NOT NULL GROUP BY iwijk, kw, kw_cijfer % 100
UNION ALL
SELECT 'trend', iwijk, '', 'beter', kw, SUM(beter), SUM(CASE WHEN beter > 0 THEN 1 ELSE 0 END)
FROM tv GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'slechter', kw, SUM(slechter), SUM(CASE WHEN slechter > 0 THEN 1 ELSE 0 END)
FROM tv GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'gelijk', kw, SUM(totaal - beter - slechter),
       SUM(CASE WHEN totaal > beter + slechter THEN 1 ELSE 0 END)
FROM tv GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'totaal', kw, SUM(totaal), COUNT(*) FROM tv GROUP BY iwijk, kw
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

