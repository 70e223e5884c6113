"""Magneetbord: start the kiosk app, or run one of its command-line tasks.

Nothing but wiring: each subcommand lives in the package it belongs to and registers
itself through ``COMMAND_MODULES``.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path

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


def use_project_environment() -> None:
    """Run in the project's ``.venv`` (made by the README's first command) when this Python
    lacks the packages, so ``python3 main.py`` works after the first install; otherwise say
    how to install them. Said before any import of them, so never a bare traceback."""
    if sys.version_info < (3, 11):  # noqa: UP036 - an older python3 reaches this line; say so plainly
        sys.exit(f"Magneetbord heeft Python 3.11 of nieuwer nodig; dit is {sys.version.split()[0]}.")
    if all(importlib.util.find_spec(name) for name in ("kivy", "sqlalchemy")):
        return
    venv = Path(__file__).resolve().parent / ".venv"
    python = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    if python.exists() and Path(sys.prefix).resolve() != venv.resolve():
        os.execv(str(python), [str(python), str(Path(__file__).resolve()), *sys.argv[1:]])
    sys.exit(
        "Magneetbord mist zijn pakketten (Kivy, SQLAlchemy, ...). Installeer ze eerst, in een eigen omgeving:\n"
        "  python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.lock\n"
        "en start dan opnieuw: python3 main.py"
    )


if __name__ == "__main__":
    use_project_environment()
    sys.exit(main())
