"""``python main.py inwoner export|erase --dossier NR``: the inwoner's rights of access and erasure.

Export (AVG art. 15) writes everything stored about one inwoner into a folder of the
professional's choice: ``gegevens.json`` (the whole history, ``board.document``), one dossier
PDF per meting, and ``auditlog.json`` (who opened or changed the file, when). Erase (AVG
art. 17) asks to type the dossier number again (or ``--yes``), removes the inwoner, every
meting and their bundles in the outbox; the audit log keeps only that it happened.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from board.document import dumps, history_to_document
from board.i18n import N_, _, ngettext
from exports.dossier import dossier_pdf
from storage import audit
from storage.engine import resolve_url
from storage.errors import StorageError
from storage.keyring import write_atomically
from storage.outbox import outbox_folder
from storage.repository import Repository
from storage.unlock import with_repository


def export_inwoner(repository: Repository, dossiernummer: str, out: Path) -> list[Path]:
    """Write the inzage files into ``out`` (made when missing); returns the files written."""
    inwoner = _find(repository, dossiernummer)
    metingen = repository.history(inwoner.id)
    out.mkdir(parents=True, exist_ok=True, mode=0o700)
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
        write_atomically(out / name, data)  # mode 0600: the inwoner's file, not the world's
        written.append(out / name)
    return written


def erase_inwoner(repository: Repository, outbox: Path, dossiernummer: str) -> int:
    """Erase the inwoner everywhere (``storage.erasure``); returns how many metingen went."""
    from storage.erasure import erase_everywhere

    inwoner = _find(repository, dossiernummer)
    return len(erase_everywhere(repository, outbox, inwoner.id))


def _find(repository: Repository, dossiernummer: str) -> Any:
    inwoner = repository.find_inwoner(dossiernummer)
    if inwoner is None:
        raise StorageError(
            _("Er staat geen inwoner met dossiernummer {dossiernummer} op deze tablet.").format(
                dossiernummer=dossiernummer
            )
        )
    return inwoner


def run_export(args: argparse.Namespace, repository: Repository) -> int:
    written = export_inwoner(repository, args.dossier, Path(args.out))
    print(
        ngettext(
            "Inzage geschreven naar {out}: {n} bestand.", "Inzage geschreven naar {out}: {n} bestanden.", len(written)
        ).format(out=args.out, n=len(written))
    )
    return 0


def confirm_erase(args: argparse.Namespace) -> int:
    """Ask for the dossiernummer again before anything is opened, let alone erased."""
    if not args.yes:
        answer = input(
            _("Alles van dossier {dossier} wordt gewist. Typ het dossiernummer nog eens: ").format(dossier=args.dossier)
        )
        if answer.strip() != args.dossier:
            print(_("Het nummer is niet gelijk; er is niets gewist."))
            return 1
    return with_repository(run_erase, failed=N_("Wissen is niet gelukt: "))(args)


def run_erase(args: argparse.Namespace, repository: Repository) -> int:
    count = erase_inwoner(repository, outbox_folder(resolve_url(args.db)), args.dossier)
    print(ngettext(
            "Dossier {dossier} is gewist: de inwoner, {count} meting en de exports ervan.",
            "Dossier {dossier} is gewist: de inwoner, {count} metingen en hun exports.",
            count,
        ).format(dossier=args.dossier, count=count))
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("inwoner", help="inzage en wissen voor één inwoner (AVG)")
    commands = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", required=True)
    export = commands.add_parser("export", help="alles wat over de inwoner is opgeslagen (JSON en PDF)")
    export.add_argument("--dossier", required=True, metavar="NR", help="het dossiernummer")
    export.add_argument("--out", default=".", metavar="MAP", help="de map voor de bestanden (standaard: hier)")
    export.set_defaults(func=with_repository(run_export, failed=N_("De inzage is niet gemaakt: ")))
    erase = commands.add_parser("erase", help="wis de inwoner en alles over hem of haar van de tablet")
    erase.add_argument("--dossier", required=True, metavar="NR", help="het dossiernummer")
    erase.add_argument("--yes", action="store_true", help="niet opnieuw om het dossiernummer vragen")
    erase.set_defaults(func=confirm_erase)
