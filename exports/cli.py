"""The core of ``python main.py export``: export many metingen, with a progress line.

The subcommand itself needs the storage layer (which metingen, which outbox); this module
takes plain inputs so it can be wired to it without change.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from board.i18n import _
from board.inwoner import Inwoner
from board.meting import Meting
from exports.bundle import DEFAULT_TEAM_CONTACT, write_bundle

Progress = Callable[[int, int, Path], None]


def print_progress(done: int, total: int, folder: Path) -> None:
    """One line that is rewritten in place: 'Exporteren: 3 van 120 (2026-03-01_ab12...)'."""
    end = "\n" if done == total else ""
    line = _("Exporteren: {done} van {total} ({map})").format(done=done, total=total, map=folder.name)
    sys.stderr.write(f"\r{line}\x1b[K{end}")
    sys.stderr.flush()


def export_metingen(
    items: Iterable[tuple[Inwoner, Meting, Meting | None]],
    out: Path,
    progress: Progress | None = print_progress,
    team_contact: str = DEFAULT_TEAM_CONTACT,
    on_written: Callable[[Meting, Path], None] | None = None,
    anchor: Callable[[], Mapping[str, object]] | None = None,
) -> list[Path]:
    """Write the bundle of each (inwoner, meting, vorige meting) into ``out``.

    Stops at the first error (an ExportError with a Dutch message); the bundles written
    before it stay, complete, and exporting again skips them unchanged. ``on_written`` is
    called after each bundle is safely in place (storage notes it as exported); ``anchor``
    gives the audit log's head for each bundle's manifest.
    """
    todo = list(items)
    folders: list[Path] = []
    for inwoner, meting, vorige in todo:
        head = anchor() if anchor is not None else None
        folders.append(write_bundle(out, inwoner, meting, vorige, team_contact=team_contact, anchor=head))
        if on_written is not None:
            on_written(meting, folders[-1])
        if progress is not None:
            progress(len(folders), len(todo), folders[-1])
    return folders
