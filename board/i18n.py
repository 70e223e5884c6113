"""Translations: every visible string goes through ``_`` (gettext), so languages are data.

The source language is Dutch: the msgids are the Dutch text, so the app speaks Dutch even
without a catalogue. Catalogues live in ``assets/locale/<taal>/LC_MESSAGES/magneetbord.po``
and are compiled to ``.mo`` with Babel (``pybabel compile -d assets/locale -D magneetbord``);
``tests/test_i18n.py`` checks that the compiled files are up to date.
"""

from __future__ import annotations

import gettext
from datetime import date

from board.assets import ASSETS_DIR

LOCALE_DIR = ASSETS_DIR / "locale"
DOMAIN = "magneetbord"
DEFAULT_LANGUAGE = "nl"

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT_LANGUAGE


def set_language(language: str = DEFAULT_LANGUAGE) -> None:
    """Use the catalogue for ``language``; an unknown language falls back to Dutch."""
    global _translations, _language
    _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)
    found = isinstance(_translations, gettext.GNUTranslations)
    _language = language if found or language == DEFAULT_LANGUAGE else DEFAULT_LANGUAGE


def available_languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Marks a constant for extraction; it is translated where it is shown (``_(CONSTANT)``)."""
    return message


def current_language() -> str:
    return _language


def format_datum(value: date) -> str:
    """A date in words in the UI language ("12 januari 2026"); Babel only when asked."""
    from babel.dates import format_date

    return format_date(value, format="long", locale=current_language())


def format_maand(value: date) -> str:
    """A month and year, short, in the UI language ("jan. 2026"): under a chart's points."""
    from babel.dates import format_date

    return format_date(value, format="MMM yyyy", locale=current_language())


def format_jaar(value: date) -> str:
    """The year alone: under a chart's points where the months do not fit."""
    return str(value.year)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


set_language()
