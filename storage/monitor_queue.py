"""The monitor's offline queue: afgeronde metingen whose record a central database has not
confirmed yet, and noting what it confirmed.

Mixed into ``storage.repository.Repository``: uses its transactions (``_read``, ``_write``).
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from board.meting import Meting
from board.meting_waarden import Status
from storage.models import MetingRow, MonitorVerzondenRow


class MonitorQueue:
    def afgeronde_metingen(self, not_sent_to: str | None = None) -> list[Meting]:
        """All afgeronde metingen, oldest first; with ``not_sent_to`` only those whose monitor
        record that central database has not confirmed yet (the offline queue)."""
        where = MetingRow.status == Status.AFGEROND.value
        if not_sent_to is not None:
            sent = sa.select(MonitorVerzondenRow.meting_id).where(MonitorVerzondenRow.centrale_id == not_sent_to)
            where = where & MetingRow.id.not_in(sent)
        with self._read() as conn:
            return self._load(conn, where)

    def mark_monitor_sent(self, centrale_id: str, sent: list[tuple[str, str]], moment: datetime) -> None:
        """Remember that ``centrale_id`` committed these (meting id, record id) pairs."""
        if not sent:
            return
        with self._write() as conn:
            done = set(
                conn.execute(
                    sa.select(MonitorVerzondenRow.meting_id).where(
                        (MonitorVerzondenRow.centrale_id == centrale_id)
                        & MonitorVerzondenRow.meting_id.in_([m for m, _ in sent])
                    )
                ).scalars()
            )
            rows = [
                {"meting_id": m, "centrale_id": centrale_id, "record_id": r, "verzonden_op": moment}
                for m, r in sent
                if m not in done
            ]
            if rows:
                conn.execute(sa.insert(MonitorVerzondenRow), rows)

    def monitor_sent_count(self, centrale_id: str | None = None) -> int:
        """How many records were sent (to one central database, or to any)."""
        query = sa.select(sa.func.count()).select_from(MonitorVerzondenRow)
        if centrale_id is not None:
            query = query.where(MonitorVerzondenRow.centrale_id == centrale_id)
        with self._read() as conn:
            return int(conn.execute(query).scalar() or 0)
