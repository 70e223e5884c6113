"""The per-wijk counts (``board.monitor_2_counts.Tellingen``) by SQL GROUP BY, on the central database.

The same rules as ``monitor_2_counts.tel``, in one transaction that leaves nothing behind.
Each record's place in its inwoner's history was derived when it arrived
(``central_derive``): ``pos`` in history order, its 0-meting ``nul_nr`` / ``nul_cijfer``,
per vervolgmeting the number of leefgebieden that went better / worse than at the 0-meting,
and per fiche row its ``verschil``. So two temporary tables only mark, among the records in
the period, each inwoner's latest one (its wijk is the inwoner's wijk) and the latest per
quarter; each SELECT of the UNION then counts one table with a plain GROUP BY, and
``tel_sql`` folds the rows into ``Tellingen``. Since the 0-meting sorts first, the latest
vervolgmeting (in the period, in a quarter) is simply the latest record there when that is
a vervolgmeting.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from board.leefgebieden import DEFAULT_SET
from board.meting_waarden import Evaluatie
from board.monitor_2_counts import ALLE, Periode, TelKey, Tellingen
from board.monitor_2_trajecten import _ZWAARTE, ACTOR_BITS, ACTOR_GROEPEN, EIGEN_KRACHT, EINDIGT, ONBEKEND
from board.vergelijking import Richting
from storage.central_bewaard import lees_bewaard
from storage.central_derive import DREMPEL, NUL, VERVOLG
from storage.central_models import DUIZENDSTE
from storage.central_traject_counts import tel_trajecten_sql

# Output rows: (tabel, wijk, rij, kolom, v, n, inwoners). v is a value for a histogram or
# a direction; n counts rows; inwoners counts distinct inwoners where that differs from n.
_IN_PERIODE = "set_naam = :set_naam AND telmaand BETWEEN :van AND :tot /*deel*/"  # the month it counts in
# Where a count of only some inwoners (``tel_deel``) narrows the rows down.
_DELEN = {"/*deel*/": "AND inwoner_nr IN :inwoners", "/*deel m*/": "AND m.inwoner_nr IN :inwoners",
          "/*deel t*/": "AND t.inwoner_nr IN :inwoners"}

def _vergeleken(t: str) -> str:
    """Record ``t`` is a vervolgmeting with leefgebieden to compare with its 0-meting."""
    return f"{t}.soort = '{VERVOLG}' AND {t}.n_vergeleken > 0"


# Who did the work on a doel (``monitor_2_trajecten.actor_groep``) from its actor bits.
_GROEP = "CASE WHEN d.actoren IS NULL THEN '{onbekend}' " + "".join(
    f"WHEN d.actoren & {sum(b for u, b in ACTOR_BITS.items() if _ZWAARTE.get(u, 0) == zwaarte)} <> 0 "
    f"THEN '{ACTOR_GROEPEN[zwaarte]}' " for zwaarte in (3, 2, 1)
) + "ELSE '{eigen}' END"
_GROEP = _GROEP.format(onbekend=ONBEKEND, eigen=EIGEN_KRACHT)
# A doel ends at an evaluation behaald or vervallen; deels or niet behaald, with its traject.
_EINDIGT = ", ".join(f"'{e.value}'" for e in EINDIGT)
_LOOPT = ", ".join(f"'{e.value}'" for e in Evaluatie if e not in EINDIGT)

# Per-inwoner history comes from plain GROUP BYs over narrow integers, not from window
# functions, computed once per report into three tables that the figures then read:
# ``tel_w`` holds each inwoner's latest record in the period (its wijk is the inwoner's
# wijk), ``tel_qw`` per inwoner and quarter the latest record, the number of records and the
# latest rapportcijfer, with the inwoner's wijk, and ``tel_d`` the doelen of the period per
# inwoner (per evaluatie one row is one inwoner). On PostgreSQL they are ANALYZEd temporary
# tables: as CTEs it planned the joins on a guess of a thousand inwoners instead of 50,000
# (nested loops with an index lookup per inwoner). SQLite materialises them as CTEs just as
# fast, without writing them.
_TABELLEN = {
    "tel_w": f"""
WITH i AS (
    SELECT inwoner_nr, MAX(pos) AS laatste,
           SUM(CASE WHEN soort = '{NUL}' THEN 1 ELSE 0 END) AS n_nul,
           SUM(CASE WHEN soort = '{VERVOLG}' THEN 1 ELSE 0 END) AS n_vervolg
    FROM monitor_record WHERE {_IN_PERIODE} GROUP BY inwoner_nr
)
SELECT i.inwoner_nr, i.n_nul, i.n_vervolg, m.wijk AS iwijk, m.nr, m.soort, m.rapportcijfer, m.nul_nr,
       m.nul_cijfer, m.n_vergeleken
FROM i JOIN monitor_record m ON m.inwoner_nr = i.inwoner_nr AND m.pos = i.laatste
""",
    "tel_qw": f"""
WITH q AS (
    SELECT inwoner_nr, kw, MAX(pos) AS laatste, COUNT(*) AS metingen,
           -- the latest rapportcijfer in the quarter, packed behind its place in the history
           MAX(CASE WHEN rapportcijfer IS NOT NULL THEN pos * 100 + rapportcijfer END) AS cijfer
    FROM monitor_record WHERE {_IN_PERIODE} GROUP BY inwoner_nr, kw
)
SELECT w.iwijk, q.kw, q.metingen, q.cijfer, m.n_beter, m.n_slechter, m.n_vergeleken,
       CASE WHEN {_vergeleken('m')} THEN 1 ELSE 0 END AS vergeleken
FROM q JOIN tel_w w ON w.inwoner_nr = q.inwoner_nr
JOIN monitor_record m ON m.inwoner_nr = q.inwoner_nr AND m.pos = q.laatste
""",
    # the doelen that ended in the period (``monitor_2_trajecten.doel_uitkomsten``) per inwoner,
    # leefgebied, evaluatie and who did the work: behaald or vervallen in a record of the period
    # (in the inwoner's wijk, of tel_w), deels or niet behaald in the last record of a traject
    # afgesloten in the period (in the traject's wijk); tel_d and tel_a add them up
    "tel_x": f"""
SELECT w.iwijk, w.inwoner_nr, d.leefgebied, d.evaluatie, {_GROEP} AS groep, COUNT(*) AS n
FROM monitor_record m JOIN monitor_record_doel d ON d.record_nr = m.nr
JOIN tel_w w ON w.inwoner_nr = m.inwoner_nr
WHERE m.set_naam = :set_naam AND m.telmaand BETWEEN :van AND :tot AND d.evaluatie IN ({_EINDIGT}) /*deel m*/
GROUP BY w.iwijk, w.inwoner_nr, d.leefgebied, d.evaluatie, groep
UNION ALL
SELECT t.wijk, t.inwoner_nr, d.leefgebied, d.evaluatie, {_GROEP} AS groep, COUNT(*) AS n
FROM monitor_traject t JOIN monitor_inwoner i ON i.nr = t.inwoner_nr
JOIN monitor_record_doel d ON d.record_nr = t.laatste_nr
WHERE i.set_naam = :set_naam AND t.eind_maand BETWEEN :van AND :tot AND t.reden IS NOT NULL
  AND d.evaluatie IN ({_LOOPT}) /*deel t*/
GROUP BY t.wijk, t.inwoner_nr, d.leefgebied, d.evaluatie, groep
""",
    "tel_d": "SELECT iwijk, inwoner_nr, leefgebied, evaluatie, SUM(n) AS n FROM tel_x "
             "GROUP BY iwijk, inwoner_nr, leefgebied, evaluatie",
    "tel_a": "SELECT iwijk, inwoner_nr, groep, evaluatie, SUM(n) AS n FROM tel_x "
             "GROUP BY iwijk, inwoner_nr, groep, evaluatie",
}


def _tabellen(sql: str) -> list[str]:
    """The tables of ``_TABELLEN`` that ``sql`` reads, and those they read, in order."""
    nodig = {naam for naam in _TABELLEN if naam in sql}
    for naam in reversed(_TABELLEN):  # a table reads only those before it
        if naam in nodig:
            nodig |= {andere for andere in _TABELLEN if andere in _TABELLEN[naam]}
    return [naam for naam in _TABELLEN if naam in nodig]


_GEKOZEN = """
SELECT 'gekozen', w.iwijk, l.leefgebied, '', l.rang, COUNT(*), COUNT(*)
FROM tel_w w JOIN monitor_record_leefgebied l ON l.record_nr = w.nr
GROUP BY w.iwijk, l.leefgebied, l.rang
"""
COUNTS_SQL = f"""SELECT 'overzicht', iwijk, '{NUL}', '', CAST(NULL AS INTEGER), SUM(n_nul),
       SUM(CASE WHEN n_nul > 0 THEN 1 ELSE 0 END)
FROM tel_w w GROUP BY iwijk
UNION ALL
SELECT 'overzicht', iwijk, '{VERVOLG}', '', NULL, SUM(n_vervolg), SUM(CASE WHEN n_vervolg > 0 THEN 1 ELSE 0 END)
FROM tel_w w GROUP BY iwijk
UNION ALL
SELECT 'inwoners', iwijk, '', '', NULL, COUNT(*), COUNT(*) FROM tel_w w GROUP BY iwijk
UNION ALL""" + _GEKOZEN + f"""UNION ALL
SELECT 'posities', w.iwijk, l.leefgebied, '',
       CASE WHEN l.positie >= 800 THEN 5 ELSE l.positie / 200 + 1 END, COUNT(*), COUNT(*)
FROM tel_w w JOIN monitor_record n ON n.nr = w.nul_nr
JOIN monitor_record_leefgebied l ON l.record_nr = w.nul_nr
WHERE n.telmaand BETWEEN :van AND :tot
GROUP BY w.iwijk, l.leefgebied, CASE WHEN l.positie >= 800 THEN 5 ELSE l.positie / 200 + 1 END
UNION ALL
SELECT 'verandering', w.iwijk, l.leefgebied, '', l.verschil, COUNT(*), COUNT(*)
FROM tel_w w JOIN monitor_record_leefgebied l ON l.record_nr = w.nr
WHERE {_vergeleken('w')} AND l.verschil IS NOT NULL
GROUP BY w.iwijk, l.leefgebied, l.verschil
UNION ALL
SELECT 'rapportcijfer', iwijk, '', '', nul_cijfer * 100 + rapportcijfer, COUNT(*), COUNT(*)
FROM tel_w w WHERE soort = '{VERVOLG}' AND nul_nr IS NOT NULL AND nul_cijfer IS NOT NULL AND rapportcijfer IS NOT NULL
GROUP BY iwijk, nul_cijfer, rapportcijfer
UNION ALL
SELECT 'doelen', iwijk, leefgebied, evaluatie, NULL, SUM(n), COUNT(*)
FROM tel_d GROUP BY iwijk, leefgebied, evaluatie
UNION ALL
SELECT 'trend', iwijk, '', 'metingen', kw, SUM(metingen), COUNT(*) FROM tel_qw GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'cijfer', kw * 100 + cijfer % 100, COUNT(*), COUNT(*)
FROM tel_qw WHERE cijfer IS NOT NULL GROUP BY iwijk, kw, cijfer % 100
UNION ALL
SELECT 'trend', iwijk, '', 'beter', kw, SUM(n_beter), SUM(CASE WHEN n_beter > 0 THEN 1 ELSE 0 END)
FROM tel_qw WHERE vergeleken = 1 GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'slechter', kw, SUM(n_slechter), SUM(CASE WHEN n_slechter > 0 THEN 1 ELSE 0 END)
FROM tel_qw WHERE vergeleken = 1 GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'gelijk', kw, SUM(n_vergeleken - n_beter - n_slechter),
       SUM(CASE WHEN n_vergeleken > n_beter + n_slechter THEN 1 ELSE 0 END)
FROM tel_qw WHERE vergeleken = 1 GROUP BY iwijk, kw
UNION ALL
SELECT 'trend', iwijk, '', 'totaal', kw, SUM(n_vergeleken), COUNT(*) FROM tel_qw WHERE vergeleken = 1 GROUP BY iwijk, kw
UNION ALL
SELECT 'doelen', iwijk, leefgebied, 'totaal', NULL, SUM(n), COUNT(DISTINCT inwoner_nr)
FROM tel_d GROUP BY iwijk, leefgebied
UNION ALL
SELECT 'doelen_actoren', iwijk, groep, evaluatie, NULL, SUM(n), COUNT(*) FROM tel_a GROUP BY iwijk, groep, evaluatie
UNION ALL
SELECT 'doelen_actoren', iwijk, groep, 'totaal', NULL, SUM(n), COUNT(DISTINCT inwoner_nr)
FROM tel_a GROUP BY iwijk, groep
UNION ALL
SELECT 'doelen_actoren', iwijk, '{ALLE}', evaluatie, NULL, SUM(n), COUNT(DISTINCT inwoner_nr)
FROM tel_a GROUP BY iwijk, evaluatie
UNION ALL
SELECT 'doelen_actoren', iwijk, '{ALLE}', 'totaal', NULL, SUM(n), COUNT(DISTINCT inwoner_nr)
FROM tel_a GROUP BY iwijk
"""
# The trajecten that count in the period (``monitor_2_trajecten``), one row per kind of traject:
# an inwoner with one traject is one row among many alike; one with several trajecten keeps
# their own rows (``inw``), so each cell still knows how many different inwoners it holds.
TRAJECTEN_SQL = """
SELECT t.wijk, t.begin_maand, t.eerste_vervolg_maand, t.eind_maand, t.reden,
       CASE WHEN t.meer = 1 THEN t.inwoner_nr END AS inw, COUNT(*)
FROM monitor_traject t JOIN monitor_inwoner i ON i.nr = t.inwoner_nr
WHERE i.set_naam = :set_naam AND t.begin_maand IS NOT NULL AND t.begin_maand <= :tot
  AND (t.eind_maand IS NULL OR t.eind_maand >= :van) /*deel t*/
GROUP BY t.wijk, t.begin_maand, t.eerste_vervolg_maand, t.eind_maand, t.reden,
         CASE WHEN t.meer = 1 THEN t.inwoner_nr END
"""
# Change per leefgebied over the trajecten afgesloten in the period: 0-meting to last meting.
# The last meting's fiche rows carry their change since their traject's 0-meting already
# (``verschil``, derived at sync time), so no second join to the 0-meting's rows.
AFGESLOTEN_SQL = """
SELECT t.wijk, l.leefgebied, l.verschil, CASE WHEN t.meer = 1 THEN t.inwoner_nr END, COUNT(*)
FROM monitor_traject t JOIN monitor_inwoner i ON i.nr = t.inwoner_nr
JOIN monitor_record_leefgebied l ON l.record_nr = t.laatste_nr
WHERE i.set_naam = :set_naam AND t.eind_maand BETWEEN :van AND :tot AND t.reden IS NOT NULL
  AND t.laatste_nr <> t.nul_nr AND l.verschil IS NOT NULL /*deel t*/
GROUP BY t.wijk, l.leefgebied, l.verschil, CASE WHEN t.meer = 1 THEN t.inwoner_nr END
"""

# Only "how often each leefgebied is chosen" per wijk (the benchmark's like-for-like figure).
GEKOZEN_SQL = _GEKOZEN


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


def tel_sql(
    engine: Engine, periode: Periode, set_naam: str = DEFAULT_SET, *, sql: str = COUNTS_SQL,
    trajecten_ook: bool = False, bewaard: bool = True,
) -> Tellingen:
    """``monitor_2_counts.tel`` over the central database's records, counted by the database
    (only the tables that ``sql`` counts: ``GEKOZEN_SQL`` for the chosen leefgebieden). A grid
    period whose counts are kept at sync time (``central_bijhouden``) is read from those, unless
    ``bewaard`` is False: then it is counted from the records, as any other period."""
    if bewaard and sql is COUNTS_SQL:
        with engine.connect() as connection:
            kept = lees_bewaard(connection, periode, set_naam)
        if kept is not None:
            return kept
    params = {"set_naam": set_naam, "van": periode.van, "tot": periode.tot}
    trajecten_ook = trajecten_ook or sql is COUNTS_SQL
    with engine.connect() as connection:
        try:
            rows, trajecten, afgesloten = _rijen(connection, params, sql, trajecten_ook, None)
        finally:
            connection.rollback()  # the temporary tables go with the transaction that made them
    tellingen = _fold(rows, periode, set_naam)
    if trajecten_ook:
        tel_trajecten_sql(tellingen, trajecten, afgesloten)
    return tellingen


def tel_deel(
    connection: sa.Connection, periode: Periode, set_naam: str, inwoners: Collection[int] | None
) -> tuple[Tellingen, Counter[str]]:
    """The counts of only ``inwoners`` (None: of all) in the caller's transaction, and per wijk
    how many rows put the wijk in the report. Every count is a sum over inwoners (each in one
    wijk in a period), so the counts of all are the sum of those of any split of the inwoners:
    what ``central_bijhouden`` keeps."""
    params = {"set_naam": set_naam, "van": periode.van, "tot": periode.tot}
    rows, trajecten, afgesloten = _rijen(connection, params, COUNTS_SQL, True, inwoners)
    tellingen = _fold(rows, periode, set_naam)
    tel_trajecten_sql(tellingen, trajecten, afgesloten)
    wijken: Counter[str] = Counter()
    for tabel, wijk, _r, _k, _v, n, _i in rows:
        if tabel == "inwoners":
            wijken[wijk] += int(n)
    for row in (*trajecten, *afgesloten):
        wijken[row[0]] += int(row[-1])
    return tellingen, wijken


def _statement(query: str, inwoners: Collection[int] | None) -> sa.TextClause:
    """``query`` over all inwoners, or narrowed down to ``inwoners`` (``_DELEN``)."""
    if inwoners is None:
        return sa.text(query)
    for marker, condition in _DELEN.items():
        query = query.replace(marker, condition)
    statement = sa.text(query)
    return statement.bindparams(sa.bindparam("inwoners", expanding=True)) if ":inwoners" in query else statement


def _rijen(
    connection: sa.Connection, params: dict, sql: str, trajecten_ook: bool, inwoners: Collection[int] | None
) -> tuple[list[sa.Row], list[sa.Row], list[sa.Row]]:
    """The UNION's rows and (``trajecten_ook``) the traject rows, of ``inwoners`` only unless None."""
    tabellen = _tabellen(sql)
    queries = [sql] + ([TRAJECTEN_SQL, AFGESLOTEN_SQL] if trajecten_ook else [])
    postgresql = connection.dialect.name == "postgresql"
    # Temporary tables, ANALYZEd: on PostgreSQL for all inwoners (see _TABELLEN), on SQLite for
    # a few (as CTEs its planner guessed many rows in them and scanned whole tables for Bloom
    # filters: 0.3 s for one inwoner in the P7 database, 0.03 s so).
    temporary = (inwoners is None) if postgresql else (inwoners is not None)
    schema = "" if postgresql else "temp."
    if temporary:
        for naam in tabellen:
            connection.execute(_statement(f"CREATE TEMPORARY TABLE {naam} AS {_TABELLEN[naam]}", inwoners), params
                               | {"inwoners": sorted(inwoners or ())})
            if postgresql and naam == "tel_w":  # the others join it on the inwoner
                connection.execute(sa.text("CREATE INDEX tel_w_inwoner ON tel_w (inwoner_nr)"))
            connection.execute(sa.text(f"ANALYZE {schema}{naam}"))
    elif tabellen:  # SQLite for all: as CTEs, materialised just as fast, without writing them
        queries[0] = "WITH " + ",\n".join(f"{naam} AS ({_TABELLEN[naam]})" for naam in tabellen) + "\n" + sql
    found = [connection.execute(_statement(query, inwoners), params | {"inwoners": sorted(inwoners or ())}).all()
             for query in queries]
    if temporary:
        for naam in reversed(tabellen):
            connection.execute(sa.text(f"DROP TABLE {schema}{naam}"))
    return found[0], *(found[1:] or ([], []))  # type: ignore[return-value]


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
        elif tabel in ("doelen", "doelen_actoren"):
            s.add((tabel, wijk, rij, kolom), n, inwoners)
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

