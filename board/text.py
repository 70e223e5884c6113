"""Checks on text typed by people: kept exactly as typed, but never empty, huge or binary."""

from __future__ import annotations

import unicodedata

from board.errors import BoardError, Melding, melding

_ALLOWED_CONTROLS = {"\n", "\t"}


def clean_text(text: object, what: Melding, max_length: int) -> str:
    """Return ``text`` unchanged if it is usable, else raise with a Dutch message.

    ``what`` names the field for the message (``melding("Het doel")``: the inwoner's screens
    say the refusal again in the inwoner's language). Text is not normalised or
    trimmed inside: the inwoner's own words are kept exactly as typed, only surrounding
    white space goes.
    """
    if not isinstance(text, str):
        raise BoardError(melding("{what} moet tekst zijn.", what=what))
    text = text.strip()
    if is_blank(text):
        raise BoardError(melding("{what} is leeg. Schrijf een paar woorden.", what=what))
    if len(text) > max_length:
        raise BoardError(
            melding("{what} is te lang: hoogstens {max_length} tekens, dit zijn er {lengte}.",
                    what=what, max_length=max_length, lengte=len(text))
        )
    for char in text:
        if char not in _ALLOWED_CONTROLS and unicodedata.category(char) in {"Cc", "Cs"}:
            raise BoardError(
                melding("{what} bevat een teken dat niet in tekst hoort ({teken:#06x}).", what=what, teken=ord(char))
            )
    return text


# Characters that show nothing: white space, format characters (zero-width space, joiners,
# the byte order mark, direction marks), combining marks on their own, and the fillers.
_INVISIBLE_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cf", "Mn", "Me"})
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")


def is_blank(text: str) -> bool:
    """True for text that shows nothing: empty, or only white space and invisible characters."""
    return all(_invisible(char) for char in text)


def _invisible(char: str) -> bool:
    return char.isspace() or char in _FILLERS or unicodedata.category(char) in _INVISIBLE_CATEGORIES


KORT = 40  # characters of a doel's words where a message names it (the afronden refusal)


def kort(text: str, most: int = KORT) -> str:
    """``text`` on one line, cut after a whole word before ``most`` characters with "…" where it is
    longer (a word longer than that is cut inside): enough to recognise the inwoner's words."""
    line = " ".join(text.split())
    if len(line) <= most:
        return line
    cut = line[: most - 1]
    if " " in cut and line[most - 1] != " ":
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:.") + "…"
