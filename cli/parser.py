"""The argument parser of ``python3 main.py``: the global options and every subcommand."""

from __future__ import annotations

import argparse
import importlib
import logging
from collections.abc import Callable

DB_HELP = (
    "de database als SQLAlchemy-URL (ook: omgevingsvariabele MAGNEETBORD_DB); "
    "standaard een SQLite-bestand in de gebruikersmap van de app"
)

# Each module has ``register(subparsers)``: it adds its subcommand and sets ``func``.
COMMAND_MODULES: tuple[str, ...] = (
    "cli.demo",
    "cli.export",
    "cli.sync",
    "cli.monitor",
    "cli.inwoner",
    "cli.outbox",
    "cli.audit",
    "cli.crashes",
)


def build_parser(run_app: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    """``run_app`` starts the kiosk app (the subcommand ``run``, and no subcommand at all)."""
    parser = argparse.ArgumentParser(
        prog="python3 main.py",
        description="Magneetbord: het digitale Wat telt-magneetbord voor sociale wijkteams. "
        "Zonder subcommando start de app.",
    )
    parser.add_argument("--db", metavar="URL", help=DB_HELP)
    subparsers = parser.add_subparsers(title="subcommando's", metavar="SUBCOMMANDO")
    run = subparsers.add_parser("run", help="start de app (dit is ook wat er gebeurt zonder subcommando)")
    run.set_defaults(func=run_app)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    _global_options_everywhere(parser)
    _no_technical_lines()
    return parser


def _no_technical_lines() -> None:
    """The modules log technical lines in English for whoever reads the logs ("central database
    not reachable (psycopg.OperationalError ...)"). With no handler, Python's last resort prints
    them on stderr, before the Dutch message that says the same: at the command line the
    professional reads the Dutch message alone. A handler of the app (a log file) still gets them."""
    root = logging.getLogger()
    if not any(isinstance(h, logging.NullHandler) for h in root.handlers):
        root.addHandler(logging.NullHandler())


def _global_options_everywhere(parser: argparse.ArgumentParser) -> None:
    """``--db`` also after the subcommand (``main.py demo --db URL``). SUPPRESS keeps the value
    given before the subcommand when it is not given again; a subcommand with a ``--db`` of
    its own (``monitor``) keeps its own help."""
    seen: set[int] = set()

    def walk(current: argparse.ArgumentParser) -> None:
        for action in current._actions:
            if not isinstance(action, argparse._SubParsersAction):
                continue
            for sub in action.choices.values():
                if id(sub) in seen:
                    continue  # an alias
                seen.add(id(sub))
                if "--db" not in sub._option_string_actions:
                    sub.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)
                walk(sub)

    walk(parser)
