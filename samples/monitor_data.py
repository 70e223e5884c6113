"""A crafted tablet for the monitor: two wijken with known choices and changes, so what the
screen must show can be worked out by hand (counts rounded to 5, groups under 10 hidden)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from board import Inwoner, Meting

NUL, VERVOLG = date(2026, 2, 10), date(2026, 5, 12)


def add_inwoner(repository: Any, n: int, wijk: str, gekozen: tuple[str, ...], later: float) -> None:
    """One inwoner with a 0-meting (rapportcijfer 5, every fiche halfway) and a vervolgmeting
    (7) with every fiche at ``later``."""
    inwoner = Inwoner.create(f"T-{n:04d}", wijk, inwoner_id=f"crafted-{n}")
    repository.add_inwoner(inwoner)
    meting = Meting.nulmeting(inwoner.id, NUL, meting_id=f"crafted-{n}-0")
    for key in gekozen:
        meting = meting.choose(key).place_fiche(key, "inwoner", 0.5)
    meting = meting.set_rapportcijfer(5).afronden(datetime.combine(NUL, datetime.min.time()))
    repository.add_meting(meting)
    vervolg = meting.vervolg(VERVOLG, f"crafted-{n}-1")
    for key in gekozen:
        vervolg = vervolg.place_fiche(key, "inwoner", later)
    repository.add_meting(vervolg.set_rapportcijfer(7).afronden(datetime.combine(VERVOLG, datetime.min.time())))


def fill_crafted(repository: Any) -> None:
    """Noord: 35 inwoners, all chose geld (15 better, 10 the same, 10 worse), 20 of them also
    wonen, 3 also werk. Oost: 12 inwoners, geld and zingeving, all better."""
    for n in range(35):
        gekozen = ("geld", *(("wonen",) if n < 20 else ()), *(("werk",) if n < 3 else ()))
        add_inwoner(repository, n, "Noord", gekozen, 0.8 if n < 15 else 0.5 if n < 25 else 0.2)
    for n in range(35, 47):
        add_inwoner(repository, n, "Oost", ("geld", "zingeving"), 0.8)
