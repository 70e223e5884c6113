"""A meting's doelen: setting, changing and evaluating them (the part of ``Meting`` about
doelen, in board/meting.py's rules: each operation checks its input and returns a new meting, or
raises a ``BoardError`` and changes nothing).

``MetingDoelen`` is a base class of ``Meting`` with no fields of its own: callers keep writing
``meting.add_doel(...)``; board/meting.py stays about the board itself.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Self

from board.errors import BoardError, melding
from board.grenzen import MAX_DOEL_TEXT, check_nieuw_doel
from board.i18n import _
from board.meting_waarden import Actie, Doel, Evaluatie, checked_acties, checked_enum, new_id
from board.text import clean_text


class MetingDoelen:
    """The doelen of a ``Meting`` (its fields and checks are the meting's own; ``Self`` is the
    meting: this module does not import board/meting.py, which imports it)."""

    if TYPE_CHECKING:
        id: str
        datum: date
        doelen: tuple[Doel, ...]

        def _check_changeable(self) -> None: ...

        def _check_chosen(self, leefgebied: str) -> None: ...

    # ----- reading ----------------------------------------------------------------

    def doel(self, doel_id: str) -> Doel:
        for doel in self.doelen:
            if doel.id == doel_id:
                return doel
        raise BoardError(_("Dit doel bestaat niet (meer) in deze meting."))

    def is_overgenomen(self, doel: Doel) -> bool:
        """A doel carried over from an earlier meting, here to be evaluated."""
        return doel.sinds_meting != self.id

    @property
    def lopende_doelen(self) -> tuple[Doel, ...]:
        """The doelen still worked on (``Doel.loopt``): new here, or carried over and evaluated
        deels or niet behaald; the koelkastblad shows them."""
        return tuple(d for d in self.doelen if d.loopt)

    @property
    def open_evaluaties(self) -> tuple[Doel, ...]:
        return tuple(d for d in self.doelen if self.is_overgenomen(d) and d.evaluatie is None)

    # ----- operations -------------------------------------------------------------

    def add_doel(
        self,
        leefgebied: str,
        tekst: str,
        streefdatum: date | None = None,
        acties: Iterable[Actie] = (),
        doel_id: str | None = None,
    ) -> Self:
        self._check_changeable()
        self._check_chosen(leefgebied)
        check_nieuw_doel(sum(1 for d in self.doelen if not self.is_overgenomen(d)))
        doel = Doel(
            id=doel_id or new_id(),
            leefgebied=leefgebied,
            tekst=clean_text(tekst, melding("Het doel"), MAX_DOEL_TEXT),
            sinds_meting=self.id,
            streefdatum=self._check_streefdatum(streefdatum),
            acties=checked_acties(acties),
        )
        if any(d.id == doel.id for d in self.doelen):
            raise BoardError(_("Er is al een doel met dit kenmerk."))
        return replace(self, doelen=(*self.doelen, doel))

    def edit_doel(
        self,
        doel_id: str,
        *,
        tekst: str | None = None,
        streefdatum: date | None = None,
        clear_streefdatum: bool = False,
        acties: Iterable[Actie] | None = None,
        leefgebied: str | None = None,
    ) -> Self:
        """Change a doel set in this meting. A carried-over doel is only evaluated."""
        self._check_changeable()
        doel = self._own_doel(doel_id)
        if leefgebied is not None:
            self._check_chosen(leefgebied)
        changed = replace(
            doel,
            leefgebied=doel.leefgebied if leefgebied is None else leefgebied,
            tekst=doel.tekst if tekst is None else clean_text(tekst, melding("Het doel"), MAX_DOEL_TEXT),
            streefdatum=None
            if clear_streefdatum
            else (doel.streefdatum if streefdatum is None else self._check_streefdatum(streefdatum)),
            acties=doel.acties if acties is None else checked_acties(acties),
        )
        return replace(self, doelen=tuple(changed if d.id == doel_id else d for d in self.doelen))

    def nieuwe_streefdatum(self, doel_id: str, streefdatum: date) -> Self:
        """A new date for a doel that runs on (``Doel.loopt``), also one carried over whose day
        has passed; its words and acties stay. A doel behaald or vervallen keeps its date."""
        self._check_changeable()
        doel = self.doel(doel_id)
        if not doel.loopt:
            raise BoardError(_("Dit doel is klaar (behaald of vervallen); het krijgt geen nieuwe datum."))
        nieuw = replace(doel, streefdatum=self._check_streefdatum(streefdatum))
        return replace(self, doelen=tuple(nieuw if d.id == doel_id else d for d in self.doelen))

    def remove_doel(self, doel_id: str) -> Self:
        self._check_changeable()
        self._own_doel(doel_id)
        return replace(self, doelen=tuple(d for d in self.doelen if d.id != doel_id))

    def evaluate_doel(self, doel_id: str, evaluatie: Evaluatie | str | None) -> Self:
        """Evaluate a doel carried over from the previous meting (None takes it back). Behaald or
        vervallen, it keeps the streefdatum it came with; a new date given before is set aside
        (``Doel.gekozen_streefdatum``) and comes back when the doel runs on again."""
        self._check_changeable()
        doel = self.doel(doel_id)
        if not self.is_overgenomen(doel):
            raise BoardError(_("Een doel wordt pas bij een volgende meting geëvalueerd."))
        value = None if evaluatie is None else checked_enum(Evaluatie, evaluatie, _("evaluatie"))
        nieuw = replace(doel, evaluatie=value)
        if not nieuw.loopt:  # behaald or vervallen: the date agreed before stays, a new one waits aside
            apart = doel.streefdatum if doel.loopt and doel.nieuwe_datum else doel.gekozen_streefdatum
            nieuw = replace(nieuw, streefdatum=doel.eerdere_streefdatum, gekozen_streefdatum=apart)
        elif not doel.loopt and doel.gekozen_streefdatum is not None:  # runs on again: its new date back
            nieuw = replace(nieuw, streefdatum=doel.gekozen_streefdatum, gekozen_streefdatum=None)
        return replace(self, doelen=tuple(nieuw if d.id == doel_id else d for d in self.doelen))

    # ----- checks -----------------------------------------------------------------

    def _check_streefdatum(self, streefdatum: date | None) -> date | None:
        if streefdatum is None:
            return None
        if not isinstance(streefdatum, date) or isinstance(streefdatum, datetime):
            raise BoardError(_("De streefdatum moet een datum zijn."))
        if streefdatum < self.datum:
            raise BoardError(_("De streefdatum kan niet voor de datum van de meting liggen."))
        return streefdatum

    def _own_doel(self, doel_id: str) -> Doel:
        doel = self.doel(doel_id)
        if self.is_overgenomen(doel):
            raise BoardError(
                _(
                    "Dit doel is van een vorige meting; geef het een evaluatie "
                    "(of 'vervallen') en maak zo nodig een nieuw doel."
                )
            )
        return doel
