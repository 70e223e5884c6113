"""The values a meting is made of: its kinds, a fiche, a doel with its acties.

Each is immutable and checked where it is made; ``board.meting`` builds the meting from them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import Enum, StrEnum
from typing import TypeVar

from board.datums import te_laat
from board.errors import BoardError, melding
from board.grenzen import MAX_ACTIE_TEXT, check_acties
from board.i18n import _
from board.text import clean_text

E = TypeVar("E", bound=Enum)


class MetingSoort(StrEnum):
    NULMETING = "nulmeting"
    VERVOLGMETING = "vervolgmeting"


class Status(StrEnum):
    CONCEPT = "concept"
    AFGEROND = "afgerond"


class Perspectief(StrEnum):
    """Whose view a fiche shows. The inwoner's fiche is the one that counts."""

    INWONER = "inwoner"
    PROFESSIONAL = "professional"
    NAASTE = "naaste"


class Uitvoerder(StrEnum):
    """Who takes an actie."""

    INWONER = "inwoner"
    NETWERK = "netwerk"
    ALGEMENE_VOORZIENING = "algemene voorziening"
    WIJKTEAM = "wijkteam"
    SPECIALISTISCHE_ZORG = "specialistische zorg"


class Evaluatie(StrEnum):
    BEHAALD = "behaald"
    DEELS_BEHAALD = "deels behaald"
    NIET_BEHAALD = "niet behaald"
    VERVALLEN = "vervallen"


PERSPECTIEF_ORDER = {p: i for i, p in enumerate(Perspectief)}


@dataclass(frozen=True)
class Fiche:
    leefgebied: str
    perspectief: Perspectief
    positie: float  # 0.0 = sad smiley, 1.0 = happy smiley; no steps


@dataclass(frozen=True)
class Actie:
    wie: Uitvoerder
    wat: str

    @staticmethod
    def create(wie: Uitvoerder | str, wat: str) -> Actie:
        wie = checked_enum(Uitvoerder, wie, _("wie"))
        return Actie(wie=wie, wat=clean_text(wat, melding("De actie"), MAX_ACTIE_TEXT))


@dataclass(frozen=True)
class Doel:
    """A goal in the inwoner's own words. ``sinds_meting`` is the meting it was set in."""

    id: str
    leefgebied: str
    tekst: str
    sinds_meting: str
    streefdatum: date | None = None
    acties: tuple[Actie, ...] = ()
    evaluatie: Evaluatie | None = None
    # A doel carried over: the streefdatum it came with (the previous meting's). Derived, not
    # stored with this meting (storage reads it from the previous meting's row): not compared.
    eerdere_streefdatum: date | None = field(default=None, compare=False)
    # A new date chosen in this meting and set aside while the doel is behaald or vervallen (which
    # keep the date they came with): it comes back when the doel runs on again. Working memory of
    # the visit: not stored (the row holds the date the doel has), not compared.
    gekozen_streefdatum: date | None = field(default=None, compare=False)

    @property
    def loopt(self) -> bool:
        """Still being worked on: not evaluated yet, or evaluated as deels or niet behaald.
        Behaald is done, vervallen is stopped. A doel that runs is on the koelkastblad
        (``Meting.lopende_doelen``)."""
        return self.evaluatie in LOPEND

    def te_laat(self, vandaag: date) -> bool:
        """Whether the streefdatum has passed on ``vandaag`` and that still matters: only for a
        doel that runs on. Behaald or vervallen, its day is no warning any more (the screen and
        the koelkastblad both ask here)."""
        return self.loopt and self.streefdatum is not None and te_laat(self.streefdatum, vandaag)

    @property
    def nieuwe_datum(self) -> bool:
        """A doel carried over whose streefdatum was moved in this meting ("Nieuwe datum")."""
        return self.streefdatum != self.eerdere_streefdatum


LOPEND = (None, Evaluatie.DEELS_BEHAALD, Evaluatie.NIET_BEHAALD)  # the evaluaties of a doel that runs on


def new_id() -> str:
    return uuid.uuid4().hex


def checked_acties(acties: Iterable[Actie]) -> tuple[Actie, ...]:
    result = tuple(acties)
    check_acties(len(result))
    if not all(isinstance(a, Actie) for a in result):
        raise BoardError(_("Een actie heeft een uitvoerder en een omschrijving."))
    return tuple(Actie.create(a.wie, a.wat) for a in result)


def checked_enum(kind: type[E], value: object, what: str) -> E:
    try:
        return kind(value)
    except ValueError:
        allowed = ", ".join(str(m.value) for m in kind)
        raise BoardError(
            _("Onbekende waarde voor {what}: {value!r}. Kies uit: {allowed}.").format(
                what=what, value=value, allowed=allowed
            )
        ) from None
