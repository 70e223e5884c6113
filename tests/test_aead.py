"""The keyring's AES-GCM (storage/aead.py) through the OpenSSL that hashlib loaded: the same
bytes as cryptography's AESGCM both ways, and every change to what was sealed refused."""

from __future__ import annotations

import os

import pytest
from cryptography.exceptions import InvalidTag as CryptographyInvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from storage import aead


def test_the_process_has_an_openssl_to_use() -> None:
    assert aead._openssl() is not None  # on this machine (and CI) the ctypes path is the one tested


@pytest.mark.parametrize("key_bytes", [16, 24, 32])
@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 32, 1000])
def test_the_same_bytes_as_cryptography_both_ways(key_bytes: int, size: int) -> None:
    key, nonce, data, aad = os.urandom(key_bytes), os.urandom(12), os.urandom(size), os.urandom(size % 9)
    sealed = aead.encrypt(key, nonce, data, aad)
    assert sealed == AESGCM(key).encrypt(nonce, data, aad)
    assert len(sealed) == size + aead.TAG_BYTES
    assert aead.decrypt(key, nonce, sealed, aad) == data
    assert AESGCM(key).decrypt(nonce, sealed, aad) == data


def _changed(value: bytes, at: int) -> bytes:
    return value[:at] + bytes([value[at] ^ 0x01]) + value[at + 1 :]


def test_every_change_is_refused() -> None:
    key, nonce, data, aad = os.urandom(32), os.urandom(12), b"the data key, 32 bytes long!!!!!", b"keyring/v1/id"
    sealed = aead.encrypt(key, nonce, data, aad)
    refused = [
        (key, nonce, _changed(sealed, 0), aad),  # the ciphertext
        (key, nonce, _changed(sealed, len(sealed) - 1), aad),  # the tag
        (key, nonce, sealed[:-1], aad),  # cut short
        (key, nonce, sealed[: aead.TAG_BYTES - 1], aad),  # shorter than a tag
        (key, nonce, sealed, aad + b"x"),  # the associated data
        (key, nonce, sealed, b""),
        (key, _changed(nonce, 5), sealed, aad),  # the nonce
        (_changed(key, 31), nonce, sealed, aad),  # the key (a wrong PIN)
    ]
    for args in refused:
        with pytest.raises(aead.InvalidTag):
            aead.decrypt(*args)
        with pytest.raises((CryptographyInvalidTag, ValueError)):
            AESGCM(args[0]).decrypt(args[1], args[2], args[3])  # cryptography refuses the same


def test_without_an_openssl_cryptography_does_it(monkeypatch: pytest.MonkeyPatch) -> None:
    key, nonce, data, aad = os.urandom(32), os.urandom(12), os.urandom(32), b"aad"
    by_openssl = aead.encrypt(key, nonce, data, aad)
    monkeypatch.setattr(aead, "_openssl", lambda: None)
    assert aead.encrypt(key, nonce, data, aad) == by_openssl
    assert aead.decrypt(key, nonce, by_openssl, aad) == data
    with pytest.raises(aead.InvalidTag):
        aead.decrypt(key, nonce, _changed(by_openssl, 3), aad)


def test_a_key_of_another_length_is_refused() -> None:
    with pytest.raises(ValueError, match="128, 192 or 256"):
        aead.encrypt(os.urandom(20), os.urandom(12), b"x", b"")
