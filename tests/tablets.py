"""Ready-made tablets on disk for the command-line tests: a database made by the README's own
`demo` command, unlocked by the PIN in the environment."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import pytest

import main
from services.unlock import PIN_ENV, PROFESSIONAL_ENV, open_for_cli
from storage.paths import DATA_DIR_ENV
from storage.repository import Repository


@contextmanager
def demo_tablet_all_exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Repository]]:
    """A demo tablet (one sample inwoner) whose metingen are all marked exported, opened: what
    the test adds is then the only thing an `export` has to do. Yields (url, repository)."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(PIN_ENV, "482913")
    monkeypatch.delenv(PROFESSIONAL_ENV, raising=False)
    url = f"sqlite:///{tmp_path / 'bord.sqlite3'}"
    assert main.main(["--db", url, "demo", "--inwoners", "1"]) == 0
    repository = open_for_cli(argparse.Namespace(db=url))
    try:
        for meting in repository.not_exported():
            repository.mark_exported(meting.id, datetime(2026, 1, 1))
        yield url, repository
    finally:
        repository.close()
