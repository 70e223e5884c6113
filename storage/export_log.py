"""The export bookkeeping: which afgeronde metingen went out to the dossier, and when their
bundle was delivered. Mixed into ``storage.repository.Repository``: uses its transactions (``_read``, ``_write``).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from board.i18n import _
from board.meting import Meting
from board.meting_waarden import Status
from storage import audit
from storage.errors import ConflictError, InvalidValueError, NotFoundError
from storage.models import ExportRow, MetingRow


class ExportLog:
    def mark_exported(self, meting_id: str, moment: datetime) -> None:
        """Note that an afgeronde meting went out to the dossier (again: the latest moment)."""
        if not isinstance(moment, datetime):
            raise InvalidValueError(_("Het moment van exporteren moet een datum met tijd zijn."))
        with self._write(audit.GEEXPORTEERD, self._inwoner_of(meting_id)) as conn:
            status = conn.execute(sa.select(MetingRow.status).where(MetingRow.id == meting_id)).scalar()
            if status is None:
                raise NotFoundError(_("Deze meting staat niet (meer) in de database."))
            if status != Status.AFGEROND.value:
                raise InvalidValueError(_("Alleen een afgeronde meting kan worden geëxporteerd."))
            updated = conn.execute(
                sa.update(ExportRow).where(ExportRow.meting_id == meting_id).values(exported_at=moment)
            )
            if updated.rowcount == 0:
                conn.execute(sa.insert(ExportRow), {"meting_id": meting_id, "exported_at": moment})

    def exported_at(self, meting_id: str) -> datetime | None:
        with self._read() as conn:
            return conn.execute(sa.select(ExportRow.exported_at).where(ExportRow.meting_id == meting_id)).scalar()

    def not_exported(self) -> list[Meting]:
        """Afgeronde metingen that have not gone out yet, oldest first."""
        exported = sa.select(ExportRow.meting_id).scalar_subquery()
        with self._read() as conn:
            return self._load(conn, (MetingRow.status == Status.AFGEROND.value) & MetingRow.id.not_in(exported))

    def mark_delivered(self, meting_id: str, moment: datetime) -> None:
        """The bundle of an exported meting reached the dossier (the tablet's copy may go)."""
        if not isinstance(moment, datetime):
            raise InvalidValueError(_("Het moment van afleveren moet een datum met tijd zijn."))
        with self._write(audit.GELEVERD, self._inwoner_of(meting_id)) as conn:
            updated = conn.execute(
                sa.update(ExportRow).where(ExportRow.meting_id == meting_id).values(delivered_at=moment)
            )
            if updated.rowcount != 1:
                raise ConflictError(_("Deze meting is nog niet geëxporteerd; er is niets afgeleverd."))

    def delivered_at(self, meting_id: str) -> datetime | None:
        with self._read() as conn:
            return conn.execute(sa.select(ExportRow.delivered_at).where(ExportRow.meting_id == meting_id)).scalar()
