"""The reads a visit needs, made ready before the tap (P10), never stale.

Mixed into ``storage.repository.Repository``. While the list shows, ``prepare`` reads the
metingen and afsluitingen of the inwoners in it, in one transaction, on the ordered storage
worker (``storage.writer``); the inwoner's screen and its button then take them from memory
(``history``, ``afsluitingen``), and no disk is read on the tap. Reading them logs nothing:
what is logged is the opening ('geopend'), when a screen shows them (``_log_opened``).

Never stale: every write of this process goes through ``Repository._transaction``, which drops
what was made ready of the inwoner it writes for (of everyone, for a write that names no
inwoner) when it begins and again when it ends; a ``prepare`` that overlapped any write keeps
nothing (``_stamp``). Another process writing the same database (the command line while the
kiosk runs) is not seen here: a new meting is checked again against what is stored as it is
written (``storage.starting``), and the kiosk reads everything afresh after each unlock.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from typing import TYPE_CHECKING

import sqlalchemy as sa

from storage.errors import StorageError
from storage.models import AfsluitingRow, MetingRow

if TYPE_CHECKING:
    from board.meting import Meting
    from board.traject import Afsluiting

MAX_READY = 64  # inwoners kept ready (the list shows at most 50)


class Ready:
    def _init_ready(self) -> None:
        self._ready: dict[str, tuple[list[Meting], list[Afsluiting]]] = {}
        self._stamp = 0  # counts the writes begun and ended
        self._ready_lock = threading.Lock()

    def prepare(self, inwoner_ids: Iterable[str]) -> None:
        """Queue the reading of these inwoners' metingen and afsluitingen on the storage
        worker (at once, on this thread, when there is none). A read that fails there keeps
        nothing and stops nothing: the tap reads again, and says what is wrong."""
        wanted = list(dict.fromkeys(inwoner_ids))[:MAX_READY]
        writer = self._writer
        if writer is None:
            self._prepare_now(wanted)
        elif writer.failed is None:  # after a failed write: nothing until the app has shown it
            writer.submit(lambda: self._prepare_now(wanted))

    def _prepare_now(self, inwoner_ids: list[str]) -> None:
        from storage.trajecten import _to_afsluiting

        with self._ready_lock:
            missing = [i for i in inwoner_ids if i not in self._ready]
            stamp = self._stamp
        if not missing:
            return
        try:
            with self._read() as conn:
                metingen = self._load(conn, MetingRow.inwoner_id.in_(missing))
                rows = conn.execute(
                    sa.select(AfsluitingRow.__table__).where(AfsluitingRow.inwoner_id.in_(missing))
                    .order_by(AfsluitingRow.traject)
                ).all()
        except StorageError:  # already logged by ``_read``
            return
        found: dict[str, tuple[list[Meting], list[Afsluiting]]] = {i: ([], []) for i in missing}
        for meting in metingen:  # in the order of ``_load``: by datum and volgnummer
            found[meting.inwoner_id][0].append(meting)
        for row in rows:
            found[row.inwoner_id][1].append(_to_afsluiting(row))
        with self._ready_lock:
            if stamp != self._stamp:  # a write came in between: what was read may be old
                return
            if len(self._ready) + len(found) > MAX_READY:
                self._ready.clear()
            self._ready.update(found)

    def visit_data(self, inwoner_id: str) -> tuple[list[Meting], list[Afsluiting]]:
        """The inwoner's metingen (the 0-meting first) and afsluitingen (oldest first), as the
        inwoner's screen shows them: made ready by ``prepare`` if it was, else read now.
        Logged as opened (``_log_opened``: queued on the storage worker when there is one)."""
        with self._ready_lock:
            found = self._ready.get(inwoner_id)
        if found is None:
            with self._read() as conn:
                found = (self._load(conn, MetingRow.inwoner_id == inwoner_id), self._afsluitingen_in(conn, inwoner_id))
        self._log_opened(inwoner_id)
        return list(found[0]), list(found[1])

    def drop_ready(self) -> None:
        """Forget everything made ready (the tablet locks: nothing of it stays in memory)."""
        self._forget(None)

    def _forget(self, inwoner_id: str | None) -> None:
        """A write for ``inwoner_id`` (None: for anyone) begins or ends."""
        with self._ready_lock:
            self._stamp += 1
            if inwoner_id is None:
                self._ready.clear()
            else:
                self._ready.pop(inwoner_id, None)
