"""The outbox at rest: every file of a dossier bundle is sealed with AES-256-GCM.

The key is not the data key itself but one derived from it with HKDF-SHA256 (its own
``info`` label), so the database's SQLCipher key is never used for a second purpose and a
leaked bundle key opens no database. Each file is ``MAGIC || nonce (12) || ciphertext+tag``;
the associated data is ``<bundle folder>/<file name>``, so a sealed file moved to another
bundle or renamed fails its tag instead of passing for something else.

The files keep their names (``snapshot.png``, ``manifest.json``, ...): what a bundle holds is
no secret, its content is. ``open_file`` refuses plaintext: a file without the magic is
damaged or was put there by hand.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from board.i18n import _
from storage.errors import StorageError

MAGIC = b"MAGNEETBORD-OUTBOX-1\n"
NONCE_BYTES = 12
KEY_BYTES = 32
INFO = b"magneetbord outbox bundle AES-256-GCM v1"


class SealError(StorageError):
    """A sealed file that cannot be opened: damaged, moved, or sealed with another key."""


def bundle_key(data_key: bytes) -> bytes:
    """The outbox key, derived from the data key (HKDF-SHA256, no salt: the data key is random)."""
    from Cryptodome.Hash import SHA256
    from Cryptodome.Protocol.KDF import HKDF

    return HKDF(data_key, KEY_BYTES, b"", SHA256, context=INFO)


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


class BundleSeal:
    """Seals and opens the files of the bundles in one outbox (``exports.bundle.Sealer``)."""

    def __init__(self, data_key: bytes) -> None:
        # pycryptodomex's AES loads with the first bundle, not with the kiosk's board (P8)
        self._key = bundle_key(data_key)

    def _cipher(self, nonce: bytes, folder: str, name: str) -> Any:  # an AES-GCM object of Cryptodome
        from Cryptodome.Cipher import AES

        cipher = AES.new(self._key, AES.MODE_GCM, nonce=nonce)
        cipher.update(_aad(folder, name))
        return cipher

    def seal(self, folder: str, name: str, data: bytes) -> bytes:
        nonce = os.urandom(NONCE_BYTES)
        sealed, tag = self._cipher(nonce, folder, name).encrypt_and_digest(data)
        return MAGIC + nonce + sealed + tag

    def open(self, folder: str, name: str, data: bytes) -> bytes:
        if not is_sealed(data):
            raise SealError(_("{naam} in {map} is niet versleuteld of beschadigd.").format(naam=name, map=folder))
        body = data[len(MAGIC) :]
        try:
            if len(body) < NONCE_BYTES + 16:
                raise ValueError("too short")
            return self._cipher(body[:NONCE_BYTES], folder, name).decrypt_and_verify(body[NONCE_BYTES:-16], body[-16:])
        except ValueError:
            raise SealError(
                _("{naam} in {map} kan niet worden geopend (beschadigd, of van een andere tablet).").format(
                    naam=name, map=folder
                )
            ) from None

    def read(self, path: Path) -> bytes:
        """A sealed file of a bundle folder, opened."""
        return self.open(path.parent.name, path.name, path.read_bytes())


def _aad(folder: str, name: str) -> bytes:
    return f"{folder}/{name}".encode()
