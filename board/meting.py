"""The meting: one filled-in board on one date, and every operation a touch screen needs.

A ``Meting`` is immutable. Each operation checks its input and returns a new meting, or
raises a ``BoardError`` and changes nothing; that makes undo a matter of keeping the
previous value, and makes every state that ever existed a valid one. The operations on its
doelen (``add_doel``, ``evaluate_doel``, ...) are in board/meting_doelen.py.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from functools import reduce

from board.datums import te_laat
from board.errors import BoardError, Melding, MetingAfgerondError, UnknownLeefgebiedError, meervoud, melding
from board.i18n import _
from board.leefgebieden import Doelnamen, LeefgebiedenSet, Namen, load_set
from board.meting_doelen import MetingDoelen
from board.meting_waarden import (
    PERSPECTIEF_ORDER,
    Doel,
    Fiche,
    MetingSoort,
    Perspectief,
    Status,
    checked_enum,
    new_id,
)

MAX_DRAG = 10**6  # an int position beyond this is refused before float() (10**400 has no float)


@dataclass(frozen=True)
class Meting(MetingDoelen):
    id: str
    inwoner_id: str
    datum: date
    soort: MetingSoort
    volgnummer: int  # 0 for the 0-meting, N for vervolgmeting N
    set_naam: str
    set_versie: int
    gekozen: tuple[str, ...] = ()  # leefgebied keys, most important first
    fiches: tuple[Fiche, ...] = ()  # canonical order: by leefgebied key, then perspectief
    vorige: tuple[Fiche, ...] = ()  # the previous meting's fiches, drawn as ghosts
    vorige_meting_id: str | None = None
    rapportcijfer: int | None = None
    doelen: tuple[Doel, ...] = ()
    volgende_meting: date | None = None
    status: Status = Status.CONCEPT
    afgerond_op: datetime | None = field(default=None)

    # ----- creating ---------------------------------------------------------------

    @staticmethod
    def nulmeting(
        inwoner_id: str,
        datum: date,
        set_naam: str | None = None,
        meting_id: str | None = None,
        volgnummer: int = 0,
    ) -> Meting:
        """A new 0-meting: volgnummer 0 for the inwoner's first traject; a 0-meting that
        reopens after an afsluiting (``board.traject``) carries on the inwoner's numbering."""
        if volgnummer < 0:
            raise BoardError(_("Een volgnummer is 0 of meer."))
        leefgebieden = load_set(set_naam) if set_naam else load_set()
        return Meting(
            id=meting_id or new_id(),
            inwoner_id=inwoner_id,
            datum=datum,
            soort=MetingSoort.NULMETING,
            volgnummer=volgnummer,
            set_naam=leefgebieden.naam,
            set_versie=leefgebieden.versie,
        )

    def vervolg(self, datum: date, meting_id: str | None = None) -> Meting:
        """The next meting: same leefgebieden in the same order, the fiches as ghosts, the
        doelen that run on (``Doel.loopt``: new in this meting, or evaluated deels or niet
        behaald) carried over to be evaluated again. Only an afgeronde meting has a vervolg."""
        if self.status is not Status.AFGEROND:
            raise BoardError(_("Een vervolgmeting kan pas beginnen als de vorige meting is afgerond."))
        if datum < self.datum:
            raise BoardError(_("Een vervolgmeting kan niet eerder zijn dan de vorige meting."))
        open_doelen = tuple(
            replace(d, evaluatie=None, eerdere_streefdatum=d.streefdatum) for d in self.doelen if d.loopt
        )
        return Meting(
            id=meting_id or new_id(),
            inwoner_id=self.inwoner_id,
            datum=datum,
            soort=MetingSoort.VERVOLGMETING,
            volgnummer=self.volgnummer + 1,
            set_naam=self.set_naam,
            set_versie=load_set(self.set_naam).versie,
            gekozen=self.gekozen,
            vorige=self.fiches,
            vorige_meting_id=self.id,
            doelen=open_doelen,
        )

    # ----- reading ----------------------------------------------------------------

    @property
    def leefgebieden(self) -> LeefgebiedenSet:
        return load_set(self.set_naam)

    @property
    def afgerond(self) -> bool:
        return self.status is Status.AFGEROND

    @property
    def label(self) -> str:
        """'0-meting' or 'vervolgmeting N', as the field says it."""
        return self.naam()

    def naam(self, nummer: int | None = None) -> str:
        """The label with the vervolgmeting counted within its traject (``nummer``:
        ``board.traject.plaats``); without it, by the volgnummer (right in the first traject)."""
        if self.soort is MetingSoort.NULMETING:
            return "0-meting"
        return f"vervolgmeting {self.volgnummer if nummer is None else nummer}"

    def positie(self, leefgebied: str, perspectief: Perspectief = Perspectief.INWONER) -> float | None:
        for fiche in self.fiches:
            if fiche.leefgebied == leefgebied and fiche.perspectief == perspectief:
                return fiche.positie
        return None

    def vorige_positie(self, leefgebied: str, perspectief: Perspectief = Perspectief.INWONER) -> float | None:
        for fiche in self.vorige:
            if fiche.leefgebied == leefgebied and fiche.perspectief == perspectief:
                return fiche.positie
        return None

    @property
    def zonder_fiche(self) -> tuple[str, ...]:
        """The chosen leefgebieden without the inwoner's fiche yet, in the board's order: what
        afronden still needs (a vervolgmeting's board says so while there are any)."""
        return tuple(k for k in self.gekozen if self.positie(k) is None)

    @property
    def opnieuw_te_zetten(self) -> tuple[str, ...]:
        """The chosen leefgebieden with last time's fiche (a ghost) but none of the inwoner's yet:
        while there are any, a vervolgmeting's board says to place each fiche again. A new bar
        without a fiche has no ghost, so "again" would be wrong for it."""
        if self.afgerond:
            return ()
        return tuple(k for k in self.zonder_fiche if self.vorige_positie(k) is not None)

    @property
    def niet_gekozen(self) -> tuple[str, ...]:
        """The tray: leefgebieden of the set not on the board, in the set's order."""
        return tuple(key for key in self.leefgebieden.keys if key not in self.gekozen)

    def suggested_for_doelen(self) -> tuple[str, ...]:
        """Chosen leefgebieden, the ones lowest on the bar first (unplaced last)."""

        def low_first(key: str) -> tuple[float, int]:
            positie = self.positie(key)
            return (2.0 if positie is None else positie, self.gekozen.index(key))

        return tuple(sorted(self.gekozen, key=low_first))

    # ----- operations -------------------------------------------------------------

    def choose(self, leefgebied: str, index: int | None = None) -> Meting:
        """Put a leefgebied on the board, at the bottom or at ``index`` in the order."""
        self._check_changeable()
        self._check_known(leefgebied)
        if leefgebied in self.gekozen:
            raise BoardError(melding("{naam} staat al op het bord.", naam=Namen((self.leefgebieden[leefgebied],))))
        gekozen = list(self.gekozen)
        gekozen.insert(len(gekozen) if index is None else _index(index, len(gekozen) + 1), leefgebied)
        return replace(self, gekozen=tuple(gekozen))

    def unchoose(self, leefgebied: str) -> Meting:
        """Take a leefgebied off the board with its fiches and the doelen set in this
        meting. Doelen carried over from before stay: they still need their evaluation."""
        self._check_changeable()
        self._check_chosen(leefgebied)
        return replace(
            self,
            gekozen=tuple(k for k in self.gekozen if k != leefgebied),
            fiches=tuple(f for f in self.fiches if f.leefgebied != leefgebied),
            doelen=tuple(d for d in self.doelen if d.leefgebied != leefgebied or self.is_overgenomen(d)),
        )

    def move_leefgebied(self, leefgebied: str, index: int) -> Meting:
        """Give a chosen leefgebied a new place in the priority order (0 = most important)."""
        self._check_changeable()
        self._check_chosen(leefgebied)
        gekozen = [k for k in self.gekozen if k != leefgebied]
        gekozen.insert(_index(index, len(gekozen) + 1), leefgebied)
        return replace(self, gekozen=tuple(gekozen))

    def move_up(self, leefgebied: str) -> Meting:
        self._check_chosen(leefgebied)
        return self.move_leefgebied(leefgebied, max(0, self.gekozen.index(leefgebied) - 1))

    def move_down(self, leefgebied: str) -> Meting:
        self._check_chosen(leefgebied)
        index = min(len(self.gekozen) - 1, self.gekozen.index(leefgebied) + 1)
        return self.move_leefgebied(leefgebied, index)

    def place_fiche(
        self,
        leefgebied: str,
        perspectief: Perspectief | str,
        positie: float,
        from_drag: bool = False,
    ) -> Meting:
        """Place or move a fiche. A drag that leaves the bar is clamped to its ends;
        any other position outside 0..1 is an error, as are NaN and infinity."""
        self._check_changeable()
        perspectief = checked_enum(Perspectief, perspectief, _("perspectief"))
        self._check_chosen(leefgebied)
        if isinstance(positie, bool) or not isinstance(positie, int | float):
            raise BoardError(_("De plaats van een fiche moet een getal zijn."))
        if isinstance(positie, int) and not -MAX_DRAG <= positie <= MAX_DRAG:  # bounded before float(): 10**400
            raise BoardError(_("De plaats van een fiche ligt tussen 0 (verdrietig) en 1 (blij)."))
        positie = float(positie)
        if not math.isfinite(positie):
            raise BoardError(_("De plaats van een fiche moet een eindig getal zijn."))
        if from_drag:
            positie = min(1.0, max(0.0, positie))
        elif not 0.0 <= positie <= 1.0:
            raise BoardError(_("De plaats van een fiche ligt tussen 0 (verdrietig) en 1 (blij)."))
        fiche = Fiche(leefgebied, perspectief, positie)
        others = [f for f in self.fiches if (f.leefgebied, f.perspectief) != (leefgebied, perspectief)]
        return replace(self, fiches=_canonical([*others, fiche]))

    def remove_fiche(self, leefgebied: str, perspectief: Perspectief | str) -> Meting:
        self._check_changeable()
        perspectief = checked_enum(Perspectief, perspectief, _("perspectief"))
        self._check_chosen(leefgebied)
        if self.positie(leefgebied, perspectief) is None:
            raise BoardError(_("Op dit leefgebied staat geen fiche van dit perspectief."))
        return replace(
            self,
            fiches=tuple(f for f in self.fiches if (f.leefgebied, f.perspectief) != (leefgebied, perspectief)),
        )

    def set_rapportcijfer(self, cijfer: int | None) -> Meting:
        self._check_changeable()
        if cijfer is not None and (isinstance(cijfer, bool) or not isinstance(cijfer, int) or not 1 <= cijfer <= 10):
            raise BoardError(_("Het rapportcijfer is een heel getal van 1 tot en met 10."))
        return replace(self, rapportcijfer=cijfer)

    def set_volgende_meting(self, datum: date | None) -> Meting:
        self._check_changeable()
        if datum is not None and (not isinstance(datum, date) or datum <= self.datum):
            raise BoardError(_("De volgende meting moet na de datum van deze meting liggen."))
        return replace(self, volgende_meting=datum)

    def afronden(self, moment: datetime) -> Meting:
        """Close the meting. It needs the inwoner's fiche on every chosen leefgebied and
        an evaluation of every doel carried over; afterwards it never changes."""
        self._check_changeable()
        if not self.gekozen:
            raise BoardError(melding("Kies eerst minstens één leefgebied voordat je de meting afrondt."))
        # Everything still to do, said at once: the fiches, the doelen, the next date (an outside
        # walk met the doel only after placing the fiches, in a second refusal).
        nog: list[Melding] = []
        if missing := self.zonder_fiche:
            names = Namen(tuple(self.leefgebieden[k] for k in missing))
            nog.append(melding("Zet eerst de fiche van de inwoner op: {namen}.", namen=names))
        if self.open_evaluaties:  # named, so the professional sees which (a new date is no evaluation)
            open_doelen = Doelnamen(tuple((d.tekst, self.leefgebieden[d.leefgebied]) for d in self.open_evaluaties))
            nog.append(meervoud(
                "Kies eerst hoe het ging met dit doel van de vorige keer: {doelen}.",
                "Kies eerst hoe het ging met deze {n} doelen van de vorige keer: {doelen}.",
                len(self.open_evaluaties), n=len(self.open_evaluaties), doelen=open_doelen))
        # A next meting planned on a day now past (a meting taken up months later) would go on
        # the koelkastblad as the next visit: chosen again first.
        if self.volgende_meting is not None and te_laat(self.volgende_meting, moment.date()):
            nog.append(melding("De volgende meting staat op een dag die voorbij is: kies een nieuwe datum."))
        if nog:
            raise BoardError(reduce(lambda eerst, dan: melding("{eerst} {dan}", eerst=eerst, dan=dan), nog))
        return replace(self, status=Status.AFGEROND, afgerond_op=moment)

    # ----- checks -----------------------------------------------------------------

    def _check_changeable(self) -> None:
        if self.status is Status.AFGEROND:
            raise MetingAfgerondError()

    def _check_known(self, leefgebied: str) -> None:
        if not isinstance(leefgebied, str) or leefgebied not in self.leefgebieden:
            raise UnknownLeefgebiedError(str(leefgebied), self.set_naam)

    def _check_chosen(self, leefgebied: str) -> None:
        self._check_known(leefgebied)
        if leefgebied not in self.gekozen:
            raise BoardError(melding("{naam} staat niet op het bord.", naam=Namen((self.leefgebieden[leefgebied],))))


def _canonical(fiches: Iterable[Fiche]) -> tuple[Fiche, ...]:
    return tuple(sorted(fiches, key=lambda f: (f.leefgebied, PERSPECTIEF_ORDER[f.perspectief])))


def _index(index: int, size: int) -> int:
    if isinstance(index, bool) or not isinstance(index, int) or not 0 <= index < size:
        raise BoardError(_("Die plaats in de volgorde bestaat niet."))
    return index
