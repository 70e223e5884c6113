"""The wrong-PIN back-off in the keyring file: counted under a file lock, sealed with an HMAC.

- **Race-free.** Every change to the keyring file happens under an exclusive ``flock`` on a
  lock file beside it (the keyring file itself is replaced on every write, so it cannot
  carry the lock). A whole PIN try (read, Argon2id, count) runs under it: tries made in
  parallel are checked one after the other and every one counts.
- **Sealed.** Each professional's ``failures`` and ``blocked_until`` carry an HMAC-SHA256
  under a back-off key that the PIN does not give: 32 random bytes in ``backoff.key`` in the
  app's data folder (mode 0600), which may be another folder than the database's. An entry
  whose seal does not fit (its counter edited, the keyring copied from another tablet, the
  key file removed, emptied or garbled) counts as the longest wait, not as a fresh start; so
  does an entry without a seal (every entry this version writes has one: a stripped seal
  with the key file removed must not be a fresh start either).
- **Unreadable key.** A ``backoff.key`` that exists but cannot be read (a folder, no read
  permission after a restore as another user, a read error) is ``SealKeyUnreadable``: the
  keyring then tries no PIN at all (its Dutch message says what the beheerder can do). It is
  never replaced: it may be the right key, readable again once its owner or rights are right.

What the seal cannot do (docs/security.md): someone who can write the data folder can also
read it, so they can put back an older sealed state (replay) or copy both files and guess
the PIN offline; only a key held by hardware (Android Keystore) would stop that.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from board.i18n import _
from board.lock import MAX_DELAY
from board.redenen import reden
from storage.paths import data_dir
from storage.permissions import write_atomically
from storage.small_files import read_at_most

KEY_FILE = "backoff.key"
SEAL_FIELD = "seal"
_KEY_BYTES = 32
_MAX_KEY_FILE_BYTES = 4096  # the key is 64 hex digits; more is garbage, never read whole


@contextlib.contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on ``path`` (made 0600 if missing) for the duration of the block."""
    import fcntl  # POSIX (Linux, Android); the app does not run on Windows

    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


class SealKeyUnreadable(Exception):
    """``backoff.key`` exists but cannot be read; ``__cause__`` is the ``OSError``."""

    def __init__(self, path: Path, error: OSError) -> None:
        super().__init__(str(path))
        self.path, self.error = path, error


def unreadable_message(problem: SealKeyUnreadable) -> str:
    """What the lock screen says while ``backoff.key`` cannot be read (no PIN is tried)."""
    return _(
        "Het bestand {path} kan niet worden gelezen ({reden}). Daarom wordt geen pincode geprobeerd. "
        "Er is niets verloren. Voor de beheerder: geef het bestand de rechten van de app terug. Of haal "
        "het weg: dan eerst {minuten} minuten wachten."
    ).format(path=problem.path, reden=reden(problem.error, "een bestand lezen"), minuten=round(MAX_DELAY / 60))


def tampered_message() -> str:
    """Why a professional waits the longest wait although they typed no wrong PIN (maybe)."""
    return _(
        "Het bestand {file} ontbreekt of is beschadigd, of het sleutelbestand is veranderd. Daarom "
        "geldt de langste wachttijd: wacht {minuten} minuten en probeer het dan opnieuw. Er is niets verloren."
    ).format(file=KEY_FILE, minuten=round(MAX_DELAY / 60))


class BackoffSeal:
    """Seals and checks the back-off fields of keyring entries."""

    def __init__(self, key_path: Path | None = None) -> None:
        self.key_path = key_path or data_dir() / KEY_FILE

    def _key(self, create: bool) -> bytes | None:
        """The key; None when it is missing or garbled (``create``: a new one is written then).
        Raises ``SealKeyUnreadable`` when the file is there but cannot be read."""
        try:
            raw = bytes.fromhex(_read_key_file(self.key_path).decode("ascii").strip())
        except FileNotFoundError:
            raw = b""
        except OSError as exc:  # a folder, no read permission, a read error: never replaced
            raise SealKeyUnreadable(self.key_path, exc) from exc
        except (ValueError, UnicodeDecodeError):  # truncated, garbage: worth nothing as a key
            raw = b""
        if len(raw) == _KEY_BYTES:
            return raw
        if not create:
            return None
        raw = secrets.token_bytes(_KEY_BYTES)
        write_atomically(self.key_path, raw.hex().encode("ascii"))
        return raw

    def seal(self, entries: list[dict[str, Any]]) -> None:
        """Add (or renew) the seal of every entry, in place."""
        key = self._key(create=True)
        assert key is not None
        for entry in entries:
            entry[SEAL_FIELD] = _mac(key, entry)

    def tampered(self, entries: list[dict[str, Any]]) -> set[str]:
        """The ids of entries whose back-off fields are not as this tablet sealed them: all of
        them when the key is missing or garbled. An entry without a seal counts too (seals came
        with the first keyring of this app, 2026-12-02; before any release)."""
        key = self._key(create=False)
        if key is None:
            return {e["id"] for e in entries}
        # As bytes: compare_digest refuses str with non-ASCII characters (a TypeError), and an
        # edited seal may hold any (found by tests/test_fuzz_readers.py).
        return {
            e["id"]
            for e in entries
            if not hmac.compare_digest(str(e.get(SEAL_FIELD, "")).encode("utf-8"), _mac(key, e).encode("ascii"))
        }


def _read_key_file(path: Path) -> bytes:
    """At most a few KiB of ``path`` (a huge file is garbled, not read whole). A folder is an
    ``IsADirectoryError``; a FIFO or a device (no writer: it would block the start) reads as
    nothing, so it counts as garbled and is replaced by a real key file when one is written."""
    return read_at_most(path, _MAX_KEY_FILE_BYTES) or b""


def _mac(key: bytes, entry: dict[str, Any]) -> str:
    fields = [entry["id"], entry["failures"], float(entry["blocked_until"]), entry["wrapped_key"]]
    message = json.dumps(fields, separators=(",", ":")).encode("utf-8")
    return hmac.new(key, b"magneetbord-backoff/v1\n" + message, hashlib.sha256).hexdigest()
