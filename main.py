"""Magneetbord: start the kiosk app, or run one of its command-line tasks.

Nothing but wiring: each subcommand lives in the package it belongs to and registers
itself through ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

# Kivy must not read our command line or log to the console: set before any import of it.
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_IMAGE", "sdl2,tex,dds")  # as widgets.kiosk.environment(); Pillow is for the exports
# No Kivy log file: at a raised level it would hold what people typed, in plain text, outside
# the encrypted database.
os.environ.setdefault("KIVY_NO_FILELOG", "1")
os.environ.setdefault("SDL_WINDOWS_NO_CLOSE_ON_ALT_F4", "1")  # SDL's own Alt+F4 on Windows

# Each module has ``register(subparsers)``: it adds its subcommand and sets ``func``.
COMMAND_MODULES: tuple[str, ...] = (
    "storage.demo",
    "exports.export_command",
    "storage.sync",
    "exports.monitor_command",
    "exports.inzage",
    "storage.outbox",
    "storage.audit",
)


def build_parser() -> argparse.ArgumentParser:
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


def run_app(args: argparse.Namespace) -> int:
    from widgets import kiosk

    kiosk.configure()  # fullscreen, no exit on Escape: before Kivy opens its window
    from widgets.app import MagneetbordApp

    MagneetbordApp(getattr(args, "db", None)).run()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    from storage.permissions import private_umask

    private_umask()  # every file the app or a subcommand makes: for this user only
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", run_app)
    return int(func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
