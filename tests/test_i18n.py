"""Translations are data: the committed catalogues match the sources, the compiled .mo files
match the .po files, and switching the language changes what the screen says."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from board.i18n import DOMAIN, LOCALE_DIR, _, available_languages, current_language, format_datum, set_language
from tests.kivy_helpers import frames, make_app_fixture, window_fixture  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
METHODS = [
    ("board/**.py", "python"),
    ("storage/**.py", "python"),
    ("exports/**.py", "python"),
    ("widgets/**.py", "python"),
    ("widgets/**.kv", "python"),
]  # as babel.cfg
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}


@pytest.fixture(autouse=True)
def dutch_again() -> None:
    yield
    set_language("nl")


def _catalog(language: str) -> object:
    with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po", "rb") as handle:
        return read_po(handle, locale=language)


def test_babel_cfg_is_what_this_test_extracts_with() -> None:
    cfg = (ROOT / "babel.cfg").read_text()
    assert all(f"[{method}: {pattern}]" in cfg for pattern, method in METHODS)


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_string_in_the_sources_is_in_the_catalogue(language: str) -> None:
    in_sources = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(ROOT, METHODS, KEYWORDS)
    }
    catalog = _catalog(language)
    in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert in_sources - in_catalog == set(), "run pybabel extract and update (see babel.cfg)"
    assert all(m.string for m in catalog if m.id), "every message is translated"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_committed_mo_files_are_compiled_from_the_po_files(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, _catalog(language))
    committed = (LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo").read_bytes()
    assert committed == compiled.getvalue(), "run: pybabel compile -d assets/locale -D magneetbord"


def test_dutch_is_the_source_and_english_is_data() -> None:
    assert available_languages() == ["en", "nl"]
    assert _("Vergrendelen") == "Vergrendelen"
    set_language("en")
    assert current_language() == "en" and _("Vergrendelen") == "Lock"
    set_language("xx")  # unknown: Dutch, never a crash
    assert current_language() == "nl" and _("Vergrendelen") == "Vergrendelen"


def test_dates_follow_the_language() -> None:
    from datetime import date

    assert format_datum(date(2026, 3, 1)) == "1 maart 2026"
    set_language("en")
    assert format_datum(date(2026, 3, 1)) == "March 1, 2026"


def test_switching_to_english_changes_the_lock_screen(make_app: object) -> None:
    set_language("en")
    app = make_app()
    frames(2)
    account = app.screen("account")
    labels = {w.text for w in account.walk() if hasattr(w, "text")}
    assert "Welcome to Magneetbord" in labels and "Erase" in labels
    assert "Welkom bij Magneetbord" not in labels
