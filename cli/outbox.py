"""``python3 main.py outbox delivered MAP...`` (the manual way: the bundle was copied into the
dossier by hand) and ``python3 main.py outbox prune [--dagen N]`` (``services.outbox``); the
subcommands for the ZGW Documenten API are ``cli.outbox_zgw``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from board.i18n import _, ngettext
from cli import outbox_zgw
from cli.common import with_repository
from services.outbox import RETENTION_DAYS, RETENTION_ENV, apply_retention, mark_delivered, outbox_for


def run_delivered(args: argparse.Namespace, repository: Any) -> int:
    outbox = outbox_for(args.db)
    for folder in args.mappen:
        mark_delivered(repository, outbox, folder)
        print(_("Afgeleverd en van de tablet verwijderd: {map}").format(map=Path(folder).name))
    return 0


def run_retention(args: argparse.Namespace, repository: Any) -> int:
    count = apply_retention(repository, outbox_for(args.db), args.dagen)
    print(
        ngettext(
            "Bewaartermijn toegepast: {count} meting verwijderd.",
            "Bewaartermijn toegepast: {count} metingen verwijderd.",
            count,
        ).format(count=count)
    )
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("outbox", help="de exports die op weg zijn naar het dossier")
    commands = parser.add_subparsers(title="opdrachten", metavar="OPDRACHT", required=True)
    delivered = commands.add_parser("delivered", help="een export is in het dossier: haal hem van de tablet")
    delivered.add_argument("mappen", nargs="+", metavar="MAP", help="de map(pen) in de outbox")
    delivered.set_defaults(func=with_repository(run_delivered))
    retention = commands.add_parser(
        "prune",
        aliases=["opruimen"],  # the old name, for one release
        help="verwijder afgeronde metingen die langer dan de bewaartermijn geleden zijn afgeleverd",
    )
    retention.add_argument(
        "--dagen",
        type=int,
        default=None,
        help=f"de bewaartermijn in dagen (standaard {RETENTION_DAYS}, of {RETENTION_ENV})",
    )
    retention.set_defaults(func=with_repository(run_retention))
    outbox_zgw.register(commands)
