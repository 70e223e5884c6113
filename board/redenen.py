"""Why a file could not be written, in plain Dutch: the user reads this, never the system's
English text ("No space left on device", "Is a directory"). The technical detail (the errno
name, no path and no personal data) goes to the log."""

from __future__ import annotations

import errno
import logging
import traceback

from board.i18n import N_, _

log = logging.getLogger(__name__)

_REDENEN = {  # said of reading and of writing alike
    errno.ENOSPC: N_("de opslag is vol"),
    errno.EDQUOT: N_("de opslag is vol"),
    errno.EACCES: N_("de app heeft er geen toestemming voor"),
    errno.EPERM: N_("de app heeft er geen toestemming voor"),
    errno.EROFS: N_("de opslag is alleen te lezen"),
    errno.EFBIG: N_("het bestand wordt groter dan hier mag"),
    errno.ENOENT: N_("het bestand of de map bestaat niet (meer)"),
    errno.ENOTDIR: N_("een deel van het pad is geen map"),
    errno.EISDIR: N_("er staat een map waar een bestand moet zijn"),
    errno.EEXIST: N_("er staat al iets met die naam"),
    errno.ENAMETOOLONG: N_("de naam is te lang"),
    errno.EIO: N_("het apparaat gaf een lees- of schrijffout"),
}


def reden(exc: OSError, what: str = "schrijven") -> str:
    """The reason ``exc`` gives, as a Dutch phrase to put after 'mislukt: '."""
    code = errno.errorcode.get(exc.errno or 0, "onbekend")
    log.warning("%s mislukt: %s (%s)", what, code, type(exc).__name__)
    known = _REDENEN.get(exc.errno or 0)
    return _(known) if known else _("het besturingssysteem weigerde het (foutcode {code})").format(code=code)


def technical(exc: BaseException | None) -> str:
    """For the log: the kind of error (a database driver's error inside SQLAlchemy's wrapper,
    with its SQLite name and errno) and where it was raised, never its message (which may quote
    the inwoner's words, as ReportLab's LayoutError quotes a paragraph, or a stored value)."""
    if exc is None:
        return ""
    orig = getattr(exc, "orig", None) or exc
    name = getattr(orig, "sqlite_errorname", None)
    number = getattr(orig, "errno", None)
    codes = f"{f' {name}' if name else ''}{f' errno {number}' if number else ''}"
    frames = traceback.extract_tb(exc.__traceback__)
    where = f" in {frames[-1].filename.rsplit('/', 1)[-1]}:{frames[-1].lineno}" if frames else ""
    return f"{type(orig).__module__}.{type(orig).__name__}{codes}{where}"
