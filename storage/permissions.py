"""Only the app's own user may read what the app keeps: folders 0700, files 0600.

Set in two ways: the process's umask (077, at the start of ``main.main``: wiring, so not from
here), and
explicitly where a file is made, so a library caller with another umask gets the same.
SQLite makes its WAL and SHM files with the mode of the database file, so tightening the
database file right after it is opened covers them; they are tightened too when they exist
already (a database made by an older version).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600
SQLITE_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def private_dir(path: Path) -> Path:
    """``path`` made if needed, and readable by this user only."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    with contextlib.suppress(PermissionError):  # a folder of someone else's: leave it
        os.chmod(path, PRIVATE_DIR)
    return path


def private_database(path: str | Path) -> None:
    """The SQLite file and its side files (WAL, SHM, journal) for this user only."""
    for suffix in SQLITE_SIDE_FILES:
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chmod(f"{path}{suffix}", PRIVATE_FILE)


def create_private(path: Path) -> int:
    """A new file (never over an existing one), mode 0600; returns its descriptor."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE)


def write_atomically(path: Path, content: bytes) -> None:
    """Replace ``path`` with ``content`` so that a crash leaves either the old or the new file."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    fd, temp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, PRIVATE_FILE)  # only the app's user may read it
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if hasattr(os, "O_DIRECTORY"):  # make the rename itself durable (not on Windows)
        dir_fd = os.open(path.parent, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)
