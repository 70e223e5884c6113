"""Delivery through the ZGW Documenten API, what the tablet keeps of it: each bundle's upload
status (``board.zgw.UploadStatus``) with the reason of a failure, the zaak an inwoner's
documents are linked to, and the gemeente's configuration (in the encrypted database, like
every other setting).

Mixed into ``storage.repository.Repository``: uses its transactions (``_read``, ``_write``).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime

import sqlalchemy as sa

from board.zgw import UploadStatus, ZgwConfig
from storage import audit
from storage.models import ExportRow, InstellingRow, InwonerRow, MetingRow, ZgwUploadRow, ZgwZaakRow

CONFIG_SETTING = "zgw_config"


@dataclass(frozen=True)
class Uitgaand:
    """An exported meting as the outbox overview shows it."""

    meting_id: str
    dossiernummer: str
    soort: str
    datum: str
    status: UploadStatus | None  # None: never sent through the API
    reden: str | None
    delivered_at: datetime | None


class ZgwState:
    def set_upload_status(self, meting_id: str, status: UploadStatus, reden: str | None = None) -> None:
        values = {"status": status.value, "reden": reden, "bijgewerkt": datetime.now(UTC).replace(microsecond=0)}
        with self._write() as conn:
            updated = conn.execute(sa.update(ZgwUploadRow).where(ZgwUploadRow.meting_id == meting_id).values(values))
            if updated.rowcount == 0:
                conn.execute(sa.insert(ZgwUploadRow), {"meting_id": meting_id, **values})

    def uitgaand(self) -> list[Uitgaand]:
        """Every exported meting with its inwoner's dossiernummer and its upload status, by date."""
        query = (
            sa.select(
                MetingRow.id, InwonerRow.dossiernummer, MetingRow.soort, MetingRow.datum,
                ZgwUploadRow.status, ZgwUploadRow.reden, ExportRow.delivered_at,
            )
            .join(ExportRow, ExportRow.meting_id == MetingRow.id)
            .join(InwonerRow, InwonerRow.id == MetingRow.inwoner_id)
            .outerjoin(ZgwUploadRow, ZgwUploadRow.meting_id == MetingRow.id)
            .order_by(MetingRow.datum, MetingRow.id)
        )
        with self._read() as conn:
            rows = conn.execute(query).all()
        return [
            Uitgaand(meting_id, dossier, str(soort), str(datum), UploadStatus(status) if status else None, reden, at)
            for meting_id, dossier, soort, datum, status, reden, at in rows
        ]

    def note_plain_copy(self, meting_id: str) -> None:
        """Audit: a plain copy of this meting's bundle was written outside the sealed outbox."""
        with self._write(audit.ONVERSLEUTELD, self._inwoner_of(meting_id)):
            pass

    def note_printed(self, meting_id: str, accepted: bool) -> None:
        """Audit: this meting's koelkastblad went to the print command; ``accepted``: the print
        system took it (else the attempt is logged as 'mislukt')."""
        if accepted:
            with self._write(audit.AFGEDRUKT, self._inwoner_of(meting_id)):
                pass
        else:
            self._log_failure(audit.AFGEDRUKT, self._inwoner_of(meting_id))

    def set_zaak(self, inwoner_id: str, zaak_url: str | None) -> None:
        """Link an inwoner's documents to ``zaak_url`` from now on (None: no zaak)."""
        with self._write() as conn:
            conn.execute(sa.delete(ZgwZaakRow).where(ZgwZaakRow.inwoner_id == inwoner_id))
            if zaak_url:
                conn.execute(sa.insert(ZgwZaakRow), {"inwoner_id": inwoner_id, "zaak_url": zaak_url})

    def zaak_of(self, inwoner_id: str) -> str | None:
        with self._read() as conn:
            return conn.execute(sa.select(ZgwZaakRow.zaak_url).where(ZgwZaakRow.inwoner_id == inwoner_id)).scalar()

    def zgw_config(self) -> ZgwConfig:
        """The stored configuration (the environment's overrides are the caller's)."""
        with self._read() as conn:
            raw = conn.execute(sa.select(InstellingRow.waarde).where(InstellingRow.naam == CONFIG_SETTING)).scalar()
        stored = json.loads(raw) if raw else {}
        names = {f.name for f in fields(ZgwConfig)}
        return ZgwConfig(**{k: str(v) for k, v in stored.items() if k in names})

    def set_zgw_config(self, config: ZgwConfig) -> None:
        self.set_instelling(CONFIG_SETTING, json.dumps(asdict(config), sort_keys=True))
