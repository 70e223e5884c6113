"""The demo: fill the database with the sample from ``samples.voorbeeld``, with some
trajecten closed (``samples.voorbeeld_trajecten``).

Running it again adds nothing: an inwoner or meting that is already there is skipped. On a
tablet without professionals ``python3 main.py demo`` first makes "Demo Professional"
(``services.unlock``) and prints its PIN.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from datetime import date

from samples.voorbeeld import SEED, voorbeeld
from samples.voorbeeld_trajecten import voorbeeld_afsluiting
from storage.errors import ConflictError
from storage.repository import Repository

DEMO_INWONERS = 30


def fill(
    repository: Repository,
    seed: int | None = None,
    aantal: int = DEMO_INWONERS,
    tot: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Add the sample's inwoners and metingen that are not there yet; returns how many were added.
    A larger ``aantal`` keeps the first inwoners of a smaller one and adds more (enough for
    the monitor's figures, which hide every group under 10). ``seed``: another sample
    (default ``SEED``). ``tot``: the latest meting's
    date (see ``samples.voorbeeld.voorbeeld``); without it the sample's own fixed dates.
    ``progress(done, aantal)`` is called after each inwoner (a large demo takes minutes)."""
    inwoners = metingen = 0
    for done, (inwoner, history) in enumerate(voorbeeld(SEED if seed is None else seed, aantal, tot), start=1):
        existing = repository.find_inwoner(inwoner.dossiernummer)
        if existing is None:
            repository.add_inwoner(inwoner)
            inwoners += 1
        if existing is None or existing.id == inwoner.id:  # else a real inwoner has this number: leave it alone
            stored = {m.id for m in repository.history(inwoner.id)}
            for meting in history:
                if meting.id not in stored:
                    repository.add_meting(meting)
                    metingen += 1
            afsluiting = voorbeeld_afsluiting(inwoner, history, tot)
            if afsluiting is not None and not repository.afsluitingen(inwoner.id):
                with contextlib.suppress(ConflictError):  # worked on since: that inwoner's own course
                    repository.sluit_traject(afsluiting)
        if progress is not None:
            progress(done, aantal)
    return inwoners, metingen
