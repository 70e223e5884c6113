"""The afsluitingen of trajecten in the central database: stored as they arrive, read back.

``store_afsluitingen`` is ``central.store_records``'s counterpart for ``AfsluitingRecord``: one
row per record id (sent twice, stored once), an erased inwoner's refused, and the derived
``monitor_traject`` rows of the inwoners concerned recomputed in the same transaction.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine

from board.monitor_1_record import AfsluitingRecord
from board.traject import Afsluitreden
from storage.central_bijhouden import bijhouden
from storage.central_derive import afleiden
from storage.central_models import AfsluitingRow, InwonerRow
from storage.central_trust import erased
from storage.central_vaststelling import verwerk_afsluitingen


def store_afsluitingen(connection: sa.Connection, records: Sequence[AfsluitingRecord]) -> int:
    """Store ``records`` in the caller's transaction; returns how many were new."""
    gone = erased(connection, {r.pseudoniem for r in records})
    records = [r for r in records if r.pseudoniem not in gone]
    if not records:
        return 0
    nrs = set(connection.execute(
        sa.select(InwonerRow.nr).where(InwonerRow.pseudoniem.in_(sorted({r.pseudoniem for r in records})))
    ).scalars())
    with bijhouden(connection, nrs, min(min(r.begin_maand, r.eind_maand) for r in records)):  # and the kept counts
        return _store(connection, records, nrs)


def _store(connection: sa.Connection, records: Sequence[AfsluitingRecord], nrs: set[int]) -> int:
    insert = postgresql.insert if connection.dialect.name == "postgresql" else sqlite.insert
    statement = (
        insert(AfsluitingRow).on_conflict_do_nothing(index_elements=[AfsluitingRow.record_id])
        .returning(AfsluitingRow.nr)
    )
    new = list(connection.execute(statement, [
        {"record_id": r.record_id, "pseudoniem": r.pseudoniem, "wijk": r.wijk, "traject": r.traject,
         "begin_maand": r.begin_maand, "eind_maand": r.eind_maand, "reden": r.reden.value, "telmaand": r.eind_maand}
        for r in records
    ]).scalars())
    verwerk_afsluitingen(connection, new)  # late for a vastgesteld period: ends in a later quarter
    if new:
        afleiden(connection, nrs)
    return len(new)


def load_afsluitingen(engine: Engine) -> list[AfsluitingRecord]:
    """Every afsluiting, read back whole: for the Python count and for checks."""
    with engine.connect() as connection:
        rows = connection.execute(sa.select(AfsluitingRow).order_by(AfsluitingRow.nr)).all()
    return [
        AfsluitingRecord(r.record_id, r.pseudoniem, r.wijk, r.traject, r.begin_maand, r.eind_maand,
                         Afsluitreden(r.reden))
        for r in rows
    ]
