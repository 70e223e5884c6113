"""The keyring's cryptography: the key derived from a PIN (Argon2id by argon2-cffi, its cost in
``KdfParams``) and the data key wrapped under it (AES-256-GCM by pycryptodomex, bound to the
professional's id), plus the
check value that tells a right data key from a wrong one without revealing it.
``storage.keyring`` uses it; nothing here reads or writes a file."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from typing import Any

from board.lock import LockState

FORMAT = "magneetbord-keyring"
VERSION = 1
KEY_BYTES = 32  # AES-256 data key, handed raw to SQLCipher
SALT_BYTES = 16
NONCE_BYTES = 12


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
KDF_BOUNDS = {"memory_kib": (8, 4 * 1024 * 1024), "time_cost": (1, 64), "parallelism": (1, 16)}


# argon2 and pycryptodomex (Cryptodome) load on first use: the lock screen shows before (widgets/app.py
# loads them while the PIN is typed).


def kek(pin: str, salt: bytes, kdf: KdfParams) -> bytes:
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


def aad(professional_id: str) -> bytes:
    return f"{FORMAT}/v{VERSION}/{professional_id}".encode()


def wrap(professional_id: str, naam: str, pin: str, key: bytes, kdf: KdfParams, lock: LockState) -> dict[str, Any]:
    from Cryptodome.Cipher import AES

    salt = secrets.token_bytes(SALT_BYTES)
    nonce = secrets.token_bytes(NONCE_BYTES)
    cipher = AES.new(kek(pin, salt, kdf), AES.MODE_GCM, nonce=nonce)
    cipher.update(aad(professional_id))
    sealed, tag = cipher.encrypt_and_digest(key)
    wrapped = sealed + tag
    return {
        "id": professional_id,
        "naam": naam,
        "kdf": {
            "name": "argon2id",
            "memory_kib": kdf.memory_kib,
            "time_cost": kdf.time_cost,
            "parallelism": kdf.parallelism,
            "salt": b64(salt),
        },
        "nonce": b64(nonce),
        "wrapped_key": b64(wrapped),
        "failures": lock.failures,
        "blocked_until": lock.blocked_until,
    }


def unwrap(salt: bytes, nonce: bytes, wrapped: bytes, kdf: KdfParams, professional_id: str, pin: str) -> bytes | None:
    from Cryptodome.Cipher import AES

    cipher = AES.new(kek(pin, salt, kdf), AES.MODE_GCM, nonce=nonce)
    cipher.update(aad(professional_id))
    try:
        return cipher.decrypt_and_verify(wrapped[:-16], wrapped[-16:])
    except ValueError:
        return None


def key_check(key: bytes) -> bytes:
    """Tells a right data key from a wrong one without revealing it."""
    return hmac.new(key, b"magneetbord key check v1", hashlib.sha256).digest()[:16]


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")
