"""Inzage and erasure: the inwoner's rights of access and erasure (``python3 main.py inwoner
export|erase --dossier NR``).

Export (AVG art. 15) writes everything stored about one inwoner into a folder of the
professional's choice: ``gegevens.json`` (the whole history, ``board.document``), one dossier
PDF per meting, and ``auditlog.json`` (who opened or changed the file, when). Erase (AVG
art. 17) asks to type the dossier number again (or ``--yes``), removes the inwoner, every
meting, their bundles in the outbox and the visit marker when it names them, and queues the
erasure of their monitor records at the central database for the next sync
(``storage.erasure``); the audit log keeps only that it happened.
"""

from __future__ import annotations

import json
from pathlib import Path

from board.document import dumps, history_to_document
from board.i18n import _
from board.inwoner import Inwoner, dossier_map
from board.meting_waarden import MetingSoort
from board.traject import plaats
from board.wissen import marker_gaat, wisverzoek
from exports.dossier import dossier_pdf
from exports.fhir import fhir_dumps
from exports.fhir_traject import episode_of_care
from services.traject import trajecten_van
from services.visit import VisitMarker
from storage import audit, erasure
from storage.errors import StorageError
from storage.outbox import remove_bundles
from storage.permissions import write_atomically
from storage.repository import Repository


def export_inwoner(repository: Repository, dossiernummer: str, out: Path) -> list[Path]:
    """Write the inzage files into a folder of this inwoner's own in ``out`` (both made when
    missing; see ``dossier_map``): two inwoners' files never mix; returns the files written."""
    inwoner = _find(repository, dossiernummer)
    out = out / dossier_map(inwoner.dossiernummer)
    metingen = repository.history(inwoner.id)
    out.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    out.mkdir(exist_ok=True, mode=0o700)
    trajecten = trajecten_van(repository, inwoner.id)
    files = {"gegevens.json": dumps(history_to_document(inwoner, metingen, trajecten)).encode()}
    by_id = {m.id: m for m in metingen}
    begins = sorted(m.volgnummer for m in metingen if m.soort is MetingSoort.NULMETING)
    for meting in metingen:
        vorige = by_id.get(meting.vorige_meting_id) if meting.vorige_meting_id else None
        files[f"meting-{meting.volgnummer:02d}-{meting.datum.isoformat()}.pdf"] = dossier_pdf(
            inwoner, meting, vorige, plaats=plaats(begins, meting.volgnummer))
    for traject in trajecten:
        files[f"fhir-episodeofcare-{traject.nummer:02d}.json"] = fhir_dumps(episode_of_care(traject)).encode()
    repository.log(audit.INGEZIEN, inwoner.id)
    entries = [
        {"moment": e.moment.isoformat(), "wie": e.professional_id, "actie": e.actie, "uitkomst": e.resultaat}
        for e in repository.audit_log(inwoner.id)
    ]
    files["auditlog.json"] = (json.dumps(entries, ensure_ascii=False, indent=2) + "\n").encode()
    written = []
    for name, data in files.items():
        write_atomically(out / name, data)  # mode 0600: the inwoner's file, not the world's
        written.append(out / name)
    return written


def erase_inwoner(repository: Repository, outbox: Path, dossiernummer: str) -> int:
    """Erase the inwoner everywhere (``erase_everywhere``); returns how many metingen went.
    An erasure stopped half-way (its bundles still in the outbox) is finished first."""
    from services.outbox import remove_orphan_bundles

    remove_orphan_bundles(repository, outbox)
    inwoner = _find(repository, dossiernummer)
    return len(erase_everywhere(repository, outbox, inwoner.id))


def erase_everywhere(
    repository: Repository, outbox: Path, inwoner_id: str, marker: VisitMarker | None = None
) -> list[str]:
    """Erase the inwoner on the tablet now (the database, their bundles in ``outbox``, the
    visit marker when it names them) and queue the central erasure (``board.wissen`` decides
    what goes); returns the metingen's ids."""
    verzoek = wisverzoek(inwoner_id, erasure.monitor_key(repository))
    ids = erasure.erase(repository, inwoner_id, verzoek)  # one transaction: erased here and asked there
    remove_bundles(outbox, ids)
    marker = marker or VisitMarker()
    visit = marker.read()
    if visit is not None and marker_gaat(inwoner_id, ids, visit.inwoner_id, visit.meting_id):
        marker.clear()
    return ids


def find_inwoner(repository: Repository, dossiernummer: str) -> Inwoner:
    """The inwoner with this dossiernummer; a ``StorageError`` in Dutch when there is none."""
    return _find(repository, dossiernummer)


def _find(repository: Repository, dossiernummer: str) -> Inwoner:
    inwoner = repository.find_inwoner(dossiernummer)
    if inwoner is None:
        raise StorageError(
            _("Er staat geen inwoner met dossiernummer {dossiernummer} op deze tablet.").format(
                dossiernummer=dossiernummer
            )
        )
    return inwoner
