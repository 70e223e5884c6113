"""Magneetbord: start the kiosk app, or run one of its command-line tasks.

Nothing but wiring: the subcommands live in ``cli/`` (``cli.parser.build_parser``), the app
in ``widgets/``.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", run_app)
    return int(func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
