"""The inwoner's language: which languages there are, and one translator object per language.

The professional's screens use the process-wide catalogue of ``board.i18n`` (the
professional's language). Everything the inwoner sees or takes home is produced with a
``Vertaler`` for the inwoner's own language, passed to where the text is made: two
languages on one tablet at once, switched without a restart, never by ``install()``.

The inwoner's messages carry the gettext context ``inwoner`` (``pgettext``), so the
catalogues show which entries the inwoner reads and ``tests/test_talen.py`` checks that each
of them is translated in every language. Plural forms come from each catalogue's
``Plural-Forms`` header, which Babel writes from CLDR (Arabic has six).
"""

from __future__ import annotations

import gettext
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

from board.i18n import DOMAIN, LOCALE_DIR, current_language

INWONER = "inwoner"  # the gettext context of every message the inwoner reads


@dataclass(frozen=True)
class Taal:
    code: str  # the catalogue's and Babel's locale name
    naam: str  # the language's own name, in its own script: what the inwoner picks
    nederlands: str  # its Dutch name, for the professional
    rtl: bool = False
    espeak: str | None = None  # the espeak-ng voice on the desktop; None: no voice
    # The script's own punctuation where the code joins or ends what the inwoner reads
    # (the translations carry their own): Arabic "؛", Ethiopic "፤" and "።".
    puntkomma: str = ";"
    punt: str = "."


TALEN: tuple[Taal, ...] = (
    Taal("nl", "Nederlands", "Nederlands", espeak="nl"),
    Taal("en", "English", "Engels", espeak="en"),
    Taal("ar", "العربية", "Arabisch", rtl=True, espeak="ar", puntkomma="\u061b"),
    Taal("tr", "Türkçe", "Turks", espeak="tr"),
    Taal("pl", "Polski", "Pools", espeak="pl"),
    Taal("uk", "Українська", "Oekraïens", espeak="uk"),
    Taal("ti", "ትግርኛ", "Tigrinya", puntkomma="\u1364", punt="\u1362"),  # espeak-ng has no Tigrinya voice
)
_BY_CODE = {taal.code: taal for taal in TALEN}
DEFAULT = "nl"


def taal(code: str | None) -> Taal:
    """The language ``code``; an unknown or empty one is Dutch."""
    return _BY_CODE.get(code or DEFAULT, _BY_CODE[DEFAULT])


def opsomming(parts: Iterable[str], code: str | None) -> str:
    """``parts`` in a row, separated the way language ``code`` writes a semicolon (used where
    an item may hold a comma itself: leefgebied names, the clauses of the comparison)."""
    return f"{taal(code).puntkomma} ".join(parts)


def uitlijning(halign: str, rtl: bool) -> str:
    """Where text laid out for reading left to right (``halign`` as built: "left", "auto",
    "center", "right") lines up for a reader in direction ``rtl``: right to left, flush
    left becomes flush right and flush right flush left; centred stays centred. The one rule
    by which the inwoner's screens mirror their text, like the board mirrors its bars."""
    if not rtl:
        return halign
    return {"left": "right", "auto": "right", "right": "left"}.get(halign, halign)


# The signs joined with a button's text, by one rule for every language (the catalogues carry
# none): (the sign left to right, the sign right to left, whether it goes before the text).
# "verder" (on) stands at the reading end and points the reading way, "terug" (back) at the
# reading start and points against it; undo and redo likewise; the read-aloud sign is a play
# sign, the same in every script, before the text. The text is written in logical order and
# drawn by board/schrift.visual: for right to left the reading end is drawn on the left, and
# the bidi algorithm mirrors what Unicode marks as mirrored ("›" is drawn "‹"), so "verder"
# keeps "›" and points left; the curved arrows are not mirrored by it and are chosen here.
# Joined by no-break spaces: a sign never wraps onto a line of its own (a line without Arabic
# letters would not be mirrored).
PIJLEN: dict[str, tuple[str, str, bool]] = {
    "verder": ("\u203a", "\u203a", False),
    "terug": ("\u2039", "\u2039", True),
    "ongedaan": ("\u21b6", "\u21b7", True),
    "opnieuw": ("\u21b7", "\u21b6", False),
    "voorlezen": ("\u25b6", "\u25b6", True),
}
_BIJ = "\u00a0\u00a0"  # two no-break spaces between the sign and the text


def met_pijl(text: str, pijl: str, rtl: bool) -> str:
    """``text`` (already translated) with the sign ``pijl`` (a key of ``PIJLEN``) where a
    reader in direction ``rtl`` looks for it."""
    ltr_sign, rtl_sign, before = PIJLEN[pijl]
    sign = rtl_sign if rtl else ltr_sign
    return f"{sign}{_BIJ}{text}" if before else f"{text}{_BIJ}{sign}"


def pijl_ui(text: str, pijl: str) -> str:
    """``met_pijl`` for the professional's screens, in the app's language (``board.i18n``)."""
    return met_pijl(text, pijl, taal(current_language()).rtl)


def is_taal(code: object) -> bool:
    return isinstance(code, str) and code in _BY_CODE


class Vertaler:
    """Translations, dates and case for one language. Get one with ``vertaler(code)``."""

    def __init__(self, code: str) -> None:
        self.taal = taal(code)
        self.code = self.taal.code
        self._catalogue = gettext.translation(DOMAIN, LOCALE_DIR, languages=[self.code], fallback=True)

    @property
    def rtl(self) -> bool:
        return self.taal.rtl

    def __repr__(self) -> str:
        return f"Vertaler({self.code!r})"

    def gettext(self, message: str) -> str:
        """A message without context that the inwoner reads too (board/vergelijking.py)."""
        return self._catalogue.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return self._catalogue.ngettext(singular, plural, n)

    def pgettext(self, context: str, message: str) -> str:
        return self._catalogue.pgettext(context, message)

    def npgettext(self, context: str, singular: str, plural: str, n: int) -> str:
        return self._catalogue.npgettext(context, singular, plural, n)

    def t(self, message: str) -> str:
        """An inwoner message (context ``inwoner``) whose msgid is a constant marked elsewhere."""
        return self._catalogue.pgettext(INWONER, message)

    def datum(self, value: date) -> str:
        """A date in words in this language ("12 januari 2026", "12 січня 2026 р.")."""
        from babel.dates import format_date

        return format_date(value, format="long", locale=self.code)

    def maand(self, value: date) -> str:
        """A month and year, short, in this language ("jan 2026", "يناير 2026"): under a chart's points."""
        from babel.dates import format_date

        return format_date(value, format="MMM yyyy", locale=self.code)

    def getal(self, value: float) -> str:
        from babel.numbers import format_decimal

        return format_decimal(value, locale=self.code)

    def opsomming(self, parts: Iterable[str]) -> str:
        return opsomming(parts, self.code)

    def met_pijl(self, text: str, pijl: str) -> str:
        """A button's ``text`` (translated by the caller, so it is extracted) with its sign."""
        return met_pijl(text, pijl, self.rtl)

    def hoofdletter(self, text: str) -> str:
        """``text`` with its first letter a capital, the way this language writes it (Turkish
        i becomes İ); never ``str.upper()`` on words the inwoner reads."""
        if not text:
            return text
        first = text[0]
        if self.code in ("tr", "az") and first == "i":
            first = "İ"
        elif self.code in ("tr", "az") and first == "ı":
            first = "I"
        else:
            first = first.upper()
        return first + text[1:]


@cache
def vertaler(code: str | None) -> Vertaler:
    """The translator for ``code`` (cached: catalogues are read once per language)."""
    return Vertaler(taal(code).code)
