"""How the board looks, as data shared by the widget and the snapshot export.

Colours (``board.kleuren``) are from the Okabe-Ito palette (safe for every common colour-blindness), and each
perspectief also has its own shape, so a fiche is recognisable without colour at all.
Colours are RGB tuples of 0-255.
"""

from __future__ import annotations

from dataclasses import dataclass

from board.i18n import N_
from board.kleuren import (  # noqa: F401 - the colours are read as weergave.TEKST etc.
    ACHTERGROND,
    BALK,
    BALK_RAND,
    BETER,
    GHOST_ALPHA,
    PIJL,
    RGB,
    SLECHTER,
    TEKST,
    ZACHT,
)
from board.meting_waarden import Evaluatie, Perspectief, Uitvoerder
from board.taal import Vertaler


@dataclass(frozen=True)
class FicheStijl:
    kleur: RGB
    vorm: str  # "cirkel", "vierkant" or "ruit"
    label: str


FICHE_STIJL: dict[Perspectief, FicheStijl] = {
    Perspectief.INWONER: FicheStijl(kleur=(0, 114, 178), vorm="cirkel", label=N_("Inwoner")),
    Perspectief.PROFESSIONAL: FicheStijl(kleur=(230, 159, 0), vorm="vierkant", label=N_("Professional")),
    Perspectief.NAASTE: FicheStijl(kleur=(0, 158, 115), vorm="ruit", label=N_("Naaste")),
}



def perspectief_naam(perspectief: Perspectief, tr: Vertaler) -> str:
    """Whose fiche, in the inwoner's language (the switch on the board, the snapshot's legend)."""
    namen = {
        Perspectief.INWONER: tr.pgettext("inwoner", "Inwoner"),
        Perspectief.PROFESSIONAL: tr.pgettext("inwoner", "Professional"),
        Perspectief.NAASTE: tr.pgettext("inwoner", "Naaste"),
    }
    return namen[Perspectief(perspectief)]


def evaluatie_naam(evaluatie: Evaluatie, tr: Vertaler) -> str:
    """How a doel went, in the inwoner's language (doelen screen)."""
    namen = {
        Evaluatie.BEHAALD: tr.pgettext("inwoner", "Behaald"),
        Evaluatie.DEELS_BEHAALD: tr.pgettext("inwoner", "Deels behaald"),
        Evaluatie.NIET_BEHAALD: tr.pgettext("inwoner", "Niet behaald"),
        Evaluatie.VERVALLEN: tr.pgettext("inwoner", "Vervallen"),
    }
    return namen[Evaluatie(evaluatie)]


def uitvoerder_naam(wie: Uitvoerder, tr: Vertaler) -> str:
    """Who takes an actie, in the inwoner's language (doelen screen, koelkastblad)."""
    namen = {
        Uitvoerder.INWONER: tr.pgettext("inwoner", "Ik zelf"),
        Uitvoerder.NETWERK: tr.pgettext("inwoner", "Familie of vrienden"),
        Uitvoerder.ALGEMENE_VOORZIENING: tr.pgettext("inwoner", "Een organisatie in de wijk"),
        Uitvoerder.WIJKTEAM: tr.pgettext("inwoner", "Het wijkteam"),
        Uitvoerder.SPECIALISTISCHE_ZORG: tr.pgettext("inwoner", "Een zorgverlener"),
    }
    return namen[Uitvoerder(wie)]
