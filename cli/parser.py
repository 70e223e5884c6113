"""The argument parser of ``python main.py``: the global options and every subcommand."""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Callable

# Each module has ``register(subparsers)``: it adds its subcommand and sets ``func``.
COMMAND_MODULES: tuple[str, ...] = (
    "cli.demo",
    "cli.export",
    "cli.sync",
    "cli.monitor",
    "cli.inwoner",
    "cli.outbox",
    "cli.audit",
)


def build_parser(run_app: Callable[[argparse.Namespace], int]) -> argparse.ArgumentParser:
    """``run_app`` starts the kiosk app (the subcommand ``run``, and no subcommand at all)."""
    parser = argparse.ArgumentParser(
        prog="python main.py",
        description="Magneetbord: het digitale Wat telt-magneetbord voor sociale wijkteams. "
        "Zonder subcommando start de app.",
    )
    parser.add_argument(
        "--db",
        metavar="URL",
        help="de database als SQLAlchemy-URL (ook: omgevingsvariabele MAGNEETBORD_DB); "
        "standaard een SQLite-bestand in de gebruikersmap van de app",
    )
    subparsers = parser.add_subparsers(title="subcommando's", metavar="SUBCOMMANDO")
    run = subparsers.add_parser("run", help="start de app (dit is ook wat er gebeurt zonder subcommando)")
    run.set_defaults(func=run_app)
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser
