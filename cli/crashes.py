"""``python3 main.py crashes``: the kiosk's crash reports for the beheerder (``services.crash``).
They hold no personal data: the error's type and where in the code, no message, no values."""

from __future__ import annotations

import argparse
from typing import Any

from board.i18n import _, ngettext
from services.crash import KEEP, crash_folder, verslagen


def run(args: argparse.Namespace) -> int:
    found = verslagen()
    folder = crash_folder()
    if not found:
        print(_("Er staan geen crashverslagen in {map}.").format(map=folder))
        return 0
    print(
        ngettext(
            "{n} crashverslag in {map} (de laatste {keep} blijven bewaard), het nieuwste eerst:",
            "{n} crashverslagen in {map} (de laatste {keep} blijven bewaard), het nieuwste eerst:",
            len(found),
        ).format(n=len(found), map=folder, keep=KEEP)
    )
    for verslag in found:
        print("")
        if args.volledig:
            print(f"== {verslag.path}")
            print(verslag.tekst, end="")
            continue
        regel = _("{tijd} UTC, versie {versie}: {fout}")
        print(regel.format(tijd=verslag.tijd, versie=verslag.versie, fout=verslag.fout))
        print(_("  waar: {plek}").format(plek=verslag.plek))
        print(_("  verslag: {path}").format(path=verslag.path))
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "crashes",
        help="de crashverslagen van de app lezen (voor de beheerder; zonder persoonsgegevens)",
    )
    parser.add_argument("--volledig", action="store_true", help="elk verslag helemaal tonen")
    parser.set_defaults(func=run)
