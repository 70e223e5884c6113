"""What is read aloud, and from where: a leefgebied's name and prompts in the inwoner's
language, by the device's voice for that language or else by a recorded clip.

Clips live in ``assets/voorlezen/`` with ``manifest.json``: one entry per set, leefgebied and
language (``{"set": "volwassenen", "leefgebied": "geld", "taal": "ti", "bestand": "..."}``).
The speaking itself (espeak-ng on the desktop, Android's TextToSpeech on the tablet) is in
services/voorlezen.py; this module only decides, so it is tested without sound.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from board.assets import ASSETS_DIR
from board.leefgebieden import Leefgebied
from board.taal import taal as taal_van

CLIP_DIR = ASSETS_DIR / "voorlezen"


@dataclass(frozen=True)
class Fragment:
    set_naam: str
    leefgebied: str
    taal: str
    path: Path


@cache
def fragmenten(folder: Path = CLIP_DIR) -> dict[tuple[str, str, str], Fragment]:
    """The recorded clips of the manifest in ``folder`` whose file is there, by (set, leefgebied, taal)."""
    manifest = folder / "manifest.json"
    if not manifest.is_file():
        return {}
    found = {}
    for entry in json.loads(manifest.read_text("utf-8")).get("fragmenten", []):
        path = folder / str(entry["bestand"])
        if path.is_file() and path.stat().st_size > 0:
            fragment = Fragment(str(entry["set"]), str(entry["leefgebied"]), str(entry["taal"]), path)
            found[(fragment.set_naam, fragment.leefgebied, fragment.taal)] = fragment
    return found


# A part that ends in one of these ends its own sentence (a question's mark is kept: the voice
# asks it); Arabic's question mark and Ethiopic's full stop and question mark among them.
SENTENCE_ENDS = (".", "?", "!", "\u061f", "\u1362", "\u1367")


def tekst(leefgebied: Leefgebied, taal: str, met_vragen: bool = True) -> str:
    """What is said for a leefgebied: its name, then (on the prompt card) its prompts, each a
    sentence of its own, ended by the language's full stop where it has no end of its own."""
    parts = [leefgebied.naam_in(taal)]
    if met_vragen:
        parts += list(leefgebied.vragen_in(taal))
    punt = taal_van(taal).punt
    return " ".join(p if p.endswith(SENTENCE_ENDS) else p + punt for p in (part.strip() for part in parts) if p)


def fragment(set_naam: str, key: str, taal: str, folder: Path = CLIP_DIR) -> Fragment | None:
    return fragmenten(folder).get((set_naam, key, taal))
