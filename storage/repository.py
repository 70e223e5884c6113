"""The repository: saves and loads ``board/`` objects; ``services/`` talks to this.

This module holds the transactions, the audit entries that go with them, the inwoners and
the metingen. The other concerns are parts of their own, mixed in: the export bookkeeping
(``storage.export_log``), retention and erasure (``storage.retention``), the settings
(``storage.settings``), the monitor queue (``storage.monitor_queue``), the ZGW delivery
(``storage.zgw_state``), a visit's new meting (``storage.starting``) and the reads made ready
for a visit (``storage.ready``); a meting's change is written by ``storage.meting_diff``. In
the kiosk a visit's writes run on one ordered storage worker (``storage.writer``,
``queue_writes``), and every other read and write waits for it first (``settle``).

Every method is one transaction: it happens completely or not at all. ``save_change`` is
made to be ``BoardSession``'s ``on_commit``: it writes only what differs between the two
metingen, and raises a ``StorageError`` (leaving the database as it was) when it cannot.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from board.i18n import _
from board.inwoner import Inwoner
from board.meting import Meting
from board.meting_waarden import Status
from board.redenen import technical
from storage import audit, mapping
from storage.engine import WRITE
from storage.errors import (
    AfgerondError,
    ConflictError,
    InvalidValueError,
    NotFoundError,
    StorageError,
)
from storage.export_log import ExportLog
from storage.meting_diff import insert_meting, write_diff
from storage.models import (
    ActieRow,
    DoelRow,
    FicheRow,
    GekozenRow,
    InwonerRow,
    MetingRow,
)
from storage.monitor_queue import MonitorQueue
from storage.opening import save_refusal
from storage.ready import Ready
from storage.retention import Retention
from storage.settings import Settings
from storage.starting import Starting, check_vorige
from storage.trajecten import Trajecten
from storage.urls import resolve_url
from storage.validation import check_change, check_inwoner, check_meting
from storage.writer import OrderedWriter, QueuedWrites
from storage.zgw_state import ZgwState

AFGEROND_MARK = "meting_afgerond"  # the text of the database triggers' refusal
log = logging.getLogger(__name__)  # ids and counts only, never content (see docs/security.md)


class Repository(QueuedWrites, Starting, Ready, ExportLog, Retention, Settings, MonitorQueue, ZgwState, Trajecten):
    def __init__(self, engine: Engine, actor: str | None = None, data_key: bytes | None = None) -> None:
        """Use an engine whose schema is up to date (see ``Repository.open``).

        ``actor``: the unlocked professional's id; the audit log says who did what. Reads of
        an inwoner's file are logged only when an actor is set (once per inwoner per session).
        ``data_key``: the key the database was opened with; the outbox's key derives from it
        (``storage.outbox_crypto``)."""
        self.engine = engine
        self.actor = actor
        self.data_key = data_key
        self._opened: set[str] = set()  # inwoners whose opening is logged in this session
        self._changed: set[str] = set()  # concept metingen whose change is logged in this session
        self._writer: OrderedWriter | None = None  # the kiosk's ordered storage worker (``queue_writes``)
        self._init_ready()

    @classmethod
    def open(
        cls,
        url: str | None = None,
        key: bytes | None = None,
        *,
        allow_plaintext: bool = False,
        actor: str | None = None,
        create: bool = False,
    ) -> Repository:
        """Open ``url`` (or the default database), migrating it to the app's schema.

        ``key``: the data key from ``storage.keyring`` (a local SQLite database needs it);
        ``allow_plaintext``: plain SQLite, for tests and tools only; ``actor``: see ``__init__``;
        ``create``: the first start, see ``storage.migrate.open_database``."""
        from storage.migrate import open_database  # loads Alembic only when a migration is due

        return cls(open_database(resolve_url(url), key, allow_plaintext=allow_plaintext, create=create), actor, key)

    def close(self) -> None:
        """Close every connection; on SQLite the write-ahead log is folded into the file first
        (after what was queued is written)."""
        if self._writer is not None:
            self._writer.close()
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as conn:
                conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        self.engine.dispose()

    # ----- inwoners -------------------------------------------------------------------

    def add_inwoner(self, inwoner: Inwoner) -> None:
        check_inwoner(inwoner)
        with self._write(audit.AANGEMAAKT, inwoner.id) as conn:
            taken = conn.execute(
                sa.select(InwonerRow.id).where(InwonerRow.dossiernummer == inwoner.dossiernummer)
            ).first()
            if taken is not None:
                raise ConflictError(
                    _("Er is al een inwoner met dossiernummer {dossiernummer}.").format(
                        dossiernummer=inwoner.dossiernummer
                    )
                )
            conn.execute(sa.insert(InwonerRow), mapping.inwoner_values(inwoner))

    def set_taal(self, inwoner_id: str, taal: str) -> Inwoner:
        """Store the inwoner's language (chosen with the inwoner); returns the inwoner."""
        inwoner = self.get_inwoner(inwoner_id).met_taal(taal)
        with self._write(None, inwoner_id) as conn:
            conn.execute(sa.update(InwonerRow).where(InwonerRow.id == inwoner_id).values(taal=inwoner.taal))
        return inwoner

    def get_inwoner(self, inwoner_id: str) -> Inwoner:
        with self._read() as conn:
            row = conn.execute(sa.select(*mapping.INWONER_COLUMNS).where(InwonerRow.id == inwoner_id)).first()
        if row is None:
            raise NotFoundError(_("Deze inwoner staat niet (meer) in de database."))
        self._log_opened(inwoner_id)
        return mapping.to_inwoner(row)

    def find_inwoner(self, dossiernummer: str) -> Inwoner | None:
        """The inwoner with exactly this dossier number, if any."""
        with self._read() as conn:
            row = conn.execute(
                sa.select(*mapping.INWONER_COLUMNS).where(InwonerRow.dossiernummer == dossiernummer)
            ).first()
        return None if row is None else mapping.to_inwoner(row)

    def list_inwoners(self, wijk: str | None = None) -> list[Inwoner]:
        query = sa.select(*mapping.INWONER_COLUMNS).order_by(InwonerRow.wijk, InwonerRow.dossiernummer)
        if wijk is not None:
            query = query.where(InwonerRow.wijk == wijk)
        with self._read() as conn:
            return [mapping.to_inwoner(row) for row in conn.execute(query)]

    def search_inwoners(self, text: str, limit: int = 50) -> list[Inwoner]:
        """Inwoners whose initials, dossier number or wijk contain ``text`` (any case)."""
        needle = text.strip().lower()
        if not needle:
            return []
        matches = [
            sa.func.lower(column).contains(needle, autoescape=True)
            for column in (InwonerRow.initialen, InwonerRow.dossiernummer, InwonerRow.wijk)
        ]
        query = (
            sa.select(*mapping.INWONER_COLUMNS)
            .where(sa.or_(*matches))
            .order_by(InwonerRow.wijk, InwonerRow.dossiernummer)
            .limit(limit)
        )
        with self._read() as conn:
            return [mapping.to_inwoner(row) for row in conn.execute(query)]

    def with_concept(self) -> set[str]:
        """The ids of the inwoners with a meting not yet afgerond (no meting is read or logged)."""
        query = sa.select(MetingRow.inwoner_id).where(MetingRow.status == Status.CONCEPT.value).distinct()
        with self._read() as conn:
            return set(conn.execute(query).scalars())

    # ----- metingen -------------------------------------------------------------------

    def add_meting(self, meting: Meting) -> None:
        """Store a whole meting: a new concept, or (for the demo and imports) a finished one.
        A vervolgmeting must follow its afgeronde vorige meting and show its fiches as ghosts."""
        check_meting(meting)
        with self._write(audit.AANGEMAAKT, meting.inwoner_id) as conn:
            if meting.vorige_meting_id is not None:
                vorige = self._load(conn, MetingRow.id == meting.vorige_meting_id)
                check_vorige(meting, vorige[0] if vorige else None)
            elif meting.vorige:
                raise InvalidValueError(_("Een meting zonder vorige meting heeft geen fiches van de vorige keer."))
            insert_meting(conn, meting)

    def get_meting(self, meting_id: str) -> Meting:
        with self._read() as conn:
            found = self._load(conn, MetingRow.id == meting_id)
        if not found:
            raise NotFoundError(_("Deze meting staat niet (meer) in de database."))
        self._log_opened(found[0].inwoner_id)
        return found[0]

    def history(self, inwoner_id: str) -> list[Meting]:
        """Every meting of an inwoner, the 0-meting first."""
        with self._read() as conn:
            found = self._load(conn, MetingRow.inwoner_id == inwoner_id)
        self._log_opened(inwoner_id)
        return found

    def current_concept(self, inwoner_id: str) -> Meting | None:
        """The meting still being filled in, to carry on where the last visit stopped."""
        with self._read() as conn:
            found = self._load(conn, (MetingRow.inwoner_id == inwoner_id) & (MetingRow.status == Status.CONCEPT.value))
        self._log_opened(inwoner_id)
        return found[-1] if found else None

    def latest_afgerond(self, inwoner_id: str) -> Meting | None:
        with self._read() as conn:
            found = self._load(conn, (MetingRow.inwoner_id == inwoner_id) & (MetingRow.status == Status.AFGEROND.value))
        self._log_opened(inwoner_id)
        return found[-1] if found else None

    def save_change(self, before: Meting, after: Meting) -> None:
        """Save one committed operation of the board, in one transaction (``on_commit``)."""
        if before == after:
            return
        check_change(before, after)
        # Logged once per meting per session (a visit moves fiches hundreds of times), and at afronden.
        actie = audit.AFGEROND if after.afgerond and not before.afgerond else None
        if actie is None and after.id not in self._changed:
            actie = audit.GEWIJZIGD
        with self._write(actie, after.inwoner_id) as conn:
            write_diff(conn, before, after)
        self._changed.add(after.id)

    def log(self, actie: str, inwoner_id: str | None) -> None:
        """An audit entry for something done outside the database (an inzage export)."""
        with self._write(actie, inwoner_id, changes=False):
            pass

    def act_as(self, professional_id: str) -> None:
        """Another professional unlocked the tablet: from now on the audit log names them, and
        their first look at an inwoner or change to a meting is logged anew."""
        self.settle()  # what is queued is logged as the one who did it
        if professional_id != self.actor:
            self.actor = professional_id
            self._opened.clear()
            self._changed.clear()

    def audit_log(self, inwoner_id: str | None = None) -> list[audit.AuditEntry]:
        with self._read() as conn:
            return audit.entries(conn, inwoner_id)

    # ----- internals ------------------------------------------------------------------

    def _inwoner_of(self, meting_id: str) -> str:
        with self._read() as conn:
            inwoner_id = conn.execute(sa.select(MetingRow.inwoner_id).where(MetingRow.id == meting_id)).scalar()
        if inwoner_id is None:
            raise NotFoundError(_("Deze meting staat niet (meer) in de database."))
        return inwoner_id

    def _log_opened(self, inwoner_id: str) -> None:
        """NEN 7513: a professional opened this inwoner's file. Once per inwoner per session.
        With the storage worker (the kiosk) it is queued: written before anything queued or
        done after it, and a failure stops the queue, so the app leaves the inwoner's screens
        (``storage.writer``). Without it (the command line) it is written now, and a log that
        cannot be written (disk full) does not stop the work: it is reported."""
        if self.actor is None or inwoner_id in self._opened:
            return
        self._opened.add(inwoner_id)
        if self._writer is not None:
            self._writer.submit(lambda: self._write_opened(inwoner_id))
            return
        try:
            self._write_opened(inwoner_id)
        except StorageError:
            log.warning("audit entry 'geopend' could not be written")

    def _write_opened(self, inwoner_id: str) -> None:
        try:
            with self._write(audit.GEOPEND, inwoner_id, changes=False):
                pass
        except StorageError:
            self._opened.discard(inwoner_id)
            raise

    def _opened_in(self, conn: sa.Connection, inwoner_id: str) -> set[str]:
        """``_log_opened``'s entry in the caller's transaction (it reads the file to check
        it): what to add to ``_opened`` once that transaction is committed."""
        if self.actor is None or inwoner_id in self._opened:
            return set()
        audit.append(conn, audit.GEOPEND, self.actor, inwoner_id)
        return {inwoner_id}

    def _log_failure(self, actie: str, inwoner_id: str | None) -> None:
        try:
            with self._write() as conn:
                audit.append(conn, actie, self.actor, inwoner_id, audit.MISLUKT)
        except StorageError:
            log.warning("audit entry for a failed %s could not be written", actie)

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        self.settle()
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            log.warning("read failed (%s)", technical(exc))
            raise StorageError(
                _("De gegevens konden niet worden gelezen. Er is niets veranderd; probeer het opnieuw.")
            ) from exc

    @contextmanager
    def _write(
        self, actie: str | None = None, inwoner_id: str | None = None, *, changes: bool = True
    ) -> Iterator[sa.Connection]:
        """One transaction; every database failure becomes a Dutch ``StorageError``.

        With ``actie``, the audit entry is written in the same transaction as the change; a
        change that fails is logged afterwards as 'mislukt'. ``changes``: False for an audit
        entry alone (what was made ready for a visit stays, ``storage.ready``)."""
        try:
            with self._transaction(actie, inwoner_id, changes) as conn:
                yield conn
        except StorageError:
            if actie is not None:
                self._log_failure(actie, inwoner_id)
            raise

    @contextmanager
    def _transaction(self, actie: str | None, inwoner_id: str | None, changes: bool = True) -> Iterator[sa.Connection]:
        failed = self.settle()
        if failed is not None:  # a queued write failed and the app has not shown it yet
            raise failed
        if changes:
            self._forget(inwoner_id)
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**WRITE)
                with conn.begin():
                    yield conn
                    if actie is not None:
                        audit.append(conn, actie, self.actor, inwoner_id)
        except IntegrityError as exc:
            if AFGEROND_MARK in str(exc.orig):
                raise AfgerondError() from exc
            log.warning("conflict (%s)", technical(exc))
            raise ConflictError(
                _(
                    "Dit past niet bij wat er is opgeslagen (intussen veranderd op een ander apparaat?); "
                    "er is niets veranderd."
                )
            ) from exc
        except (DBAPIError, OSError) as exc:
            raise save_refusal(exc) from exc
        finally:
            if changes:
                self._forget(inwoner_id)

    def _load(self, conn: sa.Connection, where: Any) -> list[Meting]:
        ids = sa.select(MetingRow.id).where(where)
        vorige_ids = sa.select(MetingRow.vorige_meting_id).where(where)
        metingen = conn.execute(
            sa.select(MetingRow.__table__).where(where).order_by(MetingRow.datum, MetingRow.volgnummer)
        ).all()
        if not metingen:
            return []
        return mapping.to_metingen(
            metingen,
            conn.execute(sa.select(GekozenRow.__table__).where(GekozenRow.meting_id.in_(ids))),
            conn.execute(
                sa.select(FicheRow.__table__).where(FicheRow.meting_id.in_(ids) | FicheRow.meting_id.in_(vorige_ids))
            ),
            # the previous meting's too: a carried-over doel's date from before (``Doel.eerdere_streefdatum``)
            conn.execute(
                sa.select(DoelRow.__table__).where(DoelRow.meting_id.in_(ids) | DoelRow.meting_id.in_(vorige_ids))
            ),
            conn.execute(sa.select(ActieRow.__table__).where(ActieRow.meting_id.in_(ids))),
        )

