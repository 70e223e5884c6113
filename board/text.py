"""Checks on text typed by people: kept exactly as typed, but never empty, huge or binary."""

from __future__ import annotations

import unicodedata

from board.errors import BoardError

_ALLOWED_CONTROLS = {"\n", "\t"}


def clean_text(text: object, what: str, max_length: int) -> str:
    """Return ``text`` unchanged if it is usable, else raise with a Dutch message.

    ``what`` names the field for the message ("Het doel"). Text is not normalised or
    trimmed inside: the inwoner's own words are kept exactly as typed, only surrounding
    white space goes.
    """
    if not isinstance(text, str):
        raise BoardError(f"{what} moet tekst zijn.")
    text = text.strip()
    if not text:
        raise BoardError(f"{what} is leeg. Schrijf een paar woorden.")
    if len(text) > max_length:
        raise BoardError(f"{what} is te lang: hoogstens {max_length} tekens, dit zijn er {len(text)}.")
    for char in text:
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in {"Cc", "Cs"}:
            raise BoardError(f"{what} bevat een teken dat niet in tekst hoort ({ord(char):#06x}).")
    return text
