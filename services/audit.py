"""``audit verify``: check the hash chain of the tablet's audit log (``storage.audit``) and
compare it with every anchor of its head outside the database (``storage.audit_anchor``):
the manifests of the bundles in the outbox, the last head the central database accepted,
one given by hand (``--anker``) or asked of a central database (``--centraal``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from board.i18n import _
from storage import audit_anchor
from storage.audit import GENESIS, entries, verify
from storage.errors import InvalidValueError, StorageError
from storage.outbox import outbox_folder
from storage.repository import Repository
from storage.urls import missing_sqlite_file, resolve_url


@dataclass(frozen=True)
class AuditCheck:
    regels: int  # entries in the log
    head: str  # the hash of the last one (GENESIS for an empty log): note it to see a cut-off end
    problems: list[str]  # in Dutch; empty when every entry is intact and every anchor agrees
    anchors: list[audit_anchor.SeenAnchor] = field(default_factory=list)  # every anchor compared


def check_audit_log(
    repository: Repository,
    db: str | None = None,
    anker: Sequence[str] = (),
    centraal: str | None = None,
) -> AuditCheck:
    """The chain checked by itself and against every anchor in sight: the outbox beside the
    database ``db`` (the default when None), the anchors ``anker`` (REGELS:HASH, as this
    prints them; a malformed one is an ``InvalidValueError``) and the last head the central
    database ``centraal`` saw of this tablet."""
    with repository.engine.connect() as conn:
        log = entries(conn)
    problems = verify(log)
    anchors = audit_anchor.anchors_in_sight(repository, _outbox(db), _given(repository, anker, centraal))
    problems += audit_anchor.check(log, anchors)
    return AuditCheck(len(log), log[-1].hash if log else GENESIS, problems, anchors)


def _outbox(db: str | None) -> Path:
    return outbox_folder(resolve_url(db))


def _given(repository: Repository, anker: Sequence[str], centraal: str | None) -> list[audit_anchor.SeenAnchor]:
    given = []
    for text in anker:
        try:
            given.append(audit_anchor.parse_anchor(text))
        except ValueError as exc:
            raise InvalidValueError(str(exc)) from exc
    if centraal:
        from storage.central import describe, open_central  # late: only with --centraal
        from storage.central_trust import last_anchor

        missing = missing_sqlite_file(centraal)
        if missing is not None:  # never a new, empty central database that has seen nothing
            raise StorageError(
                _("De centrale database {bestand} bestaat niet; er is niets vergeleken.").format(bestand=missing)
            )
        engine = open_central(centraal)
        try:
            with engine.connect() as conn:
                last = last_anchor(conn, audit_anchor.tablet_id(repository))
        finally:
            engine.dispose()
        if last is not None:
            bron = _("de centrale database {url}").format(url=describe(centraal))
            given.append(audit_anchor.SeenAnchor(last.seq, last.hash, bron))
    return given
