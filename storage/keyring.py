"""The professionals' keyring: who may open the encrypted database, and with which PIN.

One random 256-bit data key encrypts the database (SQLCipher). It is never stored as it
is: each professional's entry holds it wrapped with AES-256-GCM under a key derived from
their PIN with Argon2id (random salt, parameters stored per entry so they can be raised
later). A wrong PIN fails the GCM tag. The PIN itself is never stored.

The keyring is a small JSON file beside the database (``<db file>.keys.json``), readable
before the database is opened, written atomically (temp file, fsync, rename). The wrong-PIN
count and the wait (``board.lock.LockState``) are kept per professional in the same file,
so restarting the app does not reset the back-off.

Where the keyring lives for databases without a file of their own:

- in-memory SQLite (tests, previews): a keyring in memory, shared per URL in this process;
- PostgreSQL (a central database): a file in the user data folder named after a hash of
  the URL without its password. The data key is not used there (the server encrypts at
  rest and in transit); the PIN still guards the app.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import hmac
import json
import secrets
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from board import safe_json
from board.i18n import _
from board.lock import MAX_FAILURES, LockState, delay_after, longest_wait_failures, pin_problem, wait_message
from board.redenen import reden
from storage.backoff_seal import BackoffSeal, SealKeyUnreadable, file_lock, tampered_message, unreadable_message
from storage.errors import StorageError
from storage.keyring_crypto import DEFAULT_KDF, KEY_BYTES, KdfParams, b64, key_check, unwrap, wrap
from storage.keyring_file import (
    MAX_NAAM,
    Entry,
    KeyringError,
    b64decode,
    check_shape,
    damaged,
    empty,
    entries,
    with_lock,
)
from storage.paths import data_dir
from storage.permissions import write_atomically
from storage.small_files import read_at_most
from storage.urls import is_sqlite, sqlite_path

MAX_KEYRING_BYTES = 1_000_000  # a keyring of a thousand professionals is ~1 MB
__all__ = [  # what callers import from here (the key's crypto and the file's shape live beside it)
    "DEFAULT_KDF",
    "KdfParams",
    "Keyring",
    "KeyringEntry",
    "KeyringError",
    "LockedOutError",
    "PinError",
    "PinRejected",
    "WrongPinError",
]
TAMPERED = "_tampered"  # in a loaded file only: ids whose back-off seal did not fit


class PinError(StorageError):
    """A PIN problem the professional can act on; the message says what to do."""


class PinRejected(PinError, ValueError):
    """A new PIN does not meet ``board.lock.pin_problem``."""


class WrongPinError(PinError):
    """The PIN did not unlock the key. ``wait_seconds``: how long before the next try (0: at once)."""

    def __init__(self, message: str, wait_seconds: float = 0.0) -> None:
        super().__init__(message)
        self.wait_seconds = wait_seconds


class LockedOutError(PinError):
    """Too many wrong PINs: no PIN is checked for ``wait_seconds`` more seconds. ``why``: set
    when the wait comes from a back-off that could not be checked (``tampered_message``)."""

    def __init__(self, wait_seconds: float, why: str = "") -> None:
        super().__init__(why or wait_message(wait_seconds))
        self.wait_seconds, self.why = wait_seconds, why


@dataclass(frozen=True)
class KeyringEntry:
    """A professional on this tablet, without secrets."""

    id: str
    naam: str


_MEMORY: dict[str, Keyring] = {}  # in-memory databases: one keyring per URL in this process


class Keyring:
    def __init__(self, path: Path | None, *, database: Path | None = None, kdf: KdfParams = DEFAULT_KDF) -> None:
        """``path``: the keyring file (None: kept in memory only). ``database``: the database
        file it belongs to, so a keyring that went missing is told apart from a first start.
        ``kdf``: the Argon2id cost for new and re-wrapped entries; lower it in tests only."""
        self.path = path
        self.database = database
        self.kdf = kdf
        self._memory: dict[str, Any] | None = None if path is not None else empty()
        self._seal = BackoffSeal() if path is not None else None

    @classmethod
    def for_database(cls, url: str, *, kdf: KdfParams = DEFAULT_KDF) -> Keyring:
        """The keyring of the database at ``url`` (see the module docstring for where it lives)."""
        if is_sqlite(url):
            path = sqlite_path(url)
            if path is None:
                keyring = _MEMORY.setdefault(url, cls(None, kdf=kdf))
                keyring.kdf = kdf
                return keyring
            return cls(Path(path + ".keys.json"), database=Path(path), kdf=kdf)
        from sqlalchemy.engine import make_url  # a central database: SQLAlchemy is needed anyway

        public = make_url(url).render_as_string(hide_password=True)
        folder = data_dir()
        name = f"central-{hashlib.sha256(public.encode()).hexdigest()[:16]}.keys.json"
        return cls(folder / name, kdf=kdf)

    # ----- reading ----------------------------------------------------------------------

    def is_empty(self) -> bool:
        """True on a first start: nobody can unlock yet."""
        return not self._load()["professionals"]

    def professionals(self) -> list[KeyringEntry]:
        return [KeyringEntry(e.id, e.naam) for e in entries(self._load(), self._where())]

    def backoff_notice(self) -> str:
        """Why the longest wait applies before any PIN is typed (a back-off key that is missing
        or garbled, an edited count), in Dutch; "" when the back-off is as this tablet sealed it."""
        return tampered_message() if self._load().get(TAMPERED) else ""

    # ----- changing ---------------------------------------------------------------------

    def add_professional(
        self, naam: str, pin: str, data_key: bytes | None = None, *, repeat: str | None = None
    ) -> tuple[str, bytes]:
        """Add a professional; returns their id and the data key.

        The first professional makes the random data key. Every later one needs the data key
        of an unlocked colleague, so a stranger cannot add themselves."""
        naam = " ".join(naam.split())
        if not naam:
            raise KeyringError(_("Vul een naam in."))
        if len(naam) > MAX_NAAM:
            raise KeyringError(_("Een naam heeft hoogstens {n} tekens.").format(n=MAX_NAAM))
        problem = pin_problem(pin, repeat)
        if problem:
            raise PinRejected(problem)
        with self._locked():
            return self._add(naam, pin, data_key)

    def _add(self, naam: str, pin: str, data_key: bytes | None) -> tuple[str, bytes]:
        data = self._load()
        present = entries(data, self._where())
        if any(e.naam.casefold() == naam.casefold() for e in present):
            raise KeyringError(_("Er staat al een professional met de naam {naam} op deze tablet.").format(naam=naam))
        if present:
            if data_key is None:
                raise KeyringError(_("Een collega toevoegen kan alleen als een professional is ingelogd."))
            self._check_key(data, data_key)
        else:
            if data_key is None:
                data_key = secrets.token_bytes(KEY_BYTES)
            if len(data_key) != KEY_BYTES:
                raise KeyringError(_("De sleutel heeft niet de juiste lengte."))
            data["key_check"] = b64(key_check(data_key))
        import uuid  # only for a new professional: the lock screen does without it (P3)

        professional_id = str(uuid.uuid4())
        data["professionals"].append(wrap(professional_id, naam, pin, data_key, self.kdf, LockState()))
        self._save(data)
        return professional_id, data_key

    def unlock(self, professional_id: str, pin: str, now: float | None = None) -> bytes:
        """The data key, when ``pin`` is this professional's PIN.

        Raises ``LockedOutError`` while a wait is running (the PIN is not even tried),
        ``WrongPinError`` for a wrong PIN (the count is kept in the file). The whole try runs
        under the file lock, so tries in parallel (other processes too) are checked one after
        the other and all count.

        One write per try: the PIN is checked, then its outcome (a wrong one counted; a right
        one the count back to 0, or its entry re-wrapped at today's cost) is written, and only
        then is the answer given. A try whose outcome cannot be written (a full disk) gets no
        answer at all, right or wrong, so filling the disk does not lift the back-off; a kill
        before the write gives no answer either."""
        now = time.time() if now is None else now
        with self._locked():
            data = self._load(now)
            entry = self._entry(data, professional_id)
            wait = _wait(entry.lock, now)
            if wait > 0:
                if professional_id in data.get(TAMPERED, ()):
                    self._save(data)  # an edited back-off becomes the longest wait, sealed
                    raise LockedOutError(wait, tampered_message())
                raise LockedOutError(wait)
            key = unwrap(entry.salt, entry.nonce, entry.wrapped, entry.kdf, entry.id, pin)  # the answer, kept back
            if key is None:
                lock = entry.lock.after_failure(now)
                self._save_count(with_lock(data, entry, lock=lock))
                wait = _wait(lock, now)
                message = _("Deze pincode klopt niet.")
                if wait > 0:
                    message += " " + wait_message(wait)
                raise WrongPinError(message, wait)
            expected = b64decode(data.get("key_check", ""), "key_check", self._where())
            if not hmac.compare_digest(key_check(key), expected):
                raise KeyringError(damaged(self._where(), _("de sleutel past niet bij de controlewaarde")))
            # A right PIN resets the count; weaker parameters than today's are raised now (one
            # more Argon2id: only then). Written even when nothing changed: a right PIN on a disk
            # that takes no write must look like a wrong one there (no answer).
            if entry.kdf.at_least(self.kdf):
                with_lock(data, entry, lock=LockState())
            else:
                fresh = wrap(entry.id, entry.naam, pin, key, self.kdf, LockState())
                data["professionals"] = [fresh if e["id"] == entry.id else e for e in data["professionals"]]
            self._save_count(data)
        return key

    def change_pin(self, professional_id: str, old_pin: str, new_pin: str, now: float | None = None) -> None:
        """A new PIN for a professional who knows the old one (wrong ones count as at the lock screen)."""
        problem = pin_problem(new_pin)
        if problem:
            raise PinRejected(problem)
        key = self.unlock(professional_id, old_pin, now)
        with self._locked():
            data = self._load()
            entry = self._entry(data, professional_id)
            fresh = wrap(entry.id, entry.naam, new_pin, key, self.kdf, LockState())
            data["professionals"] = [fresh if e["id"] == entry.id else e for e in data["professionals"]]
            self._save(data)

    def remove_professional(self, professional_id: str, data_key: bytes) -> None:
        """Take a professional off this tablet; ``data_key`` proves an unlocked colleague asks.

        The last professional cannot be removed: nobody could open the data any more."""
        with self._locked():
            self._remove(professional_id, data_key)

    def _remove(self, professional_id: str, data_key: bytes) -> None:
        data = self._load()
        self._check_key(data, data_key)
        self._entry(data, professional_id)
        if len(data["professionals"]) == 1:
            raise KeyringError(
                _("De laatste professional kan niet worden verwijderd: dan kan niemand de gegevens nog openen.")
            )
        data["professionals"] = [e for e in data["professionals"] if e["id"] != professional_id]
        self._save(data)

    # ----- the file ---------------------------------------------------------------------

    def _where(self) -> str:
        if self.path is None:
            return _("Het sleutelbestand (in het geheugen)")
        return _("Het sleutelbestand {path}").format(path=self.path)

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Read-change-write of the file under an exclusive lock (other processes too); a lock
        file that cannot be made (a full disk) is a ``KeyringError`` in Dutch."""
        if self.path is None:
            yield
            return
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(file_lock(self.path.with_name(self.path.name + ".lock")))
            except OSError as exc:
                raise self._not_written(exc) from exc
            yield

    def _load(self, now: float | None = None) -> dict[str, Any]:
        """The file's content. An entry whose back-off seal does not fit gets the longest
        wait from ``now`` (its id listed under ``TAMPERED``), never a fresh count."""
        if self._memory is not None:
            return json.loads(json.dumps(self._memory))  # a copy: a failed change leaves it as it was
        assert self.path is not None
        try:
            raw = read_at_most(self.path, MAX_KEYRING_BYTES + 1)  # one byte more: too large is seen
        except FileNotFoundError:
            if self.database is not None and self.database.exists() and self.database.stat().st_size > 0:
                raise KeyringError(
                    _(
                        "De database {database} bestaat, maar het sleutelbestand {path} ontbreekt. "
                        "Zonder dat bestand kan niemand de gegevens openen. Zet het terug uit de back-up; "
                        "er is niets veranderd."
                    ).format(database=self.database, path=self.path)
                ) from None
            return empty()
        except OSError as exc:
            raise KeyringError(
                _("{where} kan niet worden gelezen ({reden}). Er is niets veranderd.").format(
                    where=self._where(), reden=reden(exc, "een bestand lezen of schrijven")
                )
            ) from exc
        if raw is None:  # a FIFO or a device: never read (it could block the start for ever)
            raise KeyringError(damaged(self._where(), _("het is geen gewoon bestand")))
        if len(raw) > MAX_KEYRING_BYTES:  # an 8 TiB file left by a damaged file system: only the bound was read
            raise KeyringError(damaged(self._where(), _("het is veel groter dan een sleutelbestand kan zijn")))
        try:
            data = safe_json.loads(raw, max_bytes=MAX_KEYRING_BYTES)
        except safe_json.SafeJsonError as exc:
            raise KeyringError(damaged(self._where(), str(exc))) from exc  # safe_json's Dutch reason
        check_shape(data, self._where())
        assert self._seal is not None
        try:
            tampered = self._seal.tampered(data["professionals"])
        except SealKeyUnreadable as problem:  # no PIN is tried, nothing is replaced
            raise KeyringError(unreadable_message(problem)) from problem
        if tampered:
            now = time.time() if now is None else now
            for raw in data["professionals"]:
                if raw["id"] in tampered:
                    raw["failures"], raw["blocked_until"] = longest_wait_failures(), now + delay_after(MAX_FAILURES)
            data[TAMPERED] = sorted(tampered)
        return data

    def _save(self, data: dict[str, Any]) -> None:
        if self._memory is not None:
            self._memory = data
            return
        assert self.path is not None and self._seal is not None
        data.pop(TAMPERED, None)
        try:
            self._seal.seal(data["professionals"])  # may write the back-off key the first time
            write_atomically(self.path, (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
        except SealKeyUnreadable as problem:  # made unreadable since it was read: no PIN is tried
            raise KeyringError(unreadable_message(problem)) from problem
        except OSError as exc:  # a full disk, a read-only folder: Dutch, and the file as it was
            raise self._not_written(exc) from exc

    def _not_written(self, exc: OSError) -> KeyringError:
        return KeyringError(
            _("{where} kan niet worden bijgewerkt ({reden}). Er is niets veranderd.").format(
                where=self._where(), reden=reden(exc, "een bestand lezen of schrijven")
            )
        )

    def _save_count(self, data: dict[str, Any]) -> None:
        """Save the outcome of a PIN try; a file that cannot be written means no answer to the try."""
        try:
            self._save(data)
        except KeyringError as refused:
            exc = refused.__cause__
            if not isinstance(exc, OSError):
                raise
            full = exc.errno in (errno.ENOSPC, errno.EDQUOT)
            raise KeyringError(
                _(
                    "De opslag van dit apparaat is vol, dus de pincode is niet geprobeerd (elke poging "
                    "wordt eerst genoteerd). Er is niets veranderd. Maak ruimte vrij en probeer het opnieuw."
                )
                if full
                else _(
                    "Het sleutelbestand kan niet worden bijgewerkt, dus de pincode is niet geprobeerd. "
                    "Er is niets veranderd. Probeer het opnieuw; blijft het zo, vraag dan om hulp."
                )
            ) from exc

    def _entry(self, data: dict[str, Any], professional_id: str) -> Entry:
        for entry in entries(data, self._where()):
            if entry.id == professional_id:
                return entry
        raise KeyringError(_("Deze professional staat niet (meer) op deze tablet."))

    def _check_key(self, data: dict[str, Any], data_key: bytes) -> None:
        expected = b64decode(data.get("key_check", ""), "key_check", self._where())
        if not hmac.compare_digest(key_check(data_key), expected):
            raise KeyringError(_("Dat is niet de sleutel van deze tablet. Er is niets veranderd."))


def _wait(lock: LockState, now: float) -> float:
    # A clock set back must not turn a 30 s wait into days: never more than the policy's own delay.
    return min(lock.wait_seconds(now), delay_after(lock.failures))
