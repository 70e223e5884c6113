"""How the board looks, as data shared by the widget and the snapshot export.

Colours are from the Okabe-Ito palette (safe for every common colour-blindness), and each
perspectief also has its own shape, so a fiche is recognisable without colour at all.
Colours are RGB tuples of 0-255.
"""

from __future__ import annotations

from dataclasses import dataclass

from board.i18n import N_
from board.meting import Evaluatie, Perspectief, Uitvoerder
from board.taal import Vertaler

RGB = tuple[int, int, int]


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

ACHTERGROND: RGB = (250, 248, 243)
BALK: RGB = (222, 218, 208)
BALK_RAND: RGB = (170, 165, 155)
TEKST: RGB = (40, 40, 40)
PIJL: RGB = (90, 90, 90)
GHOST_ALPHA = 0.35  # how faint the previous meting's fiches are

# The monitor's charts (the same as the PDF report's): better in the inwoner's blue, worse
# in Okabe-Ito vermillion, so they stay apart for every common colour-blindness.
BETER: RGB = (0, 114, 178)
SLECHTER: RGB = (213, 94, 0)
ZACHT: RGB = (115, 115, 115)


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
