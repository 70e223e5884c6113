"""One kiosk per database: a second start on the same tablet says so and stops.

Two apps on one database would each show their own board and overwrite each other's visit
marker and lock state. The first start holds an exclusive ``flock`` on a file beside the
database (or in the data folder for a server database) for as long as it runs; the kernel
drops it when the process ends, however it ends, so a crash never leaves a stale lock.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from storage.paths import data_dir
from storage.urls import is_sqlite, sqlite_path

LOCK_SUFFIX = ".app.lock"


class AlreadyRunning(Exception):
    """Another process holds the app lock of this database."""


def lock_path(url: str) -> Path:
    path = sqlite_path(url) if is_sqlite(url) else None
    return Path(path + LOCK_SUFFIX) if path else data_dir() / ("app" + LOCK_SUFFIX)


def hold_app_lock(url: str) -> IO[bytes] | None:
    """Take the app lock of ``url`` for the rest of this process (keep the returned file
    open); raises ``AlreadyRunning``. ``None`` where the platform has no ``flock``."""
    try:
        import fcntl
    except ImportError:  # Windows: one user, one session; not guarded here
        return None
    path = lock_path(url)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    handle = open(path, "ab")  # noqa: SIM115 - held open on purpose until the process ends
    os.chmod(path, 0o600)
    try:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        handle.close()
        raise AlreadyRunning(str(path)) from None
    return handle
