"""Bounded JSON from outside (a document, the keys file, ``bezoek.json``, a bundle's manifest):
sizes and nesting are checked before parsing, numbers while parsing, strings after.

``loads`` raises only ``SafeJsonError`` (a ``ValueError``) whatever the bytes: never a
``RecursionError`` on deep nesting, a ``ValueError`` of its own on a 5,000-digit integer,
an infinite float from ``1e400`` or ``Infinity``, nor a string with a lone surrogate that
fails later when it is written (``UnicodeEncodeError``). The message is plain Dutch.
"""

from __future__ import annotations

import json
import math
from typing import Any

from board.i18n import _

MAX_BYTES = 4_000_000  # far beyond the largest document the app writes (a history of metingen)
MAX_DEPTH = 32  # the deepest the app writes is 6
MAX_NUMBER_CHARS = 40  # an int or float written as more characters than this is no value of ours


class SafeJsonError(ValueError):
    """The text is not JSON the app could have written; the message says why, in Dutch."""


def loads(text: str | bytes, *, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The value ``text`` holds, within the bounds above."""
    if isinstance(text, bytes | bytearray):
        if len(text) > max_bytes:
            raise SafeJsonError(_("Het bestand is te groot."))
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            raise SafeJsonError(_("Het bestand is geen UTF-8-tekst.")) from None
    if not isinstance(text, str):
        raise SafeJsonError(_("Het bestand is geen tekst."))
    if len(text) > max_bytes:
        raise SafeJsonError(_("Het bestand is te groot."))
    if nesting(text) > max_depth:
        raise SafeJsonError(_("Het bestand is te diep genest."))
    try:
        value = json.loads(text, parse_int=_int, parse_float=_float, parse_constant=_constant)
    except SafeJsonError:
        raise
    except (ValueError, RecursionError):  # JSONDecodeError is a ValueError
        raise SafeJsonError(_("Het bestand is geen leesbare JSON.")) from None
    _check_strings(value)
    return value


def nesting(text: str) -> int:
    """The deepest nesting of ``[`` and ``{`` outside strings (a scan, no parsing)."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


def _int(text: str) -> int:
    if len(text) > MAX_NUMBER_CHARS:
        raise SafeJsonError(_("Het bestand bevat een getal dat te groot is."))
    return int(text)


def _float(text: str) -> float:
    value = float(text) if len(text) <= MAX_NUMBER_CHARS else math.inf
    if not math.isfinite(value):
        raise SafeJsonError(_("Het bestand bevat een getal dat te groot is."))
    return value


def _constant(_name: str) -> float:
    raise SafeJsonError(_("Het bestand bevat een getal dat geen getal is (NaN of oneindig)."))


def _check_strings(value: Any) -> None:
    """Every key and string must be writable as UTF-8 (no lone surrogates)."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            strings: Any = (item,)
        elif isinstance(item, dict):
            strings = item.keys()
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
            continue
        else:
            continue
        for text in strings:
            try:
                text.encode("utf-8")
            except UnicodeEncodeError:
                raise SafeJsonError(_("Het bestand bevat een ongeldig teken (een losse surrogaat).")) from None
