"""``audit verify``: check the hash chain of the tablet's audit log (``storage.audit``)."""

from __future__ import annotations

from dataclasses import dataclass

from storage.audit import GENESIS, entries, verify
from storage.repository import Repository


@dataclass(frozen=True)
class AuditCheck:
    regels: int  # entries in the log
    head: str  # the hash of the last one (GENESIS for an empty log): note it to see a cut-off end
    problems: list[str]  # in Dutch; empty when every entry is intact


def check_audit_log(repository: Repository) -> AuditCheck:
    with repository.engine.connect() as conn:
        log = entries(conn)
    return AuditCheck(len(log), log[-1].hash if log else GENESIS, verify(log))
