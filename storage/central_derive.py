"""The derived columns of the central database: each record's role in its inwoner's history.

Computed when records arrive (``central.store_records``, in the same transaction) rather than
when the figures are counted, so ``central_counts`` needs no per-inwoner history at report
time. ``afleiden`` recomputes everything derived for the given inwoners from their stored
records, whatever order those came in: a 0-meting that arrives after its vervolgmetingen,
a record sent twice (stored once, nothing new to derive) or a record that slots in
between others all end in the same values as one sync of everything. With no inwoners
given it derives the whole database (the migration's backfill, the benchmark's build).

The rules are ``monitor_2_counts.tel``'s: history order is (volgnummer, maand, record_id);
the 0-meting is the first record when that is a 0-meting (a CHECK makes it the only
volgnummer 0); a change is counted per leefgebied on both boards, and "beter/slechter"
uses the app's threshold in exact thousandths.
"""

from __future__ import annotations

from collections.abc import Collection

import sqlalchemy as sa

from board.meting_waarden import MetingSoort
from board.vergelijking import GELIJK_DREMPEL
from storage.central_models import DUIZENDSTE

DREMPEL = round(GELIJK_DREMPEL * DUIZENDSTE)
NUL, VERVOLG = MetingSoort.NULMETING.value, MetingSoort.VERVOLGMETING.value

# year * 10 + quarter from 'YYYY-MM', for rows stored before kw was written on insert
KW_SQL = "CAST(substr(maand, 1, 4) AS INTEGER) * 10 + (CAST(substr(maand, 6, 2) AS INTEGER) + 2) / 3"


def kw(maand: str) -> int:
    """'2026-05' -> 20262, as ``KW_SQL``."""
    return int(maand[:4]) * 10 + (int(maand[5:7]) + 2) // 3


_ROLLEN = """
UPDATE monitor_record SET pos = x.pos, nul_nr = x.nul_nr, nul_cijfer = x.nul_cijfer
FROM (
    SELECT nr, ROW_NUMBER() OVER hist AS pos,
           CASE WHEN FIRST_VALUE(soort) OVER tra = '{nul}' THEN FIRST_VALUE(nr) OVER tra END AS nul_nr,
           CASE WHEN FIRST_VALUE(soort) OVER tra = '{nul}' THEN FIRST_VALUE(rapportcijfer) OVER tra END
               AS nul_cijfer
    FROM monitor_record WHERE {scope}
    WINDOW hist AS (PARTITION BY inwoner_nr ORDER BY {orde}), tra AS (PARTITION BY {traject} ORDER BY {orde})
) AS x
WHERE monitor_record.nr = x.nr
"""

# Correlated subqueries, so a value that no longer applies (no 0-meting any more for this
# leefgebied, or none at all) becomes NULL again.
_VERSCHIL = """
UPDATE monitor_record_leefgebied SET verschil = (
    SELECT monitor_record_leefgebied.positie - l0.positie
    FROM monitor_record r
    JOIN monitor_record_leefgebied l0
      ON l0.record_nr = r.nul_nr AND l0.leefgebied = monitor_record_leefgebied.leefgebied
    WHERE r.nr = monitor_record_leefgebied.record_nr AND r.soort = '{vervolg}'
)
WHERE record_nr IN (SELECT nr FROM monitor_record WHERE {scope})
"""

_TEL = "(SELECT COUNT(*) FROM monitor_record_leefgebied l WHERE l.record_nr = monitor_record.nr AND {cond})"
_AANTALLEN = f"""
UPDATE monitor_record SET
    n_beter = CASE WHEN {{vergeleken}} THEN {_TEL.format(cond=f"l.verschil >= {DREMPEL}")} END,
    n_slechter = CASE WHEN {{vergeleken}} THEN {_TEL.format(cond=f"l.verschil <= -{DREMPEL}")} END,
    n_vergeleken = CASE WHEN {{vergeleken}} THEN {_TEL.format(cond="l.verschil IS NOT NULL")} END
WHERE {{scope}}
"""


# Since c004: one row per traject (``monitor_traject``), from the records and the afsluitingen.
_TRAJECTEN = (
    "DELETE FROM monitor_traject WHERE {scope}",
    """
INSERT INTO monitor_traject (inwoner_nr, traject, wijk, begin_maand, eerste_vervolg_maand, nul_nr, laatste_nr, meer)
SELECT g.inwoner_nr, g.traject, m.wijk, g.begin_maand, g.eerste_vervolg_maand, g.nul_nr, m.nr, 0
FROM (
    SELECT inwoner_nr, traject, MAX(pos) AS laatste,
           MIN(CASE WHEN soort = '{nul}' THEN {telmaand} END) AS begin_maand,
           MIN(CASE WHEN soort = '{vervolg}' THEN {telmaand} END) AS eerste_vervolg_maand,
           MIN(CASE WHEN soort = '{nul}' THEN nr END) AS nul_nr
    FROM monitor_record WHERE {scope} GROUP BY inwoner_nr, traject
) AS g JOIN monitor_record m ON m.inwoner_nr = g.inwoner_nr AND m.pos = g.laatste
""",
    # an afsluiting whose traject has no records here (sent with another key) still counts
    """
INSERT INTO monitor_traject (inwoner_nr, traject, wijk, begin_maand, meer)
SELECT i.nr, a.traject, MAX(a.wijk), MIN(a.begin_maand), 0
FROM monitor_afsluiting a JOIN monitor_inwoner i ON i.pseudoniem = a.pseudoniem
WHERE {scope_i} AND NOT EXISTS (
    SELECT 1 FROM monitor_traject t WHERE t.inwoner_nr = i.nr AND t.traject = a.traject)
GROUP BY i.nr, a.traject
""",
    """
UPDATE monitor_traject SET eind_maand = a.{eind}, reden = a.reden, wijk = a.wijk,
       begin_maand = COALESCE(monitor_traject.begin_maand, a.begin_maand)
FROM monitor_afsluiting a JOIN monitor_inwoner i ON i.pseudoniem = a.pseudoniem
WHERE i.nr = monitor_traject.inwoner_nr AND a.traject = monitor_traject.traject AND {scope_t}
""",
    """
UPDATE monitor_traject SET meer = 1 WHERE {scope_t} AND inwoner_nr IN (
    SELECT inwoner_nr FROM monitor_traject t WHERE {scope_tt} GROUP BY inwoner_nr HAVING COUNT(*) > 1)
""",
)


def afleiden(connection: sa.Connection, inwoner_nrs: Collection[int] | None = None, *, revisie: str = "c005") -> None:
    """Recompute the derived columns of ``inwoner_nrs``'s records (all records for None), and
    (since c004) their trajecten, which begin in the month their records count in (``telmaand``,
    since c005). ``revisie`` "c002", "c004": as that migration knew them."""
    if inwoner_nrs is not None and not inwoner_nrs:
        return
    scope = "inwoner_nr IN :nrs" if inwoner_nrs is not None else "1 = 1"
    params = {"nrs": sorted(inwoner_nrs)} if inwoner_nrs is not None else {}
    vergeleken = f"soort = '{VERVOLG}' AND nul_nr IS NOT NULL"
    orde = "volgnummer, maand, record_id" if revisie == "c002" else "traject, volgnummer, maand, record_id"
    traject = "inwoner_nr" if revisie == "c002" else "inwoner_nr, traject"  # the 0-meting: the traject's own
    stappen = (_ROLLEN, _VERSCHIL, _AANTALLEN) + (() if revisie == "c002" else _TRAJECTEN)
    for sql in stappen:
        statement = sa.text(sql.format(
            nul=NUL, vervolg=VERVOLG, scope=scope, vergeleken=vergeleken, orde=orde, traject=traject,
            telmaand="maand" if revisie < "c005" else "telmaand", eind="eind_maand" if revisie < "c005" else "telmaand",
            scope_i=scope.replace("inwoner_nr", "i.nr"),
            scope_t=scope.replace("inwoner_nr", "monitor_traject.inwoner_nr"),
            scope_tt=scope.replace("inwoner_nr", "t.inwoner_nr"),
        ))
        if inwoner_nrs is not None:
            statement = statement.bindparams(sa.bindparam("nrs", expanding=True))
        connection.execute(statement, params)


def koppel_inwoners(connection: sa.Connection, *, revisie: str = "c005") -> None:
    """Give rows stored without them an inwoner and a quarter (the backfill of c002), and
    (since c005) the month they count in: their own."""
    connection.execute(sa.text(
        "INSERT INTO monitor_inwoner (set_naam, pseudoniem) SELECT DISTINCT set_naam, pseudoniem "
        "FROM monitor_record WHERE inwoner_nr IS NULL AND NOT EXISTS (SELECT 1 FROM monitor_inwoner i "
        "WHERE i.set_naam = monitor_record.set_naam AND i.pseudoniem = monitor_record.pseudoniem)"
    ))
    connection.execute(sa.text(
        f"UPDATE monitor_record SET kw = {KW_SQL}, inwoner_nr = (SELECT i.nr FROM monitor_inwoner i "
        "WHERE i.set_naam = monitor_record.set_naam AND i.pseudoniem = monitor_record.pseudoniem) "
        "WHERE inwoner_nr IS NULL"
    ))
    if revisie >= "c005":
        connection.execute(sa.text("UPDATE monitor_record SET telmaand = maand WHERE telmaand IS NULL"))
        connection.execute(sa.text("UPDATE monitor_afsluiting SET telmaand = eind_maand WHERE telmaand IS NULL"))
