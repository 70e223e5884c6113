"""Byte-for-byte searches for a known inwoner's data in files: the privacy tests' probe."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from pathlib import Path

from board import BoardSession, Inwoner
from storage import Repository

INITIALEN = "Q.X.Z."
DOSSIER = "WT-2031-86420"
DOEL = "Ik wil mijn schuld bij de woningcorporatie zelf aflossen"
NEEDLES = (INITIALEN, DOSSIER, DOEL)


def fill_known_inwoner(repository: Repository) -> Inwoner:
    """The inwoner whose traces the tests look for: initials, dossier number and a goal text, afgerond."""
    inwoner = Inwoner.create(DOSSIER, "Woensel-Noord", INITIALEN)
    repository.add_inwoner(inwoner)
    session = BoardSession(repository.start_nulmeting(inwoner.id, date(2026, 2, 3)), on_commit=repository.save_change)
    session.apply(lambda m: m.choose("geld"))
    session.apply(lambda m: m.place_fiche("geld", "inwoner", 0.2))
    session.apply(lambda m: m.add_doel("geld", DOEL))
    return inwoner


def find_traces(paths: Iterable[Path], needles: Iterable[str] = NEEDLES) -> list[tuple[str, str]]:
    """(file, needle) for every needle found in a file, in UTF-8 or UTF-16 (SQLite may store either)."""
    hits = []
    for path in paths:
        if not path.is_file():
            continue
        data = path.read_bytes()
        for needle in needles:
            forms = (needle.encode("utf-8"), needle.encode("utf-16-le"), needle.encode("utf-16-be"))
            if any(form in data for form in forms):
                hits.append((path.name, needle))
    return hits


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file())
