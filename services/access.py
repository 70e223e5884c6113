"""The way in: the professionals' keyring of a tablet, and trying a PIN on the lock screen.

The keyring (``storage.keyring``) derives a key from the PIN that unwraps the data key;
``try_pin`` turns its refusals into an outcome the lock screen shows (a wrong PIN, the
wait after too many), so the screen needs nothing from storage.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from storage.keyring import DEFAULT_KDF, KdfParams, Keyring, KeyringError, LockedOutError, WrongPinError
from storage.urls import resolve_url


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


def try_pin(keyring: Keyring, professional_id: str, pin: str, now: float) -> PinResult:
    """Unlock the data key with ``pin``; a refusal is an outcome, not an exception."""
    try:
        key = keyring.unlock(professional_id, pin, now=now)
    except LockedOutError as exc:
        return PinResult(PinUitkomst.WACHTEN, wait_seconds=exc.wait_seconds)
    except WrongPinError as exc:
        if exc.wait_seconds > 0:
            return PinResult(PinUitkomst.WACHTEN, wait_seconds=exc.wait_seconds)
        return PinResult(PinUitkomst.FOUT)
    except KeyringError as exc:
        return PinResult(PinUitkomst.KAPOT, message=str(exc))
    return PinResult(PinUitkomst.OPEN, data_key=key)
