"""``python3 main.py sync --to URL``: send the waiting monitor records (``services.sync``)."""

from __future__ import annotations

import argparse
from typing import Any

from board.i18n import _, ngettext
from cli.common import positive, progress_line, with_repository
from services.sync import BATCH, sync


def print_progress(done: int, total: int) -> None:
    line = ngettext("Verzenden: {done} van {total} record", "Verzenden: {done} van {total} records", total).format(
        done=done, total=total
    )
    progress_line(line, done, total)


def run(args: argparse.Namespace, repository: Any) -> int:
    result = sync(repository, args.to, args.batch, print_progress)
    if result.created:
        print(_("Er was nog geen centrale database in {bestand}: die is nu gemaakt.").format(bestand=result.created))
    if result.erased:
        print(ngettext(
            "{n} gewiste inwoner is ook uit de centrale database verwijderd.",
            "{n} gewiste inwoners zijn ook uit de centrale database verwijderd.",
            result.erased,
        ).format(n=result.erased))  # fmt: skip
    if result.total == 0:
        print(_("Er wachtten geen records: {url} heeft alles al.").format(url=result.central))
    else:
        extra = (
            ngettext(" ({n} stond er al)", " ({n} stonden er al)", result.already).format(n=result.already)
            if result.already
            else ""
        )
        print(
            ngettext(
                "Klaar: {totaal} record verzonden naar {url}{extra}.",
                "Klaar: {totaal} records verzonden naar {url}{extra}.",
                result.total,
            ).format(totaal=result.total, url=result.central, extra=extra)
        )
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "sync", help="stuur de wachtende monitorrecords (zonder namen of tekst) naar de centrale database"
    )
    parser.add_argument(
        "--to", required=True, metavar="URL",
        help="de centrale database van de gemeente (PostgreSQL-URL, of sqlite:///bestand voor één team)",
    )
    parser.add_argument("--batch", type=positive, default=BATCH, help=argparse.SUPPRESS)
    parser.set_defaults(func=with_repository(run))
