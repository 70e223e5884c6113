"""The professional's list of inwoners: find, add, and one inwoner's history."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from board.inwoner import Inwoner
    from board.meting import Meting
    from storage.repository import Repository


def find_inwoners(repository: Repository, text: str, limit: int) -> list[Inwoner]:
    """Who matches ``text`` (initials, dossier number or wijk); everyone when it is empty."""
    text = text.strip()
    return repository.search_inwoners(text, limit=limit) if text else repository.list_inwoners()[:limit]


def wijken(repository: Repository) -> list[str]:
    """The wijken of the inwoners on this tablet, sorted."""
    return sorted({i.wijk for i in repository.list_inwoners()})


def add_inwoner(repository: Repository, inwoner: Inwoner) -> None:
    """Store a new inwoner; a dossier number already taken is refused in Dutch."""
    repository.add_inwoner(inwoner)


def set_taal(repository: Repository, inwoner_id: str, taal: str) -> Inwoner:
    """Store the language the inwoner chose; their screens and koelkastblad follow it."""
    return repository.set_taal(inwoner_id, taal)


def history(repository: Repository, inwoner_id: str) -> list[Meting]:
    """Every meting of the inwoner, the 0-meting first (logged as opened)."""
    return repository.history(inwoner_id)


def all_inwoners(repository: Repository) -> list[Inwoner]:
    """Every inwoner on this tablet, by wijk and dossier number."""
    return repository.list_inwoners()


def with_concept(repository: Repository) -> set[str]:
    """The ids of the inwoners whose meting is not yet af (the list says so)."""
    return repository.with_concept()
