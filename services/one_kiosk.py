"""Starting the kiosk: one per database (``storage.single_instance``)."""

from __future__ import annotations

from typing import IO

from board.i18n import _
from storage.single_instance import AlreadyRunning, hold_app_lock
from storage.urls import resolve_url

_held: list[IO[bytes]] = []  # the lock file, open for as long as this process runs


def claim_tablet(db: str | None) -> str | None:
    """Take the database ``db`` (the default when None) for this kiosk; a plain-Dutch message
    when another kiosk runs on it already, else None."""
    try:
        handle = hold_app_lock(resolve_url(db))
    except AlreadyRunning:
        return _("Magneetbord draait al op deze tablet. Gebruik dat venster; er start geen tweede.")
    if handle is not None:
        _held.append(handle)
    return None
