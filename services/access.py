"""The way in: the professionals' keyring of a tablet, and trying a PIN on the lock screen.

The keyring (``storage.keyring``) derives a key from the PIN that unwraps the data key;
``try_pin`` turns its refusals into an outcome the lock screen shows (a wrong PIN, the
wait after too many), so the screen needs nothing from storage. Locks, unlocks, wrong PINs
and an added colleague are audit events (``storage.access_log``: who, when, why).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from storage.keyring import DEFAULT_KDF, KdfParams, Keyring, KeyringError, LockedOutError, WrongPinError
from storage.urls import resolve_url

if TYPE_CHECKING:  # the repository (SQLAlchemy) loads after the lock screen is drawn
    from storage.repository import Repository

# Why the tablet locked, as the audit log says it (``storage.access_log.REASONS``).
LOCK_BY_HAND = "vergrendeld_hand"
LOCK_IDLE = "vergrendeld_inactief"
LOCK_PAUSE = "vergrendeld_pauze"


def database_url(url: str | None) -> str:
    """The database the app opens: ``url``, else ``MAGNEETBORD_DB``, else the user data folder's."""
    return resolve_url(url)


def open_keyring(url: str, kdf: KdfParams | None = None) -> Keyring:
    """The keyring beside the database at ``url``."""
    return Keyring.for_database(url, kdf=kdf or DEFAULT_KDF)


class PinUitkomst(Enum):
    OPEN = "open"  # the data key is unwrapped
    FOUT = "fout"  # a wrong PIN
    WACHTEN = "wachten"  # too many wrong PINs: wait ``wait_seconds``
    KAPOT = "kapot"  # the keyring cannot be used; ``message`` says why


@dataclass(frozen=True)
class PinResult:
    uitkomst: PinUitkomst
    data_key: bytes | None = None
    wait_seconds: float = 0.0
    message: str = ""


def try_pin(
    keyring: Keyring, professional_id: str, pin: str, now: float, repository: Repository | None = None
) -> PinResult:
    """Unlock the data key with ``pin``; a refusal is an outcome, not an exception. A wrong
    PIN is written to the audit log of ``repository`` when a database is open (before the
    first unlock there is none: the keyring counts it)."""
    try:
        key = keyring.unlock(professional_id, pin, now=now)
    except LockedOutError as exc:  # ``why``: a back-off that could not be checked
        return PinResult(PinUitkomst.WACHTEN, wait_seconds=exc.wait_seconds, message=exc.why)
    except WrongPinError as exc:
        note_wrong_pin(repository, professional_id)
        if exc.wait_seconds > 0:
            return PinResult(PinUitkomst.WACHTEN, wait_seconds=exc.wait_seconds)
        return PinResult(PinUitkomst.FOUT)
    except KeyringError as exc:
        return PinResult(PinUitkomst.KAPOT, message=str(exc))
    return PinResult(PinUitkomst.OPEN, data_key=key)


def note_locked(repository: Repository | None, reden: str) -> None:
    """The tablet locked for ``reden`` (``LOCK_BY_HAND``, ``LOCK_IDLE``, ``LOCK_PAUSE``)."""
    from storage import access_log  # late: it loads SQLAlchemy

    access_log.locked(repository, reden)


def note_unlocked(repository: Repository) -> None:
    """The professional now acting unlocked the tablet with their PIN."""
    from storage import access_log

    access_log.unlocked(repository)


def note_colleague_added(repository: Repository | None) -> None:
    """The professional now acting added a colleague to this tablet."""
    from storage import access_log

    access_log.colleague_added(repository)


def note_wrong_pin(repository: Repository | None, professional_id: str) -> None:
    if repository is not None:
        from storage import access_log

        access_log.wrong_pin(repository, professional_id)
