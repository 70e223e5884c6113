"""Read-aloud on the tablet: Android's TextToSpeech through pyjnius, tested against a fake of
the Android API (tests/android_fake.py: the engine binds later, on a main thread the test
drives; per-language answers; pyjnius' refusal of a str for a CharSequence). Not on a device:
there is none here. The device has voices for nl, en, ar, pl and uk; Turkish is installed
without its data (LANG_MISSING_DATA) and Tigrinya is not supported. Recorded clips (real small
WAVs) exist for geld in Turkish, Polish and Tigrinya."""

from __future__ import annotations

import gc
import json
import sys
import wave
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from board.leefgebieden import load_set
from board.voorlezen import fragment, fragmenten, tekst
from services import voorlezen as stem
from tests.android_fake import (
    ERROR,
    LANG_AVAILABLE,
    LANG_COUNTRY_AVAILABLE,
    LANG_COUNTRY_VAR_AVAILABLE,
    LANG_MISSING_DATA,
    Android,
)

VOLWASSENEN = load_set("volwassenen")
QUEUE_FLUSH = 0
CLIPS = ("tr", "pl", "ti")  # geld has a recorded clip in these


def write_clip(path: Path) -> None:
    with wave.open(str(path), "wb") as sound:  # a fifth of a second of silence, 16 kHz mono
        sound.setnchannels(1)
        sound.setsampwidth(2)
        sound.setframerate(16000)
        sound.writeframes(b"\0\0" * 3200)


def device(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, init_status: int = 0) -> Android:
    android = Android({"nl": LANG_AVAILABLE, "en": LANG_COUNTRY_AVAILABLE, "ar": LANG_AVAILABLE,
                       "pl": LANG_COUNTRY_VAR_AVAILABLE, "uk": LANG_AVAILABLE, "tr": LANG_MISSING_DATA},
                      init_status)  # fmt: skip
    monkeypatch.setitem(sys.modules, "jnius", android.module())
    monkeypatch.delitem(sys.modules, "services.voorlezen_android", raising=False)
    monkeypatch.setattr(stem, "on_android", lambda: True)
    for state in ("_stem", "_tts"):  # the engine made by an earlier test
        monkeypatch.setattr(stem, state, None, raising=False)
    entries = []
    for taal in CLIPS:
        write_clip(tmp_path / f"geld-{taal}.wav")
        entries.append({"set": "volwassenen", "leefgebied": "geld", "taal": taal, "bestand": f"geld-{taal}.wav"})
    (tmp_path / "manifest.json").write_text(json.dumps({"fragmenten": entries}))
    monkeypatch.setattr(stem, "fragment", lambda s, k, t: fragment(s, k, t, tmp_path))
    return android


@pytest.fixture(name="android")
def android_fixture(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Android]:
    yield device(monkeypatch, tmp_path)
    fragmenten.cache_clear()


def read(key: str, taal: str, met_vragen: bool = True) -> object:
    return stem.voorlezen("volwassenen", VOLWASSENEN[key], taal, met_vragen)


def test_the_engine_is_bound_before_the_first_board_asks(android: Android) -> None:
    """The app makes the engine when the list shows: by the first board it has answered, so
    the first question already gets a speaker button."""
    stem.prepare_voices()
    android.run_main()
    assert stem.kan_voorlezen("volwassenen", "wonen", "nl")  # the very first question


def test_before_the_engine_is_bound_only_clips(android: Android, tmp_path: Path) -> None:
    stem.prepare_voices()
    # Not bound yet: no voice at all, never a guess; a recorded clip does.
    assert not stem.kan_voorlezen("volwassenen", "geld", "nl")
    assert stem.kan_voorlezen("volwassenen", "geld", "ti")
    assert read("geld", "nl") is None
    assert read("geld", "ti") == tmp_path / "geld-ti.wav"
    gc.collect()  # Java holds no reference to the listener: it must be held on the Python side
    android.run_main()
    engine = android.engine
    assert engine.made_on_main  # where the docs call its listener
    assert engine.spoken == []  # nothing was said before it was bound
    for taal in ("nl", "en", "ar", "pl", "uk"):
        assert stem.kan_voorlezen("volwassenen", "wonen", taal), taal
    assert not stem.kan_voorlezen("volwassenen", "wonen", "tr")  # LANG_MISSING_DATA, no clip
    assert not stem.kan_voorlezen("volwassenen", "wonen", "ti")  # LANG_NOT_SUPPORTED, no clip
    assert stem.kan_voorlezen("volwassenen", "geld", "tr")  # its clip


def test_without_the_list_the_first_question_makes_the_engine(android: Android) -> None:
    """A visit resumed after the PIN shows no list first: the board's first question makes the
    engine; that board has no voice yet, the next question does."""
    assert not stem.kan_voorlezen("volwassenen", "wonen", "en")
    android.run_main()
    assert stem.kan_voorlezen("volwassenen", "wonen", "en")
    assert len(android.engines) == 1


def test_an_engine_that_fails_to_start_leaves_the_clips(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    android = device(monkeypatch, tmp_path, init_status=ERROR)
    stem.prepare_voices()
    android.run_main()
    assert not stem.kan_voorlezen("volwassenen", "wonen", "nl")
    assert read("geld", "pl") == tmp_path / "geld-pl.wav"
    assert android.engine.spoken == []
    fragmenten.cache_clear()


def test_each_tap_speaks_with_the_inwoners_locale_set_at_that_moment(android: Android) -> None:
    stem.prepare_voices()
    android.run_main()
    assert read("geld", "pl") is None  # spoken by the engine: nothing for the screen to play
    read("geld", "ar", met_vragen=False)  # the next inwoner reads Arabic
    read("wonen", "pl")
    assert android.engine.spoken == [
        (tekst(VOLWASSENEN["geld"], "pl"), "pl", QUEUE_FLUSH, "magneetbord"),
        (tekst(VOLWASSENEN["geld"], "ar", False), "ar", QUEUE_FLUSH, "magneetbord"),
        (tekst(VOLWASSENEN["wonen"], "pl"), "pl", QUEUE_FLUSH, "magneetbord"),
    ]
    assert "Pieniądze" in android.engine.spoken[0][0]


def test_a_missing_or_refused_voice_falls_back_to_the_clip_or_nothing(android: Android, tmp_path: Path) -> None:
    stem.prepare_voices()
    android.run_main()
    engine = android.engine
    read("geld", "nl")  # Dutch is set and spoken
    assert read("geld", "tr") == tmp_path / "geld-tr.wav"  # LANG_MISSING_DATA: the clip
    assert read("wonen", "tr") is None  # and no clip: nothing
    android.refuse.add("pl")  # the Polish voice data went away after the engine answered
    assert read("geld", "pl") == tmp_path / "geld-pl.wav"
    assert read("wonen", "pl") is None
    # Only the Dutch was said: no Turkish or Polish text with the Dutch voice still set.
    assert engine.spoken == [(tekst(VOLWASSENEN["geld"], "nl"), "nl", QUEUE_FLUSH, "magneetbord")]


def test_stop_silences_and_shutdown_releases(android: Android) -> None:
    stem.prepare_voices()
    android.run_main()
    read("geld", "uk")
    stem.stop()
    assert android.engine.stopped == 1
    stem.shutdown()
    assert android.engine.shut
    assert not stem.kan_voorlezen("volwassenen", "wonen", "uk")  # the engine is gone: no button


def test_the_tablet_board_reads_in_the_inwoners_language(android: Android, make_app: object, window: object) -> None:
    from tests.kivy_helpers import app_with_inwoner, board_in_taal, choose_taal, drag, frames, tap, to_background

    window.size = (1280, 800)
    frames(1)
    app, inwoner = app_with_inwoner(make_app, "D-TABLET", today=lambda: date(2026, 3, 2))
    # The list was shown after the account was made: the engine is on its way. The main
    # thread binds it while the professional reads the list.
    gc.collect()
    android.run_main()
    screen = board_in_taal(app, inwoner, "pl", "geld")
    engine = android.engine
    view = screen.show_vragen("geld")
    frames(2)
    assert view.kan_voorlezen and view.ids.voorlezen.opacity == 1
    tap(view.ids.voorlezen)
    assert engine.spoken[-1] == (tekst(VOLWASSENEN["geld"], "pl"), "pl", QUEUE_FLUSH, "magneetbord")
    view.dismiss(animation=False)
    frames(1)
    choose_taal(app, "ar")  # the inwoner reads Arabic: the bar's speaker reads the name in Arabic
    row = screen.board.layout.row("geld")
    drag([screen.board.to_window(row.speaker[0] + 1, row.center_y)])
    frames(1)
    assert engine.spoken[-1] == (tekst(VOLWASSENEN["geld"], "ar", False), "ar", QUEUE_FLUSH, "magneetbord")
    assert len(engine.spoken) == 2
    # The tablet goes to sleep (the screen is locked): the voice stops.
    stopped = engine.stopped  # (each tap stopped what was being said too)
    to_background()
    assert engine.stopped == stopped + 1 and app.current == "lock"
    app.on_stop()  # the app ends: the engine is released
    assert engine.shut


from tests.kivy_helpers import make_app_fixture, window_fixture  # noqa: E402, F401
