"""The traject: from a 0-meting to its afsluiting.

A traject begins with a 0-meting and ends when the professional closes it (afsluiten) with a
reason from a short fixed list, usually after a last vervolgmeting (the eindmeting). A closed
traject is reopened by a new 0-meting: that starts the inwoner's next traject. The volgnummer
keeps counting over the inwoner's whole history (so it stays unique per inwoner); every
0-meting starts a traject, the first one has volgnummer 0. So the metingen and the
afsluitingen together say which trajecten there are: ``trajecten`` derives them (numbered
from 0), ``afsluiten`` checks a closing before it is stored, and ``nieuwe_nulmeting`` says
whether a visit starts a new traject.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from board.errors import BoardError
from board.i18n import N_, _
from board.meting import Meting
from board.meting_waarden import MetingSoort


class Afsluitreden(StrEnum):
    """Why a traject ends: the fixed list the monitor counts uitstroom by."""

    DOELEN_BEREIKT = "doelen bereikt"
    OVERGEDRAGEN = "overgedragen aan specialistische zorg"
    VERHUISD = "verhuisd"
    GESTOPT = "gestopt op eigen verzoek"
    OVERLEDEN = "overleden"
    ANDERS = "anders"


# Shown on buttons and in reports: translated where shown (``_(REDEN_LABEL[reden])``).
REDEN_LABEL = {
    Afsluitreden.DOELEN_BEREIKT: N_("Doelen bereikt"),
    Afsluitreden.OVERGEDRAGEN: N_("Overgedragen aan specialistische zorg"),
    Afsluitreden.VERHUISD: N_("Verhuisd"),
    Afsluitreden.GESTOPT: N_("Gestopt op eigen verzoek"),
    Afsluitreden.OVERLEDEN: N_("Overleden"),
    Afsluitreden.ANDERS: N_("Anders"),
}


@dataclass(frozen=True)
class Afsluiting:
    """The end of traject ``traject`` of an inwoner: when, why, and after which meting."""

    inwoner_id: str
    traject: int
    datum: date
    reden: Afsluitreden
    laatste_meting_id: str  # the traject's last afgeronde meting (the eindmeting, if there was one)
    vastgelegd_op: datetime


@dataclass(frozen=True)
class Traject:
    inwoner_id: str
    nummer: int  # 0 for the first traject, 1 after the first reopening, ...
    begin: date  # the date of its 0-meting
    metingen: tuple[str, ...]  # ids, oldest first
    afsluiting: Afsluiting | None = None

    @property
    def open(self) -> bool:
        return self.afsluiting is None

    @property
    def eind(self) -> date | None:
        return None if self.afsluiting is None else self.afsluiting.datum

    @property
    def reden(self) -> Afsluitreden | None:
        return None if self.afsluiting is None else self.afsluiting.reden


def reden(value: Afsluitreden | str) -> Afsluitreden:
    """The reason from its value or its label (any case); a clear message for anything else."""
    if isinstance(value, Afsluitreden):
        return value
    text = str(value).strip().lower()
    for r in Afsluitreden:
        if text in (r.value, REDEN_LABEL[r].lower(), r.name.lower()):
            return r
    choices = "; ".join(r.value for r in Afsluitreden)
    raise BoardError(_("Kies een reden om af te sluiten uit: {keuzes}.").format(keuzes=choices))


def trajecten(history: Sequence[Meting], afsluitingen: Iterable[Afsluiting] = ()) -> tuple[Traject, ...]:
    """The inwoner's trajecten, oldest first: each 0-meting starts one, its vervolgmetingen
    follow it (in volgnummer order)."""
    closed = {a.traject: a for a in afsluitingen}
    groups: list[list[Meting]] = []
    for meting in sorted(history, key=lambda m: m.volgnummer):
        if meting.soort is MetingSoort.NULMETING or not groups:
            groups.append([])
        groups[-1].append(meting)
    return tuple(
        Traject(metingen[0].inwoner_id, nummer, metingen[0].datum, tuple(m.id for m in metingen), closed.get(nummer))
        for nummer, metingen in enumerate(groups)
    )


def traject_van(history: Sequence[Meting], meting_id: str, afsluitingen: Iterable[Afsluiting] = ()) -> Traject:
    """The traject that meting ``meting_id`` belongs to."""
    for traject in trajecten(history, afsluitingen):
        if meting_id in traject.metingen:
            return traject
    raise BoardError(_("Deze meting hoort niet bij deze inwoner."))


def huidig(history: Sequence[Meting], afsluitingen: Iterable[Afsluiting] = ()) -> Traject | None:
    """The latest traject, open or closed; None before the first 0-meting."""
    found = trajecten(history, afsluitingen)
    return found[-1] if found else None


def nieuwe_nulmeting(history: Sequence[Meting], afsluitingen: Iterable[Afsluiting] = ()) -> bool:
    """True when the next meting is a 0-meting: before the first traject, and after a closed one."""
    laatste = huidig(history, afsluitingen)
    return laatste is None or not laatste.open


def afsluiten(
    history: Sequence[Meting],
    afsluitingen: Iterable[Afsluiting],
    datum: date,
    waarom: Afsluitreden | str,
    moment: datetime,
) -> Afsluiting:
    """Close the inwoner's open traject on ``datum`` for ``waarom``. Refused when there is no
    open traject, when a meting is still a concept (afronden first, or it would be lost from
    the traject), or when ``datum`` lies before the traject's last meting."""
    gekozen = reden(waarom)
    afsluitingen = tuple(afsluitingen)
    laatste = huidig(history, afsluitingen)
    if laatste is None:
        raise BoardError(_("Deze inwoner heeft nog geen traject: dat begint met een 0-meting."))
    if not laatste.open:
        raise BoardError(_("Het traject van deze inwoner is al afgesloten."))
    metingen = [m for m in history if m.id in laatste.metingen]
    if any(not m.afgerond for m in metingen):
        raise BoardError(_("Rond eerst de meting af die nog openstaat; daarna kan het traject worden afgesloten."))
    last = max(metingen, key=lambda m: m.volgnummer)
    if datum < last.datum:
        raise BoardError(_("Het traject kan niet eerder afsluiten dan de laatste meting ({datum}).").format(
            datum=last.datum.isoformat()))
    return Afsluiting(last.inwoner_id, laatste.nummer, datum, gekozen, last.id, moment)


@dataclass(frozen=True)
class Plaats:
    """Where a meting stands: in which traject of the inwoner, and which meting of it."""

    traject: int  # 0 for the inwoner's first traject
    nummer: int  # 0 for its 0-meting, 1 for the first vervolgmeting after it, ...


def plaats(begins: Sequence[int], volgnummer: int) -> Plaats:
    """The place of the meting with ``volgnummer``, given the volgnummers of the inwoner's
    0-metingen (``begins``, ascending: where each traject begins). The numbering restarts with
    every traject; the volgnummer keeps counting over the inwoner's whole history."""
    traject = max(0, bisect_right(begins, volgnummer) - 1)
    return Plaats(traject, volgnummer - (begins[traject] if begins else 0))


def nummer_in_traject(history: Sequence[Meting], meting: Meting) -> int:
    """Which meting of its own traject ``meting`` is (``plaats``); ``history``: the inwoner's
    metingen, with ``meting`` or without."""
    begins = sorted(m.volgnummer for m in history if m.soort is MetingSoort.NULMETING)
    if meting.soort is MetingSoort.NULMETING:
        return 0
    return plaats(begins, meting.volgnummer).nummer


def zelfde_traject(history: Sequence[Meting], eerste: str, tweede: str) -> bool:
    """Whether the metingen with these ids belong to one traject of the inwoner: only those are
    compared (a new traject's 0-meting is a new start, not a step after the old traject's end)."""
    return any(eerste in t.metingen and tweede in t.metingen for t in trajecten(history))


def te_vergelijken(history: Sequence[Meting]) -> list[str]:
    """The ids compared when the history opens: the two latest metingen of the latest traject;
    its 0-meting alone when a new traject has nothing more yet."""
    found = trajecten(history)
    return list(found[-1].metingen[-2:]) if found else []


def kies(history: Sequence[Meting], gekozen: Sequence[str], meting_id: str) -> list[str]:
    """The metingen chosen after a tap on ``meting_id``: a chosen one goes off; another one
    joins (the older of two goes) when it is of the same traject as those chosen, and starts a
    new choice on its own when it is of another traject."""
    if meting_id in gekozen:
        return [c for c in gekozen if c != meting_id]
    blijft = [c for c in gekozen if zelfde_traject(history, c, meting_id)]
    return [*blijft, meting_id][-2:]
