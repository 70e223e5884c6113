"""The counts kept at sync time (revision c006): a kept grid period's ``Tellingen`` as rows.

Per kept period (``monitor_tel_periode``: a leefgebiedenset and a quarter or year of the
grid) ``monitor_tel_cel`` holds each count of ``Tellingen.aantallen`` (value and inwoners),
``monitor_tel_verdeling`` each histogram of ``Tellingen.verdelingen`` (its bars as JSON in
one row: a year of a million fiche rows has some 150,000 bars in about 1,200 histograms, too
many rows for a report to read quickly), and cells of tabel ``WIJK``
per wijk how many rows put the wijk in the report. Each of them is a sum over inwoners, so
``storage.central_bijhouden`` keeps them by adding what changed (``schrijf``, a ``Bijdrage``
that may be negative); a count that comes back to 0 is deleted, as a count from scratch
never has it. ``lees_bewaard`` reads a kept period back as the very ``Tellingen`` that
``central_counts`` counts from the records.
"""

from __future__ import annotations

import json
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
    """Counts as rows to add: per cell (n, inwoners), per bar of a histogram n (its value keeps
    its type: a whole number stays one)."""

    cellen: dict[TelKey, tuple[int, int]] = field(default_factory=dict)
    staven: dict[Staaf, int] = field(default_factory=dict)

    def min(self, andere: Bijdrage) -> Bijdrage:
        """This minus ``andere``, without what did not change."""
        cellen = {}
        for key in self.cellen.keys() | andere.cellen.keys():
            (n, i), (n0, i0) = self.cellen.get(key, (0, 0)), andere.cellen.get(key, (0, 0))
            if (n - n0, i - i0) != (0, 0):
                cellen[key] = (n - n0, i - i0)
        staven = {s: d for s in self.staven.keys() | andere.staven.keys()
                  if (d := self.staven.get(s, 0) - andere.staven.get(s, 0))}
        return Bijdrage(cellen, staven)


def bijdrage(tellingen: Tellingen, wijken: Counter[str]) -> Bijdrage:
    """``tellingen`` (and ``central_counts.tel_deel``'s wijk counts) as rows."""
    cellen = dict(tellingen.aantallen)
    cellen.update({(WIJK, wijk, "", ""): (n, 0) for wijk, n in wijken.items() if n})
    staven = {(*key, waarde): n for key, verdeling in tellingen.verdelingen.items()
              for waarde, n in verdeling.items() if n}
    return Bijdrage(cellen, staven)


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
        connection.execute(statement, rows)
        gone = [row for row in rows if row["n"] < 0]
        if gone:
            connection.execute(sa.text(
                "DELETE FROM monitor_tel_cel WHERE periode_nr = :periode_nr AND tabel = :tabel AND wijk = :wijk "
                "AND rij = :rij AND kolom = :kolom AND n = 0"), gone)
    if delta.staven:
        _staven_op(connection, nr, delta.staven)


def _staven_op(connection: sa.Connection, nr: int, staven: dict[Staaf, int]) -> None:
    """Add ``staven`` to the histograms of period ``nr``: each histogram is one row (its bars
    as JSON, so a report reads a few thousand rows, not every bar), read, changed and written
    back; one that comes to nothing is deleted."""
    per_key: dict[TelKey, dict[float, int]] = defaultdict(dict)
    for (t, w, r, k, waarde), n in staven.items():
        per_key[(t, w, r, k)][waarde] = n
    v = TelVerdelingRow
    keys = sorted(per_key)
    found = {(t, w, r, k): _bars(text) for t, w, r, k, text in connection.execute(
        sa.select(v.tabel, v.wijk, v.rij, v.kolom, v.staven)
        .where(v.periode_nr == nr, sa.tuple_(v.tabel, v.wijk, v.rij, v.kolom).in_(keys)))}
    rows, gone = [], []
    for key in keys:
        bars = found.get(key, Counter())
        bars.update(per_key[key])
        row = {"periode_nr": nr, "tabel": key[0], "wijk": key[1], "rij": key[2], "kolom": key[3]}
        kept = sorted((waarde, n) for waarde, n in bars.items() if n)
        if kept:
            rows.append(row | {"staven": json.dumps(kept, separators=(",", ":"))})
        else:
            gone.append(row)
    if rows:
        statement = _insert(connection)(TelVerdelingRow)
        connection.execute(statement.on_conflict_do_update(index_elements=list(_CEL),
                                                           set_={"staven": statement.excluded.staven}), rows)
    if gone:
        connection.execute(sa.text(
            "DELETE FROM monitor_tel_verdeling WHERE periode_nr = :periode_nr AND tabel = :tabel AND wijk = :wijk "
            "AND rij = :rij AND kolom = :kolom"), gone)


def _bars(text: str) -> Counter[float]:
    """A histogram as stored: JSON keeps a whole number whole and a double exact."""
    return Counter({waarde: n for waarde, n in json.loads(text)})


# One statement, so PostgreSQL reads both tables in one snapshot.
_LEES = """
SELECT tabel, wijk, rij, kolom, n, inwoners, CAST(NULL AS TEXT) AS staven FROM monitor_tel_cel WHERE periode_nr = :nr
UNION ALL
SELECT tabel, wijk, rij, kolom, 0, 0, staven FROM monitor_tel_verdeling WHERE periode_nr = :nr
"""


def lees_bijdrage(connection: sa.Connection, nr: int) -> Bijdrage:
    """Kept period ``nr`` as it is stored."""
    found = Bijdrage()
    for tabel, wijk, rij, kolom, n, inwoners, staven in connection.execute(sa.text(_LEES), {"nr": nr}):
        if staven is None:
            found.cellen[(tabel, wijk, rij, kolom)] = (n, inwoners)
        else:
            found.staven.update({(tabel, wijk, rij, kolom, w): c for w, c in _bars(staven).items()})
    return found


def lees_bewaard(connection: sa.Connection, periode: Periode, set_naam: str) -> Tellingen | None:
    """The ``Tellingen`` of ``periode`` as kept at sync time; None when it is not kept."""
    p = TelPeriodeRow
    nr = connection.execute(sa.select(p.nr).where(p.set_naam == set_naam, p.van == periode.van,
                                                  p.tot == periode.tot)).scalar()
    if nr is None:
        return None
    aantallen: dict[TelKey, tuple[int, int]] = {}
    verdelingen: dict[TelKey, Counter[float]] = {}
    wijken = []
    for tabel, wijk, rij, kolom, n, inwoners, staven in connection.execute(sa.text(_LEES), {"nr": nr}):
        if staven is not None:
            verdelingen[(tabel, wijk, rij, kolom)] = _bars(staven)
        elif tabel == WIJK:
            wijken.append(wijk)
        else:
            aantallen[(tabel, wijk, rij, kolom)] = (n, inwoners)
    return Tellingen(periode=periode, set_naam=set_naam, wijken=tuple(sorted(wijken)), kwartalen=periode.kwartalen,
                     aantallen=aantallen, verdelingen=verdelingen)
