"""AES-GCM for the keyring (the data key wrapped with the key from the PIN), through the
OpenSSL that Python's ``hashlib`` has loaded already.

The kiosk unwraps the data key once per unlock. ``cryptography``'s AESGCM does the same
through OpenSSL too, but loading it maps its Rust module (about 7 MiB resident) for the
rest of the day, for this one call (P8). Here the same EVP calls go to the ``libcrypto``
the process holds already (found in ``/proc/self/maps`` once ``_hashlib`` is imported);
where there is none (another platform, a Python without OpenSSL), ``cryptography`` does
it. Both give the same bytes: ``ciphertext || 16-byte tag``, as ``AESGCM.encrypt``
(``tests/test_aead.py`` checks one against the other, and every tampering is refused).
"""

from __future__ import annotations

import ctypes
from functools import cache
from pathlib import Path

TAG_BYTES = 16
_SET_IVLEN = 0x9  # EVP_CTRL_GCM_SET_IVLEN
_GET_TAG = 0x10  # EVP_CTRL_GCM_GET_TAG
_SET_TAG = 0x11  # EVP_CTRL_GCM_SET_TAG
_CIPHERS = {16: "EVP_aes_128_gcm", 24: "EVP_aes_192_gcm", 32: "EVP_aes_256_gcm"}


class InvalidTag(Exception):  # the name cryptography gives the same failure
    """The key, nonce, associated data or ciphertext is not what was sealed."""


def _loaded_libcrypto() -> str | None:
    """The path of the libcrypto that ``hashlib`` uses, if this process has one mapped."""
    import _hashlib  # noqa: F401  - loads the system's OpenSSL (it is loaded already in the app)

    try:
        maps = Path("/proc/self/maps").read_text()
    except OSError:
        return None
    for line in maps.splitlines():
        path = line.split(maxsplit=5)[-1] if line.count(" ") >= 5 else ""
        if Path(path).name.startswith("libcrypto") and ".so" in path:
            return path
    return None


@cache
def _openssl() -> ctypes.CDLL | None:
    path = _loaded_libcrypto()
    if path is None:
        return None
    try:
        lib = ctypes.CDLL(path)
        lib.EVP_CIPHER_CTX_new.restype = ctypes.c_void_p
        lib.EVP_CIPHER_CTX_free.argtypes = [ctypes.c_void_p]
        for name in _CIPHERS.values():
            getattr(lib, name).restype = ctypes.c_void_p
        for name in ("EVP_EncryptInit_ex", "EVP_DecryptInit_ex"):
            getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_char_p,
                                           ctypes.c_char_p]
        for name in ("EVP_EncryptUpdate", "EVP_DecryptUpdate"):
            getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int),
                                           ctypes.c_char_p, ctypes.c_int]
        for name in ("EVP_EncryptFinal_ex", "EVP_DecryptFinal_ex"):
            getattr(lib, name).argtypes = [ctypes.c_void_p, ctypes.c_void_p, ctypes.POINTER(ctypes.c_int)]
        lib.EVP_CIPHER_CTX_ctrl.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_void_p]
    except (OSError, AttributeError):  # not an OpenSSL with the EVP interface
        return None
    return lib


def preload() -> None:
    """Find the OpenSSL now (the app does this while the PIN is typed)."""
    _openssl()


def _check(ok: int, what: str) -> None:
    if ok != 1:
        raise RuntimeError(f"OpenSSL {what} failed")


def _cipher(lib: ctypes.CDLL, key: bytes) -> int:
    if len(key) not in _CIPHERS:
        raise ValueError("AES-GCM key must be 128, 192 or 256 bits")
    return getattr(lib, _CIPHERS[len(key)])()


def encrypt(key: bytes, nonce: bytes, data: bytes, aad: bytes) -> bytes:
    """``data`` sealed with ``key`` and ``nonce`` (never twice the same), bound to ``aad``."""
    lib = _openssl()
    if lib is None:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return AESGCM(key).encrypt(nonce, data, aad)
    ctx = lib.EVP_CIPHER_CTX_new()
    if not ctx:
        raise MemoryError("OpenSSL EVP_CIPHER_CTX_new")
    try:
        out_len = ctypes.c_int()
        _check(lib.EVP_EncryptInit_ex(ctx, _cipher(lib, key), None, None, None), "init")
        _check(lib.EVP_CIPHER_CTX_ctrl(ctx, _SET_IVLEN, len(nonce), None), "nonce length")
        _check(lib.EVP_EncryptInit_ex(ctx, None, None, key, nonce), "key")
        _check(lib.EVP_EncryptUpdate(ctx, None, ctypes.byref(out_len), aad, len(aad)), "aad")
        out = ctypes.create_string_buffer(len(data) + TAG_BYTES)
        _check(lib.EVP_EncryptUpdate(ctx, out, ctypes.byref(out_len), data, len(data)), "update")
        written = out_len.value
        _check(lib.EVP_EncryptFinal_ex(ctx, ctypes.byref(out, written), ctypes.byref(out_len)), "final")
        written += out_len.value
        tag = ctypes.create_string_buffer(TAG_BYTES)
        _check(lib.EVP_CIPHER_CTX_ctrl(ctx, _GET_TAG, TAG_BYTES, tag), "tag")
        return out.raw[:written] + tag.raw
    finally:
        lib.EVP_CIPHER_CTX_free(ctx)


def decrypt(key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
    """What ``encrypt`` sealed; ``InvalidTag`` when anything of it (or the key) differs."""
    lib = _openssl()
    if lib is None:
        from cryptography.exceptions import InvalidTag as CryptographyInvalidTag
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        try:
            return AESGCM(key).decrypt(nonce, sealed, aad)
        except CryptographyInvalidTag as exc:
            raise InvalidTag from exc
    if len(sealed) < TAG_BYTES:
        raise InvalidTag
    body, tag = sealed[:-TAG_BYTES], sealed[-TAG_BYTES:]
    ctx = lib.EVP_CIPHER_CTX_new()
    if not ctx:
        raise MemoryError("OpenSSL EVP_CIPHER_CTX_new")
    out = ctypes.create_string_buffer(len(body) + TAG_BYTES)
    try:
        out_len = ctypes.c_int()
        _check(lib.EVP_DecryptInit_ex(ctx, _cipher(lib, key), None, None, None), "init")
        _check(lib.EVP_CIPHER_CTX_ctrl(ctx, _SET_IVLEN, len(nonce), None), "nonce length")
        _check(lib.EVP_DecryptInit_ex(ctx, None, None, key, nonce), "key")
        _check(lib.EVP_DecryptUpdate(ctx, None, ctypes.byref(out_len), aad, len(aad)), "aad")
        _check(lib.EVP_DecryptUpdate(ctx, out, ctypes.byref(out_len), body, len(body)), "update")
        written = out_len.value
        _check(lib.EVP_CIPHER_CTX_ctrl(ctx, _SET_TAG, TAG_BYTES, ctypes.c_char_p(tag)), "tag")
        if lib.EVP_DecryptFinal_ex(ctx, ctypes.byref(out, written), ctypes.byref(out_len)) != 1:
            raise InvalidTag  # the tag does not match: nothing of the plaintext is returned
        return out.raw[: written + out_len.value]
    finally:
        ctypes.memset(out, 0, len(out))  # the unwrapped key leaves no copy in this buffer
        lib.EVP_CIPHER_CTX_free(ctx)
