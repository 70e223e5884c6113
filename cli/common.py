"""What every subcommand shares: open the tablet's database for it (``with_repository``)."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from board.errors import UserError
from board.i18n import _
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
        except (UserError, OSError) as exc:
            print(f"{_(failed) if failed else ''}{exc}")  # failed is marked with N_ by the caller
            return 1
        finally:
            repository.close()

    return run
