"""Files written before the move from ``cryptography`` to ``pycryptodomex`` still open.

Tablets in use hold keys files and sealed outbox bundles made with ``cryptography``'s AESGCM
and HKDF. These bytes were made by that library (cryptography 50.0.2, 2026-12-03) with fixed
salts and nonces; the code of today must open them, and refuse them when anything is off.
"""

from __future__ import annotations

import pytest

from storage.keyring_crypto import KdfParams, unwrap
from storage.outbox_crypto import BundleSeal, SealError, bundle_key

KDF = KdfParams(memory_kib=8, time_cost=1, parallelism=1)
SALT, NONCE = bytes(range(16)), bytes(range(100, 112))
DATA_KEY = bytes(range(32, 64))
WRAPPED = bytes.fromhex(
    "4ef183dce147b8998ed491d30c5ce21202731f06f89e0a8ca3f4fd5e64eb2d9bd03ee2ea350064c9efac15e947ef66e7"
)
OUTBOX_DATA_KEY = bytes(range(7, 39))
BUNDLE_KEY = bytes.fromhex("cded93da3df3bb7383b75b93079d1627f10b2bba3a78c52e8f4356f224599146")
SEALED = bytes.fromhex(
    "4d41474e454554424f52442d4f5554424f582d310ac8c9cacbcccdcecfd0d1d2d3ad289f46588105f79c9dd4756cadf921e72aae5b90be"
    "eacce4642a04"
)
FOLDER, NAME = "2025-03-01-abc", "koelkastblad.pdf"


def test_a_data_key_wrapped_by_cryptography_unwraps_with_the_right_pin_only() -> None:
    assert unwrap(SALT, NONCE, WRAPPED, KDF, "prof-1", "482915") == DATA_KEY
    assert unwrap(SALT, NONCE, WRAPPED, KDF, "prof-1", "482916") is None
    assert unwrap(SALT, NONCE, WRAPPED, KDF, "prof-2", "482915") is None  # bound to the professional
    damaged = WRAPPED[:-1] + bytes([WRAPPED[-1] ^ 1])
    assert unwrap(SALT, NONCE, damaged, KDF, "prof-1", "482915") is None
    assert unwrap(SALT, NONCE, WRAPPED[:10], KDF, "prof-1", "482915") is None


def test_the_outbox_key_is_the_same_hkdf() -> None:
    assert bundle_key(OUTBOX_DATA_KEY) == BUNDLE_KEY


def test_a_bundle_file_sealed_by_cryptography_opens_and_a_moved_one_does_not() -> None:
    seal = BundleSeal(OUTBOX_DATA_KEY)
    assert seal.open(FOLDER, NAME, SEALED) == b"koelkastblad"
    with pytest.raises(SealError):
        seal.open(FOLDER, "snapshot.png", SEALED)  # the name is bound to the file
    with pytest.raises(SealError):
        seal.open(FOLDER, NAME, SEALED[:-1] + bytes([SEALED[-1] ^ 1]))
    assert seal.open(FOLDER, NAME, seal.seal(FOLDER, NAME, b"opnieuw")) == b"opnieuw"
