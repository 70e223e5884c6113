"""``python3 main.py demo``: fill the database with a realistic sample (``services.demo``)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date
from typing import Any

from board.errors import UserError
from board.i18n import _
from cli.common import positive, with_repository
from services.demo import DEMO_INWONERS, fill, is_demo_tablet, opnieuw, tablet_url
from services.monitor_gebieden import zet_voorbeeld
from services.unlock import PIN_ENV

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


def start(args: argparse.Namespace) -> int:
    """``demo``: with ``--opnieuw`` the demo database is thrown away first (a missed PIN); on a
    demo tablet that asks for the PIN, how to get on without it is said too."""
    try:
        url = tablet_url(getattr(args, "db", None))
        if args.opnieuw and opnieuw(url):
            print(_("De oude voorbeeldgegevens en hun pincode zijn weggegooid; ze worden opnieuw gemaakt."))
        hint = not args.opnieuw and is_demo_tablet(url)
    except UserError as exc:
        print(exc)
        return 1
    if hint and not os.environ.get(PIN_ENV):  # before the question for the PIN
        print(FORGOTTEN(), file=sys.stderr)
    result = with_repository(run, create_demo=True)(args)
    if result and hint and os.environ.get(PIN_ENV):  # a wrong PIN in the environment
        print(FORGOTTEN())
    return result


def FORGOTTEN() -> str:
    return _(
        "Op deze tablet staan al voorbeeldgegevens van demo; typ de pincode die demo toen liet zien. "
        "Kwijt? Dan maakt python3 main.py demo --opnieuw ze opnieuw, met een nieuwe pincode "
        "(alleen voorbeeldgegevens gaan weg; een echte professional kan dit niet)."
    )


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "demo",
        help="vul de database met voorbeeldgegevens (30 inwoners in 5 wijken, zoals bij een team dat op 1 januari "
        "vorig jaar begon: geen meting na vandaag)",
    )
    parser.add_argument(
        "--inwoners", type=positive, default=DEMO_INWONERS, metavar="N",
        help=f"zoveel inwoners (standaard {DEMO_INWONERS}); de monitor toont pas cijfers vanaf 10 per wijk",
    )
    parser.add_argument(
        "--opnieuw", action="store_true",
        help="pincode van demo kwijt: gooi de voorbeeldgegevens weg en maak ze opnieuw, met een nieuwe pincode "
        "(alleen op een tablet die demo vulde en waar geen echte professional op staat)",
    )
    parser.add_argument("--seed", type=int, default=None, help=argparse.SUPPRESS)
    parser.set_defaults(func=start)
