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

from board.errors import UserError
from board.i18n import _
from board.redenen import reden
from samples.voorbeeld import SEED, voorbeeld
from samples.voorbeeld_trajecten import voorbeeld_afsluiting
from services.one_kiosk import claim_tablet
from services.unlock import DEMO_NAAM
from storage import demo_tablet
from storage.errors import ConflictError
from storage.keyring import Keyring
from storage.repository import Repository
from storage.urls import is_sqlite, resolve_url

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


def tablet_url(db: str | None) -> str:
    """The database ``demo`` works on: ``--db``, ``MAGNEETBORD_DB`` or the default file."""
    return resolve_url(db)


class OpnieuwError(UserError):
    """``demo --opnieuw`` refused or could not finish; the message says why, in Dutch."""


def is_demo_tablet(url: str) -> bool:
    """The database at ``url`` was made by ``demo`` and only the demo professional can open it:
    what is on it is example data, which ``opnieuw`` may throw away."""
    if not is_sqlite(url) or not demo_tablet.is_marked(url):
        return False
    professionals = Keyring.for_database(url).professionals()
    return bool(professionals) and all(p.naam == DEMO_NAAM for p in professionals)


def opnieuw(url: str) -> bool:
    """Throw away the demo database at ``url`` (a missed demo PIN), so ``demo`` makes it again
    with a new PIN. True when there was one to throw away; False when there is nothing yet.
    Refused (``OpnieuwError``) for any database that ``demo`` did not make or where someone
    else than the demo professional can unlock, and while a kiosk runs on it."""
    if not is_sqlite(url):
        return False
    marked, empty = demo_tablet.is_marked(url), Keyring.for_database(url).is_empty()
    if empty and not marked:
        return False  # nothing yet: demo makes it
    if not (marked and empty) and not is_demo_tablet(url):  # marked and empty: a removal that stopped half-way
        raise OpnieuwError(
            _(
                "Deze database is niet alleen door demo gemaakt (of er staat een echte professional op): "
                "--opnieuw gooit hier niets weg. Een vergeten pincode van een professional is niet terug te halen."
            )
        )
    problem = claim_tablet(url)  # held until the command ends: no kiosk starts on it meanwhile
    if problem:
        raise OpnieuwError(_("{probleem} Sluit de app eerst; er is niets weggegooid.").format(probleem=problem))
    try:
        demo_tablet.remove(url)
    except OSError as exc:
        raise OpnieuwError(
            _("De voorbeeldgegevens konden niet worden weggegooid ({reden}). Probeer het opnieuw.").format(
                reden=reden(exc, "voorbeeldgegevens weggooien")
            )
        ) from exc
    return True
