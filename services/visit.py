"""What the kiosk app needs from storage for one home visit, in one place.

``open_storage`` is the only place where the app opens its database: the data key from the
keyring is handed over here (the encryption at rest plugs in here). ``meting_for_visit``
decides which meting a visit continues. ``VisitMarker`` remembers which meting was open on
the board, so that after a crash or a kill the app returns to exactly that board.
"""

from __future__ import annotations

import contextlib
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from board import safe_json
from board.errors import BoardError
from board.i18n import _
from board.redenen import technical
from storage.errors import StorageError
from storage.paths import data_dir
from storage.permissions import write_atomically
from storage.small_files import read_at_most

if TYPE_CHECKING:  # loaded when the database opens: the lock screen shows before they load
    from board.inwoner import Inwoner
    from board.meting import Meting
    from board.traject import Afsluiting
    from storage.repository import Repository

VISIT_FILE = "bezoek.json"
MAX_VISIT_BYTES = 4096
_ID = re.compile(r"[0-9A-Za-z-]{1,64}")  # the pseudonymous ids the app makes (UUIDs)
log = logging.getLogger(__name__)  # error codes only


def open_storage(url: str, data_key: bytes, professional_id: str | None = None, *, create: bool = False) -> Repository:
    """The repository of ``url``, opened with the data key that unlocking gave (SQLCipher);
    ``professional_id`` is the audit log's actor; ``create``: the first start (the first
    professional was just added), when a new database is made. Delivered metingen past the
    retention period leave the tablet here, at the start of the work. Raises a
    ``StorageError`` with a Dutch message (``storage.opening``) when the database cannot be used."""
    from services.outbox import apply_retention
    from storage.outbox import outbox_folder
    from storage.repository import Repository

    repository = Repository.open(url, data_key, actor=professional_id, create=create)
    try:
        apply_retention(repository, outbox_folder(url))
    except OSError as exc:  # the outbox folder: not a folder, or its files could not be removed
        repository.close()
        log.warning("retention at opening failed (%s)", technical(exc))
        raise StorageError(outbox_unusable(url)) from exc
    except BaseException:
        repository.close()
        raise
    return repository


def outbox_unusable(url: str) -> str:
    """Why the app does not open when its outbox cannot be used, in plain Dutch, and what to do.
    A file or a link to a folder that is gone in the outbox's place is said as such (it was
    said as a full disk); nothing is removed or moved: it may hold what someone needs."""
    from storage.outbox import not_a_folder, outbox_path

    folder = outbox_path(url)
    if not_a_folder(folder):
        return _(
            "De app kan niet openen: de outbox ({map}) is geen map, maar een bestand of een verwijzing naar een "
            "map die er niet is. Er is niets verloren of veranderd. Vraag de ICT van de gemeente dat opzij te "
            "zetten (niet weg te gooien) en typ dan opnieuw je pincode."
        ).format(map=folder)
    return _(
        "De outbox kon niet worden opgeruimd (is de opslag vol, of is de map niet te schrijven?). "
        "Er is niets verloren; maak ruimte vrij en probeer het opnieuw."
    )


def meting_for_visit(
    repository: Repository,
    inwoner_id: str,
    today: date,
    history: list[Meting] | None = None,
    afsluitingen: list[Afsluiting] | None = None,
) -> Meting:
    """The meting a visit works on (``board.bezoek.volgende_meting``): the open concept exactly
    as it was; else a new vervolgmeting after the latest afgeronde meting; else a new 0-meting.
    ``history`` and ``afsluitingen``: the inwoner's metingen and closed trajecten as the
    inwoner's screen showed them (``visit_data``): the tap that opens the board then reads
    nothing, and a new meting is given back at once and stored on the storage worker, checked
    again against what is stored (``Repository.begin_meting``); without them, read and stored
    here."""
    from board.bezoek import Stap, volgende_meting
    from board.meting_waarden import MetingSoort

    given = history is not None and afsluitingen is not None
    if history is None or afsluitingen is None:
        history, afsluitingen = repository.history(inwoner_id), repository.afsluitingen(inwoner_id)
    volgende = volgende_meting(history, afsluitingen)
    if volgende.stap is Stap.VERDER:
        assert volgende.concept is not None
        return volgende.concept
    soort = MetingSoort.VERVOLGMETING if volgende.stap is Stap.VERVOLGMETING else MetingSoort.NULMETING
    if given:
        return repository.begin_meting(soort, inwoner_id, today, history, afsluitingen)
    if soort is MetingSoort.VERVOLGMETING:
        return repository.start_vervolgmeting(inwoner_id, today)
    return repository.start_nulmeting(inwoner_id, today)


def visit_data(repository: Repository, inwoner_id: str) -> tuple[list[Meting], list[Afsluiting]]:
    """What the inwoner's screen shows and its button acts on: the metingen and afsluitingen,
    made ready while the list showed if they were (``prepare_visits``); logged as opened."""
    return repository.visit_data(inwoner_id)


def prepare_visits(repository: Repository, inwoner_ids: list[str]) -> None:
    """Make ready, off the UI thread, what a visit to each of these inwoners reads (P10)."""
    repository.prepare(inwoner_ids)


def queue_writes(repository: Repository, on_failure: Callable[[StorageError], None]) -> None:
    """The kiosk's visit writes go to one ordered storage worker from now on (``storage.writer``)."""
    repository.queue_writes(on_failure)


def hold_writes(repository: Repository, held: bool = True) -> None:
    """While a tap's screen is drawn, the storage worker waits (``held``); then it goes on."""
    repository.hold_writes(held)


def resume_writes(repository: Repository) -> None:
    """A queued write's failure was shown and the app is on a safe screen: writes are taken again."""
    repository.resume_writes()


@dataclass(frozen=True)
class Visit:
    inwoner_id: str
    meting_id: str


class VisitMarker:
    """A small file in the user data folder: the inwoner and meting on the board right now
    (pseudonymous ids only). Written when the board opens for the inwoner, removed when the
    professional leaves it with the PIN."""

    def __init__(self, folder: Path | None = None) -> None:
        self.path = (folder or data_dir()) / VISIT_FILE

    def read(self) -> Visit | None:
        """The visit the file names; None when there is none, or the file is not one the app
        wrote (then the app starts at the list): whatever its bytes, nothing else."""
        try:
            raw = safe_json.loads(read_at_most(self.path, MAX_VISIT_BYTES + 1) or b"", max_bytes=MAX_VISIT_BYTES)
        except (OSError, safe_json.SafeJsonError):
            return None
        ids = [raw.get(name) for name in ("inwoner_id", "meting_id")] if isinstance(raw, dict) else []
        if len(ids) != 2 or not all(isinstance(i, str) and _ID.fullmatch(i) for i in ids):
            return None
        return Visit(ids[0], ids[1])

    def write(self, visit: Visit) -> None:
        content = json.dumps({"inwoner_id": visit.inwoner_id, "meting_id": visit.meting_id})
        write_atomically(self.path, content.encode("utf-8"))

    def clear(self) -> None:
        self.path.unlink(missing_ok=True)


def discard_concept(repository: Repository, meting_id: str) -> None:
    """Throw away a concept vervolgmeting begun by mistake, audited (which may go:
    ``board.bezoek.kan_weggooien``); the next visit begins a new one."""
    repository.discard_concept(meting_id)


def saving(repository: Repository) -> Callable[[Meting, Meting], None]:
    """``BoardSession``'s ``on_commit``: save at once; a failure becomes a ``BoardError`` with
    the same Dutch message, so the board shows it and keeps what was saved."""

    def on_commit(before: Meting, after: Meting) -> None:
        try:
            repository.save_change(before, after)
        except BoardError:
            raise
        except StorageError as exc:
            raise BoardError(str(exc)) from exc

    return on_commit


def vorige_meting(repository: Repository, meting: Meting, history: list[Meting] | None = None) -> Meting | None:
    """The meting before ``meting`` (its ghosts and the comparison at afronden), if any: from
    ``history`` (the visit's, as its inwoner's screen read it: an afgeronde meting does not
    change) when it is there, else read."""
    if not meting.vorige_meting_id:
        return None
    found = [m for m in history or () if m.id == meting.vorige_meting_id and m.afgerond]
    return found[0] if found else repository.get_meting(meting.vorige_meting_id)


def resume(repository: Repository, visit: Visit) -> tuple[Inwoner, Meting] | None:
    """The inwoner and the concept meting of a visit that was open when the app stopped;
    None when it is gone or was afgerond meanwhile (the app then starts at the list)."""
    try:
        meting = repository.get_meting(visit.meting_id)
        inwoner = repository.get_inwoner(visit.inwoner_id)
    except StorageError:
        return None
    if meting.afgerond:
        return None
    return inwoner, meting


def load_storage() -> None:
    """Load what unlocking and opening the database need (Argon2id, AES-GCM, SQLAlchemy's
    Core, SQLCipher). The app calls this in a thread while the lock screen waits for the
    PIN, which shows before any of it is loaded; a missing SQLCipher is told when opening."""
    import argon2.low_level  # noqa: F401
    from Cryptodome.Cipher import AES  # noqa: F401

    import storage.migrate
    import storage.repository  # noqa: F401

    with contextlib.suppress(ImportError):
        import sqlcipher3.dbapi2  # noqa: F401
