"""A visit's new meting: a vervolgmeting after the latest afgeronde one, or a 0-meting (the
inwoner's first, or one that reopens after their traject was closed, ``board.traject``).

Mixed into ``storage.repository.Repository``. The rules are ``vervolg_of`` and ``nulmeting_of``,
on an inwoner's metingen and afsluitingen; each start applies them to what is stored and
writes the meting in the same transaction (no gap between check and write).
``begin_meting`` (the kiosk's tap, P10) applies them to what the inwoner's screen showed, gives
the meting back at once, and stores it on the ordered storage worker (``storage.writer``),
where it is checked again against what is stored: a meting that no longer fits is refused
whole (a ``ConflictError``; the app then leaves the board, ``widgets.visit_flow``).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import sqlalchemy as sa

from board.errors import BoardError
from board.i18n import _
from board.meting import Meting
from board.meting_waarden import MetingSoort
from board.traject import Afsluiting, nieuwe_nulmeting
from storage import audit
from storage.errors import ConflictError, InvalidValueError, NotFoundError
from storage.meting_diff import insert_meting
from storage.models import InwonerRow, MetingRow
from storage.validation import check_meting


def vervolg_of(history: list[Meting], afsluitingen: list[Afsluiting], datum: date) -> Meting:
    """The next meting after the latest afgeronde one of ``history``; refused (in Dutch) while
    a concept is open, before a first afgeronde meting and after a closed traject."""
    if any(not m.afgerond for m in history):
        raise ConflictError(_("Deze inwoner heeft nog een meting die niet is afgerond; ga daarmee verder."))
    latest = history[-1] if history else None
    if latest is None:
        raise ConflictError(_("Deze inwoner heeft nog geen afgeronde meting; begin met een 0-meting."))
    if any(a.laatste_meting_id == latest.id for a in afsluitingen):
        raise ConflictError(_("Het traject van deze inwoner is afgesloten; een nieuwe 0-meting opent het weer."))
    try:
        meting = latest.vervolg(datum)
    except BoardError as exc:  # the board's own refusal, in Dutch
        raise InvalidValueError(str(exc)) from exc
    check_meting(meting)
    check_vorige(meting, latest)
    return meting


def nulmeting_of(
    inwoner_id: str, history: list[Meting], afsluitingen: list[Afsluiting], datum: date, set_naam: str | None = None
) -> Meting:
    """A new, empty 0-meting after ``history``; refused while a traject is open."""
    if not nieuwe_nulmeting(history, afsluitingen):
        raise ConflictError(_("Deze inwoner heeft al een lopend traject; een nieuwe 0-meting kan pas na afsluiten."))
    volgnummer = max((m.volgnummer for m in history), default=-1) + 1
    meting = Meting.nulmeting(inwoner_id, datum, set_naam, volgnummer=volgnummer)
    check_meting(meting)
    return meting


def check_vorige(meting: Meting, vorige: Meting | None) -> None:
    """A vervolgmeting follows its afgeronde vorige meting (``vorige``, as stored) of the same
    inwoner, and shows its fiches as ghosts."""
    if vorige is None or not vorige.afgerond or vorige.inwoner_id != meting.inwoner_id:
        raise InvalidValueError(_("Een vervolgmeting volgt op een afgeronde meting van dezelfde inwoner."))
    if vorige.fiches != meting.vorige or meting.volgnummer != vorige.volgnummer + 1:
        raise InvalidValueError(_("Deze vervolgmeting past niet bij de vorige meting."))


class Starting:
    def start_nulmeting(self, inwoner_id: str, datum: date, set_naam: str | None = None) -> Meting:
        """A new 0-meting (``nulmeting_of``), checked against what is stored and written in
        one transaction."""
        return self._store_new(MetingSoort.NULMETING, inwoner_id, datum, set_naam)

    def start_vervolgmeting(self, inwoner_id: str, datum: date) -> Meting:
        """The next meting (``vervolg_of``), checked against what is stored and written in one
        transaction (the metingen are read once, not once per check and again for the insert)."""
        return self._store_new(MetingSoort.VERVOLGMETING, inwoner_id, datum)

    def begin_meting(
        self, soort: MetingSoort, inwoner_id: str, datum: date, history: list[Meting], afsluitingen: list[Afsluiting]
    ) -> Meting:
        """The new meting of ``soort`` after ``history`` and ``afsluitingen`` as the inwoner's
        screen showed them, given back at once; stored on the storage worker after what was
        queued before it (at once, here, without a worker). A refusal by the rules is raised
        here; one by what is stored stops the worker's queue (``storage.writer``)."""
        if soort is MetingSoort.VERVOLGMETING:
            made = vervolg_of(history, afsluitingen, datum)
        else:
            made = nulmeting_of(inwoner_id, history, afsluitingen, datum)
        if self._writer is None:
            self._store_new(soort, inwoner_id, datum, made=made)
        else:
            self._writer.submit(lambda: self._store_new(soort, inwoner_id, datum, made=made))
        return made

    def _store_new(
        self, soort: MetingSoort, inwoner_id: str, datum: date, set_naam: str | None = None, made: Meting | None = None
    ) -> Meting:
        """The rule applied to what is stored, and the meting written, in one transaction;
        ``made``: the meting given out already, written only if it is exactly what the rule
        gives now (its id apart)."""
        with self._write(audit.AANGEMAAKT, inwoner_id) as conn:
            if conn.execute(sa.select(InwonerRow.id).where(InwonerRow.id == inwoner_id)).first() is None:
                raise NotFoundError(_("Deze inwoner staat niet (meer) in de database."))
            opened = self._opened_in(conn, inwoner_id)
            history = self._load(conn, MetingRow.inwoner_id == inwoner_id)
            afsluitingen = self._afsluitingen_in(conn, inwoner_id)
            if soort is MetingSoort.VERVOLGMETING:
                meting = vervolg_of(history, afsluitingen, datum)
            else:
                meting = nulmeting_of(inwoner_id, history, afsluitingen, datum, set_naam)
            if made is not None:
                if replace(meting, id=made.id) != made:
                    raise ConflictError(
                        _("Deze inwoner is intussen veranderd (op een ander apparaat?); de meting is niet begonnen.")
                    )
                meting = made
            insert_meting(conn, meting)
        self._opened |= opened
        return meting
