"""The tablet's side of the monitor: the gemeente's key, and the records of its metingen.

**The key** (HMAC, see ``board.monitor_1_record``) is a setting in the tablet's own database,
so it is exactly as safe as the data it pseudonymises (encrypted with it, erased with it).
It is made at random on first use, which is all a single team needs; a gemeente with
several tablets hands each one the same key file (``python3 main.py monitor key --new
FILE`` makes one, written 0600; ``--import FILE`` reads it). Import it before the first
sync. Imported later, the records no central database has accepted yet go with the new key;
those already sent stay under the old one, and the gemeente cannot link an inwoner's later
metingen to them (the import says how many there are).

**The queue** is derived, not stored: an afgeronde meting never changes, so its record can
be made again at any time, also for metingen afgerond before the key existed. Only the
fact "central database X has committed the record of meting M" is stored
(``monitor_verzonden``), and it goes with the meting when the meting is erased.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from board.disclosure_familie import beveilig_familie
from board.errors import BoardError
from board.i18n import _
from board.leefgebieden import DEFAULT_SET
from board.meting import Meting
from board.monitor_1_record import (
    MIN_KEY_BYTES,
    AfsluitingRecord,
    MonitorRecord,
    afsluiting_record,
    keyed_hash,
    monitor_record,
)
from board.monitor_2_counts import Periode
from board.monitor_3_figures import GEMEENTE, figuren_uit_records
from board.monitor_3_table import CelKey, Figuren
from board.monitor_4_disclosure import Gepubliceerd
from board.perioden import familie, is_grid
from board.redenen import reden
from board.traject import Afsluiting, plaats, trajecten
from board.wijkteams import Wijkteams
from storage.errors import InvalidValueError
from storage.permissions import create_private
from storage.repository import Repository
from storage.settings import MONITOR_KEY_SETTING

KEY_SETTING = MONITOR_KEY_SETTING
KEY_BYTES = 32


def monitor_key(repository: Repository) -> bytes:
    """The gemeente's key; made at random (and kept) the first time it is needed."""
    stored = repository.get_instelling(KEY_SETTING)
    if stored is None:
        stored = repository.set_instelling(KEY_SETTING, secrets.token_hex(KEY_BYTES), overwrite=False)
    return bytes.fromhex(stored)


def vingerafdruk(key: bytes) -> str:
    """A short, harmless fingerprint of a key: tablets with the same key show the same one."""
    digest = keyed_hash(key, "vingerafdruk", "magneetbord")[:16]
    return "-".join(digest[i : i + 4] for i in range(0, 16, 4))


def read_key_file(path: Path) -> bytes:
    """A key file: the key as hexadecimal or base64 text; lines starting with # are notes."""
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise InvalidValueError(
            _("Het sleutelbestand {path} kan niet worden gelezen ({reden}).").format(
                path=path, reden=reden(exc, "een sleutelbestand lezen")
            )
        ) from exc
    try:
        text = "".join(
            line.strip() for line in raw.decode("ascii").splitlines() if not line.strip().startswith("#")
        )
    except UnicodeDecodeError:
        text = ""
    key = _decode(text)
    if key is None or len(key) < MIN_KEY_BYTES:
        raise InvalidValueError(
            _(
                "{path} is geen geldig sleutelbestand: verwacht een sleutel van minstens {n} bytes, "
                "geschreven als hexadecimale of base64-tekst. Er is niets veranderd."
            ).format(path=path, n=MIN_KEY_BYTES)
        )
    return key


def _decode(text: str) -> bytes | None:
    if not text:
        return None
    try:
        return bytes.fromhex(text)
    except ValueError:
        pass
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return None


def write_key_file(path: Path) -> bytes:
    """Make a new random key for the gemeente in ``path`` (never over an existing file)."""
    key = secrets.token_bytes(KEY_BYTES)
    text = (
        "# Monitorsleutel van de gemeente voor Magneetbord. Geheim: geef hem alleen aan de tablets\n"
        f"# van de wijkteams (python3 main.py monitor key --import BESTAND). Vingerafdruk: {vingerafdruk(key)}\n"
        f"{key.hex()}\n"
    )
    try:
        # Written 0600 (only this user may read it), and never over an existing file.
        fd = create_private(Path(path))
    except FileExistsError as exc:
        raise InvalidValueError(
            _("{path} bestaat al; kies een nieuwe bestandsnaam. Er is niets overschreven.").format(path=path)
        ) from exc
    except OSError as exc:
        raise InvalidValueError(
            _("{path} kan niet worden geschreven ({reden}).").format(path=path, reden=reden(exc))
        ) from exc
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(text)
    return key


@dataclass(frozen=True)
class KeyImport:
    changed: bool  # False: the tablet had this key already
    already_sent: int = 0  # records sent with the previous key; they stay as they are centrally
    previous: bytes | None = None  # the previous key, for its fingerprint


def import_key(repository: Repository, key: bytes) -> KeyImport:
    """Use the gemeente's key from now on. Also after a first sync with a key of the tablet's
    own: the records that no central database has accepted are made with the new key when
    they are sent (the queue is derived, see above); those already sent stay as they were
    sent, and how many there are is returned so the professional can tell the gemeente."""
    current = repository.get_instelling(KEY_SETTING)
    if current == key.hex():
        return KeyImport(changed=False)
    sent = repository.monitor_sent_count() if current is not None else 0
    repository.set_instelling(KEY_SETTING, key.hex())
    return KeyImport(True, sent, bytes.fromhex(current) if current is not None else None)


def records_of(repository: Repository, metingen: list[Meting]) -> list[tuple[str, MonitorRecord]]:
    """(meting id, record) for afgeronde metingen, with the tablet's key and their traject number."""
    if not metingen:
        return []
    key = monitor_key(repository)
    inwoners = {i.id: i for i in repository.list_inwoners()}
    starts = repository.nulmeting_volgnummers()

    def record(m: Meting) -> MonitorRecord:
        waar = plaats(starts.get(m.inwoner_id, [0]), m.volgnummer)  # the rule: board.traject
        return monitor_record(m, inwoners[m.inwoner_id], key, waar.traject, m.volgnummer - waar.nummer)

    return [(m.id, record(m)) for m in metingen]


def afsluiting_records_of(repository: Repository, afsluitingen: list[Afsluiting]) -> list[AfsluitingRecord]:
    """The records of closed trajecten, with the tablet's key (begin month: the traject's 0-meting)."""
    if not afsluitingen:
        return []
    key = monitor_key(repository)
    inwoners = {i.id: i for i in repository.list_inwoners()}
    per_inwoner: dict[str, list[Meting]] = {}
    for meting in repository.afgeronde_metingen():
        per_inwoner.setdefault(meting.inwoner_id, []).append(meting)
    records = []
    for afsluiting in afsluitingen:
        history = per_inwoner.get(afsluiting.inwoner_id, [])
        by_id = {m.id: m for m in history}
        for traject in trajecten(history, [afsluiting]):
            if traject.nummer == afsluiting.traject:
                begin = by_id[traject.metingen[0]]
                records.append(afsluiting_record(afsluiting, inwoners[afsluiting.inwoner_id], begin, key))
    return records


def local_afsluitingen(repository: Repository) -> list[AfsluitingRecord]:
    """The records of every closed traject on this tablet."""
    return afsluiting_records_of(repository, [a for lst in repository.alle_afsluitingen().values() for a in lst])


def waiting_records(repository: Repository, centrale_id: str) -> list[tuple[str, MonitorRecord]]:
    """The offline queue: records that central database ``centrale_id`` does not have yet."""
    return records_of(repository, repository.afgeronde_metingen(not_sent_to=centrale_id))


def local_records(repository: Repository) -> list[MonitorRecord]:
    """The records of every afgeronde meting on this tablet."""
    return [record for _meting, record in records_of(repository, repository.afgeronde_metingen())]


def monitor_for_app(
    repository: Repository, periode: Periode, set_naam: str = DEFAULT_SET, gemeente: str = GEMEENTE,
    wijkteams: Wijkteams | None = None,
) -> tuple[Figuren, dict[CelKey, Gepubliceerd]]:
    """The figures of this tablet's own metingen for the app's monitor screen (per wijk, per
    wijkteam and in all), and what of them may be shown (``beveilig_familie``, with its year
    and quarters): the screen draws only the published values."""
    if not is_grid(periode):
        raise BoardError(_("De monitor gaat over een heel kwartaal of een heel jaar."))
    records = local_records(repository)
    einden = local_afsluitingen(repository)
    family = {p: figuren_uit_records(records, p, set_naam, gemeente, einden, wijkteams) for p in familie(periode)}
    return family[periode], beveilig_familie(family)[periode]  # with its year and quarters
