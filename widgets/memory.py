"""Give memory that the app no longer uses back to the system, and do not take what it
never uses (``defer_unused_imports``).

Unlocking (Argon2id's 19 MiB), opening the database and drawing a board's first frame
(fonts rendered, pictures decoded, textures uploaded) free a lot of memory at once. The C
allocator keeps freed memory for later unless told otherwise: glibc (a desktop, the tests)
returns it on ``malloc_trim``; Android's allocator on ``mallopt(M_PURGE)``. Where neither
exists this does nothing.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging
from functools import cache

log = logging.getLogger(__name__)

M_PURGE = -101  # bionic's mallopt option (Android 10 and later): release cached free pages
M_ARENA_MAX = -8  # glibc's mallopt option: how many arenas threads may spread over


@cache
def _libc() -> ctypes.CDLL | None:
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    except OSError:
        return None


def release_free_memory() -> None:
    """Return the allocator's free pages to the system (a few milliseconds)."""
    libc = _libc()
    if libc is None:
        return
    try:
        if hasattr(libc, "malloc_trim"):  # glibc
            libc.malloc_trim(0)
        elif hasattr(libc, "mallopt"):  # bionic
            libc.mallopt(M_PURGE, 0)
    except (AttributeError, OSError):  # pragma: no cover - an allocator without either
        log.debug("no way to release free memory here")


def one_arena() -> bool:
    """On glibc, have every thread allocate from one arena; elsewhere do nothing (False).

    glibc gives each new thread an arena of its own. The thread that loads SQLAlchemy and
    SQLCipher while the PIN is typed (P3) left its share there, and the board's RSS varied
    from 200 to 209 MiB from one start to the next with how the loading and the unlock
    interleaved (P8, ten starts); with one arena it is 200.3-200.5 MiB every time. The app's
    threads hold the GIL for nearly all they do, so they hardly contend for the allocator.
    Call before the app starts its threads."""
    libc = _libc()
    try:
        import os

        os.confstr("CS_GNU_LIBC_VERSION")  # raises where the C library is not glibc
    except (ValueError, OSError):
        return False
    if libc is None or not hasattr(libc, "mallopt"):
        return False
    return bool(libc.mallopt(M_ARENA_MAX, 1))


# Loaded by SQLAlchemy when it is imported (``sqlalchemy.util.compat``), used by it only to look
# up plug-ins by name (never for the SQLite dialect the kiosk uses). With it come ``email``,
# ``csv``, ``importlib.resources`` and more: about 1 MiB resident for nothing (P8).
DEFERRED_MODULES = ("importlib.metadata",)


def defer_unused_imports(names: tuple[str, ...] = DEFERRED_MODULES) -> None:
    """Make ``names`` load on first use instead of on import (the standard library's
    ``importlib.util.LazyLoader``): an ``import`` binds the module, its code runs when
    something first reads one of its names. Call before anything imports them; a module
    already loaded, or one that cannot be found, is left as it is."""
    import importlib
    import importlib.util
    import sys

    for name in names:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None or not hasattr(spec.loader, "exec_module"):
            continue
        spec.loader = importlib.util.LazyLoader(spec.loader)
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        parent, _, child = name.rpartition(".")
        if parent:
            setattr(sys.modules[parent], child, module)
        spec.loader.exec_module(module)
