"""``python3 main.py inwoner list``: who is on the tablet; ``inwoner export|erase --dossier NR``:
inzage and erasure (``services.inzage``); ``inwoner afsluiten --dossier NR --reden R``: close
the inwoner's traject (``services.traject``).

Erase asks to type the dossier number again (or ``--yes``) before anything is opened.
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path
from typing import Any

from board.i18n import N_, _, ngettext
from board.traject import REDEN_LABEL, Afsluitreden
from cli.common import with_repository
from services.inwoners import all_inwoners, with_concept
from services.inzage import erase_inwoner, export_inwoner, find_inwoner
from services.outbox import outbox_for
from services.traject import sluit_traject


def run_list(args: argparse.Namespace, repository: Any) -> int:
    """Each inwoner: dossiernummer, wijk, language (its short code) and whether a meting is not af."""
    inwoners = all_inwoners(repository)
    open_concept = with_concept(repository)
    if args.json:
        rows = [{"dossiernummer": i.dossiernummer, "wijk": i.wijk, "taal": i.taal,
                 "meting_niet_af": i.id in open_concept} for i in inwoners]
        print(json.dumps(rows, ensure_ascii=False, indent=2))
        return 0
    if not inwoners:
        print(_("Er staan nog geen inwoners op deze tablet."))
        return 0
    width = max(len(i.dossiernummer) for i in inwoners)
    wijk_width = max(len(i.wijk) for i in inwoners)
    for inwoner in inwoners:
        status = _("meting niet af") if inwoner.id in open_concept else ""
        print(f"{inwoner.dossiernummer:<{width}}  {inwoner.wijk:<{wijk_width}}  {inwoner.taal:<2}  {status}".rstrip())
    return 0


def run_export(args: argparse.Namespace, repository: Any) -> int:
    written = export_inwoner(repository, args.dossier, Path(args.out))
    print(
        ngettext(
            "Inzage geschreven naar {out}: {n} bestand.", "Inzage geschreven naar {out}: {n} bestanden.", len(written)
        ).format(out=written[0].parent, n=len(written))
    )
    return 0


def confirm_erase(args: argparse.Namespace) -> int:
    return with_repository(run_erase, failed=N_("Wissen is niet gelukt. "))(args)


def run_erase(args: argparse.Namespace, repository: Any) -> int:
    """After the PIN: the dossier must exist, then its number is typed again (unless --yes)
    before anything is erased."""
    find_inwoner(repository, args.dossier)
    if not args.yes:
        try:
            answer = input(
                _("Alles van dossier {dossier} wordt gewist. Typ het dossiernummer nog eens: ").format(
                    dossier=args.dossier
                )
            )
        except (EOFError, KeyboardInterrupt):
            print(_("Geen antwoord gekregen; er is niets gewist. (Zonder vraag: --yes.)"))
            return 1
        if answer.strip() != args.dossier:
            print(_("Het nummer is niet gelijk; er is niets gewist."))
            return 1
    count = erase_inwoner(repository, outbox_for(args.db), args.dossier)
    print(ngettext(
            "Dossier {dossier} is gewist: de inwoner, {count} meting en de exports ervan.",
            "Dossier {dossier} is gewist: de inwoner, {count} metingen en hun exports.",
            count,
        ).format(dossier=args.dossier, count=count))
    return 0


def run_afsluiten(args: argparse.Namespace, repository: Any) -> int:
    inwoner = find_inwoner(repository, args.dossier)
    datum = date.fromisoformat(args.datum) if args.datum else None
    afsluiting = sluit_traject(repository, inwoner.id, args.reden, datum)
    print(_("Het traject van dossier {dossier} is afgesloten op {datum}: {reden}.").format(
        dossier=args.dossier, datum=afsluiting.datum.isoformat(), reden=_(REDEN_LABEL[afsluiting.reden]).lower()))
    return 0


def _datum(text: str) -> str:
    try:
        date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(_("een datum als 2026-03-31")) from exc
    return text


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("inwoner", help="inzage en wissen voor één inwoner (AVG)")
    commands = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", required=True)
    listing = commands.add_parser("list", help="de dossiernummers en wijken van alle inwoners op deze tablet")
    listing.add_argument("--json", action="store_true", help="als JSON, voor scripts")
    listing.set_defaults(func=with_repository(run_list))
    export = commands.add_parser("export", help="alles wat over de inwoner is opgeslagen (JSON en PDF)")
    export.add_argument("--dossier", required=True, metavar="NR", help="het dossiernummer")
    export.add_argument("--out", default=".", metavar="MAP", help="de map voor de bestanden (standaard: hier)")
    export.set_defaults(func=with_repository(run_export, failed=N_("De inzage is niet gemaakt. ")))
    erase = commands.add_parser("erase", help="wis de inwoner en alles over hem of haar van de tablet")
    erase.add_argument("--dossier", required=True, metavar="NR", help="het dossiernummer")
    erase.add_argument("--yes", action="store_true", help="niet opnieuw om het dossiernummer vragen")
    erase.set_defaults(func=confirm_erase)
    afsluiten = commands.add_parser("afsluiten", help="sluit het traject van de inwoner af, met een reden")
    afsluiten.add_argument("--dossier", required=True, metavar="NR", help="het dossiernummer")
    afsluiten.add_argument("--reden", required=True, metavar="REDEN",
                           help="waarom: " + "; ".join(repr(r.value) for r in Afsluitreden))
    afsluiten.add_argument("--datum", type=_datum, metavar="JJJJ-MM-DD",
                           help="de dag van afsluiten (standaard: vandaag)")
    afsluiten.set_defaults(func=with_repository(run_afsluiten, failed=N_("Afsluiten is niet gelukt. ")))
