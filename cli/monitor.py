"""``python3 main.py monitor``: the monitor report for the gemeente (``services.monitor_report``),
and the monitor key (``services.monitor``).

``monitor --db URL --out DIR`` reads a central database (counted by SQL) or, when URL is a
tablet's database, that tablet's own afgeronde metingen (counted in Python), protects the
figures with its year and quarters (``disclosure_familie``) and writes ``monitor.pdf`` and one
CSV per table. ``monitor key`` shows, makes or imports the gemeente's key (``services.monitor``).

``key`` is a positional word, not an argparse subcommand: a subparser takes any word that is
not an option as the name of a subcommand, so ``monitor --uit X`` said "ongeldige keuze: 'X'
(kies uit 'key')". Now ``--uit`` is ``--out`` in Dutch, and a word monitor does not know is
answered with what it does know.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Any

from board.errors import BoardError, UserError
from board.i18n import _, ngettext
from board.leefgebieden import DEFAULT_SET
from board.monitor_2_counts import Periode
from board.monitor_5_view import KERNCIJFERS
from board.monitor_6_kaart import STANDAARD
from board.perioden import check_publishable, kwartaal_naam
from board.redenen import reden
from cli.common import still_busy, with_repository
from services.monitor import import_key, monitor_key, read_key_file, vingerafdruk, write_key_file
from services.monitor_report import DEFAULT_GEMEENTE, default_periode, write_report
from services.unlock import open_for_cli


def run(args: argparse.Namespace) -> int:
    """``monitor`` (the report) or ``monitor key`` (the key); anything else: what there is."""
    if args.opdracht == "key":
        return run_key(args)
    if args.opdracht is not None:
        print(_("'{woord}' kent monitor niet. Het rapport: python3 main.py monitor --out MAP (of --uit MAP). "
                "De sleutel: python3 main.py monitor key. Alle opties: python3 main.py monitor --help.")
              .format(woord=args.opdracht))
        return 2
    if args.import_file is not None or args.new is not None:
        print(_("--import en --new horen bij de sleutel: python3 main.py monitor key --import BESTAND "
                "(of --new BESTAND)."))
        return 2
    return run_report(args)


def run_report(args: argparse.Namespace) -> int:
    if args.out is None:
        print(_("Geef een map voor het rapport: python3 main.py monitor --out MAP (zie --help)."))
        return 2
    try:
        periode = default_periode() if args.van is None and args.tot is None else Periode(
            args.van or args.tot, args.tot or args.van
        )
        check_publishable(periode, date.today())
    except BoardError as exc:
        print(exc)
        return 2
    try:
        # Counting and protecting a gemeente's year takes a minute or more: said on stderr as it goes.
        with still_busy(_("Monitor {periode}: de cijfers tellen, beveiligen en schrijven.").format(
                periode=periode.label)):
            report = write_report(args.db, periode, Path(args.out), lambda: open_for_cli(args), args.gemeente,
                                  args.set, args.wijkteams, args.kaart, args.kaartcijfer)
    except UserError as exc:
        print(exc)
        return 1
    except OSError as exc:  # the folder for the report: its reason in Dutch, never the system's text
        print(
            _("Het rapport kon niet in {map} worden geschreven: {reden}.").format(
                map=args.out, reden=reden(exc, "het monitorrapport schrijven")
            )
        )
        return 1
    print(
        ngettext(
            "Monitor {periode} uit {bron}: {wijken} wijk. Geschreven in {out}: {bestanden}.",
            "Monitor {periode} uit {bron}: {wijken} wijken. Geschreven in {out}: {bestanden}.",
            report.wijken,
        ).format(
            periode=periode.label,
            bron=report.bron,
            wijken=report.wijken,
            out=args.out,
            bestanden=", ".join(p.name for p in report.paths),
        )
    )
    if report.wijkteams:
        print(ngettext("Met de cijfers van {n} wijkteam.", "Met de cijfers van {n} wijkteams.",
                       report.wijkteams).format(n=report.wijkteams))
    if report.kaart_melding:
        print(report.kaart_melding)
    if report.laat:
        print(ngettext(
            "{n} meting kwam na het vaststellen van haar eigen periode binnen en telt mee in {periode}.",
            "{n} metingen kwamen na het vaststellen van hun eigen periode binnen en tellen mee in {periode}.",
            report.laat).format(n=report.laat, periode=kwartaal_naam(periode)))
    return 0


def run_key(args: argparse.Namespace) -> int:
    if args.new is not None:
        try:
            key = write_key_file(Path(args.new))
        except UserError as exc:
            print(exc)
            return 1
        print(
            _(
                "Nieuwe monitorsleutel geschreven in {bestand} (vingerafdruk {vingerafdruk}). "
                "Importeer hem op elke tablet met: python3 main.py monitor key --import BESTAND"
            ).format(bestand=args.new, vingerafdruk=vingerafdruk(key))
        )
        return 0
    return with_repository(_run_key_on_tablet)(args)


def _run_key_on_tablet(args: argparse.Namespace, repository: Any) -> int:
    if args.import_file is not None:
        key = read_key_file(Path(args.import_file))
        result = import_key(repository, key)
        if result.changed:
            print(
                _("De sleutel van de gemeente is ingesteld (vingerafdruk {vingerafdruk}).").format(
                    vingerafdruk=vingerafdruk(key)
                )
            )
            if result.already_sent and result.previous is not None:
                print(
                    ngettext(
                        "Let op: {n} monitorrecord was al verzonden met de vorige sleutel (vingerafdruk "
                        "{vingerafdruk}); dat blijft zo bij de gemeente. De records die nog wachten, gaan met de "
                        "nieuwe sleutel; de gemeente kan latere metingen van dezelfde inwoners niet aan de al "
                        "verzonden records koppelen.",
                        "Let op: {n} monitorrecords waren al verzonden met de vorige sleutel (vingerafdruk "
                        "{vingerafdruk}); die blijven zo bij de gemeente. De records die nog wachten, gaan met de "
                        "nieuwe sleutel; de gemeente kan latere metingen van dezelfde inwoners niet aan de al "
                        "verzonden records koppelen.",
                        result.already_sent,
                    ).format(n=result.already_sent, vingerafdruk=vingerafdruk(result.previous))
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
    parser.add_argument("opdracht", nargs="?", metavar="key",
                        help="key: toon, maak of importeer de monitorsleutel van de gemeente "
                             "(zonder: schrijf het rapport)")
    parser.add_argument("--out", "--uit", dest="out", metavar="MAP",
                        help="de map voor monitor.pdf en de CSV-bestanden")
    parser.add_argument(
        "--van",
        metavar="JJJJ-MM",
        help="eerste maand (zonder --van en --tot: het hele vorige kalenderjaar; alleen --van of --tot: die ene maand)",
    )
    parser.add_argument("--tot", metavar="JJJJ-MM", help="laatste maand, inbegrepen")
    parser.add_argument("--gemeente", metavar="NAAM",
                        help=f"naam op het rapport (standaard de naam in wijkteams.toml, anders '{DEFAULT_GEMEENTE}')")
    parser.add_argument("--wijkteams", type=Path, metavar="BESTAND",
                        help="welke wijken elk wijkteam bedient (TOML; standaard gemeente/wijkteams.toml "
                             "in de datamap)")
    parser.add_argument("--kaart", type=Path, metavar="BESTAND",
                        help="de wijkgrenzen als GeoJSON (standaard gemeente/wijken.geojson in de datamap)")
    parser.add_argument("--kaartcijfer", choices=[k for k, _label in KERNCIJFERS], default=STANDAARD,
                        help=f"het cijfer waarnaar de kaart de wijken kleurt (standaard {STANDAARD})")
    parser.add_argument("--set", default=DEFAULT_SET, help=argparse.SUPPRESS)
    parser.set_defaults(func=run)
    which = parser.add_argument_group("bij monitor key").add_mutually_exclusive_group()
    which.add_argument("--import", dest="import_file", metavar="BESTAND", help="gebruik de sleutel uit dit bestand")
    which.add_argument("--new", metavar="BESTAND", help="maak een nieuwe sleutel voor de gemeente in dit bestand")
