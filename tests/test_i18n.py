"""Translations are data: the committed catalogues match the sources, the compiled .mo files
match the .po files, and switching the language changes what the screen says, including the
messages that come from board/ and storage/."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from board import BoardError, Meting, vergelijk
from board.i18n import DOMAIN, LOCALE_DIR, _, available_languages, current_language, format_datum, set_language
from board.lock import wait_message
from storage.keyring import KdfParams, Keyring, WrongPinError
from tests.factories import afgeronde_nulmeting_met_doelen, nulmeting
from tests.kivy_helpers import frames, make_app_fixture, window_fixture  # noqa: F401

ROOT = Path(__file__).resolve().parent.parent
METHODS = [
    ("board/**.py", "python"),
    ("storage/**.py", "python"),
    ("exports/**.py", "python"),
    ("widgets/**.py", "python"),
    ("widgets/**.kv", "python"),
    ("services/**.py", "python"),
    ("cli/**.py", "python"),
]  # as babel.cfg
# pybabel's own keywords (pgettext, the inwoner's messages, among them) and the -k ones of babel.cfg
KEYWORDS = {**DEFAULT_KEYWORDS, "_": None, "N_": None, "ngettext": (1, 2), "melding": None, "meervoud": (1, 2)}


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


@pytest.mark.parametrize("language", available_languages())
def test_every_string_in_the_sources_is_in_the_catalogue(language: str) -> None:
    """Every catalogue has every message (the inwoner's languages translate the inwoner's
    messages, ``tests/test_talen.py``; the professional's, nl and en, all of them)."""
    in_sources = {
        message if isinstance(message, str) else message[0]
        for _file, _line, message, _comments, _context in extract_from_dir(ROOT, METHODS, KEYWORDS)
    }
    catalog = _catalog(language)
    in_catalog = {m.id if isinstance(m.id, str) else m.id[0] for m in catalog if m.id}
    assert in_sources - in_catalog == set(), "run pybabel extract and update (see babel.cfg)"
    if language in ("nl", "en"):
        assert all(m.string for m in catalog if m.id), "every message is translated"


def _messages(catalog: object) -> dict[object, object]:
    """What gettext reads from a catalogue: each msgid (a tuple for plurals) and its translation."""

    def plain(text: object) -> object:
        return text if isinstance(text, str) else tuple(text)

    def translated(string: object) -> bool:  # a compile leaves an untranslated message out
        return bool(string) if isinstance(string, str) else any(string)

    return {plain(m.id): plain(m.string) for m in catalog if m.id and not m.fuzzy and translated(m.string)}


@pytest.mark.parametrize("language", available_languages())
def test_the_committed_mo_files_hold_the_messages_of_the_po_files(language: str) -> None:
    """Compared by message, not by bytes: a compile writes Babel's own version into the file, so
    a byte comparison turns red on a Babel release with no change to a single message."""
    with open(LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo", "rb") as handle:
        committed = read_mo(handle)
    source = _catalog(language)
    compiled, translated = _messages(committed), _messages(source)
    compile_again = "run: pybabel compile -d assets/locale -D magneetbord"
    assert {key: compiled.get(key) for key in translated} == translated, compile_again
    # Beyond those only Babel's fallback for an untranslated plural: the Dutch forms themselves.
    assert all(value == (key[0], *[key[1]] * (len(value) - 1)) for key, value in compiled.items()
               if key not in translated), compile_again
    assert committed.plural_expr == source.plural_expr


def test_dutch_is_the_source_and_english_is_data() -> None:
    assert available_languages() == ["ar", "en", "nl", "pl", "ti", "tr", "uk"]  # the inwoner's too (issue 17)
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


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_translation_keeps_the_placeholders_of_its_msgid(language: str) -> None:
    """A translation that drops or renames {naam} would raise KeyError in .format() at runtime."""

    def fields(text: str | tuple[str, ...]) -> set[str]:
        return set(re.findall(r"\{(\w+)", text if isinstance(text, str) else "".join(text)))

    broken = [m.id for m in _catalog(language) if m.id and fields(m.id) != fields(m.string)]
    assert broken == []


def test_a_refused_board_operation_speaks_the_ui_language() -> None:
    meting = nulmeting()  # geld is on the board already
    set_language("en")
    with pytest.raises(BoardError) as refused:
        meting.choose("geld")
    assert str(refused.value) == "Geld is already on the board."
    set_language("nl")
    with pytest.raises(BoardError) as weer:
        meting.choose("geld")
    assert str(weer.value) == "Geld staat al op het bord."


def _vervolg(posities: dict[str, float], evaluaties: dict[str, str]) -> Meting:
    vervolg = afgeronde_nulmeting_met_doelen().vervolg(date(2026, 4, 20), meting_id="m1")
    for key, positie in posities.items():
        vervolg = vervolg.place_fiche(key, "inwoner", positie)
    for doel_id, evaluatie in evaluaties.items():
        vervolg = vervolg.evaluate_doel(doel_id, evaluatie)
    return vervolg


def test_the_comparison_sentence_in_english_with_its_plurals() -> None:
    oud = afgeronde_nulmeting_met_doelen()  # geld 0.2, wonen 0.6, zingeving 0.4
    mixed = _vervolg(
        {"geld": 0.5, "wonen": 0.9, "zingeving": 0.1}, {"d1": "behaald", "d2": "behaald", "d3": "niet behaald"}
    )
    same = _vervolg(
        {"geld": 0.2, "wonen": 0.6, "zingeving": 0.4}, {"d1": "deels behaald", "d2": "vervallen", "d3": "vervallen"}
    )
    set_language("en")
    assert vergelijk(oud, mixed).zin == (
        "Things are better on 2 of the 3 life areas, worse on 1; 2 of the 3 goals have been achieved."
    )
    assert vergelijk(oud, same).zin == (
        "On all 3 life areas things have stayed about the same; the goal has been partly achieved; "
        "2 goals have lapsed."  # the vervallen doelen said, not silently left out of the count
    )
    set_language("nl")
    assert vergelijk(oud, mixed).zin == (
        "Op 2 van de 3 leefgebieden gaat het beter, op 1 slechter; 2 van de 3 doelen zijn behaald."
    )
    assert vergelijk(oud, same).zin == (
        "Op alle 3 leefgebieden is het ongeveer gelijk gebleven; het doel is deels behaald; "
        "2 doelen zijn vervallen."
    )


def test_a_wrong_pin_and_the_wait_are_told_in_the_ui_language() -> None:
    keyring = Keyring.for_database("sqlite://", kdf=KdfParams(memory_kib=64, time_cost=1))
    pid, _key = keyring.add_professional("Sanne", "482913")
    set_language("en")
    with pytest.raises(WrongPinError) as wrong:
        keyring.unlock(pid, "193847", now=1000.0)
    assert str(wrong.value) == "This PIN is not right."
    assert wait_message(1) == "Too many wrong PINs. Wait 1 second and try again."
    assert wait_message(300) == "Too many wrong PINs. Wait 5 minutes and try again."
    set_language("nl")
    with pytest.raises(WrongPinError) as fout:
        keyring.unlock(pid, "193847", now=1000.0)
    assert str(fout.value) == "Deze pincode klopt niet."
    assert wait_message(1) == "Te vaak een verkeerde pincode. Wacht 1 seconde en probeer het opnieuw."


@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_snapshot_speaks_the_ui_language(language: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every word drawn on the snapshot (header, legend, an empty board) comes from the catalogue:
    the header in the UI language, the legend and an empty board's text in the inwoner's (here the same)."""
    import dataclasses

    from PIL import ImageDraw

    from exports.snapshot import render_snapshot
    from samples import voorbeelden
    from samples.voorbeeld_bord import voorbeeld_vervolgmeting

    drawn: list[str] = []
    text = ImageDraw.ImageDraw.text
    monkeypatch.setattr(ImageDraw.ImageDraw, "text", lambda self, xy, words, *a, **k: (
        drawn.append(words), text(self, xy, words, *a, **k))[1])
    set_language(language)
    vervolg = voorbeeld_vervolgmeting()
    inwoner = dataclasses.replace(voorbeelden.inwoner(), taal=language)
    render_snapshot(vervolg, inwoner, (1280, 800))
    render_snapshot(Meting.nulmeting("x", date(2026, 3, 1)), inwoner, (1280, 800))
    words = " | ".join(drawn)
    expected = {
        "nl": ["Dossier D-2026-0042", "Wat telt", "leefgebieden", "Vorige meting (licht)", "nog geen leefgebieden"],
        "en": ["Case D-2026-0042", "Wat telt", "life domains", "Previous board (faint)", "No life areas"],
    }[language]
    assert all(word in words for word in expected), words
    if language == "en":
        assert not any(dutch in words for dutch in ("Dossier", "leefgebieden", "Vorige", "vervolgmeting")), words
