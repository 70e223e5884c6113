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


def tekst(leefgebied: Leefgebied, taal: str, met_vragen: bool = True) -> str:
    """What is said for a leefgebied: its name, then (on the prompt card) its prompts."""
    parts = [leefgebied.naam_in(taal)]
    if met_vragen:
        parts += list(leefgebied.vragen_in(taal))
    return ". ".join(part.rstrip(".") for part in parts) + "."


def fragment(set_naam: str, key: str, taal: str, folder: Path = CLIP_DIR) -> Fragment | None:
    return fragmenten(folder).get((set_naam, key, taal))
