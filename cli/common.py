"""What every subcommand shares: open the tablet's database for it (``with_repository``),
progress lines, and the ``--out`` folder."""

from __future__ import annotations

import argparse
import contextlib
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from board.errors import UserError
from board.i18n import _
from board.redenen import reden
from services.unlock import open_for_cli

Work = Callable[[argparse.Namespace, Any], int]


def with_repository(work: Work, *, create_demo: bool = False, failed: str = "") -> Callable[[argparse.Namespace], int]:
    """A subcommand's ``func``: unlock the database, run ``work(args, repository)``, close it.

    A ``UserError`` (or a file system error) is printed as its message, after ``failed``
    (marked with ``N_``, translated here) when given, and gives exit code 1; nothing half-done
    is left by the callees.
    """

    def run(args: argparse.Namespace) -> int:
        try:
            repository = open_for_cli(args, create_demo=create_demo)
        except UserError as exc:
            print(exc)
            return 1
        try:
            return work(args, repository)
        except UserError as exc:
            print(f"{_(failed) if failed else ''}{exc}")  # failed is marked with N_ by the caller
            return 1
        except BrokenPipeError:  # the reader of our output stopped early: main.run_from_shell
            raise
        except OSError as exc:  # a file the work needed: its reason in Dutch, never the system's text
            where = exc.filename or ""
            print(
                f"{_(failed) if failed else ''}"
                + _("Een bestand kon niet worden gelezen of geschreven ({reden}): {bestand}. Er is niets half gedaan.")
                .format(reden=reden(exc, "een bestand lezen of schrijven"), bestand=where)
            )
            return 1
        finally:
            repository.close()

    return run


def positive(text: str) -> int:
    """An argparse type: a whole number of at least 1."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(_("minstens 1"))
    return value


def progress_line(line: str, done: int, total: int, *, last: bool = False) -> None:
    """Progress on stderr: on a terminal one line rewritten in place (ended when all is done,
    or with ``last`` when the run ends short of that); to a pipe or a file plain lines, one per
    step (no carriage returns or escape codes in a log)."""
    if sys.stderr.isatty():
        end = "\n" if done == total or last else ""
        sys.stderr.write(f"\r{line}\x1b[K{end}")
    else:
        sys.stderr.write(f"{line}\n")
    sys.stderr.flush()


TICK_S = 10.0  # seconds between two "nog bezig" lines of a long step


@contextlib.contextmanager
def still_busy(step: str, tick: float | None = None) -> Iterator[None]:
    """A long step said on stderr: ``step`` when it begins, then every ``tick`` seconds how long
    it has been going, and how long it took when it is done (never when it stopped on an error).
    A thread that sleeps between its lines: the work itself is not touched or slowed."""
    begin = time.monotonic()
    stop = threading.Event()
    every = TICK_S if tick is None else tick
    progress_line(step, 0, 1)

    def tell() -> None:
        while not stop.wait(every):
            seconds = round(time.monotonic() - begin)
            progress_line(_("{stap} Nog bezig: {n} s.").format(stap=step, n=seconds), 0, 1)

    teller = threading.Thread(target=tell, name="nog-bezig", daemon=True)
    teller.start()
    done = False
    try:
        yield
        done = True
    finally:
        stop.set()
        teller.join()
        if done:
            seconds = time.monotonic() - begin
            progress_line(_("{stap} Klaar na {n} s.").format(stap=step, n=f"{seconds:.0f}"), 1, 1)
        elif sys.stderr.isatty():  # stopped on an error: never "Klaar"; the line ends, the reason follows
            sys.stderr.write("\n")
            sys.stderr.flush()


def make_folder(path: Path) -> Path:
    """The folder an ``--out`` names, made when it is missing; a Dutch message when it cannot be."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FolderError(
            _("De map {map} kan niet worden gemaakt ({reden}); er is niets geschreven.").format(
                map=path, reden=reden(exc, "een map maken")
            )
        ) from exc
    return path


class FolderError(UserError):
    """An ``--out`` folder that cannot be made."""
