"""Reading aloud in the inwoner's language, offline: the device's voice for that language, else
a recorded clip (board/voorlezen.py), else nothing. Never a voice of another language: where
neither exists (Tigrinya today) ``kan_voorlezen`` is False and the screens show no button.

Desktop: espeak-ng in a subprocess, with the voice whose language is the inwoner's (its own
voices, not the MBROLA ones that need extra data). Tablet: Android's TextToSpeech through
pyjnius with the inwoner's Locale (plyer's tts always speaks US English); ``isLanguageAvailable``
decides, so a tablet without the language falls back to a clip. The Android path only runs
on Android and is not tested here; it is kept small on purpose.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path

from board.leefgebieden import Leefgebied
from board.taal import TALEN
from board.taal import taal as taal_van
from board.voorlezen import fragment, tekst

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
    """Ask for every language's voice once, ahead (desktop: one espeak-ng process per
    language, some 20 ms each): the app runs this in a thread while the list shows, so the
    first board in a language does not wait for it on its tap (P10). The answers are kept."""
    if on_android():
        return  # TextToSpeech answers from its own service; asked on first use
    for t in TALEN:
        espeak_voice(t.code)


def kan_voorlezen(set_naam: str, leefgebied: str, taal: str) -> bool:
    """Whether a speaker button makes sense: a voice for ``taal``, or a recorded clip."""
    return _voice_available(taal) or fragment(set_naam, leefgebied, taal) is not None


def voorlezen(
    set_naam: str, leefgebied: Leefgebied, taal: str, met_vragen: bool = True
) -> subprocess.Popen | Path | None:
    """Start reading ``leefgebied`` aloud (returns at once): the espeak-ng process, or the
    recorded clip for the screen to play (Kivy's audio), or None: nothing to say it with."""
    if _voice_available(taal):
        if on_android():
            _android_speak(tekst(leefgebied, taal, met_vragen), taal)
            return None
        return speak(tekst(leefgebied, taal, met_vragen), taal)
    clip = fragment(set_naam, leefgebied.key, taal)
    return clip.path if clip is not None else None


def speak(text: str, taal: str, wav: Path | None = None) -> subprocess.Popen | None:
    """espeak-ng saying ``text`` with ``taal``'s voice; with ``wav``, written to that file instead."""
    voice = espeak_voice(taal)
    if voice is None:
        return None
    command = [ESPEAK, "-v", voice, "-s", "150"] + (["-w", str(wav)] if wav else []) + ["--", text]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def _voice_available(taal: str) -> bool:
    if on_android():
        return _android_has(taal)
    return espeak_voice(taal) is not None


_tts = None


def _android_tts() -> object:  # pragma: no cover - Android only
    global _tts
    if _tts is None:
        from jnius import autoclass

        activity = autoclass("org.kivy.android.PythonActivity").mActivity
        _tts = autoclass("android.speech.tts.TextToSpeech")(activity, None)
    return _tts


def _android_has(taal: str) -> bool:  # pragma: no cover - Android only
    from jnius import autoclass

    locale = autoclass("java.util.Locale")(taal)
    return _android_tts().isLanguageAvailable(locale) >= 0  # LANG_AVAILABLE and better


def _android_speak(text: str, taal: str) -> None:  # pragma: no cover - Android only
    from jnius import autoclass

    tts = _android_tts()
    tts.setLanguage(autoclass("java.util.Locale")(taal))
    tts.speak(text, 0, None, "magneetbord")  # QUEUE_FLUSH
