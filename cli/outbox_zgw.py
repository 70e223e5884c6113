"""``python3 main.py outbox list|send|config|zaak|export-plain``: the outbox and delivery to the
dossier through the ZGW Documenten API (``services.zgw_send``, ``services.outbox``)."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict, fields
from pathlib import Path
from typing import Any

from board.i18n import _, ngettext
from board.zgw import STATUS_WOORDEN, VERTROUWELIJKHEDEN, ZgwConfig
from cli.common import progress_line, with_repository
from services.outbox import export_plain, outbox_for, overview
from services.zgw_send import ENV, configure, effective_config, send_outbox, set_zaak


def run_list(args: argparse.Namespace, repository: Any) -> int:
    rows = overview(repository, outbox_for(args.db))
    if args.json:
        print(json.dumps([{**asdict(row), "status": row.status.value} for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print(_("De outbox is leeg: er wacht niets op het dossier."))
        return 0
    names = (_("datum"), _("dossier"), _("meting"), _("soort"), _("stand"))  # the columns, a header row
    dossier = max(len(names[1]), *(len(row.dossiernummer) for row in rows))
    meting = max(len(names[2]), *(len(row.meting_id) for row in rows))
    print(f"{names[0]:<10}  {names[1]:<{dossier}}  {names[2]:<{meting}}  {names[3]:<13} {names[4]}")
    for row in rows:
        line = (f"{row.datum}  {row.dossiernummer:<{dossier}}  {row.meting_id:<{meting}}  {row.soort:<13} "
                f"{_(STATUS_WOORDEN[row.status])}")
        print(line + (f": {row.reden}" if row.reden else ""))
    return 0


def print_progress(done: int, total: int, what: str) -> None:
    line = _("Versturen: {done} van {total} documenten").format(done=done, total=total)
    progress_line(f"{line} {what}".rstrip(), done, total, last=not what)  # the run's last call names nothing


def run_send(args: argparse.Namespace, repository: Any) -> int:
    report = send_outbox(repository, outbox_for(args.db), print_progress)
    for folder in report.afgeleverd:
        print(_("Afgeleverd in het dossier: {map}").format(map=folder))
    for folder, reden in report.mislukt.items():
        print(_("Niet afgeleverd: {map}: {reden}").format(map=folder, reden=reden))
    if report.gestopt:
        print(_("Gestopt: de server bleef onbereikbaar. Wat nog wacht, gaat de volgende keer mee."))
    if not report.afgeleverd and not report.mislukt:
        print(_("Er wacht niets in de outbox."))
    return 1 if report.mislukt else 0


def run_config(args: argparse.Namespace, repository: Any) -> int:
    changes = {f.name: getattr(args, f.name) for f in fields(ZgwConfig)}
    if any(value is not None for value in changes.values()):
        configure(repository, **changes)
        print(_("Opgeslagen (versleuteld in de database)."))
    config = effective_config(repository)
    for f in fields(ZgwConfig):
        value = getattr(config, f.name)
        shown = "********" if f.name == "secret" and value else value or _("(niet ingesteld)")
        print(f"{f.name.replace('_', '-')}: {shown}")
    problems = config.problems()
    if problems:
        print(_("Nog niet klaar om te versturen: {problemen}.").format(problemen="; ".join(problems)))
    return 0


def run_zaak(args: argparse.Namespace, repository: Any) -> int:
    set_zaak(repository, args.dossier, None if args.geen else args.url)
    if args.geen:
        print(_("De documenten van {dossier} worden niet meer aan een zaak gekoppeld.").format(dossier=args.dossier))
    else:
        print(_("De documenten van {dossier} worden gekoppeld aan {url}.").format(dossier=args.dossier, url=args.url))
    return 0


def run_export_plain(args: argparse.Namespace, repository: Any) -> int:
    written = export_plain(repository, outbox_for(args.db), Path(args.map))
    if not written:
        print(_("Er wachten geen bundels in de outbox: er is niets gekopieerd."))
        return 0
    print(
        ngettext(
            "{n} bundel onversleuteld gekopieerd naar {map} (in het auditlog). Wis de kopie na het afleveren.",
            "{n} bundels onversleuteld gekopieerd naar {map} (in het auditlog). Wis de kopie na het afleveren.",
            len(written),
        ).format(n=len(written), map=args.map)
    )
    return 0


def register(commands: Any) -> None:
    listing = commands.add_parser("list", help="elke bundel met dossiernummer, meting en stand van versturen")
    listing.add_argument("--json", action="store_true", help="als JSON, voor scripts")
    listing.set_defaults(func=with_repository(run_list))
    send = commands.add_parser("send", help="verstuur de outbox naar het dossier (ZGW Documenten API)")
    send.set_defaults(func=with_repository(run_send))
    config = commands.add_parser(
        "config",
        help="het adres van de Documenten API van de gemeente (eenmalig; zonder opties: laat zien wat er staat)",
        description="Omgevingsvariabelen gaan voor: " + ", ".join(ENV.values()),
    )
    config.add_argument("--url", help="de Documenten API, bijv. https://openzaak.gemeente.nl/documenten/api/v1")
    config.add_argument("--client-id", dest="client_id", help="de client-id die de gemeente gaf")
    config.add_argument("--secret", help="het geheim bij die client-id")
    config.add_argument("--rsin", help="het RSIN van de gemeente (bronorganisatie, 9 cijfers)")
    config.add_argument("--informatieobjecttype", help="de URL van het informatieobjecttype in de Catalogi API")
    config.add_argument("--vertrouwelijkheid", choices=VERTROUWELIJKHEDEN, help="standaard: vertrouwelijk")
    config.set_defaults(func=with_repository(run_config))
    zaak = commands.add_parser("zaak", help="koppel de documenten van een inwoner aan een zaak (Zaken API)")
    zaak.add_argument("dossier", metavar="DOSSIERNUMMER")
    which = zaak.add_mutually_exclusive_group(required=True)
    which.add_argument("url", nargs="?", metavar="ZAAK-URL", help="de URL van de zaak in de Zaken API")
    which.add_argument("--geen", action="store_true", help="koppel niet meer aan een zaak")
    zaak.set_defaults(func=with_repository(run_zaak))
    plain = commands.add_parser(
        "export-plain", help="onversleutelde kopieën voor het afleveren met de hand (pincode, in het auditlog)"
    )
    plain.add_argument("map", metavar="MAP")
    plain.set_defaults(func=with_repository(run_export_plain))
