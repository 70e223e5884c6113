"""``python3 main.py export``: dossier bundles of afgeronde metingen into the outbox
(``services.export``), with a progress line."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from board.i18n import _, format_datum, ngettext
from cli.common import make_folder, progress_line, with_repository
from services.export import TEAM_ENV, export_to, plaatsen_van, select
from services.outbox import outbox_for


def print_progress(done: int, total: int, folder: Path) -> None:
    """'Exporteren: 3 van 120 (2026-03-01_ab12...)', rewritten in place on a terminal."""
    line = _("Exporteren: {done} van {total} ({map})").format(done=done, total=total, map=folder.name)
    progress_line(line, done, total)


def run(args: argparse.Namespace, repository: Any) -> int:
    items = select(repository, args.meting, args.dossier)
    if not items:  # and no empty --out folder left behind
        print(_("Er is niets te exporteren: alle afgeronde metingen zijn al geëxporteerd."))
        return 0
    out = make_folder(Path(args.out)) if args.out else outbox_for(args.db)
    result = export_to(repository, items, out, args.team, progress=print_progress)
    done = len(result.folders)
    if done:
        print(ngettext("{n} meting geëxporteerd naar {out}.", "{n} metingen geëxporteerd naar {out}.", done).format(
            n=done, out=out
        ))
    nummers = plaatsen_van(repository, [meting for (_i, meting, _v), _why in result.failed])
    for (inwoner, meting, _vorige), why in result.failed:
        print(
            _("Niet geëxporteerd: de {label} van {datum} (dossier {dossier}, meting {id}). {reden}").format(
                label=meting.naam(nummers[meting.id].nummer), datum=format_datum(meting.datum),
                dossier=inwoner.dossiernummer, id=meting.id, reden=why,
            )
        )
    if result.failed:
        print(
            ngettext(
                "{n} meting is niet geëxporteerd. Los het op en exporteer opnieuw: wat klaar is, blijft staan.",
                "{n} metingen zijn niet geëxporteerd. Los het op en exporteer opnieuw: wat klaar is, blijft staan.",
                len(result.failed),
            ).format(n=len(result.failed))
        )
        return 1
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "export",
        help="exporteer afgeronde metingen (snapshot, koelkastblad, dossier-PDF, JSON, FHIR) naar de outbox",
        description="Zonder keuze: alles wat nog niet geëxporteerd is.",
    )
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--meting", metavar="ID", help="alleen deze meting")
    which.add_argument("--dossier", metavar="NUMMER", help="alle afgeronde metingen van deze inwoner")
    parser.add_argument(
        "--out", metavar="MAP", help="naar deze map in plaats van de outbox (de map wordt gemaakt als hij er niet is)"
    )
    parser.add_argument("--team", help=f"hoe het team te bereiken is (of omgevingsvariabele {TEAM_ENV})")
    parser.set_defaults(func=with_repository(run))
