"""Real faults of a folder, for export tests: a full disk (a tiny tmpfs, which needs root)
and a folder that cannot be written (a read-only tmpfs as root, where file modes do not
stop root; otherwise the folder's mode)."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

PAGE = 4096


def pages(sizes: list[int]) -> int:
    """What files of these sizes take on a tmpfs: whole pages each."""
    return sum(-(-size // PAGE) * PAGE for size in sizes)


@contextmanager
def tmpfs(path: Path, size: int, readonly: bool = False) -> Iterator[Path]:
    """``path`` as a tmpfs of ``size`` bytes (readonly: as it is, no writing at all)."""
    if os.geteuid() != 0:
        pytest.skip("een echte volle schijf vraagt root (mount -t tmpfs)")
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if readonly else "")
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], check=True)
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@contextmanager
def unwritable(path: Path) -> Iterator[Path]:
    """``path`` (an empty folder) where nothing can be written, for real."""
    if os.geteuid() == 0:
        with tmpfs(path, PAGE, readonly=True):
            yield path
        return
    path.mkdir(parents=True, exist_ok=True)
    path.chmod(0o500)
    try:
        yield path
    finally:
        path.chmod(0o700)


def hidden(folder: Path) -> list[str]:
    """Names in ``folder`` that start with a dot: half-written exports, which must never stay."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))
