"""Read-aloud: espeak-ng speaks each language with that language's own voice (a real WAV is
written and is not empty), Tigrinya has no voice and no clip so no button, a recorded clip in
the manifest is the fallback, and on the running board the speaker reads in the inwoner's
language."""

from __future__ import annotations

import json
import shutil
import subprocess
import wave
from datetime import date
from pathlib import Path

import pytest

from board.leefgebieden import load_set
from board.voorlezen import fragment, fragmenten, tekst
from services import voorlezen as stem

pytestmark = pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is niet geïnstalleerd")


@pytest.mark.parametrize("taal", ["nl", "en", "ar", "tr", "pl", "uk"])
def test_each_language_is_spoken_with_its_own_voice(taal: str, tmp_path: Path) -> None:
    voice = stem.espeak_voice(taal)
    assert voice is not None and (voice == taal or voice.startswith(f"{taal}-"))  # never another language
    listing = subprocess.run(["espeak-ng", f"--voices={taal}"], capture_output=True, text=True, check=True).stdout
    assert any(line.split()[1] == voice for line in listing.splitlines()[1:])
    wav = tmp_path / f"{taal}.wav"
    process = stem.speak(tekst(load_set("volwassenen")["geld"], taal), taal, wav)
    assert process is not None and process.wait(timeout=60) == 0
    with wave.open(str(wav)) as sound:
        assert sound.getnframes() / sound.getframerate() > 1.0  # a name and two questions: seconds of speech


def test_tigrinya_has_no_voice_and_no_clip_so_no_button() -> None:
    assert stem.espeak_voice("ti") is None  # not Amharic's voice either: never a wrong-language voice
    assert not stem.kan_voorlezen("volwassenen", "geld", "ti")
    assert stem.voorlezen("volwassenen", load_set("volwassenen")["geld"], "ti") is None


def test_a_recorded_clip_is_the_fallback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    clip = tmp_path / "geld-ti.wav"
    subprocess.run(["espeak-ng", "-w", str(clip), "1 2 3"], check=True)  # a stand-in recording
    (tmp_path / "manifest.json").write_text(json.dumps({"fragmenten": [
        {"set": "volwassenen", "leefgebied": "geld", "taal": "ti", "bestand": clip.name},
        {"set": "volwassenen", "leefgebied": "wonen", "taal": "ti", "bestand": "ontbreekt.wav"},
    ]}))
    assert fragment("volwassenen", "geld", "ti", tmp_path).path == clip
    assert fragment("volwassenen", "wonen", "ti", tmp_path) is None  # listed, but the file is missing
    monkeypatch.setattr(stem, "fragment", lambda s, k, t: fragment(s, k, t, tmp_path))
    assert stem.kan_voorlezen("volwassenen", "geld", "ti")
    assert stem.voorlezen("volwassenen", load_set("volwassenen")["geld"], "ti") == clip
    fragmenten.cache_clear()


def test_the_shipped_manifest_is_read() -> None:
    assert isinstance(fragmenten(), dict)


def test_the_board_reads_in_the_inwoners_language(make_app: object, window: object, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.kivy_helpers import app_with_inwoner, board_in_taal, frames, tap

    window.size = (1280, 800)
    frames(1)
    app, inwoner = app_with_inwoner(make_app, "D-STEM", today=lambda: date(2026, 3, 2))
    screen = board_in_taal(app, inwoner, "pl", "geld")
    view = screen.show_vragen("geld")
    frames(2)
    assert view.kan_voorlezen and view.ids.voorlezen.opacity == 1
    tap(view.ids.voorlezen)
    spoken = screen.spoken
    assert isinstance(spoken, subprocess.Popen) and "pl" in spoken.args and "Pieniądze" in spoken.args[-1]
    spoken.wait(timeout=60)
    view.dismiss(animation=False)
    frames(1)
    # The speaker on the bar's pictogram reads the name only; a finger beside the pictogram,
    # within its 48 dp target, reaches it too.
    row = screen.board.layout.row("geld")
    from tests.kivy_helpers import drag

    assert row.speaker[2] >= 48 * row.unit - 1e-6
    drag([screen.board.to_window(row.speaker[0] + 1, row.center_y)])
    frames(1)
    assert screen.spoken is not spoken and screen.spoken.args[-1] == "Pieniądze."
    screen.spoken.wait(timeout=60)
    app.choose_taal("ti")  # Tigrinya: no voice, so no button on the card
    view = screen.show_vragen("geld")
    frames(2)
    # No button at all on the card (not a hidden one a finger could still find).
    assert not view.kan_voorlezen
    buttons = [w for w in view.walk() if type(w).__name__ == "Knop"]
    assert len(buttons) == 1 and "Voorlezen" not in buttons[0].text
    view.dismiss(animation=False)
    # A recorded clip for Tigrinya: the button comes back and plays it with Kivy's audio
    # (which loads then, not with the board).
    clip = tmp_path / "geld-ti.wav"
    subprocess.run(["espeak-ng", "-w", str(clip), "1 2 3"], check=True)  # a stand-in recording
    (tmp_path / "manifest.json").write_text(json.dumps({"fragmenten": [
        {"set": "volwassenen", "leefgebied": "geld", "taal": "ti", "bestand": clip.name}]}))  # fmt: skip
    monkeypatch.setattr(stem, "fragment", lambda s, k, t: fragment(s, k, t, tmp_path))
    view = screen.show_vragen("geld")
    frames(2)
    assert view.kan_voorlezen and view.ids.voorlezen.opacity == 1
    tap(view.ids.voorlezen)
    assert screen.spoken == clip
    view.dismiss(animation=False)



def _stand_in_voice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An espeak-ng that lists espeak-ng's own voices and then "speaks" for half a minute
    (this machine has no sound card: the real one ends at once)."""
    stand_in = tmp_path / "espeak-ng"
    stand_in.write_text('#!/bin/sh\ncase "$1" in --voices*) exec espeak-ng "$@";; esac\nexec sleep 30\n')
    stand_in.chmod(0o755)
    monkeypatch.setattr(stem, "ESPEAK", str(stand_in))
    return stand_in


def _prompt_card(make_app: object, dossier: str, taal: str) -> tuple[object, object, object]:
    """The app, the board screen and the open prompt card of 'geld' for an inwoner reading ``taal``."""
    from tests.kivy_helpers import app_with_inwoner, board_in_taal, frames

    app, inwoner = app_with_inwoner(make_app, dossier, today=lambda: date(2026, 3, 2))
    screen = board_in_taal(app, inwoner, taal, "geld")
    view = screen.show_vragen("geld")
    frames(2)
    return app, screen, view


def test_locking_silences_the_voice(make_app: object, window: object, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The tablet goes to sleep while a card is read aloud: the voice stops. This machine has
    no sound card (espeak-ng ends at once), so a stand-in speaks: espeak-ng's own voice list,
    and half a minute of "speech"."""
    from tests.kivy_helpers import tap, to_background

    stand_in = _stand_in_voice(tmp_path, monkeypatch)
    app, screen, view = _prompt_card(make_app, "D-STIL", "uk")
    tap(view.ids.voorlezen)
    spoken = screen.spoken
    assert isinstance(spoken, subprocess.Popen) and spoken.args[0] == str(stand_in) and spoken.poll() is None
    try:
        to_background()
        assert app.current == "lock"
        assert spoken.wait(timeout=10) < 0  # ended by a signal, not by finishing
    finally:
        spoken.kill()


def test_a_second_tap_stops_what_the_first_was_saying(make_app: object, window: object, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """Two speaker buttons tapped one after the other: the first voice stops, the second
    speaks (two espeak-ng processes talked over each other). A stand-in speaks, as above."""
    from tests.kivy_helpers import tap

    _stand_in_voice(tmp_path, monkeypatch)
    _app, screen, view = _prompt_card(make_app, "D-TWEE", "pl")
    tap(view.ids.voorlezen)
    first = screen.spoken
    tap(view.ids.voorlezen)
    second = screen.spoken
    try:
        assert isinstance(first, subprocess.Popen) and isinstance(second, subprocess.Popen) and first is not second
        assert first.wait(timeout=10) < 0  # ended by a signal, not by finishing
        assert second.poll() is None  # the second still speaks
    finally:
        first.kill()
        second.kill()


from tests.kivy_helpers import make_app_fixture, window_fixture  # noqa: E402, F401


def _zombies() -> set[int]:
    """This process's children that ended and were never reaped (state Z in /proc)."""
    import os

    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended and reaped while we looked
        if fields[0] == "Z" and int(fields[1]) == os.getpid():
            found.add(int(stat.parent.name))
    return found


@pytest.mark.parametrize("size", [(1280, 800), (800, 1280)])
def test_a_voice_that_ends_by_itself_leaves_no_zombie(size: tuple[int, int], make_app: object, window: object) -> None:
    """The real espeak-ng reads a card and ends by itself (this machine has no sound card, so at
    once): with the app running and no other tap, nothing waits in /proc as a zombie (it
    stayed one until the next speaker tap or a lock polled it)."""
    from tests.kivy_helpers import frames, frames_until, tap

    window.size = size
    frames(1)
    before = _zombies()
    _app, screen, view = _prompt_card(make_app, "D-ZOMBIE", "nl")
    tap(view.ids.voorlezen)
    spoken = screen.spoken
    assert isinstance(spoken, subprocess.Popen) and spoken.args[0] == stem.ESPEAK

    def state() -> str | None:
        try:
            return Path(f"/proc/{spoken.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except FileNotFoundError:
            return None  # reaped: no entry left

    # Frames only (no tap, no poll, no wait on the process from here) until its entry is gone.
    assert frames_until(lambda: state() is None, seconds=20), f"espeak-ng {spoken.pid} is still in /proc: {state()}"
    # The thread that reaped it sets the exit code just after the entry goes (a full run once
    # read it in between: None).
    assert frames_until(lambda: spoken.returncode is not None, seconds=5)
    assert spoken.returncode == 0  # it finished by itself, and was reaped with its exit code
    assert not _zombies() - before


@pytest.mark.parametrize("taal", ["nl", "ar", "uk", "ti"])
def test_what_is_said_ends_each_sentence_once_in_its_own_script(taal: str) -> None:
    """A prompt that asks a question keeps its question mark and gets no full stop after it
    ("…життя?." before); Tigrinya ends its sentences with its own full stop (።)."""
    from board.taal import taal as taal_van

    geld = load_set("volwassenen")["geld"]
    said = tekst(geld, taal)
    assert said.startswith(geld.naam_in(taal))
    for vraag in geld.vragen_in(taal):
        assert vraag.strip() in said
    for mark in ("?", "\u061f", "\u1367", "!"):
        assert f"{mark}." not in said and f"{mark}\u1362" not in said
    assert ".." not in said and "\u1362\u1362" not in said
    assert said.endswith(("?", "\u061f", "\u1367", "!", taal_van(taal).punt))
    if taal == "ti":
        assert "." not in said.replace("...", "")


@pytest.mark.parametrize("size", [(800, 600), (1280, 800), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_bar_keeps_its_speaker_at_every_size(size: tuple[int, int], make_app: object, window: object) -> None:
    """At 800x600 the bars once lost their pictogram, and with it the speaker: a tap on a
    bar's speaker reads its name aloud at every size, also with all fourteen bars, and the
    speaker is a 48 dp target clear of the handle and the name."""
    from tests.kivy_helpers import app_with_inwoner, board_in_taal, drag, frames

    window.size = size
    frames(1)
    app, inwoner = app_with_inwoner(make_app, "D-LUID", today=lambda: date(2026, 3, 2))
    screen = board_in_taal(app, inwoner, "nl", "geld")
    for key in ("werk", "dagbesteding"):
        app.live.apply(lambda m, key=key: m.choose(key))
    frames(2)
    board = screen.board
    for key, naam in (("geld", "Geld."), ("dagbesteding", "Dagbesteding en meedoen.")):
        row = board.layout.row(key)
        assert row.speaker is not None, f"{key}: geen luidspreker op {size}"
        sx, sy, sw, sh = row.speaker
        assert sw >= 48 * row.unit - 1e-6 and sh >= 48 * row.unit - 1e-6
        assert sx >= row.handle[0] + row.handle[2] - 1e-6 and sx + sw <= row.name[0] + 1e-6
        before = screen.spoken
        drag([board.to_window(sx + sw / 2, sy + sh / 2)])
        frames(1)
        assert screen.spoken is not before and screen.spoken.args[-1] == naam
        screen.spoken.wait(timeout=60)
    # All fourteen bars: rows of 48 dp (scrolling at 800x600), a speaker on each.
    for key in app.live.meting.leefgebieden.keys:
        if key not in app.live.meting.gekozen:
            app.live.apply(lambda m, key=key: m.choose(key))
    frames(2)
    assert len(board.layout.rows) == 14 and all(row.speaker is not None for row in board.layout.rows)
    row = next(row for row in board.layout.rows if board.y <= row.rect[1] and row.rect[1] + row.rect[3] <= board.top)
    before = screen.spoken
    drag([board.to_window(row.speaker[0] + row.speaker[2] / 2, row.center_y)])
    frames(1)
    assert screen.spoken is not before and screen.spoken.args[-1].startswith(app.live.meting.leefgebieden[row.key].naam)
    screen.spoken.wait(timeout=60)
