"""The keyring file's content: its shape, each professional's entry read back with every
field checked (a damaged or edited file is a ``KeyringError`` in Dutch, never a library's
text), and an entry's wrong-PIN count changed. ``storage.keyring`` reads and writes the file."""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from typing import Any

from board.i18n import _
from board.lock import MAX_FAILURES, LockState
from storage.errors import StorageError
from storage.keyring_crypto import FORMAT, KDF_BOUNDS, KEY_BYTES, NONCE_BYTES, VERSION, KdfParams

MAX_NAAM = 80
MAX_BLOCKED_UNTIL = 1e11  # a clock time in seconds (the year 5138): anything beyond is an edit


class KeyringError(StorageError):
    """The keyring file is missing, damaged or edited, or a request does not fit it. Nothing was changed."""


@dataclass(frozen=True)
class Entry:
    id: str
    naam: str
    kdf: KdfParams
    salt: bytes
    nonce: bytes
    wrapped: bytes
    lock: LockState


def empty() -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "professionals": []}


def damaged(where: str, detail: str) -> str:
    return (
        _(
            "{where} is beschadigd of met de hand veranderd ({detail}). Er is niets veranderd. "
            "Zet het bestand terug uit de back-up of vraag om hulp."
        ).format(where=where, detail=detail)
    )


def b64decode(text: Any, field: str, where: str) -> bytes:
    try:
        if not isinstance(text, str):
            raise ValueError
        return base64.b64decode(text, validate=True)
    except (ValueError, binascii.Error):
        raise KeyringError(damaged(where, _("{field} is onleesbaar").format(field=field))) from None


def check_shape(data: Any, where: str) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise KeyringError(damaged(where, _("het is geen Magneetbord-sleutelbestand")))
    if data.get("version") != VERSION:
        raise KeyringError(
            _(
                "{where} heeft versie {found!r}; deze app kent versie {version}. "
                "Werk de app bij; er is niets veranderd."
            ).format(where=where, found=data.get("version"), version=VERSION)
        )
    if not isinstance(data.get("professionals"), list):
        raise KeyringError(damaged(where, _("de lijst van professionals ontbreekt")))
    found = entries(data, where)
    if len({e.id for e in found}) != len(found):
        raise KeyringError(damaged(where, _("een professional staat er twee keer in")))
    if found and len(b64decode(data.get("key_check"), "key_check", where)) != 16:
        raise KeyringError(damaged(where, _("de controlewaarde van de sleutel klopt niet")))


def entries(data: dict[str, Any], where: str) -> list[Entry]:
    return [parse_entry(raw, where) for raw in data["professionals"]]


class _FieldProblem(ValueError):
    """A field of an entry that does not fit; the message is Dutch."""


def parse_entry(raw: Any, where: str) -> Entry:
    try:
        kdf_raw = raw["kdf"]
        if kdf_raw["name"] != "argon2id":
            raise _FieldProblem(_("onbekende sleutelafleiding"))
        values = {name: kdf_raw[name] for name in KDF_BOUNDS}
        for name, (low, high) in KDF_BOUNDS.items():
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
        entry = Entry(
            id=raw["id"],
            naam=raw["naam"],
            kdf=KdfParams(**values),
            salt=b64decode(kdf_raw["salt"], "salt", where),
            nonce=b64decode(raw["nonce"], "nonce", where),
            wrapped=b64decode(raw["wrapped_key"], "wrapped_key", where),
            lock=LockState(failures, float(blocked)),
        )
    except _FieldProblem as exc:  # our own Dutch words
        raise KeyringError(damaged(where, _("een professional is onleesbaar: {exc}").format(exc=exc))) from None
    except (KeyError, TypeError, ValueError, AttributeError):  # a missing field or a wrong type: no library text
        raise KeyringError(damaged(where, _("een professional is onleesbaar"))) from None
    if len(entry.salt) < 8 or len(entry.nonce) != NONCE_BYTES or len(entry.wrapped) != KEY_BYTES + 16:
        raise KeyringError(damaged(where, _("een ingepakte sleutel heeft niet de juiste lengte")))
    return entry


def with_lock(data: dict[str, Any], entry: Entry, *, lock: LockState) -> dict[str, Any]:
    for raw in data["professionals"]:
        if raw["id"] == entry.id:
            raw["failures"], raw["blocked_until"] = lock.failures, lock.blocked_until
    return data
