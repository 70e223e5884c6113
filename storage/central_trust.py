"""What the central monitor database keeps so that a tablet cannot quietly undo things:
erasures it must apply, and the head of each tablet's audit chain.

- ``apply_erasure``: every record of one pseudonym deleted (their fiche and doel rows go with
  them, ``ON DELETE CASCADE``), the pseudonym's inwoner row too; a ``monitor_wisverzoek`` row
  keeps that it happened (a SHA-256 of the pseudonym, the count, when).
- ``store_anchor``: a tablet's audit head (count and hash) is stored only when it extends
  the last head this database saw from that tablet: at least as many entries, and the hash
  the tablet now has at the old head's place equal to the old head. A cut tail or a rewritten
  chain is refused, and stays visible here.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from board.i18n import _
from storage.central_bijhouden import bijhouden
from storage.central_models import AfsluitingRow, AuditAnkerRow, InwonerRow, RecordRow, TrajectRow, WisverzoekRow
from storage.errors import StorageError


class AnchorRefused(StorageError):
    """The tablet's audit chain does not extend what this central database saw before."""


@dataclass(frozen=True)
class Anchor:
    seq: int  # the number of entries (the last entry's seq)
    hash: str  # the last entry's hash


def fingerprint(pseudoniem: str) -> str:
    return hashlib.sha256(f"magneetbord-wisverzoek\n{pseudoniem}".encode()).hexdigest()


def apply_erasure(connection: sa.Connection, pseudoniem: str) -> int:
    """Delete every record of ``pseudoniem`` in the caller's transaction (and its part of the
    kept counts, ``central_bijhouden``); returns how many."""
    nrs = sa.select(InwonerRow.nr).where(InwonerRow.pseudoniem == pseudoniem)
    with bijhouden(connection, set(connection.execute(nrs).scalars()), None):
        deleted = connection.execute(sa.delete(RecordRow).where(RecordRow.pseudoniem == pseudoniem)).rowcount
        deleted += connection.execute(sa.delete(AfsluitingRow).where(AfsluitingRow.pseudoniem == pseudoniem)).rowcount
        connection.execute(sa.delete(TrajectRow).where(TrajectRow.inwoner_nr.in_(nrs)))
        connection.execute(sa.delete(InwonerRow).where(InwonerRow.pseudoniem == pseudoniem))
    mark = fingerprint(pseudoniem)
    if connection.execute(sa.select(WisverzoekRow.vingerafdruk).where(WisverzoekRow.vingerafdruk == mark)).first():
        return deleted
    connection.execute(
        sa.insert(WisverzoekRow), {"vingerafdruk": mark, "records": deleted, "ontvangen_op": datetime.now(UTC)}
    )
    return deleted


def erased(connection: sa.Connection, pseudoniemen: set[str]) -> set[str]:
    """Those of ``pseudoniemen`` that were erased here: their records are refused."""
    if not pseudoniemen:
        return set()
    marks = {fingerprint(p): p for p in pseudoniemen}
    found = connection.execute(sa.select(WisverzoekRow.vingerafdruk).where(WisverzoekRow.vingerafdruk.in_(marks)))
    return {marks[m] for m in found.scalars()}


def last_anchor(connection: sa.Connection, tablet_id: str) -> Anchor | None:
    row = connection.execute(
        sa.select(AuditAnkerRow.seq, AuditAnkerRow.hash)
        .where(AuditAnkerRow.tablet_id == tablet_id)
        .order_by(AuditAnkerRow.seq.desc())
        .limit(1)
    ).first()
    return None if row is None else Anchor(row.seq, row.hash)


def store_anchor(connection: sa.Connection, tablet_id: str, head: Anchor, hash_at_last: str | None) -> None:
    """Store ``head`` if it extends the last anchor; ``hash_at_last``: the hash the tablet has
    now at the last anchor's place (None when its log is shorter). Raises ``AnchorRefused``."""
    last = last_anchor(connection, tablet_id)
    if last is not None:
        if head.seq < last.seq or hash_at_last != last.hash:
            raise AnchorRefused(
                _(
                    "Het auditlog van deze tablet sluit niet aan op wat de centrale database eerder zag: "
                    "toen had het {seq} regels met laatste hash {hash}, nu heeft het er {nu}{anders}. "
                    "Regels zijn weggehaald of herschreven. De centrale database neemt dit niet aan."
                ).format(seq=last.seq, hash=last.hash, nu=head.seq,
                         anders="" if head.seq < last.seq else _(" en een andere regel {seq}").format(seq=last.seq))
            )  # fmt: skip
        if head.seq == last.seq:
            return  # nothing new since the last sync
    connection.execute(
        sa.insert(AuditAnkerRow),
        {"tablet_id": tablet_id, "seq": head.seq, "hash": head.hash, "ontvangen_op": datetime.now(UTC)},
    )
