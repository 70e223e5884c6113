"""``python main.py demo``: fill the database with a realistic sample (``services.demo``)."""

from __future__ import annotations

import argparse
from typing import Any

from board.i18n import _
from board.voorbeeld import SEED
from cli.common import with_repository
from services.demo import fill


def run(args: argparse.Namespace, repository: Any) -> int:
    inwoners, metingen = fill(repository, args.seed)
    if inwoners or metingen:
        print(
            _("Voorbeeldgegevens toegevoegd: {inwoners} inwoners, {metingen} metingen.").format(
                inwoners=inwoners, metingen=metingen
            )
        )
    else:
        print(_("De voorbeeldgegevens stonden er al; er is niets toegevoegd."))
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo", help="vul de database met voorbeeldgegevens (ongeveer 30 inwoners in een paar wijken)"
    )
    parser.add_argument("--seed", type=int, default=SEED, help=argparse.SUPPRESS)
    parser.set_defaults(func=with_repository(run, create_demo=True))
