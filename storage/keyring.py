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

import base64
import binascii
import contextlib
import errno
import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from board import safe_json
from board.i18n import _
from board.lock import MAX_FAILURES, LockState, delay_after, longest_wait_failures, pin_problem, wait_message
from board.redenen import reden
from storage.backoff_seal import BackoffSeal, file_lock
from storage.errors import StorageError
from storage.paths import data_dir
from storage.permissions import write_atomically
from storage.urls import is_sqlite, sqlite_path

FORMAT = "magneetbord-keyring"
VERSION = 1
KEY_BYTES = 32  # AES-256 data key, handed raw to SQLCipher
SALT_BYTES = 16
NONCE_BYTES = 12
MAX_NAAM = 80
MAX_KEYRING_BYTES = 1_000_000  # a keyring of a thousand professionals is ~1 MB
MAX_BLOCKED_UNTIL = 1e11  # a clock time in seconds (the year 5138): anything beyond is an edit
log = logging.getLogger(__name__)  # error codes only
TAMPERED = "_tampered"  # in a loaded file only: ids whose back-off seal did not fit


@dataclass(frozen=True)
class KdfParams:
    """Argon2id cost. The default is OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane)."""

    memory_kib: int = 19456
    time_cost: int = 2
    parallelism: int = 1

    def at_least(self, other: KdfParams) -> bool:
        return self.memory_kib >= other.memory_kib and self.time_cost >= other.time_cost


DEFAULT_KDF = KdfParams()
# Bounds for parameters read from a file: an edited file must not make unlocking take
# hours or all memory (4 GiB, 64 passes are far beyond anything a tablet would use).
_KDF_BOUNDS = {"memory_kib": (8, 4 * 1024 * 1024), "time_cost": (1, 64), "parallelism": (1, 16)}


class KeyringError(StorageError):
    """The keyring file is missing, damaged or edited, or a request does not fit it. Nothing was changed."""


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
    """Too many wrong PINs: no PIN is checked for ``wait_seconds`` more seconds."""

    def __init__(self, wait_seconds: float) -> None:
        super().__init__(wait_message(wait_seconds))
        self.wait_seconds = wait_seconds


@dataclass(frozen=True)
class KeyringEntry:
    """A professional on this tablet, without secrets."""

    id: str
    naam: str


@dataclass(frozen=True)
class _Entry:
    id: str
    naam: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    lock: LockState


_MEMORY: dict[str, Keyring] = {}  # in-memory databases: one keyring per URL in this process


class Keyring:
    def __init__(self, path: Path | None, *, database: Path | None = None, kdf: KdfParams = DEFAULT_KDF) -> None:
        """``path``: the keyring file (None: kept in memory only). ``database``: the database
        file it belongs to, so a keyring that went missing is told apart from a first start.
        ``kdf``: the Argon2id cost for new and re-wrapped entries; lower it in tests only."""
        self.path = path
        self.database = database
        self.kdf = kdf
        self._memory: dict[str, Any] | None = None if path is not None else _empty()
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
        return [KeyringEntry(e.id, e.naam) for e in _entries(self._load(), self._where())]

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
        entries = _entries(data, self._where())
        if any(e.naam.casefold() == naam.casefold() for e in entries):
            raise KeyringError(_("Er staat al een professional met de naam {naam} op deze tablet.").format(naam=naam))
        if entries:
            if data_key is None:
                raise KeyringError(_("Een collega toevoegen kan alleen als een professional is ingelogd."))
            self._check_key(data, data_key)
        else:
            if data_key is None:
                data_key = secrets.token_bytes(KEY_BYTES)
            if len(data_key) != KEY_BYTES:
                raise KeyringError(_("De sleutel heeft niet de juiste lengte."))
            data["key_check"] = _b64(_key_check(data_key))
        professional_id = str(uuid.uuid4())
        data["professionals"].append(_wrap(professional_id, naam, pin, data_key, self.kdf, LockState()))
        self._save(data)
        return professional_id, data_key

    def unlock(self, professional_id: str, pin: str, now: float | None = None) -> bytes:
        """The data key, when ``pin`` is this professional's PIN.

        Raises ``LockedOutError`` while a wait is running (the PIN is not even tried),
        ``WrongPinError`` for a wrong PIN (the count is kept in the file). The whole try runs
        under the file lock, so tries in parallel (other processes too) are checked one after
        the other and all count; a right PIN on a clean entry writes nothing."""
        now = time.time() if now is None else now
        with self._locked():
            data = self._load(now)
            entry = self._entry(data, professional_id)
            if data.get(TAMPERED):
                self._save(data)  # an edited back-off becomes the longest wait, sealed
            wait = _wait(entry.lock, now)
            if wait > 0:
                raise LockedOutError(wait)
            # Counted before the PIN is tried: a try whose count cannot be written (a full disk)
            # is not made at all, so filling the disk does not lift the back-off.
            lock = entry.lock.after_failure(now)
            self._save_count(_replace(data, entry, lock=lock))
            key = _unwrap(entry, pin)
            if key is None:
                wait = _wait(lock, now)
                message = _("Deze pincode klopt niet.")
                if wait > 0:
                    message += " " + wait_message(wait)
                raise WrongPinError(message, wait)
            expected = _b64decode(data.get("key_check", ""), "key_check", self._where())
            if not hmac.compare_digest(_key_check(key), expected):
                raise KeyringError(_damaged(self._where(), _("de sleutel past niet bij de controlewaarde")))
            # A right PIN resets the count (counted in advance above); weaker parameters than
            # today's are raised now (one more Argon2id: only then).
            if entry.kdf.at_least(self.kdf):
                _replace(data, entry, lock=LockState())
            else:
                fresh = _wrap(entry.id, entry.naam, pin, key, self.kdf, LockState())
                data["professionals"] = [fresh if e["id"] == entry.id else e for e in data["professionals"]]
            try:
                self._save(data)
            except KeyringError:  # the PIN was right: in, and the count stays one up until the next right PIN
                log.warning("keyring reset not written")
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
            fresh = _wrap(entry.id, entry.naam, new_pin, key, self.kdf, LockState())
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
            raw = self.path.read_bytes()
        except FileNotFoundError:
            if self.database is not None and self.database.exists() and self.database.stat().st_size > 0:
                raise KeyringError(
                    _(
                        "De database {database} bestaat, maar het sleutelbestand {path} ontbreekt. "
                        "Zonder dat bestand kan niemand de gegevens openen. Zet het terug uit de back-up; "
                        "er is niets veranderd."
                    ).format(database=self.database, path=self.path)
                ) from None
            return _empty()
        except OSError as exc:
            raise KeyringError(
                _("{where} kan niet worden gelezen ({reden}). Er is niets veranderd.").format(
                    where=self._where(), reden=reden(exc, "een bestand lezen of schrijven")
                )
            ) from exc
        try:
            data = safe_json.loads(raw, max_bytes=MAX_KEYRING_BYTES)
        except safe_json.SafeJsonError as exc:
            raise KeyringError(_damaged(self._where(), str(exc))) from exc  # safe_json's Dutch reason
        _check_shape(data, self._where())
        assert self._seal is not None
        tampered = self._seal.tampered(data["professionals"])
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
        except OSError as exc:  # a full disk, a read-only folder: Dutch, and the file as it was
            raise self._not_written(exc) from exc

    def _not_written(self, exc: OSError) -> KeyringError:
        return KeyringError(
            _("{where} kan niet worden bijgewerkt ({reden}). Er is niets veranderd.").format(
                where=self._where(), reden=reden(exc, "een bestand lezen of schrijven")
            )
        )

    def _save_count(self, data: dict[str, Any]) -> None:
        """Save a wrong-PIN count; a file that cannot be written means no PIN is tried."""
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

    def _entry(self, data: dict[str, Any], professional_id: str) -> _Entry:
        for entry in _entries(data, self._where()):
            if entry.id == professional_id:
                return entry
        raise KeyringError(_("Deze professional staat niet (meer) op deze tablet."))

    def _check_key(self, data: dict[str, Any], data_key: bytes) -> None:
        expected = _b64decode(data.get("key_check", ""), "key_check", self._where())
        if not hmac.compare_digest(_key_check(data_key), expected):
            raise KeyringError(_("Dat is niet de sleutel van deze tablet. Er is niets veranderd."))


# ----- crypto -------------------------------------------------------------------------------


# argon2 and cryptography load on first use: the lock screen shows before (widgets/app.py
# loads them while the PIN is typed).


def _kek(pin: str, salt: bytes, kdf: KdfParams) -> bytes:
    from argon2.low_level import Type, hash_secret_raw

    return hash_secret_raw(
        pin.encode("utf-8"),
        salt,
        time_cost=kdf.time_cost,
        memory_cost=kdf.memory_kib,
        parallelism=kdf.parallelism,
        hash_len=KEY_BYTES,
        type=Type.ID,
    )


def _aad(professional_id: str) -> bytes:
    return f"{FORMAT}/v{VERSION}/{professional_id}".encode()


def _wrap(professional_id: str, naam: str, pin: str, key: bytes, kdf: KdfParams, lock: LockState) -> dict[str, Any]:
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    wrapped = AESGCM(_kek(pin, salt, kdf)).encrypt(nonce, key, _aad(professional_id))
    return {
        "id": professional_id,
        "naam": naam,
        "kdf": {
            "name": "argon2id",
            "memory_kib": kdf.memory_kib,
            "time_cost": kdf.time_cost,
            "parallelism": kdf.parallelism,
            "salt": _b64(salt),
        },
        "nonce": _b64(nonce),
        "wrapped_key": _b64(wrapped),
        "failures": lock.failures,
        "blocked_until": lock.blocked_until,
    }


def _unwrap(entry: _Entry, pin: str) -> bytes | None:
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        return AESGCM(_kek(pin, entry.salt, entry.kdf)).decrypt(entry.nonce, entry.wrapped, _aad(entry.id))
    except InvalidTag:
        return None


def _key_check(key: bytes) -> bytes:
    """Tells a right data key from a wrong one without revealing it."""
    return hmac.new(key, b"magneetbord key check v1", hashlib.sha256).digest()[:16]


# ----- the file's shape ---------------------------------------------------------------------


def _empty() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "professionals": []}


def _damaged(where: str, detail: str) -> str:
    return (
        _(
            "{where} is beschadigd of met de hand veranderd ({detail}). Er is niets veranderd. "
            "Zet het bestand terug uit de back-up of vraag om hulp."
        ).format(where=where, detail=detail)
    )


def _b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def _b64decode(text: Any, field: str, where: str) -> bytes:
    try:
        if not isinstance(text, str):
            raise ValueError
        return base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        raise KeyringError(_damaged(where, _("{field} is onleesbaar").format(field=field))) from None


def _check_shape(data: Any, where: str) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise KeyringError(_damaged(where, _("het is geen Magneetbord-sleutelbestand")))
    if data.get("version") != VERSION:
        raise KeyringError(
            _(
                "{where} heeft versie {found!r}; deze app kent versie {version}. "
                "Werk de app bij; er is niets veranderd."
            ).format(where=where, found=data.get("version"), version=VERSION)
        )
    if not isinstance(data.get("professionals"), list):
        raise KeyringError(_damaged(where, _("de lijst van professionals ontbreekt")))
    entries = _entries(data, where)
    if len({e.id for e in entries}) != len(entries):
        raise KeyringError(_damaged(where, _("een professional staat er twee keer in")))
    if entries and len(_b64decode(data.get("key_check"), "key_check", where)) != 16:
        raise KeyringError(_damaged(where, _("de controlewaarde van de sleutel klopt niet")))


def _entries(data: dict[str, Any], where: str) -> list[_Entry]:
    return [_parse_entry(raw, where) for raw in data["professionals"]]


class _FieldProblem(ValueError):
    """A field of an entry that does not fit; the message is Dutch."""


def _parse_entry(raw: Any, where: str) -> _Entry:
    try:
        kdf_raw = raw["kdf"]
        if kdf_raw["name"] != "argon2id":
            raise _FieldProblem(_("onbekende sleutelafleiding"))
        values = {name: kdf_raw[name] for name in _KDF_BOUNDS}
        for name, (low, high) in _KDF_BOUNDS.items():
            value = values[name]
            if type(value) is not int or not low <= value <= high:
                raise _FieldProblem(_("{name} buiten bereik").format(name=name))
        failures, blocked = raw["failures"], raw["blocked_until"]
        if type(failures) is not int or not 0 <= failures <= MAX_FAILURES:
            raise _FieldProblem(_("teller onleesbaar"))
        if type(blocked) not in (int, float) or not 0 <= blocked <= MAX_BLOCKED_UNTIL:  # also NaN, inf
            raise _FieldProblem(_("teller onleesbaar"))
        ident, naam = raw["id"], raw["naam"]
        if not isinstance(ident, str) or not isinstance(naam, str) or not naam or max(len(ident), len(naam)) > MAX_NAAM:
            raise _FieldProblem(_("id of naam onleesbaar"))
        entry = _Entry(
            id=raw["id"],
            naam=raw["naam"],
            kdf=KdfParams(**values),
            salt=_b64decode(kdf_raw["salt"], "salt", where),
            nonce=_b64decode(raw["nonce"], "nonce", where),
            wrapped=_b64decode(raw["wrapped_key"], "wrapped_key", where),
            lock=LockState(failures, float(blocked)),
        )
    except _FieldProblem as exc:  # our own Dutch words
        raise KeyringError(_damaged(where, _("een professional is onleesbaar: {exc}").format(exc=exc))) from None
    except (KeyError, TypeError, ValueError, AttributeError):  # a missing field or a wrong type: no library text
        raise KeyringError(_damaged(where, _("een professional is onleesbaar"))) from None
    if len(entry.salt) < 8 or len(entry.nonce) != NONCE_BYTES or len(entry.wrapped) != KEY_BYTES + 16:
        raise KeyringError(_damaged(where, _("een ingepakte sleutel heeft niet de juiste lengte")))
    return entry


def _replace(data: dict[str, Any], entry: _Entry, *, lock: LockState) -> dict[str, Any]:
    for raw in data["professionals"]:
        if raw["id"] == entry.id:
            raw["failures"], raw["blocked_until"] = lock.failures, lock.blocked_until
    return data


def _wait(lock: LockState, now: float) -> float:
    # A clock set back must not turn a 30 s wait into days: never more than the policy's own delay.
    return min(lock.wait_seconds(now), delay_after(lock.failures))
