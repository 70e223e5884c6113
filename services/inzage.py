"""Inzage and erasure: the inwoner's rights of access and erasure (``python3 main.py inwoner
export|erase --dossier NR``).

Export (AVG art. 15) writes everything stored about one inwoner into a folder of the
professional's choice: ``gegevens.json`` (the whole history, ``board.document``), one dossier
PDF per meting, and ``auditlog.json`` (who opened or changed the file, when). Erase (AVG
art. 17) asks to type the dossier number again (or ``--yes``), removes the inwoner, every
meting and their bundles in the outbox; the audit log keeps only that it happened.
"""

from __future__ import annotations

import json
from pathlib import Path

from board.document import dumps, history_to_document
from board.i18n import _
from board.inwoner import Inwoner
from exports.dossier import dossier_pdf
from storage import audit
from storage.errors import StorageError
from storage.outbox import remove_bundles
from storage.repository import Repository


def export_inwoner(repository: Repository, dossiernummer: str, out: Path) -> list[Path]:
    """Write the inzage files into ``out`` (made when missing); returns the files written."""
    inwoner = _find(repository, dossiernummer)
    metingen = repository.history(inwoner.id)
    out.mkdir(parents=True, exist_ok=True)
    files = {"gegevens.json": dumps(history_to_document(inwoner, metingen)).encode()}
    by_id = {m.id: m for m in metingen}
    for meting in metingen:
        vorige = by_id.get(meting.vorige_meting_id) if meting.vorige_meting_id else None
        files[f"meting-{meting.volgnummer:02d}-{meting.datum.isoformat()}.pdf"] = dossier_pdf(inwoner, meting, vorige)
    repository.log(audit.INGEZIEN, inwoner.id)
    entries = [
        {"moment": e.moment.isoformat(), "wie": e.professional_id, "actie": e.actie, "uitkomst": e.resultaat}
        for e in repository.audit_log(inwoner.id)
    ]
    files["auditlog.json"] = (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode()
    written = []
    for name, data in files.items():
        (out / name).write_bytes(data)
        written.append(out / name)
    return written


def erase_inwoner(repository: Repository, outbox: Path, dossiernummer: str) -> int:
    """Erase the inwoner and their bundles; returns how many metingen went."""
    inwoner = _find(repository, dossiernummer)
    ids = repository.erase_inwoner(inwoner.id)
    remove_bundles(outbox, ids)
    return len(ids)


def _find(repository: Repository, dossiernummer: str) -> Inwoner:
    inwoner = repository.find_inwoner(dossiernummer)
    if inwoner is None:
        raise StorageError(
            _("Er staat geen inwoner met dossiernummer {dossiernummer} op deze tablet.").format(
                dossiernummer=dossiernummer
            )
        )
    return inwoner
