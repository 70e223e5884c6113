"""Magneetbord: start the kiosk app, or run one of its command-line tasks.

Nothing but wiring: the subcommands live in ``cli/`` (``cli.parser.build_parser``), the app
in ``widgets/``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

# Kivy must not read our command line or log to the console: set before any import of it.
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_IMAGE", "sdl2,tex,dds")  # as widgets.kiosk.environment(); Pillow is for the exports

def run_app(args: argparse.Namespace) -> int:
    from widgets import kiosk

    kiosk.configure()  # fullscreen, no exit on Escape: before Kivy opens its window
    from widgets.app import MagneetbordApp

    MagneetbordApp(getattr(args, "db", None)).run()
    return 0


def build_parser() -> argparse.ArgumentParser:
    from cli.parser import build_parser as build

    return build(run_app)


def app_args(argv: Sequence[str]) -> argparse.Namespace | None:
    """The app's own arguments when ``argv`` starts the app (nothing, ``run``, ``--db URL``):
    then the subcommands' modules (the database, the renderers) are not loaded first."""
    parser = _Quiet(add_help=False)
    parser.add_argument("--db")
    parser.add_argument("command", nargs="?", choices=["run"])
    try:
        args, rest = parser.parse_known_args(argv)
    except ValueError:  # a subcommand or something else: the full parser answers
        return None
    return None if rest else args


class _Quiet(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise ValueError(message)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = app_args(argv)
    if args is not None:
        return run_app(args)
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", run_app)
    return int(func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
