"""Keeping the monitor's counts at sync time (revision c006), so a report reads them instead
of counting a million fiche rows (``central_counts.tel_sql``).

Every count of a period is a sum over inwoners, each in one wijk in a period
(``central_counts.tel_deel``). So whatever changes the records of some inwoners (a sync, a
late record that the vaststelling moves to a later quarter, an afsluiting, a reopening by a
new 0-meting, an erasure) is wrapped in ``bijhouden``: it counts those inwoners in every kept
period before the change and after it, in the same transaction, and adds the difference to
the kept counts (``central_bewaard``). A sync killed half-way leaves nothing: the kept counts
go with the transaction that stores the records.

Kept are the quarters and the year of every year in which a record of the set counts (its
``telmaand``): filled from scratch by the migration's backfill (``bewaar_alles``), and by the
first sync that brings a record of a new year (``bewaar_jaar``). Any other period (not on the
grid, or a year without records) is counted from the records, as before.

On PostgreSQL one transaction at a time keeps the counts (an advisory lock): two syncs would
otherwise both fill a new year, or lock the same kept counts in another order.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from contextlib import contextmanager

import sqlalchemy as sa

from board.monitor_2_counts import Periode
from board.perioden import familie, jaar
from storage.central_bewaard import Bijdrage, bewaarde_perioden, bijdrage, registreer, schrijf
from storage.central_counts import tel_deel

_SLOT = 0x6D6F6E74  # the advisory lock of keeping the counts ('mont')


def _jaren(connection: sa.Connection, nrs: Collection[int] | None) -> set[tuple[str, int]]:
    """(set, year) of every year in which a record (of ``nrs``, or of all) counts."""
    where = "" if nrs is None else "WHERE inwoner_nr IN :nrs"
    statement = sa.text(f"SELECT DISTINCT set_naam, substr(telmaand, 1, 4) FROM monitor_record {where}")
    if nrs is not None:
        statement = statement.bindparams(sa.bindparam("nrs", expanding=True))
    return {(s, int(y)) for s, y in connection.execute(statement, {"nrs": sorted(nrs or ())})}


def bewaar_jaar(connection: sa.Connection, set_naam: str, year: int) -> None:
    """Keep the year ``year`` of ``set_naam`` and its quarters from now on, counted from scratch."""
    for periode in familie(jaar(year)):
        schrijf(connection, registreer(connection, set_naam, periode), bijdrage(*tel_deel(connection, periode,
                                                                                          set_naam, None)))


def bewaar_alles(connection: sa.Connection) -> None:
    """Keep every year in which a record counts (the backfill of c006 and of the benchmark)."""
    for set_naam, year in sorted(_jaren(connection, None)):
        bewaar_jaar(connection, set_naam, year)


def _eerste(connection: sa.Connection, nrs: list[int]) -> str | None:
    """The earliest month in which anything of ``nrs`` counts: a record, or a traject's begin
    or end. A period that ends before it holds nothing of them."""
    statement = sa.text(
        "SELECT MIN(m) FROM (SELECT MIN(telmaand) AS m FROM monitor_record WHERE inwoner_nr IN :nrs "
        "UNION ALL SELECT MIN(begin_maand) FROM monitor_traject WHERE inwoner_nr IN :nrs "
        "UNION ALL SELECT MIN(eind_maand) FROM monitor_traject WHERE inwoner_nr IN :nrs) AS x"
    ).bindparams(sa.bindparam("nrs", expanding=True))
    return connection.execute(statement, {"nrs": nrs}).scalar()


def _opnieuw(connection: sa.Connection, nr: int, set_naam: str, periode: Periode) -> None:
    """Count kept period ``nr`` again from scratch."""
    for table in ("monitor_tel_cel", "monitor_tel_verdeling"):
        connection.execute(sa.text(f"DELETE FROM {table} WHERE periode_nr = :nr"), {"nr": nr})
    schrijf(connection, nr, bijdrage(*tel_deel(connection, periode, set_naam, None)))


@contextmanager
def bijhouden(connection: sa.Connection, inwoner_nrs: Collection[int], vanaf: str | None) -> Iterator[None]:
    """Keep the counts right while the body changes the records of ``inwoner_nrs`` (in the
    caller's transaction); ``vanaf``: the earliest month of what comes in (None: nothing comes
    in, an erasure). Periods that end before anything of them, before or after, are left as
    they are; should something of them land there after all, that period is counted again."""
    nrs = sorted(set(inwoner_nrs))
    if not nrs:
        yield
        return
    if connection.dialect.name == "postgresql":
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:slot)"), {"slot": _SLOT})
    sets = set(connection.execute(
        sa.text("SELECT DISTINCT set_naam FROM monitor_inwoner WHERE nr IN :nrs")
        .bindparams(sa.bindparam("nrs", expanding=True)), {"nrs": nrs}).scalars())
    bewaard = bewaarde_perioden(connection, sets)
    eerste = _eerste(connection, nrs)
    grens = min((m for m in (eerste, vanaf) if m is not None), default="9999-99")
    voor = {key: bijdrage(*tel_deel(connection, key[1], key[0], nrs)) if eerste is not None and key[1].tot >= eerste
            else Bijdrage() for key in bewaard if key[1].tot >= grens}
    yield
    na = _eerste(connection, nrs)
    for key, nr in bewaard.items():
        if key in voor:
            schrijf(connection, nr, bijdrage(*tel_deel(connection, key[1], key[0], nrs)).min(voor[key]))
        elif na is not None and key[1].tot >= na:  # not foreseen: counted again, so never wrong
            _opnieuw(connection, nr, *key)
    jaren = {(s, int(p.van[:4])) for s, p in bewaard}
    for set_naam, year in sorted(_jaren(connection, nrs) - jaren):
        bewaar_jaar(connection, set_naam, year)
