"""Translations: every visible string goes through ``_`` (gettext), so languages are data.

The source language is Dutch: the msgids are the Dutch text, so the app speaks Dutch even
without a catalogue. Catalogues live in ``assets/locale/<taal>/LC_MESSAGES/magneetbord.po``
and are compiled to ``.mo`` with Babel (``pybabel compile -d assets/locale -D magneetbord``);
``tests/test_i18n.py`` checks that the compiled files are up to date.
"""

from __future__ import annotations

import gettext

from board.leefgebieden import ASSETS_DIR

LOCALE_DIR = ASSETS_DIR / "locale"
DOMAIN = "magneetbord"
DEFAULT_LANGUAGE = "nl"

_translations: gettext.NullTranslations = gettext.NullTranslations()


def set_language(language: str = DEFAULT_LANGUAGE) -> None:
    """Use the catalogue for ``language``; an unknown language falls back to Dutch."""
    global _translations
    _translations = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def available_languages() -> list[str]:
    return sorted(p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))


def _(message: str) -> str:
    return _translations.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


set_language()
