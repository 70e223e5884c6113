"""The leefgebiedenset a meting was made with, in the version it used.

A team raises a set's ``versie`` when it changes the set; metingen made before keep their
version (``Meting.set_versie``), and an export must describe the set they used. The shipped
file holds the current version; an earlier one is kept, unchanged, as
``assets/leefgebieden/versies/<versie>/<naam>.toml`` by whoever raises the version.
"""

from __future__ import annotations

from board import leefgebieden
from board.leefgebieden import LeefgebiedenSet, load_set, load_set_file

VERSIES = "versies"


def set_in_versie(naam: str, versie: int) -> LeefgebiedenSet | None:
    """The set ``naam`` as it was in ``versie``; None when that version is not kept."""
    current = load_set(naam)
    if current.versie == versie:
        return current
    path = leefgebieden.SETS_DIR / VERSIES / str(versie) / f"{naam}.toml"
    if not path.is_file():
        return None
    kept = load_set_file(path)
    return kept if kept.versie == versie else None
