"""The folder of saved koelkastbladen kept small: a sheet is a plain PDF of an inwoner's doelen,
so each goes once the day it was made has ended (``board.bewaartermijn.koelkastblad_verlopen``):
at the app's start and after each new sheet. Light (no database, no ReportLab): it runs while
the lock screen shows.
"""

from __future__ import annotations

import logging
import stat
from datetime import datetime
from pathlib import Path

from board.bewaartermijn import koelkastblad_verlopen
from storage.paths import koelkastblad_dir

log = logging.getLogger(__name__)
PREFIX = "koelkastblad-"  # services.koelkastblad.sheet names each file so; nothing else is touched


def opruimen(folder: Path | None = None, nu: datetime | None = None) -> list[Path]:
    """Remove the sheets (and a crashed save's temporary files) made before today from
    ``folder`` (default: ``koelkastblad_dir()``); what was removed. A file that will not go is
    logged and left: the next start tries again."""
    folder = folder or koelkastblad_dir()
    nu = nu or datetime.now()
    try:
        entries = [p for p in folder.iterdir() if p.name.startswith(PREFIX) and p.name.endswith((".pdf", ".tmp"))]
    except OSError:  # no folder yet, or none to read: nothing to remove
        return []
    removed = []
    for path in entries:
        try:
            info = path.lstat()
            if stat.S_ISREG(info.st_mode) and koelkastblad_verlopen(datetime.fromtimestamp(info.st_mtime), nu):
                path.unlink()
                removed.append(path)
        except OSError as exc:
            log.warning("koelkastblad niet gewist: %s", type(exc).__name__)
    return removed
