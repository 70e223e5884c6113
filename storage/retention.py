"""Privacy in the database: remove metingen under the retention rule (``board.bewaartermijn``
decides which), and erase an inwoner (AVG art. 17).

Mixed into ``storage.repository.Repository``: uses its transactions (``_read``, ``_write``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import sqlalchemy as sa

from board.bewaartermijn import Bewaard, verlopen
from board.i18n import _
from board.meting_waarden import Status
from storage import audit
from storage.errors import ConflictError, NotFoundError
from storage.models import ExportRow, InstellingRow, InwonerRow, MetingRow, MonitorVerzondenRow
from storage.settings import MONITOR_KEY_SETTING


class Retention:
    def expired(self, delivered_before: datetime) -> list[str]:
        """The metingen that the retention rule (``board.bewaartermijn.verlopen``) says must go
        when those delivered before ``delivered_before`` are past the bewaartermijn; on a
        tablet with a monitor key, it takes part in the gemeente's monitor."""
        sent = sa.select(MonitorVerzondenRow.meting_id).where(MonitorVerzondenRow.meting_id == MetingRow.id)
        query = (
            sa.select(MetingRow.id, MetingRow.inwoner_id, MetingRow.volgnummer, ExportRow.delivered_at, sent.exists())
            .outerjoin(ExportRow, ExportRow.meting_id == MetingRow.id)
            .where(MetingRow.status == Status.AFGEROND.value)
        )
        with self._read() as conn:
            in_monitor = conn.execute(
                sa.select(InstellingRow.naam).where(InstellingRow.naam == MONITOR_KEY_SETTING)
            ).first()
            metingen = [Bewaard(*row) for row in conn.execute(query)]
        return verlopen(metingen, delivered_before, in_monitor is not None)

    def metingen_present(self, meting_ids: list[str]) -> set[str]:
        """Which of ``meting_ids`` the database holds."""
        with self._read() as conn:
            return set(conn.execute(sa.select(MetingRow.id).where(MetingRow.id.in_(meting_ids))).scalars())

    def remove_expired(self, meting_id: str) -> None:
        """Remove one meting under the retention rule. The meting that followed it loses its
        link and so its ghosts (its own bundle, with them, is already in the dossier)."""
        inwoner_id = self._inwoner_of(meting_id)
        with self._write(audit.VERLOPEN, inwoner_id) as conn:
            conn.execute(
                sa.update(MetingRow).where(MetingRow.vorige_meting_id == meting_id).values(vorige_meting_id=None)
            )
            expect_deleted = conn.execute(sa.delete(MetingRow).where(MetingRow.id == meting_id)).rowcount
            if expect_deleted != 1:
                raise ConflictError(_("Deze meting is intussen verwijderd; er is niets veranderd."))
        self._wipe_free_pages()

    def erase_inwoner(self, inwoner_id: str, *, also: Callable[[sa.Connection], None] | None = None) -> list[str]:
        """Erase an inwoner and all their metingen (AVG art. 17); returns the metingen's ids,
        so their bundles can be removed too. The audit log keeps that an erasure happened,
        with the random id only. Deleted pages are overwritten (secure_delete) and the WAL is
        checkpointed and truncated, so no copy of the old pages stays behind. ``also``: a
        change committed in the same transaction (``storage.erasure.erase`` queues the central
        erasure with it: both or neither)."""
        with self._write(audit.GEWIST, inwoner_id) as conn:
            if also is not None:
                also(conn)
            ids = list(conn.execute(sa.select(MetingRow.id).where(MetingRow.inwoner_id == inwoner_id)).scalars())
            conn.execute(sa.delete(MetingRow).where(MetingRow.inwoner_id == inwoner_id))
            if conn.execute(sa.delete(InwonerRow).where(InwonerRow.id == inwoner_id)).rowcount != 1:
                raise NotFoundError(_("Deze inwoner staat niet (meer) in de database."))
        self._opened.discard(inwoner_id)
        self._wipe_free_pages()
        return ids

    def discard_concept(self, meting_id: str) -> None:
        """Throw away a concept vervolgmeting with its fiches and doelen (``board.bezoek.
        kan_weggooien`` says which may go: a concept vervolgmeting, or a concept 0-meting after
        a closed traject; checked again here, with the history and afsluitingen read in the
        same transaction). A closed traject stays closed."""
        from board.bezoek import kan_weggooien

        inwoner_id = self._inwoner_of(meting_id)
        with self._write(audit.WEGGEGOOID, inwoner_id) as conn:
            history = self._load(conn, MetingRow.inwoner_id == inwoner_id)
            meting = next((m for m in history if m.id == meting_id), None)
            if meting is None:
                raise NotFoundError(_("Deze meting is intussen verwijderd; er is niets veranderd."))
            if not kan_weggooien(meting, history, self._afsluitingen_in(conn, inwoner_id)):
                raise ConflictError(_(
                    "Alleen een meting die nog niet af is, kan worden weggegooid: een vervolgmeting, of een "
                    "0-meting na een afgesloten traject."))
            conn.execute(sa.delete(MetingRow).where(MetingRow.id == meting_id))
        self._wipe_free_pages()

    def _wipe_free_pages(self) -> None:
        """Old page images live on in the WAL until a checkpoint: fold it in and truncate it."""
        if self.engine.dialect.name != "sqlite":
            return
        with self._read() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
