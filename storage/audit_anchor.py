"""The head of the audit chain, anchored outside the database.

The chain (``storage.audit``) shows an edited, removed or reordered entry, but not entries
cut off the end, and not a chain rewritten by someone with the data key. So its head (the
number of entries and the last hash) leaves the tablet: in the manifest of every dossier
bundle, and with every ``sync`` to the central database, which refuses a head that does
not extend the last one it saw (``storage.central_trust``). ``audit verify`` compares the
chain with every anchor it can see and says plainly when it sees none.
"""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from board import safe_json
from board.i18n import _
from storage import audit
from storage.outbox import outbox_seal
from storage.outbox_crypto import BundleSeal, SealError, is_sealed
from storage.repository import Repository

TABLET_ID_SETTING = "tablet_id"
LAST_SENT_SETTING = "audit_anker_centraal"
MANIFEST_FIELD = "auditlog"
MAX_MANIFEST_BYTES = 1_000_000  # a manifest lists a bundle's few files: a few kB
MAX_REGELS = 10**12  # more audit entries than a tablet could write in a lifetime
_HASH = re.compile(r"[0-9a-f]{64}")  # SHA-256, as storage.audit writes it


@dataclass(frozen=True)
class SeenAnchor:
    seq: int
    hash: str
    bron: str  # where it was seen, for the message


def tablet_id(repository: Repository) -> str:
    """This tablet's random id (made once): the central database keeps heads per tablet."""
    return repository.set_instelling(TABLET_ID_SETTING, uuid.uuid4().hex, overwrite=False)


def head(log: list[audit.AuditEntry]) -> tuple[int, str]:
    return (log[-1].seq, log[-1].hash) if log else (0, audit.GENESIS)


def manifest_anchor(repository: Repository) -> dict[str, Any]:
    """What a bundle's manifest says about the audit log at the moment of the export."""
    seq, last = head(repository.audit_log())
    return {"tablet": tablet_id(repository), "regels": seq, "laatste_hash": last}


def note_sent(repository: Repository, seq: int, last: str, centrale_id: str) -> None:
    moment = datetime.now(UTC).isoformat(timespec="seconds")
    value = json.dumps({"regels": seq, "laatste_hash": last, "centrale": centrale_id, "op": moment})
    repository.set_instelling(LAST_SENT_SETTING, value)


def anchors_in_sight(repository: Repository, outbox: Path | None, extra: list[SeenAnchor] = ()) -> list[SeenAnchor]:
    """Every anchor ``audit verify`` can see: the last head the central database accepted (as
    noted here), the manifests of the bundles in ``outbox``, and any given by hand."""
    seen = list(extra)
    noted = repository.get_instelling(LAST_SENT_SETTING)
    if noted:
        data = json.loads(noted)
        seen.append(SeenAnchor(int(data["regels"]), str(data["laatste_hash"]),
                               _("de centrale database ({op})").format(op=data["op"])))  # fmt: skip
    for manifest in sorted(outbox.glob("*/manifest.json")) if outbox is not None and outbox.is_dir() else ():
        anchor = from_manifest(manifest, outbox_seal(repository))
        if anchor is not None:
            seen.append(anchor)
    return seen


def from_manifest(path: Path, seal: BundleSeal | None = None) -> SeenAnchor | None:
    """The audit log's head a bundle's manifest holds; None when it holds none the app could
    have written (whatever its bytes: a number too big, a field of the wrong type, deep nesting);
    opened with ``seal`` when the outbox is sealed."""
    try:
        raw = path.read_bytes()
        if seal is not None and is_sealed(raw):
            raw = seal.read(path)
        document = safe_json.loads(raw, max_bytes=MAX_MANIFEST_BYTES)
    except (OSError, safe_json.SafeJsonError, SealError):
        return None
    data = document.get(MANIFEST_FIELD) if isinstance(document, dict) else None
    if not isinstance(data, dict):
        return None
    regels, laatste = data.get("regels"), data.get("laatste_hash")
    if type(regels) is not int or not 0 <= regels <= MAX_REGELS or not isinstance(laatste, str):
        return None
    if not _HASH.fullmatch(laatste):
        return None
    return SeenAnchor(regels, laatste, _("de export {map}").format(map=path.parent.name))


def check(log: list[audit.AuditEntry], anchors: list[SeenAnchor]) -> list[str]:
    """What the anchors show is missing or different in ``log``, in Dutch."""
    problems = []
    for anchor in anchors:
        if anchor.seq > len(log):
            problems.append(
                _(
                    "het log eindigt bij regel {n}, maar {bron} zag al regel {seq}: "
                    "de laatste {cut} regels zijn weggehaald"
                ).format(n=len(log), bron=anchor.bron, seq=anchor.seq, cut=anchor.seq - len(log))
            )
        elif anchor.seq > 0 and log[anchor.seq - 1].hash != anchor.hash:
            problems.append(
                _("regel {seq} is anders dan wat {bron} zag: het log is herschreven").format(
                    seq=anchor.seq, bron=anchor.bron
                )
            )
    return problems


def parse_anchor(text: str) -> SeenAnchor:
    """``--anker 120:ab12...`` as ``audit verify`` prints it."""
    seq, _sep, last = text.partition(":")
    if not seq.isdigit() or len(last) != 64:
        raise ValueError(_("een anker is REGELS:HASH, zoals 'audit verify' het toont"))
    return SeenAnchor(int(seq), last.lower(), _("het opgegeven anker"))


def send_anchor(repository: Repository, engine: Any, centrale_id: str) -> tuple[int, str]:
    """Hand the head to the central database (``sync``); it refuses one that does not extend
    the last it saw (``central_trust.AnchorRefused``). Noted here once it is accepted."""
    from storage.central_trust import Anchor, last_anchor, store_anchor

    tid = tablet_id(repository)
    log = repository.audit_log()
    seq, last_hash = head(log)
    with engine.begin() as connection:
        last = last_anchor(connection, tid)
        at_last = None
        if last is not None and last.seq <= len(log):
            at_last = log[last.seq - 1].hash if last.seq > 0 else audit.GENESIS
        store_anchor(connection, tid, Anchor(seq, last_hash), at_last)
    note_sent(repository, seq, last_hash, centrale_id)
    return seq, last_hash
