"""Byte-for-byte searches for a known inwoner's data in files: the privacy tests' probe."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
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


def known_tablet(folder: Path) -> str:
    """A tablet in ``folder`` (data key ``TEST_KEY``, PIN ``TEST_PIN``) holding the known
    inwoner with an afgeronde nulmeting, opened once more afterwards; its URL."""
    from tests.keys import TEST_KEY, add_test_professional

    url = f"sqlite:///{folder / 'magneetbord.sqlite3'}"
    folder.mkdir(parents=True, exist_ok=True)
    add_test_professional(url)
    repository = Repository.open(url, key=TEST_KEY, actor="prof-1")
    inwoner = fill_known_inwoner(repository)
    meting = repository.current_concept(inwoner.id)
    repository.save_change(meting, meting.set_rapportcijfer(6).afronden(datetime(2026, 2, 3, 11, tzinfo=UTC)))
    repository.history(inwoner.id)
    repository.close()
    return url


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
