"""The counts kept at sync time (revision c006): a kept grid period's ``Tellingen`` as rows.

Per kept period (``monitor_tel_periode``: a leefgebiedenset and a quarter or year of the
grid) ``monitor_tel_cel`` holds each count of ``Tellingen.aantallen`` (value and inwoners),
``monitor_tel_verdeling`` each bar of ``Tellingen.verdelingen``, and cells of tabel ``WIJK``
per wijk how many rows put the wijk in the report. Each of them is a sum over inwoners, so
``storage.central_bijhouden`` keeps them by adding what changed (``schrijf``, a ``Bijdrage``
that may be negative); a count that comes back to 0 is deleted, as a count from scratch
never has it. ``lees_bewaard`` reads a kept period back as the very ``Tellingen`` that
``central_counts`` counts from the records.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from board.monitor_2_counts import Periode, TelKey, Tellingen
from storage.central_models import TelCelRow, TelPeriodeRow, TelVerdelingRow

WIJK = ""  # the tabel of the cells that count per wijk what puts it in the report

Staaf = tuple[str, str, str, str, float]  # (tabel, wijk, rij, kolom, waarde): one bar of a histogram


@dataclass
class Bijdrage:
    """Counts as rows to add: per cell (n, inwoners), per bar n and whether its value is whole."""

    cellen: dict[TelKey, tuple[int, int]] = field(default_factory=dict)
    staven: dict[Staaf, int] = field(default_factory=dict)
    geheel: dict[Staaf, bool] = field(default_factory=dict)

    def min(self, andere: Bijdrage) -> Bijdrage:
        """This minus ``andere``, without what did not change."""
        cellen = {}
        for key in self.cellen.keys() | andere.cellen.keys():
            (n, i), (n0, i0) = self.cellen.get(key, (0, 0)), andere.cellen.get(key, (0, 0))
            if (n - n0, i - i0) != (0, 0):
                cellen[key] = (n - n0, i - i0)
        staven = {s: d for s in self.staven.keys() | andere.staven.keys()
                  if (d := self.staven.get(s, 0) - andere.staven.get(s, 0))}
        return Bijdrage(cellen, staven, {s: self.geheel.get(s, andere.geheel.get(s, False)) for s in staven})


def bijdrage(tellingen: Tellingen, wijken: Counter[str]) -> Bijdrage:
    """``tellingen`` (and ``central_counts.tel_deel``'s wijk counts) as rows."""
    cellen = dict(tellingen.aantallen)
    cellen.update({(WIJK, wijk, "", ""): (n, 0) for wijk, n in wijken.items() if n})
    staven: dict[Staaf, int] = {}
    geheel: dict[Staaf, bool] = {}
    for key, verdeling in tellingen.verdelingen.items():
        for waarde, n in verdeling.items():
            if n:
                staaf = (*key, float(waarde))
                staven[staaf] = n
                geheel[staaf] = isinstance(waarde, int)
    return Bijdrage(cellen, staven, geheel)


def bewaarde_perioden(connection: sa.Connection, sets: Collection[str]) -> dict[tuple[str, Periode], int]:
    """The kept periods of ``sets``: (set, period) -> nr."""
    p = TelPeriodeRow
    rows = connection.execute(sa.select(p.nr, p.set_naam, p.van, p.tot).where(p.set_naam.in_(sorted(sets)))
                              .order_by(p.nr))
    return {(s, Periode(van, tot)): nr for nr, s, van, tot in rows}


def registreer(connection: sa.Connection, set_naam: str, periode: Periode) -> int:
    """Keep ``periode`` of ``set_naam`` from now on (its counts: ``schrijf`` them); its nr."""
    return int(connection.execute(
        sa.insert(TelPeriodeRow).returning(TelPeriodeRow.nr), {"set_naam": set_naam, "van": periode.van,
                                                                "tot": periode.tot}).scalar_one())


def _insert(connection: sa.Connection) -> Any:
    return postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert


_CEL = ("periode_nr", "tabel", "wijk", "rij", "kolom")


def schrijf(connection: sa.Connection, nr: int, delta: Bijdrage) -> None:
    """Add ``delta`` to kept period ``nr`` (in sorted order: two transactions lock the rows in
    the same order); a count that comes to 0 is deleted."""
    insert = _insert(connection)
    if delta.cellen:
        statement = insert(TelCelRow)
        extra = statement.excluded
        statement = statement.on_conflict_do_update(
            index_elements=list(_CEL),
            set_={"n": TelCelRow.n + extra.n, "inwoners": TelCelRow.inwoners + extra.inwoners})
        rows = [{"periode_nr": nr, "tabel": t, "wijk": w, "rij": r, "kolom": k, "n": n, "inwoners": i}
                for (t, w, r, k), (n, i) in sorted(delta.cellen.items())]
        _tel_op(connection, statement, rows, "monitor_tel_cel", "")
    if delta.staven:
        statement = insert(TelVerdelingRow)
        statement = statement.on_conflict_do_update(
            index_elements=[*_CEL, "waarde"], set_={"n": TelVerdelingRow.n + statement.excluded.n})
        rows = [{"periode_nr": nr, "tabel": t, "wijk": w, "rij": r, "kolom": k, "waarde": v, "n": n,
                 "geheel": int(delta.geheel[(t, w, r, k, v)])} for (t, w, r, k, v), n in sorted(delta.staven.items())]
        _tel_op(connection, statement, rows, "monitor_tel_verdeling", " AND waarde = :waarde")


def _tel_op(connection: sa.Connection, statement: Any, rows: list[dict], table: str, waarde: str) -> None:
    """Add ``rows`` (``statement``: an upsert that adds), then delete what came to 0."""
    connection.execute(statement, rows)
    gone = [row for row in rows if row["n"] < 0]
    if gone:
        connection.execute(sa.text(
            f"DELETE FROM {table} WHERE periode_nr = :periode_nr AND tabel = :tabel AND wijk = :wijk "
            f"AND rij = :rij AND kolom = :kolom{waarde} AND n = 0"), gone)


# One statement, so PostgreSQL reads both tables in one snapshot.
_LEES = """
SELECT tabel, wijk, rij, kolom, CAST(NULL AS FLOAT) AS waarde, 0 AS geheel, n, inwoners FROM monitor_tel_cel
WHERE periode_nr = :nr
UNION ALL
SELECT tabel, wijk, rij, kolom, waarde, geheel, n, 0 FROM monitor_tel_verdeling WHERE periode_nr = :nr
"""


def lees_bijdrage(connection: sa.Connection, nr: int) -> Bijdrage:
    """Kept period ``nr`` as it is stored."""
    found = Bijdrage()
    for tabel, wijk, rij, kolom, waarde, geheel, n, inwoners in connection.execute(sa.text(_LEES), {"nr": nr}):
        if waarde is None:
            found.cellen[(tabel, wijk, rij, kolom)] = (n, inwoners)
        else:
            found.staven[(tabel, wijk, rij, kolom, waarde)] = n
            found.geheel[(tabel, wijk, rij, kolom, waarde)] = bool(geheel)
    return found


def lees_bewaard(connection: sa.Connection, periode: Periode, set_naam: str) -> Tellingen | None:
    """The ``Tellingen`` of ``periode`` as kept at sync time; None when it is not kept."""
    p = TelPeriodeRow
    nr = connection.execute(sa.select(p.nr).where(p.set_naam == set_naam, p.van == periode.van,
                                                  p.tot == periode.tot)).scalar()
    if nr is None:
        return None
    aantallen: dict[TelKey, tuple[int, int]] = {}
    verdelingen: dict[TelKey, Counter[float]] = defaultdict(Counter)
    wijken = []
    for tabel, wijk, rij, kolom, waarde, geheel, n, inwoners in connection.execute(sa.text(_LEES), {"nr": nr}):
        if waarde is not None:
            verdelingen[(tabel, wijk, rij, kolom)][int(waarde) if geheel else waarde] += n
        elif tabel == WIJK:
            wijken.append(wijk)
        else:
            aantallen[(tabel, wijk, rij, kolom)] = (n, inwoners)
    return Tellingen(periode=periode, set_naam=set_naam, wijken=tuple(sorted(wijken)), kwartalen=periode.kwartalen,
                     aantallen=aantallen, verdelingen=dict(verdelingen))
