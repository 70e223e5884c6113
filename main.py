"""Magneetbord: start the kiosk app, or run one of its command-line tasks.

Nothing but wiring: the subcommands live in ``cli/`` (``cli.parser.build_parser``), the app
in ``widgets/``.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

# Kivy must not read our command line or log to the console: set before any import of it.
os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
os.environ.setdefault("KIVY_IMAGE", "sdl2,tex,dds")  # as widgets.kiosk.KIVY_ENVIRONMENT; Pillow is for the exports
# No Kivy log file: at a raised level it would hold what people typed, in plain text, outside
# the encrypted database.
os.environ.setdefault("KIVY_NO_FILELOG", "1")
os.environ.setdefault("SDL_WINDOWS_NO_CLOSE_ON_ALT_F4", "1")  # SDL's own Alt+F4 on Windows


def run_app(args: argparse.Namespace) -> int:
    from widgets import crashes, kiosk

    kiosk.environment()  # before Kivy, SQLAlchemy or the crypto libraries are imported
    problem = kiosk.claim(getattr(args, "db", None))  # one kiosk per database
    if problem:
        print(problem, file=sys.stderr)
        return 1
    problem = kiosk.prepare()  # before Kivy opens its window: fullscreen at the display's size
    if problem:  # no display at all: say so rather than run unseen
        print(problem, file=sys.stderr)
        return 1
    crashes.watch()  # an uncaught exception: a report without personal data (services/crash.py)
    kiosk.ignore_interrupt()  # Ctrl+C: like Escape, not a way out of the kiosk
    from widgets.app import MagneetbordApp

    MagneetbordApp(getattr(args, "db", None)).run()
    return 0


def build_parser() -> argparse.ArgumentParser:
    from cli.dutch import speak_dutch
    from cli.parser import build_parser as build

    speak_dutch()  # argparse's own messages (usage, errors, --help) in Dutch: cli/dutch.py
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
    os.umask(0o077)  # every file the app or a subcommand makes: for this user only (storage/permissions.py)
    argv = sys.argv[1:] if argv is None else list(argv)
    args = app_args(argv)
    if args is not None:
        return run_app(args)
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
        script = Path(sys.argv[0]).resolve()  # main.py, or bench/run.py
        os.execv(str(python), [str(python), str(script), *sys.argv[1:]])
    sys.exit(
        "Magneetbord mist zijn pakketten (Kivy, SQLAlchemy, ...). Installeer ze eerst, in een eigen omgeving:\n"
        "  python3 -m venv .venv && .venv/bin/python -m pip install -r requirements.lock\n"
        "en start dan opnieuw: python3 main.py"
    )


def run_from_shell() -> int:
    """``main()`` for ``python3 main.py``: output read by a program that stops early
    (``python3 main.py inwoner list | head -1``) ends the command quietly, as the Python docs
    advise for a closed pipe (docs.python.org/3/library/signal.html#note-on-sigpipe): the rest
    of the output goes to devnull, so the flush at exit raises nothing, and no traceback."""
    try:
        try:
            return main()
        finally:  # also after argparse's exit (--help): a closed pipe is met inside the try
            sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1  # the reader did not get everything: as the docs' example, not success


if __name__ == "__main__":
    use_project_environment()
    sys.exit(run_from_shell())
