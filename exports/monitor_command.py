"""``python main.py monitor``: the monitor report for the gemeente, and the monitor key.

``monitor --db URL --out DIR`` reads a central database (counted by SQL) or, when URL is a
tablet's database, that tablet's own afgeronde metingen (counted in Python), protects the
figures with its year and quarters (``disclosure_familie``) and writes ``monitor.pdf`` and one CSV per table.
``monitor key`` shows, makes or imports the gemeente's key (see ``storage.monitor_local``).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import DBAPIError

from board.disclosure_familie import beveilig_familie
from board.errors import BoardError
from board.i18n import _, ngettext
from board.leefgebieden import DEFAULT_SET
from board.monitor_counts import Periode
from board.monitor_figures import figuren, figuren_uit_records
from board.monitor_tabel import Figuren
from board.perioden import check_publishable, familie, vorig_jaar
from exports.monitor_report import write_published
from storage.central import describe, is_central, open_central
from storage.central_counts import tel_sql
from storage.engine import is_sqlite, resolve_url, sqlite_path
from storage.errors import StorageError
from storage.monitor_local import (
    import_key,
    local_records,
    monitor_key,
    read_key_file,
    vingerafdruk,
    write_key_file,
)
from storage.repository import Repository
from storage.unlock import open_for_cli, with_repository

DEFAULT_GEMEENTE = "Gemeente"


def default_periode(today: date | None = None) -> Periode:
    """The last calendar year that has ended (the grid of ``board.perioden``)."""
    return vorig_jaar(today or date.today())


def count(
    url: str, periode: Periode, open_local: Callable[[], Repository], set_naam: str = DEFAULT_SET
) -> tuple[Figuren, str]:
    """The figures of one period (see ``count_all``)."""
    found, bron = count_all(url, (periode,), open_local, set_naam)
    return found[periode], bron


def count_all(
    url: str, perioden: Sequence[Periode], open_local: Callable[[], Repository], set_naam: str = DEFAULT_SET
) -> tuple[dict[Periode, Figuren], str]:
    """The figures of each period from ``url`` and where they came from (for the message). A
    central database is counted by SQL; a tablet's own (encrypted) database is opened once
    with ``open_local`` (which asks for the PIN) and counted from its afgeronde metingen."""
    path = sqlite_path(url) if is_sqlite(url) else None
    if is_sqlite(url) and (path is None or not Path(path).is_file()):
        raise StorageError(_("Het bestand {bestand} bestaat niet; er is niets geschreven.").format(bestand=path or url))
    try:
        central = is_central(url)
    except DBAPIError as exc:
        if path is None:
            raise StorageError(
                _("De database {database} is niet bereikbaar. ({fout})").format(database=describe(url), fout=exc.orig)
            ) from exc
        central = False  # not a plain SQLite file: perhaps the tablet's own (encrypted) one
    if central:
        engine = open_central(url)
        try:
            return {p: figuren(tel_sql(engine, p, set_naam)) for p in perioden}, "de centrale database"
        finally:
            engine.dispose()
    repository = open_local()
    try:
        records = local_records(repository)
        return {p: figuren_uit_records(records, p, set_naam) for p in perioden}, "de metingen op deze tablet"
    finally:
        repository.close()


def run_report(args: argparse.Namespace) -> int:
    if args.out is None:
        print(_("Geef een map voor het rapport: python main.py monitor --out MAP (zie --help)."))
        return 2
    try:
        periode = default_periode() if args.van is None and args.tot is None else Periode(
            args.van or args.tot, args.tot or args.van
        )
        check_publishable(periode, date.today())
    except BoardError as exc:
        print(exc)
        return 2
    url = resolve_url(args.db)
    try:
        found, bron = count_all(url, familie(periode), lambda: open_for_cli(args), args.set)
    except StorageError as exc:
        print(exc)
        return 1
    # Published as one family with its year and quarters: what one report hides, another
    # cannot give away (board.disclosure_familie).
    figures = found[periode]
    published = beveilig_familie(found)[periode]
    paths = write_published(figures, published, Path(args.out), periode, args.gemeente)
    wijken = len(figures.tabel("overzicht").gebieden) - 1
    print(
        ngettext(
            "Monitor {periode} uit {bron}: {wijken} wijk. Geschreven in {out}: {bestanden}.",
            "Monitor {periode} uit {bron}: {wijken} wijken. Geschreven in {out}: {bestanden}.",
            wijken,
        ).format(
            periode=periode.label, bron=bron, wijken=wijken, out=args.out, bestanden=", ".join(p.name for p in paths)
        )
    )
    return 0


def run_key(args: argparse.Namespace) -> int:
    if args.new is not None:
        try:
            key = write_key_file(Path(args.new))
        except StorageError as exc:
            print(exc)
            return 1
        print(
            _(
                "Nieuwe monitorsleutel geschreven in {bestand} (vingerafdruk {vingerafdruk}). "
                "Importeer hem op elke tablet met: python main.py monitor key --import BESTAND"
            ).format(bestand=args.new, vingerafdruk=vingerafdruk(key))
        )
        return 0
    return with_repository(_run_key_on_tablet)(args)


def _run_key_on_tablet(args: argparse.Namespace, repository: Repository) -> int:
    if args.import_file is not None:
        key = read_key_file(Path(args.import_file))
        changed = import_key(repository, key)
        if changed:
            print(
                _("De sleutel van de gemeente is ingesteld (vingerafdruk {vingerafdruk}).").format(
                    vingerafdruk=vingerafdruk(key)
                )
            )
        else:
            print(
                _("Deze tablet had deze sleutel al (vingerafdruk {vingerafdruk}).").format(
                    vingerafdruk=vingerafdruk(key)
                )
            )
    else:
        print(
            _("Vingerafdruk van de monitorsleutel op deze tablet: {vingerafdruk}").format(
                vingerafdruk=vingerafdruk(monitor_key(repository))
            )
        )
    return 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "monitor", help="schrijf het monitorrapport per wijk (PDF en CSV), of beheer de monitorsleutel"
    )
    # Same name as the global --db; SUPPRESS keeps the global value when this one is absent.
    parser.add_argument("--db", metavar="URL", default=argparse.SUPPRESS,
                        help="de centrale database, of de database van deze tablet (standaard)")
    parser.add_argument("--out", metavar="MAP", help="de map voor monitor.pdf en de CSV-bestanden")
    parser.add_argument("--van", metavar="JJJJ-MM", help="eerste maand (standaard: twaalf maanden terug)")
    parser.add_argument("--tot", metavar="JJJJ-MM", help="laatste maand, inbegrepen (standaard: deze maand)")
    parser.add_argument("--gemeente", default=DEFAULT_GEMEENTE, metavar="NAAM", help="naam op het rapport")
    parser.add_argument("--set", default=DEFAULT_SET, help=argparse.SUPPRESS)
    parser.set_defaults(func=run_report)
    actions = parser.add_subparsers(title="sleutel", metavar="key")
    key = actions.add_parser("key", help="toon, maak of importeer de monitorsleutel van de gemeente")
    which = key.add_mutually_exclusive_group()
    which.add_argument("--import", dest="import_file", metavar="BESTAND", help="gebruik de sleutel uit dit bestand")
    which.add_argument("--new", metavar="BESTAND", help="maak een nieuwe sleutel voor de gemeente in dit bestand")
    key.set_defaults(func=run_key)
