"""``python3 main.py audit verify``: is the audit log intact (``services.audit``)?"""

from __future__ import annotations

import argparse
from typing import Any

from board.i18n import ngettext
from cli.common import with_repository
from services.audit import check_audit_log


def run_verify(args: argparse.Namespace, repository: Any) -> int:
    check = check_audit_log(repository)
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
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("audit", help="het auditlog (wie opende of wijzigde welk dossier)")
    commands = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", required=True)
    check = commands.add_parser("verify", help="controleer dat geen regel is veranderd, verwijderd of verplaatst")
    check.set_defaults(func=with_repository(run_verify))
