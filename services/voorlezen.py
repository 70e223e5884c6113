"""Reading aloud in the inwoner's language, offline: the device's voice for that language, else
a recorded clip (board/voorlezen.py), else nothing. Never a voice of another language: where
neither exists (Tigrinya today) ``kan_voorlezen`` is False and the screens show no button.

Desktop: espeak-ng in a subprocess, with the voice whose language is the inwoner's (its own
voices, not the MBROLA ones that need extra data). Tablet: Android's TextToSpeech through
pyjnius with the inwoner's Locale (plyer's tts always speaks US English), in
services/voorlezen_android.py: made when the app shows the list, ``isLanguageAvailable``
asked per language once the engine is bound, the Locale set and checked before each speak;
until then, and where it refuses, a clip or nothing. That path is tested against a fake of
the Android API (tests/test_voorlezen_android.py), not yet on a device.

A lock (and the app's end) silences what is being said: ``stop`` ends the espeak-ng process or
Android's utterance (an espeak-ng process that ends on its own is reaped at once by a thread
waiting on it, never left a zombie); ``shutdown`` releases Android's engine when the app stops.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from board.leefgebieden import Leefgebied
from board.taal import TALEN
from board.taal import taal as taal_van
from board.voorlezen import fragment, tekst

if TYPE_CHECKING:
    from services.voorlezen_android import AndroidStem

ESPEAK = "espeak-ng"


def on_android() -> bool:
    return hasattr(sys, "getandroidapilevel")


@cache
def espeak_voice(taal: str) -> str | None:
    """The espeak-ng voice for ``taal`` (its language column equals the language, or is a
    regional form of it: en-gb for en), or None: no voice for that language is installed."""
    wanted = taal_van(taal).espeak if taal_van(taal).code == taal else None
    if wanted is None or shutil.which(ESPEAK) is None:
        return None
    try:
        listing = subprocess.run([ESPEAK, f"--voices={wanted}"], capture_output=True, text=True, timeout=10,
                                 check=True).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in listing.splitlines()[1:]:
        columns = line.split()
        if len(columns) < 5 or columns[4].startswith("mb/"):
            continue  # an MBROLA voice needs a database that may not be there
        language = columns[1]
        if language == wanted or language.startswith(f"{wanted}-"):
            return language
    return None


def prepare_voices() -> None:
    """Ask for every language's voice ahead, so the first board in a language does not wait
    for it on its tap (P10); the app calls this on its own (Kivy's) thread when the list shows.
    Desktop: one espeak-ng process per language (some 20 ms each), in a thread; the answers
    are kept. Android: the TextToSpeech engine is made now, so it is bound (and has answered
    per language) by the time a board shows; it is made from this thread, not another Python
    thread, because pyjnius finds the app's own Java classes (PythonActivity, pyjnius'
    invocation handler behind every listener) only from a thread Java started
    (python-for-android issue 2242)."""
    if on_android():
        _android()
        return
    threading.Thread(target=lambda: [espeak_voice(t.code) for t in TALEN], name="prepare-voices", daemon=True).start()


def kan_voorlezen(set_naam: str, leefgebied: str, taal: str) -> bool:
    """Whether a speaker button makes sense: a voice for ``taal``, or a recorded clip."""
    return _voice_available(taal) or fragment(set_naam, leefgebied, taal) is not None


def voorlezen(
    set_naam: str, leefgebied: Leefgebied, taal: str, met_vragen: bool = True
) -> subprocess.Popen | Path | None:
    """Start reading ``leefgebied`` aloud (returns at once): the espeak-ng process, or the
    recorded clip for the screen to play (Kivy's audio), or None: nothing to say it with, or
    (on the tablet) Android's engine is saying it."""
    global _speaking
    if _voice_available(taal):  # the rule kan_voorlezen asks too
        said = tekst(leefgebied, taal, met_vragen)
        if not on_android():
            _speaking = speak(said, taal)
            return _speaking
        if _android().speak(said, taal):
            return None  # Android's engine speaks; there is nothing to hold
    clip = fragment(set_naam, leefgebied.key, taal)
    return clip.path if clip is not None else None


def speak(text: str, taal: str, wav: Path | None = None) -> subprocess.Popen | None:
    """espeak-ng saying ``text`` with ``taal``'s voice; with ``wav``, written to that file instead."""
    voice = espeak_voice(taal)
    if voice is None:
        return None
    command = [ESPEAK, "-v", voice, "-s", "150"] + (["-w", str(wav)] if wav else []) + ["--", text]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    # Reaped the moment it ends (a voice that finished on its own stayed a zombie until the
    # next tap or lock polled it); poll, terminate and wait elsewhere still work beside this.
    threading.Thread(target=process.wait, name="espeak-ng-wait", daemon=True).start()
    return process


def stop() -> None:
    """Silence what is being said (the screen is locked): the espeak-ng process, or Android's voice."""
    if on_android():
        if _stem is not None:
            _stem.stop()
    elif _speaking is not None and _speaking.poll() is None:
        _speaking.terminate()


def shutdown() -> None:
    """The app stops (after ``stop``): Android's engine is released."""
    if on_android() and _stem is not None:
        _stem.shutdown()


def _voice_available(taal: str) -> bool:
    if on_android():
        return _android().has(taal)
    return espeak_voice(taal) is not None


_speaking: subprocess.Popen | None = None  # the last espeak-ng process
_stem = None  # Android's engine (services/voorlezen_android.py), made by prepare_voices


def _android() -> AndroidStem:
    global _stem
    if _stem is None:
        from services.voorlezen_android import AndroidStem  # jnius exists only on Android

        _stem = AndroidStem()
        # Made here if the list never showed (a visit resumed after the PIN): its first board
        # has no voice yet, the ones after it have.
        _stem.start()
    return _stem
