"""The afsluitingen of inwoners' trajecten (``board.traject``): stored and read back.

Mixed into ``storage.repository.Repository``: uses its transactions (``_read``, ``_write``)
and its audit entries. ``sluit_traject`` writes the closing and its audit entry
("afgesloten") in one transaction, after checking it against what is stored in that same
transaction, so two tablets' closings or a meting started meanwhile cannot slip past.
"""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa

from board.errors import BoardError
from board.i18n import _
from board.meting_waarden import MetingSoort
from board.traject import Afsluiting, Afsluitreden, afsluiten
from storage import audit
from storage.errors import ConflictError
from storage.models import AfsluitingRow, AfsluitingVerzondenRow, MetingRow


class Trajecten:
    def afsluitingen(self, inwoner_id: str) -> list[Afsluiting]:
        """The inwoner's closed trajecten, oldest first."""
        with self._read() as conn:
            return self._afsluitingen_in(conn, inwoner_id)

    @staticmethod
    def _afsluitingen_in(conn: sa.Connection, inwoner_id: str) -> list[Afsluiting]:
        """``afsluitingen``, read in the caller's transaction (a check before a write)."""
        rows = conn.execute(
            sa.select(AfsluitingRow.__table__).where(AfsluitingRow.inwoner_id == inwoner_id)
            .order_by(AfsluitingRow.traject)
        ).all()
        return [_to_afsluiting(row) for row in rows]

    def alle_afsluitingen(self) -> dict[str, list[Afsluiting]]:
        """Every afsluiting on the tablet, per inwoner (the monitor derives its records from them)."""
        with self._read() as conn:
            rows = conn.execute(sa.select(AfsluitingRow.__table__).order_by(AfsluitingRow.traject)).all()
        result: dict[str, list[Afsluiting]] = {}
        for row in rows:
            result.setdefault(row.inwoner_id, []).append(_to_afsluiting(row))
        return result

    def sluit_traject(self, afsluiting: Afsluiting) -> None:
        """Store the closing of a traject; refused (in Dutch) when it no longer fits what is
        stored: another closing came first, or a meting was added to the traject meanwhile."""
        with self._write(audit.AFGESLOTEN, afsluiting.inwoner_id) as conn:
            history = self._load(conn, MetingRow.inwoner_id == afsluiting.inwoner_id)
            stored = self._afsluitingen_in(conn, afsluiting.inwoner_id)
            try:
                expected = afsluiten(history, stored, afsluiting.datum, afsluiting.reden, afsluiting.vastgelegd_op)
            except BoardError as exc:
                raise ConflictError(str(exc)) from exc
            if expected != afsluiting:
                raise ConflictError(_("Het traject is intussen veranderd; er is niets afgesloten."))
            conn.execute(sa.insert(AfsluitingRow), {
                "inwoner_id": afsluiting.inwoner_id,
                "traject": afsluiting.traject,
                "datum": afsluiting.datum,
                "reden": afsluiting.reden.value,
                "laatste_meting_id": afsluiting.laatste_meting_id,
                "vastgelegd_op": afsluiting.vastgelegd_op,
            })


    def afsluitingen_niet_verzonden(self, centrale_id: str) -> list[Afsluiting]:
        """The afsluitingen whose monitor record central database ``centrale_id`` has not confirmed."""
        sent = sa.select(AfsluitingVerzondenRow.inwoner_id, AfsluitingVerzondenRow.traject).where(
            AfsluitingVerzondenRow.centrale_id == centrale_id)
        with self._read() as conn:
            rows = conn.execute(
                sa.select(AfsluitingRow.__table__)
                .where(sa.tuple_(AfsluitingRow.inwoner_id, AfsluitingRow.traject).not_in(sent))
                .order_by(AfsluitingRow.vastgelegd_op)
            ).all()
        return [_to_afsluiting(row) for row in rows]

    def mark_afsluitingen_sent(self, centrale_id: str, sent: list[Afsluiting], moment: datetime) -> None:
        if not sent:
            return
        with self._write() as conn:
            for a in sent:
                exists = conn.execute(sa.select(AfsluitingVerzondenRow.traject).where(
                    (AfsluitingVerzondenRow.inwoner_id == a.inwoner_id) & (AfsluitingVerzondenRow.traject == a.traject)
                    & (AfsluitingVerzondenRow.centrale_id == centrale_id))).first()
                if exists is None:
                    conn.execute(sa.insert(AfsluitingVerzondenRow), {
                        "inwoner_id": a.inwoner_id, "traject": a.traject, "centrale_id": centrale_id,
                        "verzonden_op": moment})

    def nulmeting_volgnummers(self) -> dict[str, list[int]]:
        """Per inwoner the volgnummers of their 0-metingen, ascending: where each traject begins."""
        with self._read() as conn:
            rows = conn.execute(
                sa.select(MetingRow.inwoner_id, MetingRow.volgnummer)
                .where(MetingRow.soort == MetingSoort.NULMETING.value).order_by(MetingRow.volgnummer)
            ).all()
        result: dict[str, list[int]] = {}
        for inwoner_id, volgnummer in rows:
            result.setdefault(inwoner_id, []).append(volgnummer)
        return result


def _to_afsluiting(row: sa.Row) -> Afsluiting:
    return Afsluiting(row.inwoner_id, row.traject, row.datum, Afsluitreden(row.reden), row.laatste_meting_id,
                      row.vastgelegd_op)
