"""The example metingen are valid metingen that show what they are for."""

from __future__ import annotations

from board import MetingSoort, Perspectief
from samples.voorbeeld_bord import volle_vervolgmeting, voorbeeld_nulmeting, voorbeeld_vervolgmeting


def test_the_example_nulmeting_has_fiches_of_all_three_perspectieven() -> None:
    meting = voorbeeld_nulmeting()
    assert meting.soort is MetingSoort.NULMETING and not meting.afgerond
    assert {f.perspectief for f in meting.fiches} == set(Perspectief)
    assert all(meting.positie(key) is not None for key in meting.gekozen)


def test_the_example_vervolgmeting_shows_change_since_the_nulmeting() -> None:
    nul, vervolg = voorbeeld_nulmeting(), voorbeeld_vervolgmeting()
    assert vervolg.soort is MetingSoort.VERVOLGMETING
    assert vervolg.vorige == nul.fiches
    assert vervolg.positie("geld") > vervolg.vorige_positie("geld")
    assert vervolg.positie("geestelijke_gezondheid") < vervolg.vorige_positie("geestelijke_gezondheid")


def test_the_full_board_has_every_bar_three_fiches_and_ghosts() -> None:
    meting = volle_vervolgmeting()
    assert len(meting.gekozen) == len(meting.leefgebieden.keys) == 14
    assert len(meting.fiches) == len(meting.vorige) == 14 * 3
