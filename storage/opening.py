"""Why a database did not open, in one place: a small set of reasons, each with one Dutch message
that says what happened and what the professional can do.

``storage.migrate.open_database`` refuses through ``refusal`` and turns every failure of the
driver or the file system into one of these reasons (``classify``). The technical detail (the
driver's error name, the errno) goes to the log, never into the message; neither holds a
personal detail (no paths are logged, only reasons and codes). Every refusal leaves the file as
it was: nothing is written before the file is known to be this app's healthy database.
"""

from __future__ import annotations

import errno
import logging
from enum import Enum
from pathlib import Path

from board.i18n import N_, _
from board.redenen import technical
from storage.errors import (
    DatabaseOpenError,
    DatabaseTooNewError,
    NotEncryptedError,
    SaveError,
    WrongKeyError,
)

log = logging.getLogger(__name__)  # reasons and error codes only

KEYS_SUFFIX = ".keys.json"  # the keyring beside a database file (storage.keyring)


class Reden(Enum):
    """Why a database did not open."""

    MAP = "map"  # a folder where the file should be
    ONTBREEKT = "ontbreekt"  # no file, while the keyring beside it holds professionals
    LEEG = "leeg"  # a zero-length file, while the keyring holds professionals
    BESCHADIGD = "beschadigd"  # SQLite's own check fails
    NIET_VERSLEUTELD = "niet_versleuteld"  # plain SQLite where an encrypted one belongs
    VERKEERDE_SLEUTEL = "verkeerde_sleutel"  # the key does not open it (another tablet's keyring, or damage)
    GEEN_DATABASE = "geen_database"  # not a SQLite file at all
    ANDER_PROGRAMMA = "ander_programma"  # a database of another program
    TE_NIEUW = "te_nieuw"  # a newer version of the app wrote it
    SCHIJF_VOL = "schijf_vol"  # no room left on the device
    GEEN_TOEGANG = "geen_toegang"  # not allowed to read or write it
    ONLEESBAAR = "onleesbaar"  # the device could not read it (I/O error, gone)


MESSAGES: dict[Reden, str] = {
    Reden.MAP: N_("{where} is een map, geen databasebestand. Kies het juiste bestand of vraag om hulp."),
    Reden.ONTBREEKT: N_(
        "{where} ontbreekt, maar het sleutelbestand ernaast hoort bij professionals met gegevens. "
        "Er is geen nieuwe, lege database gemaakt. Zet de database terug uit de back-up, of vraag om hulp."
    ),
    Reden.LEEG: N_(
        "{where} is leeg (0 bytes), maar het sleutelbestand ernaast hoort bij professionals met gegevens. "
        "Het bestand is niet veranderd. Zet de database terug uit de back-up, of vraag om hulp."
    ),
    Reden.BESCHADIGD: N_(
        "{where} is beschadigd. Het bestand is niet veranderd; bewaar het, zet de database terug uit de "
        "back-up of vraag om hulp."
    ),
    Reden.NIET_VERSLEUTELD: N_(
        "{where} is niet versleuteld, maar Magneetbord bewaart gegevens op een tablet alleen versleuteld. "
        "Het bestand is niet veranderd en niet geopend. Kies een ander bestand of vraag om hulp."
    ),
    Reden.VERKEERDE_SLEUTEL: N_(
        "{where} gaat niet open met deze sleutel: het sleutelbestand hoort bij een andere database, "
        "of het bestand is beschadigd. Het bestand is niet veranderd. Zet het sleutelbestand van deze "
        "tablet terug, of vraag om hulp."
    ),
    Reden.GEEN_DATABASE: N_(
        "{where} kan niet worden geopend: het is geen (leesbare) Magneetbord-database. "
        "Het bestand is niet veranderd. Kies het juiste bestand of vraag om hulp."
    ),
    Reden.ANDER_PROGRAMMA: N_(
        "{where} bevat al tabellen van een ander programma. Kies een ander bestand; dit bestand is niet veranderd."
    ),
    Reden.TE_NIEUW: N_(
        "{where} komt van een nieuwere versie van Magneetbord. Werk de app bij om deze gegevens te openen; "
        "er is niets veranderd."
    ),
    Reden.SCHIJF_VOL: N_(
        "{where} kan nu niet worden geopend: de opslag van dit apparaat is vol. Het bestand is niet veranderd. "
        "Maak ruimte vrij (verwijder bijvoorbeeld verstuurde exports of andere bestanden) en probeer het opnieuw."
    ),
    Reden.GEEN_TOEGANG: N_(
        "{where} mag niet worden gelezen of geschreven door de app (rechten van het bestand of de map). "
        "Het bestand is niet veranderd. Vraag om hulp."
    ),
    Reden.ONLEESBAAR: N_(
        "{where} kon niet worden gelezen: het apparaat gaf een leesfout. Het bestand is niet veranderd. "
        "Probeer het opnieuw; blijft het zo, vraag dan om hulp."
    ),
}

_CLASSES: dict[Reden, type[DatabaseOpenError]] = {
    Reden.NIET_VERSLEUTELD: NotEncryptedError,
    Reden.VERKEERDE_SLEUTEL: WrongKeyError,
    Reden.TE_NIEUW: DatabaseTooNewError,
}

# SQLite's primary result codes (https://sqlite.org/rescode.html); extended codes keep them in the low byte.
SQLITE_PERM, SQLITE_READONLY, SQLITE_IOERR, SQLITE_CORRUPT = 3, 8, 10, 11
SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB, SQLITE_AUTH = 13, 14, 26, 23
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_ACCESS_ERRNOS = {errno.EACCES, errno.EPERM, errno.EROFS}


def where_of(url: str) -> str:
    """The database as a message names it: its file, or its URL without the password."""
    from storage.urls import is_sqlite, sqlite_path

    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None:
        return _("Het bestand {path}").format(path=path)
    from sqlalchemy.engine import make_url

    return _("De database {url}").format(url=make_url(url).render_as_string(hide_password=True))


def refusal(reden: Reden, where: str, cause: BaseException | None = None) -> DatabaseOpenError:
    """The error for ``reden`` (its Dutch message); the technical cause goes to the log only."""
    log.warning("database not opened: %s%s", reden.value, f" ({technical(cause)})" if cause is not None else "")
    error = _CLASSES.get(reden, DatabaseOpenError)(_(MESSAGES[reden]).format(where=where))
    error.reden = reden  # type: ignore[attr-defined]
    return error


def reden_of(error: BaseException) -> Reden | None:
    """The reason a refusal carries (None for other errors)."""
    return getattr(error, "reden", None)


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of a driver error (sqlite3's or SQLCipher's), wrapped or not."""
    orig = getattr(exc, "orig", None) or exc
    code = getattr(orig, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_disk_full(exc: BaseException) -> bool:
    """True when ``exc`` (a driver error or an ``OSError``, wrapped or not) says the device is full."""
    if isinstance(exc, OSError):
        return exc.errno in _FULL_ERRNOS
    return sqlite_code(exc) == SQLITE_FULL


def classify(exc: BaseException, *, key: bool, path: str | None = None) -> Reden:
    """The reason behind a driver or file system error while opening (``key``: SQLCipher was used).
    SQLite tells a full disk at opening as an I/O error (its WAL index cannot grow): with
    ``path``, a device without room left makes it ``SCHIJF_VOL``."""
    reden = _classify(exc, key=key)
    if reden in (Reden.ONLEESBAAR, Reden.GEEN_DATABASE) and path is not None and no_room(path):
        return Reden.SCHIJF_VOL
    return reden


def no_room(path: str, least: int = 256 * 1024) -> bool:
    """True when the device that holds ``path`` has less than ``least`` bytes free."""
    import shutil

    try:
        return shutil.disk_usage(Path(path).parent).free < least
    except OSError:
        return False


def _classify(exc: BaseException, *, key: bool) -> Reden:
    if isinstance(exc, IsADirectoryError):
        return Reden.MAP
    if isinstance(exc, OSError):
        if exc.errno in _FULL_ERRNOS:
            return Reden.SCHIJF_VOL
        if exc.errno in _ACCESS_ERRNOS:
            return Reden.GEEN_TOEGANG
        return Reden.ONLEESBAAR
    code = sqlite_code(exc)
    if code == SQLITE_FULL:
        return Reden.SCHIJF_VOL
    if code in (SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN, SQLITE_AUTH):
        return Reden.GEEN_TOEGANG
    if code == SQLITE_IOERR:
        return Reden.ONLEESBAAR
    if code == SQLITE_CORRUPT:
        return Reden.BESCHADIGD
    if code == SQLITE_NOTADB and key:
        return Reden.VERKEERDE_SLEUTEL
    return Reden.GEEN_DATABASE


def check_present(path: str, where: str) -> None:
    """Refuse a missing or empty database file while the keyring beside it holds professionals:
    their data is elsewhere (or lost), and a new, empty database would hide that. A first start
    (no keyring, or an empty one) makes the database as always."""
    file = Path(path)
    try:
        if file.is_dir():
            raise refusal(Reden.MAP, where)
        missing = not file.exists()
        empty = not missing and file.stat().st_size == 0
    except OSError as exc:
        raise refusal(classify(exc, key=False), where, exc) from exc
    if (missing or empty) and _keyring_holds_professionals(Path(path + KEYS_SUFFIX)):
        raise refusal(Reden.ONTBREEKT if missing else Reden.LEEG, where)


def _keyring_holds_professionals(keys: Path) -> bool:
    if not keys.exists():
        return False
    from storage.keyring import Keyring, KeyringError

    try:
        return not Keyring(keys).is_empty()
    except KeyringError:
        return True  # a keyring that cannot be read is no proof of a first start




def save_refusal(cause: BaseException) -> SaveError:
    """A write that failed: full or not, nothing was changed; the Dutch message says what to do."""
    log.warning("save refused (%s)", technical(cause))
    if is_disk_full(cause):
        return SaveError(
            _(
                "Opslaan is niet gelukt: de opslag van dit apparaat is vol. Er is niets veranderd. "
                "Maak ruimte vrij en probeer het opnieuw."
            )
        )
    return SaveError(
        _(
            "Opslaan is niet gelukt: het apparaat kon niet schrijven (is de opslag vol?). "
            "Er is niets veranderd; probeer het opnieuw."
        )
    )
