"""Comparing two metingen of one inwoner: what got better, what got worse, at a glance."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from board.errors import BoardError
from board.i18n import _, current_language
from board.i18n import ngettext as _ngettext
from board.meting import Meting
from board.meting_waarden import Evaluatie, Perspectief
from board.taal import Vertaler, vertaler

# A change smaller than this share of the bar counts as "gelijk". One twentieth of the
# bar is about the width of a fiche on a tablet: a smaller shift is where the finger
# happened to land, not a different answer.
GELIJK_DREMPEL = 0.05


class Richting(StrEnum):
    BETER = "beter"
    GELIJK = "gelijk"
    SLECHTER = "slechter"


@dataclass(frozen=True)
class LeefgebiedVergelijking:
    leefgebied: str
    oud: float
    nieuw: float

    @property
    def verschil(self) -> float:
        return self.nieuw - self.oud

    @property
    def richting(self) -> Richting:
        return richting(self.oud, self.nieuw)


@dataclass(frozen=True)
class Vergelijking:
    oud: Meting
    nieuw: Meting
    leefgebieden: tuple[LeefgebiedVergelijking, ...]  # in the new meting's priority order
    toegevoegd: tuple[str, ...]
    vervallen: tuple[str, ...]
    evaluaties: tuple[tuple[str, Evaluatie], ...]  # (doel id, evaluatie) of the carried doelen
    open_doelen: int = 0  # carried doelen whose evaluation is still to choose (a concept meting)

    def count(self, which: Richting) -> int:
        return sum(1 for lg in self.leefgebieden if lg.richting is which)

    def count_evaluatie(self, which: Evaluatie) -> int:
        return sum(1 for _doel, evaluatie in self.evaluaties if evaluatie is which)

    @property
    def zin(self) -> str:
        """One plain sentence (in the UI language) that says it at a glance."""
        return self.zin_in(None)

    def zin_in(self, tr: Vertaler | None) -> str:
        """The sentence in the inwoner's language (``tr``; None: the UI language). Every
        message of this module is one the inwoner reads: tests/test_talen.py checks them."""
        gettext = tr.gettext if tr is not None else _
        ngettext = tr.ngettext if tr is not None else _ngettext
        parts: list[str] = []
        total = len(self.leefgebieden)
        if total:
            parts.append(_leefgebieden_zin(ngettext, total, self.count(Richting.BETER), self.count(Richting.SLECHTER)))
        if self.toegevoegd:  # on the board now, not last time: said, not silently left out of the count
            parts.append(ngettext("{n} leefgebied is nieuw", "{n} leefgebieden zijn nieuw",
                                  len(self.toegevoegd)).format(n=len(self.toegevoegd)))
        telt = [e for _doel, e in self.evaluaties if e is not Evaluatie.VERVALLEN]
        # Counted of all the doelen from before (vervallen aside), those still to choose too:
        # one evaluated of three is "1 of 3", not "the doel" (the sentence shows before afronden).
        total = len(telt) + self.open_doelen
        if telt and (zin := _doelen_zin(gettext, ngettext, total, self.count_evaluatie(Evaluatie.BEHAALD),
                                        self.count_evaluatie(Evaluatie.DEELS_BEHAALD), self.open_doelen)):
            parts.append(zin)
        if self.open_doelen:
            parts.append(_doelen_open(ngettext, total, self.open_doelen))
        if vervallen := self.count_evaluatie(Evaluatie.VERVALLEN):  # said: not silently left out of the count
            parts.append(ngettext("{n} doel is vervallen", "{n} doelen zijn vervallen", vervallen).format(n=vervallen))
        if not parts:
            return gettext("Er is nog niets om te vergelijken.")
        tr = tr or vertaler(current_language())
        return tr.hoofdletter(tr.opsomming(parts) + tr.taal.punt)


def richting(oud: float, nieuw: float) -> Richting:
    # Rounded first: 0.25 - 0.20 is 0.04999999999999999 in floats, and a shift of exactly
    # the threshold must count the same wherever it lies on the bar (and in SQL).
    verschil = round(nieuw - oud, 9)
    if verschil >= GELIJK_DREMPEL:
        return Richting.BETER
    if -verschil >= GELIJK_DREMPEL:
        return Richting.SLECHTER
    return Richting.GELIJK


def vergelijk(oud: Meting, nieuw: Meting, perspectief: Perspectief = Perspectief.INWONER) -> Vergelijking:
    """Compare an earlier and a later meting of the same inwoner."""
    if oud.inwoner_id != nieuw.inwoner_id:
        raise BoardError(_("Alleen metingen van dezelfde inwoner kunnen worden vergeleken."))
    if (oud.datum, oud.volgnummer) > (nieuw.datum, nieuw.volgnummer):
        oud, nieuw = nieuw, oud
    rows = []
    for key in nieuw.gekozen:
        before, after = oud.positie(key, perspectief), nieuw.positie(key, perspectief)
        if before is not None and after is not None:
            rows.append(LeefgebiedVergelijking(key, before, after))
    oud_doelen = {d.id for d in oud.doelen}
    evaluaties = tuple(
        (d.id, d.evaluatie) for d in nieuw.doelen if d.id in oud_doelen and d.evaluatie is not None
    )
    open_doelen = sum(1 for d in nieuw.doelen if d.id in oud_doelen and d.evaluatie is None)
    return Vergelijking(
        oud=oud,
        nieuw=nieuw,
        leefgebieden=tuple(rows),
        toegevoegd=tuple(k for k in nieuw.gekozen if k not in oud.gekozen),
        vervallen=tuple(k for k in oud.gekozen if k not in nieuw.gekozen),
        evaluaties=evaluaties,
        open_doelen=open_doelen,
    )


def _leefgebieden_zin(ngettext: Callable[[str, str, int], str], total: int, beter: int, slechter: int) -> str:
    """How the leefgebieden went, as one clause; whole clauses so a translation can reorder them.
    Never "op 0 van de ..." nor "op 1 van de 1 ...": none, one and all have words of their own."""
    if beter == 0 and slechter == 0:
        return ngettext(
            "op het ene leefgebied is het ongeveer gelijk gebleven",
            "op alle {total} leefgebieden is het ongeveer gelijk gebleven",
            total,
        ).format(total=total)
    if beter == total:
        return ngettext(
            "op het ene leefgebied gaat het beter", "op alle {total} leefgebieden gaat het beter", total
        ).format(total=total)
    if slechter == total:
        return ngettext(
            "op het ene leefgebied gaat het slechter", "op alle {total} leefgebieden gaat het slechter", total
        ).format(total=total)
    if beter == 0:
        return ngettext(
            "op {slechter} van de {total} leefgebied gaat het slechter",
            "op {slechter} van de {total} leefgebieden gaat het slechter",
            total,
        ).format(slechter=slechter, total=total)
    if slechter:
        return ngettext(
            "op {beter} van de {total} leefgebied gaat het beter, op {slechter} slechter",
            "op {beter} van de {total} leefgebieden gaat het beter, op {slechter} slechter",
            total,
        ).format(beter=beter, total=total, slechter=slechter)
    return ngettext(
        "op {beter} van de {total} leefgebied gaat het beter",
        "op {beter} van de {total} leefgebieden gaat het beter",
        total,
    ).format(beter=beter, total=total)


def _doelen_zin(
    _: Callable[[str], str], ngettext: Callable[[str, str, int], str], total: int, behaald: int, deels: int,
    open_doelen: int = 0,
) -> str:
    """How the doelen went, in words: vervallen doelen do not count; counted of all ``total``,
    also those still to choose (``open_doelen``: then "none behaald" is not said yet, "" instead)."""
    if total == 1:
        if behaald:
            return _("het doel is behaald")
        return _("het doel is deels behaald") if deels else _("het doel is nog niet behaald")
    if behaald and deels:
        return ngettext(
            "{behaald} van de {total} doelen is behaald, {deels} deels",
            "{behaald} van de {total} doelen zijn behaald, {deels} deels",
            behaald,
        ).format(behaald=behaald, total=total, deels=deels)
    if behaald:
        return ngettext(
            "{behaald} van de {total} doelen is behaald", "{behaald} van de {total} doelen zijn behaald", behaald
        ).format(behaald=behaald, total=total)
    if deels:
        return ngettext(
            "{deels} van de {total} doelen is deels behaald",
            "{deels} van de {total} doelen zijn deels behaald",
            deels,
        ).format(deels=deels, total=total)
    return "" if open_doelen else _("geen van de {total} doelen is behaald").format(total=total)


def _doelen_open(ngettext: Callable[[str, str, int], str], total: int, open_doelen: int) -> str:
    """How many doelen from before still wait for "how did it go"."""
    if open_doelen == total:
        return ngettext(
            "bij het doel is nog niet gekozen hoe het ging",
            "bij de {total} doelen is nog niet gekozen hoe het ging",
            total,
        ).format(total=total)
    return ngettext(
        "bij {open} van de {total} doelen is nog niet gekozen hoe het ging",
        "bij {open} van de {total} doelen is nog niet gekozen hoe het ging",
        open_doelen,
    ).format(open=open_doelen, total=total)
