"""Reading a small file the app wrote itself (the keys file, ``backoff.key``, ``bezoek.json``,
the crash notice)
without trusting what is there now: at most a bound of bytes (an 8 TiB file left by a damaged
file system is not read whole), and a FIFO or a device is not read at all (with no writer,
a plain read would block the start for ever)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


def read_at_most(path: Path, limit: int) -> bytes | None:
    """At most ``limit`` bytes of ``path``; None when it is no regular file (a FIFO, a device,
    a socket). A folder is an ``IsADirectoryError``, a missing file a ``FileNotFoundError``."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(path))
        if not stat.S_ISREG(mode):
            return None
        chunks: list[bytes] = []
        left = limit
        while left > 0:
            chunk = os.read(fd, left)
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)
