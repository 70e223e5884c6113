"""The audit log (NEN 7513, BIO 8.15): who did what with which inwoner's file, when, with what result.

An entry holds the professional's id, an action, the inwoner's random id (never the dossier
number, initials or any content), the moment and the result. Entries are numbered 1, 2, 3, ...
and chained: each hash is SHA-256 over the previous hash and the entry's canonical fields.
``verify`` finds an edited, removed or reordered entry. By itself it cannot see entries cut
off the end: ``storage.audit_anchor`` keeps the head outside the database (bundles, the central
database) and ``python3 main.py audit verify`` compares the chain with every anchor it can see.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime

import sqlalchemy as sa

from board.i18n import _
from storage.models import AuditRow

# The actions; their words are the log's, in Dutch like the domain.
AANGEMAAKT = "aangemaakt"  # a new inwoner or meting
GEOPEND = "geopend"  # an inwoner's file was read (once per inwoner per session)
GEWIJZIGD = "gewijzigd"  # a concept meting changed (once per meting per session)
AFGEROND = "afgerond"
GEEXPORTEERD = "geexporteerd"  # a bundle for the dossier
GELEVERD = "geleverd"  # the bundle reached the dossier; the tablet's copy is removed
INGEZIEN = "ingezien"  # an inzage export for the inwoner (AVG art. 15)
GEWIST = "gewist"  # erased at the inwoner's request (AVG art. 17)
CENTRAAL_GEWIST = "centraal_gewist"  # the central monitor database deleted their records
VERLOPEN = "verlopen"  # removed by the retention rule
ONVERSLEUTELD = "onversleuteld"  # a plain copy left the sealed outbox (export-plain, koelkastblad saved)
AFGEDRUKT = "afgedrukt"  # the koelkastblad was handed to the system's print command (mislukt: it refused)
AFGESLOTEN = "afgesloten"  # the inwoner's traject was closed (afsluiten, with a reason)
WEGGEGOOID = "weggegooid"  # a concept vervolgmeting thrown away (begun by mistake)
# Access to the tablet (NEN 7513: who, when, why). Why a lock happened is in the action
# itself (the column holds at most 20 characters); a wrong PIN is "ontgrendeld" / "mislukt".
ONTGRENDELD = "ontgrendeld"
COLLEGA_TOEGEVOEGD = "collega_toegevoegd"  # the actor added a professional to this tablet
VERGRENDELD_HAND = "vergrendeld_hand"  # the professional tapped the lock
VERGRENDELD_INACTIEF = "vergrendeld_inactief"  # the idle time passed
VERGRENDELD_PAUZE = "vergrendeld_pauze"  # the app went to the background
ACTIES = (AANGEMAAKT, GEOPEND, GEWIJZIGD, AFGEROND, AFGESLOTEN, WEGGEGOOID, GEEXPORTEERD, GELEVERD, INGEZIEN,
          GEWIST, VERLOPEN, CENTRAAL_GEWIST, ONVERSLEUTELD, AFGEDRUKT, ONTGRENDELD, COLLEGA_TOEGEVOEGD,
          VERGRENDELD_HAND, VERGRENDELD_INACTIEF, VERGRENDELD_PAUZE)  # fmt: skip
GELUKT, MISLUKT = "gelukt", "mislukt"
GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    seq: int
    moment: datetime
    professional_id: str | None
    actie: str
    inwoner_id: str | None
    resultaat: str
    vorige_hash: str
    hash: str


def entry_hash(vorige_hash: str, seq: int, moment: datetime, professional_id: str | None, actie: str,
               inwoner_id: str | None, resultaat: str) -> str:  # fmt: skip
    fields = [seq, moment.isoformat(), professional_id, actie, inwoner_id, resultaat]
    canonical = json.dumps(fields, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(f"{vorige_hash}\n{canonical}".encode()).hexdigest()


def append(
    conn: sa.Connection,
    actie: str,
    professional_id: str | None,
    inwoner_id: str | None,
    resultaat: str = GELUKT,
    moment: datetime | None = None,
) -> None:
    """Add one entry inside the caller's transaction, so it commits or rolls back with the change."""
    if actie not in ACTIES:
        raise ValueError(f"unknown audit action {actie!r}")
    if conn.dialect.name == "postgresql":  # two writers must not both take the same number
        conn.exec_driver_sql("LOCK TABLE audit IN EXCLUSIVE MODE")
    last = conn.execute(sa.select(AuditRow.seq, AuditRow.hash).order_by(AuditRow.seq.desc()).limit(1)).first()
    seq, vorige = (1, GENESIS) if last is None else (last.seq + 1, last.hash)
    moment = moment or datetime.now(UTC)
    conn.execute(
        sa.insert(AuditRow),
        {
            "seq": seq,
            "moment": moment,
            "professional_id": professional_id,
            "actie": actie,
            "inwoner_id": inwoner_id,
            "resultaat": resultaat,
            "vorige_hash": vorige,
            "hash": entry_hash(vorige, seq, moment, professional_id, actie, inwoner_id, resultaat),
        },
    )


def entries(conn: sa.Connection, inwoner_id: str | None = None) -> list[AuditEntry]:
    query = sa.select(AuditRow.__table__).order_by(AuditRow.seq)
    if inwoner_id is not None:
        query = query.where(AuditRow.inwoner_id == inwoner_id)
    return [AuditEntry(**row._mapping) for row in conn.execute(query)]


def verify(log: list[AuditEntry]) -> list[str]:
    """What is wrong with the chain, in Dutch; an empty list when every entry is intact."""
    problems: list[str] = []
    vorige = GENESIS
    for expected, entry in enumerate(log, start=1):
        if entry.seq != expected:
            problems.append(
                _("regel {expected} ontbreekt of staat op een andere plaats (gevonden: {seq})").format(
                    expected=expected, seq=entry.seq
                )
            )
        if entry.vorige_hash != vorige:
            problems.append(
                _("regel {seq} sluit niet aan op de regel ervoor (verwijderd of verwisseld)").format(seq=entry.seq)
            )
        fields = (entry.seq, entry.moment, entry.professional_id, entry.actie, entry.inwoner_id, entry.resultaat)
        if entry_hash(entry.vorige_hash, *fields) != entry.hash:
            problems.append(_("regel {seq} is veranderd").format(seq=entry.seq))
        if entry.actie not in ACTIES or entry.resultaat not in (GELUKT, MISLUKT):
            problems.append(_("regel {seq} heeft een onbekende actie of uitkomst").format(seq=entry.seq))
        vorige = entry.hash
    return problems
