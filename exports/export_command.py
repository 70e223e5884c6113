"""``python main.py export``: write dossier bundles of afgeronde metingen to the outbox.

Wiring, like main.py: it joins storage (which metingen) and the renderers (what is written);
the renderers themselves never import storage.
"""

from __future__ import annotations

import argparse
import os
from datetime import datetime
from pathlib import Path
from typing import Any

from board import Inwoner, Meting
from board.i18n import _, ngettext
from exports.bundle import DEFAULT_TEAM_CONTACT, ExportError
from exports.cli import Progress, export_metingen, print_progress
from storage.audit_anchor import manifest_anchor
from storage.engine import resolve_url
from storage.outbox import outbox_folder
from storage.repository import Repository
from storage.unlock import with_repository

TEAM_ENV = "MAGNEETBORD_TEAM"


def select(repository: Repository, args: argparse.Namespace) -> list[tuple[Inwoner, Meting, Meting | None]]:
    """The metingen the command line asks for, each with its inwoner and previous meting."""
    if args.meting:
        metingen = [repository.get_meting(args.meting)]
    elif args.dossier:
        inwoner = repository.find_inwoner(args.dossier)
        if inwoner is None:
            raise ExportError(_("Er is geen inwoner met dossiernummer {dossier}.").format(dossier=args.dossier))
        metingen = [m for m in repository.history(inwoner.id) if m.afgerond]
    else:
        metingen = repository.not_exported()
    return [with_context(repository, meting) for meting in metingen]


def with_context(repository: Repository, meting: Meting) -> tuple[Inwoner, Meting, Meting | None]:
    """A meting with what its bundle also shows: the inwoner and the previous meting."""
    if not meting.afgerond:
        raise ExportError(_("Deze meting is nog niet afgerond; alleen een afgeronde meting wordt geëxporteerd."))
    vorige = repository.get_meting(meting.vorige_meting_id) if meting.vorige_meting_id else None
    return repository.get_inwoner(meting.inwoner_id), meting, vorige


def export_to(
    repository: Repository,
    items: list[tuple[Inwoner, Meting, Meting | None]],
    out: Path,
    team_contact: str | None = None,
    progress: Progress | None = print_progress,
) -> list[Path]:
    """Write the bundles and note each meting as exported as soon as its bundle is in place."""
    return export_metingen(
        items,
        out,
        progress=progress,
        team_contact=team_contact or os.environ.get(TEAM_ENV) or DEFAULT_TEAM_CONTACT,
        on_written=lambda meting, _: repository.mark_exported(meting.id, datetime.now().replace(microsecond=0)),
        anchor=lambda: manifest_anchor(repository),
    )


def export_meting(repository: Repository, meting: Meting, out: Path, team_contact: str | None = None) -> Path:
    """The bundle of one afgeronde meting (the app calls this after afronden, in a background thread)."""
    return export_to(repository, [with_context(repository, meting)], out, team_contact, progress=None)[0]


def run(args: argparse.Namespace, repository: Repository) -> int:
    out = Path(args.out) if args.out else outbox_folder(resolve_url(args.db))
    items = select(repository, args)
    if not items:
        print(_("Er is niets te exporteren: alle afgeronde metingen zijn al geëxporteerd."))
        return 0
    folders = export_to(repository, items, out, args.team)
    print(ngettext("{n} meting geëxporteerd naar {out}.", "{n} metingen geëxporteerd naar {out}.", len(folders)).format(
        n=len(folders), out=out
    ))
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
    parser.add_argument("--out", metavar="MAP", help="naar deze map in plaats van de outbox in de gebruikersmap")
    parser.add_argument("--team", help=f"hoe het team te bereiken is (of omgevingsvariabele {TEAM_ENV})")
    parser.set_defaults(func=with_repository(run))
