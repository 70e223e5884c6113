"""The inwoner's languages: every message the inwoner reads is translated in every catalogue,
with the same placeholders and the language's own plural forms, marked as not yet checked
by a native speaker; the leefgebieden are translated in both sets; one tablet speaks two
languages at once (the professional's and the inwoner's) without a process-wide install."""

from __future__ import annotations

import gettext
import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from board.i18n import DOMAIN, LOCALE_DIR, _, set_language
from board.leefgebieden import load_set
from board.taal import INWONER, TALEN, vertaler

ROOT = Path(__file__).resolve().parent.parent
OTHER = [t.code for t in TALEN if t.code != "nl"]
NOTE = "niet gecontroleerd door moedertaalspreker"
# Messages without the 'inwoner' context that the inwoner reads as well: the comparison sentence,
# and every refusal of board/ kept as a Melding (said again in the inwoner's language on the board,
# in the doel editor and on the afronden screen: board.errors.UserError.in_taal).
SHARED_SOURCES = {"board/vergelijking.py": {"_": None, "ngettext": (1, 2)}}
MELDING_KEYWORDS = {"melding": None, "meervoud": (1, 2)}


def _catalog(language: str) -> object:
    with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
        return read_po(handle, locale=language)


def _shared_ids() -> set[str]:
    sources = dict(SHARED_SOURCES)
    sources.update({str(p.relative_to(ROOT)): MELDING_KEYWORDS for p in sorted((ROOT / "board").glob("*.py"))
                    if str(p.relative_to(ROOT)) not in sources})
    found = set()
    for source, keywords in sources.items():
        for _line, message, _c, _ctx in extract_from_file("python", ROOT / source, keywords=keywords):
            found.add(message if isinstance(message, str) else message[0])
    return found


def _inwoner_messages(catalog: object) -> list:
    shared = _shared_ids()
    return [m for m in catalog if m.id and (m.context == INWONER or (
        m.context is None and (m.id if isinstance(m.id, str) else m.id[0]) in shared))]


def _fields(text: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name is not None}


def test_the_inwoner_messages_are_found() -> None:
    messages = _inwoner_messages(_catalog("nl"))
    assert len(messages) > 60  # the board, tray, doelen, afronden, koelkastblad, snapshot and comparison
    assert any(m.context == INWONER and m.id == "Welk cijfer geef je je leven nu?" for m in messages)


@pytest.mark.parametrize("language", [t.code for t in TALEN])
def test_every_inwoner_message_is_translated_with_its_placeholders(language: str) -> None:
    catalog = _catalog(language)
    assert catalog.num_plurals == get_plural(language).num_plurals, catalog.plural_forms  # Babel's CLDR data
    problems = []
    for message in _inwoner_messages(catalog):
        if message.fuzzy:
            problems.append(("fuzzy", message.id))
        if isinstance(message.id, str):
            if not message.string or _fields(message.string) != _fields(message.id):
                problems.append(("placeholders", message.id, message.string))
        else:
            allowed = _fields(message.id[0]) | _fields(message.id[1])
            forms = message.string
            if len(forms) != catalog.num_plurals or not all(forms):
                problems.append(("plural forms", message.id, forms))
            elif any(not _fields(form) <= allowed for form in forms) or not _fields(message.id[1]) <= set().union(
                    *(_fields(f) for f in forms)):
                problems.append(("placeholders", message.id, forms))
        if language != "nl" and NOTE not in message.user_comments:
            problems.append(("not marked as unchecked", message.id))
    assert problems == []


@pytest.mark.parametrize("language", [t.code for t in TALEN])
def test_every_inwoner_message_of_the_template_is_in_the_catalogue(language: str) -> None:
    """A message the inwoner reads and the catalogue lacks (under its context) is said in Dutch:
    an outside walk met "De nieuwe datum is gekozen…" in Dutch for every language, its
    translations kept without the 'inwoner' context the code asks for."""
    with open(LOCALE_DIR / f"{DOMAIN}.pot", "rb") as handle:
        template = read_po(handle)
    catalog = _catalog(language)
    missing = [m.id for m in _inwoner_messages(template) if catalog.get(m.id, context=m.context) is None]
    assert missing == []


def test_arabic_has_six_plural_forms_and_uses_them() -> None:
    tr = vertaler("ar")
    forms = {tr.npgettext(INWONER, "over {n} maand: {datum}", "over {n} maanden: {datum}", n) for n in
             (0, 1, 2, 5, 11, 100)}
    assert len(forms) == 6


@pytest.mark.parametrize("language", OTHER)
def test_the_compiled_catalogue_holds_every_inwoner_message(language: str) -> None:
    compiled = gettext.translation(DOMAIN, LOCALE_DIR, languages=[language])
    for message in _inwoner_messages(_catalog(language)):
        if isinstance(message.id, str) and message.context == INWONER:
            assert compiled.pgettext(INWONER, message.id) == message.string


@pytest.mark.parametrize("set_naam", ["volwassenen", "jeugd"])
@pytest.mark.parametrize("language", OTHER)
def test_every_leefgebied_has_a_name_and_its_prompts_in_every_language(set_naam: str, language: str) -> None:
    for leefgebied in load_set(set_naam).leefgebieden:
        naam, vragen = leefgebied.naam_in(language), leefgebied.vragen_in(language)
        assert naam.strip()
        if language in ("ar", "uk", "ti"):  # another script: never the Dutch word
            assert naam != leefgebied.naam, (leefgebied.key, naam)
        assert len(vragen) == len(leefgebied.vragen) and all(v not in leefgebied.vragen for v in vragen)


def test_a_translation_file_with_an_unknown_field_is_refused(tmp_path: Path) -> None:
    from board.errors import LeefgebiedenSetError
    from board.leefgebieden import SETS_DIR, load_set_file

    (tmp_path / "jeugd").mkdir()
    (tmp_path / "jeugd.toml").write_text((SETS_DIR / "jeugd.toml").read_text("utf-8"), "utf-8")
    text = (SETS_DIR / "jeugd" / "pl.toml").read_text("utf-8")
    (tmp_path / "jeugd" / "pl.toml").write_text(text.replace('[leefgebied.thuis]\n', '[leefgebied.thuis]\nkleur = 1\n'))
    with pytest.raises(LeefgebiedenSetError, match="kleur"):
        load_set_file(tmp_path / "jeugd.toml")
    (tmp_path / "jeugd" / "pl.toml").write_text(re.sub(r"\[leefgebied\.thuis\]\n[^\n]*\n[^\n]*\n", "", text))
    with pytest.raises(LeefgebiedenSetError, match="thuis"):
        load_set_file(tmp_path / "jeugd.toml")


def test_two_languages_at_once_without_a_process_wide_install() -> None:
    """The professional's screens speak the app's language while the inwoner's speak theirs."""
    set_language("en")
    try:
        assert _("0-meting beginnen") == "Start the baseline"
        assert vertaler("uk").pgettext(INWONER, "Sluiten") == "Закрити"
        assert vertaler("nl").pgettext(INWONER, "Sluiten") == "Sluiten"
        assert _("0-meting beginnen") == "Start the baseline"  # unchanged by the inwoner's translator
    finally:
        set_language("nl")


def test_language_dependent_case_and_dates_use_the_inwoners_locale() -> None:
    from datetime import date

    assert vertaler("tr").hoofdletter("işlerin") == "İşlerin"
    assert "işlerin".upper()[0] == "I"  # what str.upper() would have done
    assert vertaler("nl").hoofdletter("op 2 van de 3") == "Op 2 van de 3"
    assert vertaler("uk").datum(date(2026, 1, 12)).replace("\u202f", " ") == "12 січня 2026 р."
    assert vertaler("ar").datum(date(2026, 1, 12)).startswith("١٢") or "2026" in vertaler("ar").datum(
        date(2026, 1, 12))


@pytest.mark.parametrize("language", [taal.code for taal in TALEN])
def test_a_date_that_ends_in_a_period_gets_no_second_one(language: str) -> None:
    """Ukrainian writes a date with "р." at its end: a sentence after it must not add a period
    ("18 вересня 2025 р.. Цей день минув." was on the doelen screen and the koelkastblad)."""
    from datetime import date

    tr = vertaler(language)
    datum = tr.datum(date(2025, 9, 18))
    with (LOCALE_DIR / f"{DOMAIN}.pot").open("rb") as template:
        sentences = [m.id for m in read_po(template) if m.context == INWONER and isinstance(m.id, str)
                     and "{datum}." in m.id]
    assert "{datum}. Dan kijken we samen hoe het gaat." in sentences  # every such sentence, not a list of two
    for msgid in sentences:
        fields = {name: "x" for _, name, _, _ in string.Formatter().parse(msgid) if name}
        zin = tr.pgettext(INWONER, msgid).format(**{**fields, "datum": datum})
        assert datum in zin and ".." not in zin, zin


def test_arabic_says_one_or_two_new_leefgebieden_in_words_only() -> None:
    """Arabic names one and two in the word's own form ("مجال واحد جديد"): a figure after it said
    the number twice ("مجال واحد جديد (1)", seen by an outside walk); from three on the figure."""
    tr = vertaler("ar")
    forms = {n: tr.ngettext("{n} leefgebied is nieuw", "{n} leefgebieden zijn nieuw", n).format(n=n)
             for n in (1, 2, 5)}
    assert not any(ch.isdigit() for ch in forms[1] + forms[2]), forms
    assert "5" in forms[5]
