"""``python3 main.py demo``: fill the database with a realistic sample (``services.demo``)."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from typing import Any

from board.i18n import _
from cli.common import positive, with_repository
from services.demo import DEMO_INWONERS, fill
from services.monitor_gebieden import zet_voorbeeld

PROGRESS_FROM = 100  # a smaller demo is done in seconds


def say_progress(done: int, aantal: int) -> None:
    """One line per tenth of a large demo on stderr (stdout keeps the result alone)."""
    step = max(1, aantal // 10)
    if aantal >= PROGRESS_FROM and (done % step == 0 or done == aantal):
        print(_("Voorbeeldgegevens: {done} van {aantal} inwoners…").format(done=done, aantal=aantal), file=sys.stderr)


def run(args: argparse.Namespace, repository: Any) -> int:
    inwoners, metingen = fill(repository, args.seed, args.inwoners, tot=date.today(), progress=say_progress)
    if inwoners or metingen:
        print(
            _("Voorbeeldgegevens toegevoegd: {inwoners} inwoners, {metingen} metingen.").format(
                inwoners=inwoners, metingen=metingen
            )
        )
    else:
        print(_("De voorbeeldgegevens stonden er al; er is niets toegevoegd."))
    for path in zet_voorbeeld():
        print(_("Voorbeeld voor de monitor (Voorbeeldstad, verzonnen): {path}").format(path=path))
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="vul de database met voorbeeldgegevens (30 inwoners in 5 wijken, de laatste meting vandaag)",
    )
    parser.add_argument(
        "--inwoners", type=positive, default=DEMO_INWONERS, metavar="N",
        help=f"zoveel inwoners (standaard {DEMO_INWONERS}); de monitor toont pas cijfers vanaf 10 per wijk",
    )
    parser.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)
    parser.set_defaults(func=with_repository(run, create_demo=True))
