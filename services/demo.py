"""``python main.py demo``: fill the database with the sample from ``board.voorbeeld``.

Running it again adds nothing: an inwoner or meting that is already there is skipped. On a
tablet without professionals it first makes "Demo Professional" and prints its PIN.
"""

from __future__ import annotations

import argparse
from typing import Any

from board.i18n import _
from board.voorbeeld import SEED, voorbeeld
from services.unlock import with_repository
from storage.repository import Repository


def fill(repository: Repository, seed: int = SEED, aantal: int = 30) -> tuple[int, int]:
    """Add the sample's inwoners and metingen that are not there yet; returns how many were added.
    A larger ``aantal`` keeps the first inwoners of a smaller one and adds more (enough for
    the monitor's figures, which hide every group under 10)."""
    inwoners = metingen = 0
    for inwoner, history in voorbeeld(seed, aantal):
        existing = repository.find_inwoner(inwoner.dossiernummer)
        if existing is None:
            repository.add_inwoner(inwoner)
            inwoners += 1
        elif existing.id != inwoner.id:
            continue  # a real inwoner with this number: leave it alone
        stored = {m.id for m in repository.history(inwoner.id)}
        for meting in history:
            if meting.id not in stored:
                repository.add_meting(meting)
                metingen += 1
    return inwoners, metingen


def run(args: argparse.Namespace, repository: Repository) -> int:
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
