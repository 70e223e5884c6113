"""Vastgestelde perioden in the central database: a grid period's published figures, fixed
at its first report (``monitor_vaststelling``), and the month each record counts in.

A report (``services.monitor_vaststelling``) reads the periods vastgesteld so far, publishes,
and stores what it published for its own period in one transaction that the records cannot
change under (``vastleggen``: SQLite's write lock, PostgreSQL's SHARE lock, which waits for
every sync still in progress). A record stored after its quarter or year was vastgesteld
counts in its verwerkingskwartaal (``board.perioden.verwerkingsmaand``): ``telmaand``, set in
the transaction that stores it (``verwerk``; ``verwerk_afsluitingen`` for the end of a
traject), after its INSERT, so on PostgreSQL a report that committed meanwhile is seen."""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from board.monitor_2_counts import Periode
from board.monitor_3_table import CelKey, Figuren
from board.monitor_4_disclosure import Gepubliceerd, Zichtbaarheid
from board.perioden import verwerkingsmaand
from storage.central_derive import kw
from storage.central_models import AfsluitingRow, RecordRow, VaststellingRow


@dataclass(frozen=True)
class Vaststelling:
    periode: Periode
    op: datetime  # when it was first reported
    max_nr: int  # the highest monitor_record.nr then
    cellen: dict[CelKey, Gepubliceerd]  # every cell as it was published
    groepen: dict[CelKey, int]  # the inwoners behind each cell then (not published: for the solver)


def vaststellingen(engine: Engine | sa.Connection, set_naam: str) -> dict[Periode, Vaststelling]:
    """The periods of ``set_naam`` vastgesteld so far."""
    v = VaststellingRow
    statement = sa.select(v.van, v.tot, v.vastgesteld_op, v.max_nr, v.cellen).where(v.set_naam == set_naam)
    if isinstance(engine, sa.Connection):
        rows = engine.execute(statement).all()
    else:
        with engine.connect() as connection:
            rows = connection.execute(statement).all()
    return {
        Periode(r.van, r.tot): Vaststelling(Periode(r.van, r.tot), r.vastgesteld_op, r.max_nr, *_cellen(r.cellen))
        for r in rows
    }


def _cellen(text: str) -> tuple[dict[CelKey, Gepubliceerd], dict[CelKey, int]]:
    rows = json.loads(text)
    return ({(t, g, r, k): Gepubliceerd(w, Zichtbaarheid(z)) for t, g, r, k, z, w, _n in rows},
            {(t, g, r, k): n for t, g, r, k, _z, _w, n in rows})


def _json(cellen: Mapping[CelKey, Gepubliceerd], figuren: Figuren) -> str:
    return json.dumps([[*key, c.zichtbaarheid.value, c.waarde, figuren.cellen[key].inwoners]
                       for key, c in sorted(cellen.items())], ensure_ascii=False, separators=(",", ":"))


def stand(connection: sa.Connection) -> tuple[int, ...]:
    """How many records and afsluitingen there are and their highest nr: changes with every
    sync and every erasure."""
    found: list[int] = []
    for table in (RecordRow, AfsluitingRow):
        count, top = connection.execute(sa.select(sa.func.count(), sa.func.max(table.nr))).one()
        found += [int(count), int(top or 0)]
    return tuple(found)


@contextmanager
def vastleggen(engine: Engine) -> Iterator[sa.Connection]:
    """A transaction in which no sync or erasure can change the records until it ends."""
    with engine.connect() as connection, connection.begin():  # SQLite: BEGIN IMMEDIATE (central_engine)
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("LOCK TABLE monitor_record, monitor_afsluiting IN SHARE MODE"))
        yield connection


def vaststellen(
    connection: sa.Connection, set_naam: str, periode: Periode, figuren: Figuren,
    cellen: Mapping[CelKey, Gepubliceerd],
) -> None:
    """Fix ``periode``'s figures as published now (in ``vastleggen``'s transaction)."""
    top = connection.execute(sa.select(sa.func.max(RecordRow.nr))).scalar()
    connection.execute(sa.insert(VaststellingRow), {
        "set_naam": set_naam, "van": periode.van, "tot": periode.tot, "vastgesteld_op": datetime.now(UTC),
        "max_nr": int(top or 0), "cellen": _json(cellen, figuren),
    })


def _vast(connection: sa.Connection) -> dict[str, set[Periode]]:
    vast: dict[str, set[Periode]] = {}
    for s, van, tot in connection.execute(sa.select(VaststellingRow.set_naam, VaststellingRow.van,
                                                    VaststellingRow.tot)):
        vast.setdefault(s, set()).add(Periode(van, tot))
    return vast


def verwerk(connection: sa.Connection, nrs: Collection[int]) -> None:
    """Give the records ``nrs`` (just stored) the month they count in, and its quarter."""
    vast = _vast(connection) if nrs else {}
    if not vast:
        return
    rows = connection.execute(
        sa.select(RecordRow.nr, RecordRow.set_naam, RecordRow.maand).where(RecordRow.nr.in_(sorted(nrs)))
    )
    later = [{"n": nr, "t": telmaand, "k": kw(telmaand)} for nr, s, maand in rows
             if (telmaand := verwerkingsmaand(maand, vast.get(s, ()))) != maand]  # fmt: skip
    if later:
        connection.execute(sa.text("UPDATE monitor_record SET telmaand = :t, kw = :k WHERE nr = :n"), later)


def verwerk_afsluitingen(connection: sa.Connection, nrs: Collection[int]) -> None:
    """Give the afsluitingen ``nrs`` (just stored) the month their end counts in. An afsluiting
    carries no leefgebiedenset: a period vastgesteld for any set counts (never too early)."""
    vast = {p for perioden in _vast(connection).values() for p in perioden} if nrs else set()
    if not vast:
        return
    rows = connection.execute(
        sa.select(AfsluitingRow.nr, AfsluitingRow.eind_maand).where(AfsluitingRow.nr.in_(sorted(nrs))))
    later = [{"n": nr, "t": telmaand} for nr, maand in rows if (telmaand := verwerkingsmaand(maand, vast)) != maand]
    if later:
        connection.execute(sa.text("UPDATE monitor_afsluiting SET telmaand = :t WHERE nr = :n"), later)


def laat_binnen(engine: Engine, set_naam: str, periode: Periode) -> int:
    """How many records count in ``periode`` although their own month lies before it: they
    came in after their own period was vastgesteld."""
    with engine.connect() as connection:
        return int(connection.execute(
            sa.select(sa.func.count()).select_from(RecordRow).where(
                RecordRow.set_naam == set_naam, RecordRow.telmaand.between(periode.van, periode.tot),
                RecordRow.telmaand != RecordRow.maand)
        ).scalar_one())
