"""The repository: saves and loads ``board/`` objects. The rest of the app talks to this.

Every method is one transaction: it happens completely or not at all. ``save_change`` is
made to be ``BoardSession``'s ``on_commit``: it writes only what differs between the two
metingen, and raises a ``StorageError`` (leaving the database as it was) when it cannot.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from board.errors import BoardError
from board.i18n import _
from board.inwoner import Inwoner
from board.meting import Meting, Status
from storage import audit, mapping
from storage.engine import WRITE, resolve_url
from storage.errors import (
    AfgerondError,
    ConflictError,
    InvalidValueError,
    NotFoundError,
    SaveError,
    StorageError,
)
from storage.models import (
    ActieRow,
    DoelRow,
    ExportRow,
    FicheRow,
    GekozenRow,
    InstellingRow,
    InwonerRow,
    MetingRow,
    MonitorVerzondenRow,
)
from storage.validation import check_change, check_inwoner, check_meting

AFGEROND_MARK = "meting_afgerond"  # the text of the database triggers' refusal
MONITOR_KEY_SETTING = "monitor_sleutel"  # the gemeente's key: this tablet takes part in the monitor
log = logging.getLogger(__name__)  # ids and counts only, never content (see docs/security.md)


class Repository:
    def __init__(self, engine: Engine, actor: str | None = None) -> None:
        """Use an engine whose schema is up to date (see ``Repository.open``).

        ``actor``: the unlocked professional's id; the audit log says who did what. Reads of
        an inwoner's file are logged only when an actor is set (once per inwoner per session)."""
        self.engine = engine
        self.actor = actor
        self._opened: set[str] = set()  # inwoners whose opening is logged in this session
        self._changed: set[str] = set()  # concept metingen whose change is logged in this session

    @classmethod
    def open(
        cls,
        url: str | None = None,
        key: bytes | None = None,
        *,
        allow_plaintext: bool = False,
        actor: str | None = None,
    ) -> Repository:
        """Open ``url`` (or the default database), migrating it to the app's schema.

        ``key``: the data key from ``storage.keyring`` (a local SQLite database needs it);
        ``allow_plaintext``: plain SQLite, for tests and tools only; ``actor``: see ``__init__``."""
        from storage.migrate import open_database  # loads Alembic only when a migration is due

        return cls(open_database(resolve_url(url), key, allow_plaintext=allow_plaintext), actor)

    def close(self) -> None:
        self.engine.dispose()

    # ----- inwoners -------------------------------------------------------------------

    def add_inwoner(self, inwoner: Inwoner) -> None:
        check_inwoner(inwoner)
        with self._write(audit.AANGEMAAKT, inwoner.id) as conn:
            taken = conn.execute(
                sa.select(InwonerRow.id).where(InwonerRow.dossiernummer == inwoner.dossiernummer)
            ).first()
            if taken is not None:
                raise ConflictError(
                    _("Er is al een inwoner met dossiernummer {dossiernummer}.").format(
                        dossiernummer=inwoner.dossiernummer
                    )
                )
            conn.execute(sa.insert(InwonerRow), mapping.inwoner_values(inwoner))

    def get_inwoner(self, inwoner_id: str) -> Inwoner:
        with self._read() as conn:
            row = conn.execute(sa.select(*mapping.INWONER_COLUMNS).where(InwonerRow.id == inwoner_id)).first()
        if row is None:
            raise NotFoundError(_("Deze inwoner staat niet (meer) in de database."))
        self._log_opened(inwoner_id)
        return mapping.to_inwoner(row)

    def find_inwoner(self, dossiernummer: str) -> Inwoner | None:
        """The inwoner with exactly this dossier number, if any."""
        with self._read() as conn:
            row = conn.execute(
                sa.select(*mapping.INWONER_COLUMNS).where(InwonerRow.dossiernummer == dossiernummer)
            ).first()
        return None if row is None else mapping.to_inwoner(row)

    def list_inwoners(self, wijk: str | None = None) -> list[Inwoner]:
        query = sa.select(*mapping.INWONER_COLUMNS).order_by(InwonerRow.wijk, InwonerRow.dossiernummer)
        if wijk is not None:
            query = query.where(InwonerRow.wijk == wijk)
        with self._read() as conn:
            return [mapping.to_inwoner(row) for row in conn.execute(query)]

    def search_inwoners(self, text: str, limit: int = 50) -> list[Inwoner]:
        """Inwoners whose initials, dossier number or wijk contain ``text`` (any case)."""
        needle = text.strip().lower()
        if not needle:
            return []
        matches = [
            sa.func.lower(column).contains(needle, autoescape=True)
            for column in (InwonerRow.initialen, InwonerRow.dossiernummer, InwonerRow.wijk)
        ]
        query = (
            sa.select(*mapping.INWONER_COLUMNS)
            .where(sa.or_(*matches))
            .order_by(InwonerRow.wijk, InwonerRow.dossiernummer)
            .limit(limit)
        )
        with self._read() as conn:
            return [mapping.to_inwoner(row) for row in conn.execute(query)]

    # ----- metingen -------------------------------------------------------------------

    def add_meting(self, meting: Meting) -> None:
        """Store a whole meting: a new concept, or (for the demo and imports) a finished one.
        A vervolgmeting must follow its afgeronde vorige meting and show its fiches as ghosts."""
        check_meting(meting)
        with self._write(audit.AANGEMAAKT, meting.inwoner_id) as conn:
            if meting.vorige_meting_id is not None:
                vorige = self._load(conn, MetingRow.id == meting.vorige_meting_id)
                if not vorige or not vorige[0].afgerond or vorige[0].inwoner_id != meting.inwoner_id:
                    raise InvalidValueError(_("Een vervolgmeting volgt op een afgeronde meting van dezelfde inwoner."))
                if vorige[0].fiches != meting.vorige or meting.volgnummer != vorige[0].volgnummer + 1:
                    raise InvalidValueError(_("Deze vervolgmeting past niet bij de vorige meting."))
            elif meting.vorige:
                raise InvalidValueError(_("Een meting zonder vorige meting heeft geen fiches van de vorige keer."))
            # Written as an empty concept first, then filled: the triggers refuse children
            # of an afgeronde meting, so the status is set last.
            empty = replace(
                meting,
                gekozen=(),
                fiches=(),
                rapportcijfer=None,
                doelen=(),
                volgende_meting=None,
                status=Status.CONCEPT,
                afgerond_op=None,
            )
            conn.execute(sa.insert(MetingRow), mapping.meting_values(empty))
            _write_diff(conn, empty, meting)

    def start_nulmeting(self, inwoner_id: str, datum: date, set_naam: str | None = None) -> Meting:
        """A new, empty 0-meting for an inwoner who has none yet."""
        self.get_inwoner(inwoner_id)
        meting = Meting.nulmeting(inwoner_id, datum, set_naam)
        self.add_meting(meting)
        return meting

    def start_vervolgmeting(self, inwoner_id: str, datum: date) -> Meting:
        """The next meting after the latest afgeronde one; refused while a concept is open."""
        if self.current_concept(inwoner_id) is not None:
            raise ConflictError(_("Deze inwoner heeft nog een meting die niet is afgerond; ga daarmee verder."))
        latest = self.latest_afgerond(inwoner_id)
        if latest is None:
            raise ConflictError(_("Deze inwoner heeft nog geen afgeronde meting; begin met een 0-meting."))
        try:
            meting = latest.vervolg(datum)
        except BoardError as exc:  # the board's own refusal, in Dutch
            raise InvalidValueError(str(exc)) from exc
        self.add_meting(meting)
        return meting

    def get_meting(self, meting_id: str) -> Meting:
        with self._read() as conn:
            found = self._load(conn, MetingRow.id == meting_id)
        if not found:
            raise NotFoundError(_("Deze meting staat niet (meer) in de database."))
        self._log_opened(found[0].inwoner_id)
        return found[0]

    def history(self, inwoner_id: str) -> list[Meting]:
        """Every meting of an inwoner, the 0-meting first."""
        with self._read() as conn:
            found = self._load(conn, MetingRow.inwoner_id == inwoner_id)
        self._log_opened(inwoner_id)
        return found

    def current_concept(self, inwoner_id: str) -> Meting | None:
        """The meting still being filled in, to carry on where the last visit stopped."""
        with self._read() as conn:
            found = self._load(conn, (MetingRow.inwoner_id == inwoner_id) & (MetingRow.status == Status.CONCEPT.value))
        self._log_opened(inwoner_id)
        return found[-1] if found else None

    def latest_afgerond(self, inwoner_id: str) -> Meting | None:
        with self._read() as conn:
            found = self._load(conn, (MetingRow.inwoner_id == inwoner_id) & (MetingRow.status == Status.AFGEROND.value))
        self._log_opened(inwoner_id)
        return found[-1] if found else None

    def save_change(self, before: Meting, after: Meting) -> None:
        """Save one committed operation of the board, in one transaction (``on_commit``)."""
        if before == after:
            return
        check_change(before, after)
        # Logged once per meting per session (a visit moves fiches hundreds of times), and at afronden.
        actie = audit.AFGEROND if after.afgerond and not before.afgerond else None
        if actie is None and after.id not in self._changed:
            actie = audit.GEWIJZIGD
        with self._write(actie, after.inwoner_id) as conn:
            _write_diff(conn, before, after)
        self._changed.add(after.id)

    # ----- exports --------------------------------------------------------------------

    def mark_exported(self, meting_id: str, moment: datetime) -> None:
        """Note that an afgeronde meting went out to the dossier (again: the latest moment)."""
        if not isinstance(moment, datetime):
            raise InvalidValueError(_("Het moment van exporteren moet een datum met tijd zijn."))
        with self._write(audit.GEEXPORTEERD, self._inwoner_of(meting_id)) as conn:
            status = conn.execute(sa.select(MetingRow.status).where(MetingRow.id == meting_id)).scalar()
            if status is None:
                raise NotFoundError(_("Deze meting staat niet (meer) in de database."))
            if status != Status.AFGEROND.value:
                raise InvalidValueError(_("Alleen een afgeronde meting kan worden geëxporteerd."))
            updated = conn.execute(
                sa.update(ExportRow).where(ExportRow.meting_id == meting_id).values(exported_at=moment)
            )
            if updated.rowcount == 0:
                conn.execute(sa.insert(ExportRow), {"meting_id": meting_id, "exported_at": moment})

    def exported_at(self, meting_id: str) -> datetime | None:
        with self._read() as conn:
            return conn.execute(sa.select(ExportRow.exported_at).where(ExportRow.meting_id == meting_id)).scalar()

    def not_exported(self) -> list[Meting]:
        """Afgeronde metingen that have not gone out yet, oldest first."""
        exported = sa.select(ExportRow.meting_id).scalar_subquery()
        with self._read() as conn:
            return self._load(conn, (MetingRow.status == Status.AFGEROND.value) & MetingRow.id.not_in(exported))

    def mark_delivered(self, meting_id: str, moment: datetime) -> None:
        """The bundle of an exported meting reached the dossier (the tablet's copy may go)."""
        if not isinstance(moment, datetime):
            raise InvalidValueError(_("Het moment van afleveren moet een datum met tijd zijn."))
        with self._write(audit.GELEVERD, self._inwoner_of(meting_id)) as conn:
            updated = conn.execute(
                sa.update(ExportRow).where(ExportRow.meting_id == meting_id).values(delivered_at=moment)
            )
            if updated.rowcount != 1:
                raise ConflictError(_("Deze meting is nog niet geëxporteerd; er is niets afgeleverd."))

    def delivered_at(self, meting_id: str) -> datetime | None:
        with self._read() as conn:
            return conn.execute(sa.select(ExportRow.delivered_at).where(ExportRow.meting_id == meting_id)).scalar()

    # ----- privacy: retention, erasure, audit ------------------------------------------

    def expired(self, delivered_before: datetime) -> list[str]:
        """Afgeronde metingen delivered to the dossier before the given moment, oldest first,
        except each inwoner's latest afgeronde meting (the next vervolgmeting starts from it)
        and, on a tablet that takes part in the gemeente's monitor (it has a monitor key),
        any meting whose monitor record no central database has yet: it would be lost."""
        latest = (
            sa.select(MetingRow.inwoner_id, sa.func.max(MetingRow.volgnummer).label("nr"))
            .where(MetingRow.status == Status.AFGEROND.value)
            .group_by(MetingRow.inwoner_id)
            .subquery()
        )
        query = (
            sa.select(MetingRow.id)
            .join(ExportRow, ExportRow.meting_id == MetingRow.id)
            .join(latest, latest.c.inwoner_id == MetingRow.inwoner_id)
            .where(
                (MetingRow.status == Status.AFGEROND.value)
                & (ExportRow.delivered_at < delivered_before)
                & (MetingRow.volgnummer < latest.c.nr)
            )
            .order_by(ExportRow.delivered_at)
        )
        sent = sa.select(MonitorVerzondenRow.meting_id).where(MonitorVerzondenRow.meting_id == MetingRow.id)
        with self._read() as conn:
            in_monitor = conn.execute(
                sa.select(InstellingRow.naam).where(InstellingRow.naam == MONITOR_KEY_SETTING)
            ).first()
            if in_monitor:
                query = query.where(sent.exists())
            return list(conn.execute(query).scalars())

    def remove_expired(self, meting_id: str) -> None:
        """Remove one meting under the retention rule. The meting that followed it loses its
        link and so its ghosts (its own bundle, with them, is already in the dossier)."""
        inwoner_id = self._inwoner_of(meting_id)
        with self._write(audit.VERLOPEN, inwoner_id) as conn:
            conn.execute(
                sa.update(MetingRow).where(MetingRow.vorige_meting_id == meting_id).values(vorige_meting_id=None)
            )
            expect_deleted = conn.execute(sa.delete(MetingRow).where(MetingRow.id == meting_id)).rowcount
            if expect_deleted != 1:
                raise ConflictError(_("Deze meting is intussen verwijderd; er is niets veranderd."))
        self._wipe_free_pages()

    def erase_inwoner(self, inwoner_id: str) -> list[str]:
        """Erase an inwoner and all their metingen (AVG art. 17); returns the metingen's ids,
        so their bundles can be removed too. The audit log keeps that an erasure happened,
        with the random id only. Deleted pages are overwritten (secure_delete) and the WAL is
        checkpointed and truncated, so no copy of the old pages stays behind."""
        with self._write(audit.GEWIST, inwoner_id) as conn:
            ids = list(conn.execute(sa.select(MetingRow.id).where(MetingRow.inwoner_id == inwoner_id)).scalars())
            conn.execute(sa.delete(MetingRow).where(MetingRow.inwoner_id == inwoner_id))
            if conn.execute(sa.delete(InwonerRow).where(InwonerRow.id == inwoner_id)).rowcount != 1:
                raise NotFoundError(_("Deze inwoner staat niet (meer) in de database."))
        self._opened.discard(inwoner_id)
        self._wipe_free_pages()
        return ids

    def log(self, actie: str, inwoner_id: str | None) -> None:
        """An audit entry for something done outside the database (an inzage export)."""
        with self._write(actie, inwoner_id):
            pass

    def act_as(self, professional_id: str) -> None:
        """Another professional unlocked the tablet: from now on the audit log names them, and
        their first look at an inwoner or change to a meting is logged anew."""
        if professional_id != self.actor:
            self.actor = professional_id
            self._opened.clear()
            self._changed.clear()

    def audit_log(self, inwoner_id: str | None = None) -> list[audit.AuditEntry]:
        with self._read() as conn:
            return audit.entries(conn, inwoner_id)

    def _wipe_free_pages(self) -> None:
        """Old page images live on in the WAL until a checkpoint: fold it in and truncate it."""
        if self.engine.dialect.name != "sqlite":
            return
        with self._read() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    # ----- settings and the monitor queue ---------------------------------------------

    def get_instelling(self, naam: str) -> str | None:
        with self._read() as conn:
            return conn.execute(sa.select(InstellingRow.waarde).where(InstellingRow.naam == naam)).scalar()

    def set_instelling(self, naam: str, waarde: str, *, overwrite: bool = True) -> str:
        """Store a setting; with ``overwrite=False`` an existing value wins. Returns the value
        that is stored now (so two first uses at once agree on one value)."""
        with self._write() as conn:
            current = conn.execute(sa.select(InstellingRow.waarde).where(InstellingRow.naam == naam)).scalar()
            if current is None:
                conn.execute(sa.insert(InstellingRow), {"naam": naam, "waarde": waarde})
            elif overwrite and current != waarde:
                conn.execute(sa.update(InstellingRow).where(InstellingRow.naam == naam).values(waarde=waarde))
            else:
                return current
        return waarde

    def afgeronde_metingen(self, not_sent_to: str | None = None) -> list[Meting]:
        """All afgeronde metingen, oldest first; with ``not_sent_to`` only those whose monitor
        record that central database has not confirmed yet (the offline queue)."""
        where = MetingRow.status == Status.AFGEROND.value
        if not_sent_to is not None:
            sent = sa.select(MonitorVerzondenRow.meting_id).where(MonitorVerzondenRow.centrale_id == not_sent_to)
            where = where & MetingRow.id.not_in(sent)
        with self._read() as conn:
            return self._load(conn, where)

    def mark_monitor_sent(self, centrale_id: str, sent: list[tuple[str, str]], moment: datetime) -> None:
        """Remember that ``centrale_id`` committed these (meting id, record id) pairs."""
        if not sent:
            return
        with self._write() as conn:
            done = set(
                conn.execute(
                    sa.select(MonitorVerzondenRow.meting_id).where(
                        (MonitorVerzondenRow.centrale_id == centrale_id)
                        & MonitorVerzondenRow.meting_id.in_([m for m, _ in sent])
                    )
                ).scalars()
            )
            rows = [
                {"meting_id": m, "centrale_id": centrale_id, "record_id": r, "verzonden_op": moment}
                for m, r in sent
                if m not in done
            ]
            if rows:
                conn.execute(sa.insert(MonitorVerzondenRow), rows)

    def monitor_sent_count(self, centrale_id: str | None = None) -> int:
        """How many records were sent (to one central database, or to any)."""
        query = sa.select(sa.func.count()).select_from(MonitorVerzondenRow)
        if centrale_id is not None:
            query = query.where(MonitorVerzondenRow.centrale_id == centrale_id)
        with self._read() as conn:
            return int(conn.execute(query).scalar() or 0)

    # ----- internals ------------------------------------------------------------------

    def _inwoner_of(self, meting_id: str) -> str:
        with self._read() as conn:
            inwoner_id = conn.execute(sa.select(MetingRow.inwoner_id).where(MetingRow.id == meting_id)).scalar()
        if inwoner_id is None:
            raise NotFoundError(_("Deze meting staat niet (meer) in de database."))
        return inwoner_id

    def _log_opened(self, inwoner_id: str) -> None:
        """NEN 7513: a professional opened this inwoner's file. Once per inwoner per session;
        a log that cannot be written (disk full) does not stop the visit, it is reported."""
        if self.actor is None or inwoner_id in self._opened:
            return
        try:
            with self._write(audit.GEOPEND, inwoner_id):
                pass
        except StorageError:
            log.warning("audit entry 'geopend' could not be written")
            return
        self._opened.add(inwoner_id)

    def _log_failure(self, actie: str, inwoner_id: str | None) -> None:
        try:
            with self._write() as conn:
                audit.append(conn, actie, self.actor, inwoner_id, audit.MISLUKT)
        except StorageError:
            log.warning("audit entry for a failed %s could not be written", actie)

    @contextmanager
    def _read(self) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except DBAPIError as exc:
            raise StorageError(_("De gegevens konden niet worden gelezen. ({fout})").format(fout=exc.orig)) from exc

    @contextmanager
    def _write(self, actie: str | None = None, inwoner_id: str | None = None) -> Iterator[sa.Connection]:
        """One transaction; every database failure becomes a Dutch ``StorageError``.

        With ``actie``, the audit entry is written in the same transaction as the change; a
        change that fails is logged afterwards as 'mislukt'."""
        try:
            with self._transaction(actie, inwoner_id) as conn:
                yield conn
        except StorageError:
            if actie is not None:
                self._log_failure(actie, inwoner_id)
            raise

    @contextmanager
    def _transaction(self, actie: str | None, inwoner_id: str | None) -> Iterator[sa.Connection]:
        try:
            with self.engine.connect() as conn:
                conn.execution_options(**WRITE)
                with conn.begin():
                    yield conn
                    if actie is not None:
                        audit.append(conn, actie, self.actor, inwoner_id)
        except IntegrityError as exc:
            if AFGEROND_MARK in str(exc.orig):
                raise AfgerondError() from exc
            raise ConflictError(
                _(
                    "Dit past niet bij wat er is opgeslagen (intussen veranderd op een ander apparaat?); "
                    "er is niets veranderd. ({fout})"
                ).format(fout=exc.orig)
            ) from exc
        except DBAPIError as exc:
            raise SaveError(
                _(
                    "Opslaan is niet gelukt: het apparaat kon niet schrijven (is de opslag vol?). "
                    "Er is niets veranderd; probeer het opnieuw. ({fout})"
                ).format(fout=exc.orig)
            ) from exc

    def _load(self, conn: sa.Connection, where: Any) -> list[Meting]:
        ids = sa.select(MetingRow.id).where(where)
        vorige_ids = sa.select(MetingRow.vorige_meting_id).where(where)
        metingen = conn.execute(
            sa.select(MetingRow.__table__).where(where).order_by(MetingRow.datum, MetingRow.volgnummer)
        ).all()
        if not metingen:
            return []
        return mapping.to_metingen(
            metingen,
            conn.execute(sa.select(GekozenRow.__table__).where(GekozenRow.meting_id.in_(ids))),
            conn.execute(
                sa.select(FicheRow.__table__).where(FicheRow.meting_id.in_(ids) | FicheRow.meting_id.in_(vorige_ids))
            ),
            conn.execute(sa.select(DoelRow.__table__).where(DoelRow.meting_id.in_(ids))),
            conn.execute(sa.select(ActieRow.__table__).where(ActieRow.meting_id.in_(ids))),
        )


def _write_diff(conn: sa.Connection, before: Meting, after: Meting) -> None:
    """Write what differs between two states of one meting. Each UPDATE and DELETE must hit
    exactly one row: anything else means the database does not hold ``before``."""
    mid = after.id

    def expect_one(statement: Any, params: dict[str, Any] | None = None) -> None:
        if conn.execute(statement, params or {}).rowcount != 1:
            raise ConflictError(
                _(
                    "De opgeslagen meting is intussen veranderd (op een ander apparaat?). "
                    "Open de meting opnieuw; er is niets veranderd."
                )
            )

    # Fiches, keyed by leefgebied and perspectief.
    old_fiches = {(f.leefgebied, f.perspectief): f.positie for f in before.fiches}
    new_fiches = {(f.leefgebied, f.perspectief): f for f in after.fiches}
    for leefgebied, perspectief in old_fiches.keys() - new_fiches.keys():
        expect_one(_fiche_where(sa.delete(FicheRow), mid, leefgebied, perspectief))
    # The chosen leefgebieden and their order: after the fiches on them went, before new ones come.
    old_rang = {key: i for i, key in enumerate(before.gekozen)}
    new_rang = {key: i for i, key in enumerate(after.gekozen)}
    for key in old_rang.keys() - new_rang.keys():
        expect_one(sa.delete(GekozenRow).where((GekozenRow.meting_id == mid) & (GekozenRow.leefgebied == key)))
    for key, rang in new_rang.items():
        if key not in old_rang:
            conn.execute(sa.insert(GekozenRow), mapping.gekozen_values(mid, key, rang))
        elif old_rang[key] != rang:
            expect_one(
                sa.update(GekozenRow)
                .where((GekozenRow.meting_id == mid) & (GekozenRow.leefgebied == key))
                .values(rang=rang)
            )

    for key, fiche in new_fiches.items():
        if key not in old_fiches:
            conn.execute(sa.insert(FicheRow), mapping.fiche_values(mid, fiche))
        elif old_fiches[key] != fiche.positie:
            expect_one(
                _UPDATE_POSITIE,
                {"m": mid, "l": fiche.leefgebied, "p": str(fiche.perspectief), "positie": float(fiche.positie)},
            )

    # Doelen and their acties, keyed by the doel's id (stable across metingen).
    old_doelen = {d.id: (i, d) for i, d in enumerate(before.doelen)}
    new_doelen = {d.id: (i, d) for i, d in enumerate(after.doelen)}
    for doel_id in old_doelen.keys() - new_doelen.keys():
        expect_one(sa.delete(DoelRow).where((DoelRow.meting_id == mid) & (DoelRow.doel_id == doel_id)))
    for doel_id, (volgorde, doel) in new_doelen.items():
        acties = mapping.actie_values(mid, doel_id, doel.acties)
        if doel_id not in old_doelen:
            conn.execute(sa.insert(DoelRow), mapping.doel_values(mid, doel, volgorde))
            if acties:
                conn.execute(sa.insert(ActieRow), acties)
            continue
        old_volgorde, old = old_doelen[doel_id]
        if (old_volgorde, old) == (volgorde, doel):
            continue
        values = mapping.doel_values(mid, doel, volgorde)
        expect_one(
            sa.update(DoelRow)
            .where((DoelRow.meting_id == mid) & (DoelRow.doel_id == doel_id))
            .values({k: v for k, v in values.items() if k not in ("meting_id", "doel_id")})
        )
        if old.acties != doel.acties:
            conn.execute(sa.delete(ActieRow).where((ActieRow.meting_id == mid) & (ActieRow.doel_id == doel_id)))
            if acties:
                conn.execute(sa.insert(ActieRow), acties)

    # The meting's own fields last: once it is afgerond, the triggers refuse its children.
    # (The database's trigger, not a WHERE here, refuses a meting that is already afgerond.)
    old_values, new_values = mapping.mutable_values(before), mapping.mutable_values(after)
    if old_values != new_values:
        expect_one(sa.update(MetingRow).where(MetingRow.id == mid).values(new_values))


def _fiche_where(statement: Any, meting_id: str, leefgebied: str, perspectief: Any) -> Any:
    return statement.where(
        (FicheRow.meting_id == meting_id)
        & (FicheRow.leefgebied == leefgebied)
        & (FicheRow.perspectief == str(perspectief))
    )


# Prepared once: the statement of the most common save (a fiche dropped somewhere else).
_UPDATE_POSITIE = (
    sa.update(FicheRow)
    .where(
        (FicheRow.meting_id == sa.bindparam("m"))
        & (FicheRow.leefgebied == sa.bindparam("l"))
        & (FicheRow.perspectief == sa.bindparam("p"))
    )
    .values(positie=sa.bindparam("positie"))
)
