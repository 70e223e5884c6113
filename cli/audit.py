"""``python3 main.py audit verify``: is the audit log intact, and does it agree with every
anchor of its head outside the database (``services.audit``)?"""

from __future__ import annotations

import argparse
from typing import Any

from board.i18n import _, ngettext
from cli.common import with_repository
from services.audit import check_audit_log


def run_verify(args: argparse.Namespace, repository: Any) -> int:
    check = check_audit_log(repository, getattr(args, "db", None), getattr(args, "anker", None) or (),
                            getattr(args, "centraal", None))  # fmt: skip
    if check.problems:
        print(
            ngettext(
                "Het auditlog is NIET in orde ({n} probleem):",
                "Het auditlog is NIET in orde ({n} problemen):",
                len(check.problems),
            ).format(n=len(check.problems))
        )
        for problem in check.problems:
            print(f"  - {problem}")
        return 2
    print(ngettext(
            "Het auditlog is in orde: {regels} regel, laatste hash {head}.",
            "Het auditlog is in orde: {regels} regels, laatste hash {head}.",
            check.regels,
        ).format(regels=check.regels, head=check.head))
    if check.anchors:
        print(ngettext(
                "Het sluit aan op {n} anker buiten de database:",
                "Het sluit aan op {n} ankers buiten de database:",
                len(check.anchors),
            ).format(n=len(check.anchors)))
        for anchor in check.anchors:
            print(f"  - {anchor.bron}: {anchor.seq}:{anchor.hash}")
    else:
        print(_(
            "Er is geen anker buiten de database gevonden (geen sync, geen export in de outbox). "
            "Dat de laatste regels niet zijn weggehaald, of dat niemand met de sleutel het hele log "
            "opnieuw heeft gemaakt, is daarom NIET bewezen. Vergelijk met --anker REGELS:HASH uit een "
            "export in het dossier, of met --centraal URL."
        ))
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="het auditlog (wie opende of wijzigde welk dossier)")
    commands = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", required=True)
    check = commands.add_parser("verify", help="controleer dat geen regel is veranderd, verwijderd of verplaatst")
    check.add_argument("--anker", action="append", metavar="REGELS:HASH",
                       help="een eerder genoteerde kop van het log (uit een export of een sync)")
    check.add_argument("--centraal", metavar="URL", help="vergelijk met de laatste kop die de centrale database zag")
    check.set_defaults(func=with_repository(run_verify))
