"""The operations a touch screen needs: each checks its input, none changes an afgeronde meting."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest

from board import (
    Actie,
    BoardError,
    Evaluatie,
    Meting,
    MetingAfgerondError,
    MetingSoort,
    Perspectief,
    Status,
    UnknownLeefgebiedError,
)
from tests.factories import DAG, afgeronde_nulmeting_met_doelen, nulmeting


def test_a_new_nulmeting_is_an_empty_concept_of_the_default_set() -> None:
    meting = Meting.nulmeting("inw-1", DAG)
    assert meting.soort is MetingSoort.NULMETING and meting.label == "0-meting"
    assert meting.status is Status.CONCEPT
    assert (meting.set_naam, meting.set_versie) == ("volwassenen", 1)
    assert meting.gekozen == () and len(meting.niet_gekozen) == 14


def test_choosing_puts_leefgebieden_on_the_board_in_priority_order() -> None:
    meting = Meting.nulmeting("inw-1", DAG).choose("geld").choose("wonen").choose("zingeving", index=0)
    assert meting.gekozen == ("zingeving", "geld", "wonen")
    assert "geld" not in meting.niet_gekozen and len(meting.niet_gekozen) == 11


def test_choosing_twice_or_an_unknown_leefgebied_is_refused() -> None:
    meting = Meting.nulmeting("inw-1", DAG).choose("geld")
    with pytest.raises(BoardError, match="staat al op het bord"):
        meting.choose("geld")
    with pytest.raises(UnknownLeefgebiedError, match="'ruimtevaart'"):
        meting.choose("ruimtevaart")


def test_unchoosing_removes_its_fiches_and_doelen() -> None:
    meting = nulmeting().place_fiche("geld", "professional", 0.5).add_doel("geld", "Rondkomen", doel_id="g")
    meting = meting.add_doel("wonen", "Opruimen", doel_id="w")
    after = meting.unchoose("geld")
    assert after.gekozen == ("wonen", "zingeving")
    assert after.positie("geld") is None and after.positie("geld", Perspectief.PROFESSIONAL) is None
    assert [d.id for d in after.doelen] == ["w"]


def test_moving_a_leefgebied_changes_only_the_order() -> None:
    meting = nulmeting()
    moved = meting.move_leefgebied("zingeving", 0)
    assert moved.gekozen == ("zingeving", "geld", "wonen")
    assert moved.fiches == meting.fiches
    assert moved.move_down("zingeving").gekozen == ("geld", "zingeving", "wonen")
    assert moved.move_up("zingeving").gekozen == moved.gekozen  # already at the top
    with pytest.raises(BoardError, match="plaats in de volgorde"):
        meting.move_leefgebied("geld", 3)


def test_a_fiche_stays_exactly_where_it_is_put() -> None:
    meting = nulmeting().place_fiche("geld", "inwoner", 0.123456789)
    assert meting.positie("geld") == 0.123456789


@pytest.mark.parametrize("positie, expected", [(-0.4, 0.0), (1.7, 1.0), (0.5, 0.5)])
def test_a_drag_off_the_bar_clamps_to_its_ends(positie: float, expected: float) -> None:
    assert nulmeting().place_fiche("geld", "inwoner", positie, from_drag=True).positie("geld") == expected


@pytest.mark.parametrize("positie", [-0.01, 1.01])
def test_a_position_outside_the_bar_is_an_error_when_not_dragged(positie: float) -> None:
    with pytest.raises(BoardError, match="tussen 0"):
        nulmeting().place_fiche("geld", "inwoner", positie)


@pytest.mark.parametrize("positie", [math.nan, math.inf, -math.inf])
def test_nan_and_infinity_are_errors_even_from_a_drag(positie: float) -> None:
    with pytest.raises(BoardError, match="eindig"):
        nulmeting().place_fiche("geld", "inwoner", positie, from_drag=True)


def test_unknown_perspectief_or_unchosen_leefgebied_is_an_error() -> None:
    with pytest.raises(BoardError, match="perspectief"):
        nulmeting().place_fiche("geld", "buurman", 0.5)
    with pytest.raises(BoardError, match="niet op het bord"):
        nulmeting().place_fiche("werk", "inwoner", 0.5)


def test_three_perspectives_each_have_their_own_fiche() -> None:
    meting = nulmeting().place_fiche("geld", "professional", 0.1).place_fiche("geld", "naaste", 0.9)
    assert [meting.positie("geld", p) for p in Perspectief] == [0.2, 0.1, 0.9]
    assert meting.remove_fiche("geld", "naaste").positie("geld", Perspectief.NAASTE) is None


@pytest.mark.parametrize("cijfer", [0, 11, 5.5, True, "7"])
def test_rapportcijfer_is_a_whole_number_from_1_to_10(cijfer: object) -> None:
    with pytest.raises(BoardError, match="1 tot en met 10"):
        nulmeting().set_rapportcijfer(cijfer)  # type: ignore[arg-type]
    assert nulmeting().set_rapportcijfer(10).rapportcijfer == 10


def test_doel_in_the_inwoners_own_words_with_acties() -> None:
    tekst = "Ik wil weer één keer per week met mijn zus naar de markt, ook als het regent’"
    meting = nulmeting().add_doel(
        "geld", tekst, date(2026, 4, 1), [Actie.create("netwerk", "Zus belt op maandag")], doel_id="d"
    )
    doel = meting.doel("d")
    assert doel.tekst == tekst and doel.streefdatum == date(2026, 4, 1)
    assert [(a.wie.value, a.wat) for a in doel.acties] == [("netwerk", "Zus belt op maandag")]
    edited = meting.edit_doel("d", tekst="Naar de markt", clear_streefdatum=True)
    assert edited.doel("d").tekst == "Naar de markt" and edited.doel("d").streefdatum is None
    assert edited.remove_doel("d").doelen == ()


@pytest.mark.parametrize(
    "tekst, match",
    [("   ", "leeg"), ("x" * 1001, "te lang"), ("a\x00b", "teken"), ("\x1b[2J", "teken")],
)
def test_bad_doel_text_is_refused(tekst: str, match: str) -> None:
    with pytest.raises(BoardError, match=match):
        nulmeting().add_doel("geld", tekst)


def test_acties_need_a_known_uitvoerder() -> None:
    with pytest.raises(BoardError, match="wie"):
        Actie.create("de buren", "helpen")


def test_a_streefdatum_before_the_meting_is_refused() -> None:
    with pytest.raises(BoardError, match="streefdatum"):
        nulmeting().add_doel("geld", "Rondkomen", date(2025, 12, 31))


def test_afronden_needs_the_inwoners_fiche_on_every_chosen_leefgebied() -> None:
    meting = nulmeting().choose("werk")
    with pytest.raises(BoardError, match="Werk"):
        meting.afronden(datetime(2026, 1, 12, 12))
    with pytest.raises(BoardError, match="minstens één"):
        Meting.nulmeting("i", DAG).afronden(datetime(2026, 1, 12, 12))


def test_every_operation_on_an_afgeronde_meting_is_an_error() -> None:
    meting = afgeronde_nulmeting_met_doelen()
    operations = [
        lambda m: m.choose("werk"),
        lambda m: m.unchoose("geld"),
        lambda m: m.move_leefgebied("geld", 1),
        lambda m: m.place_fiche("geld", "inwoner", 0.5),
        lambda m: m.remove_fiche("geld", "inwoner"),
        lambda m: m.set_rapportcijfer(7),
        lambda m: m.set_volgende_meting(date(2026, 6, 1)),
        lambda m: m.add_doel("geld", "Nog een doel"),
        lambda m: m.edit_doel("d1", tekst="anders"),
        lambda m: m.remove_doel("d1"),
        lambda m: m.evaluate_doel("d1", "behaald"),
        lambda m: m.nieuwe_streefdatum("d1", date(2026, 6, 1)),
        lambda m: m.afronden(datetime(2026, 2, 1)),
    ]
    for operation in operations:
        with pytest.raises(MetingAfgerondError):
            operation(meting)


def test_a_vervolgmeting_starts_from_the_previous_one() -> None:
    vorige = afgeronde_nulmeting_met_doelen()
    vervolg = vorige.vervolg(date(2026, 4, 20), meting_id="m1")
    assert vervolg.soort is MetingSoort.VERVOLGMETING and vervolg.label == "vervolgmeting 1"
    assert vervolg.gekozen == vorige.gekozen
    assert vervolg.fiches == () and vervolg.vorige == vorige.fiches
    assert vervolg.vorige_positie("geld") == 0.2 and vervolg.vorige_meting_id == "m0"
    assert [d.id for d in vervolg.open_evaluaties] == ["d1", "d2", "d3"]


def test_only_a_bar_with_last_times_fiche_is_to_be_placed_again() -> None:
    """The board's hint about the light fiches: a ghost without the inwoner's fiche, not a new bar."""
    vervolg = afgeronde_nulmeting_met_doelen().vervolg(date(2026, 4, 20), meting_id="m1")
    ghosts = tuple(k for k in vervolg.gekozen if vervolg.vorige_positie(k) is not None)
    assert ghosts and vervolg.opnieuw_te_zetten == ghosts
    nieuw = next(k for k in vervolg.niet_gekozen if vervolg.vorige_positie(k) is None)
    placed = vervolg
    for key in ghosts:
        placed = placed.place_fiche(key, Perspectief.INWONER, 0.5)
    assert placed.opnieuw_te_zetten == ()
    met_nieuw = placed.choose(nieuw)
    assert met_nieuw.zonder_fiche == (nieuw,) and met_nieuw.opnieuw_te_zetten == ()
    assert vervolg.choose(nieuw).opnieuw_te_zetten == ghosts  # the ghosts still say it, the new bar adds nothing


def test_carried_over_doelen_are_evaluated_not_edited() -> None:
    vervolg = afgeronde_nulmeting_met_doelen().vervolg(date(2026, 4, 20))
    with pytest.raises(BoardError, match="evaluatie"):
        vervolg.edit_doel("d1", tekst="anders")
    with pytest.raises(BoardError, match="evaluatie"):
        vervolg.remove_doel("d1")
    evaluated = vervolg.evaluate_doel("d1", Evaluatie.BEHAALD)
    assert evaluated.doel("d1").evaluatie is Evaluatie.BEHAALD
    with pytest.raises(BoardError, match="volgende meting"):
        nulmeting().add_doel("geld", "x", doel_id="n").evaluate_doel("n", "behaald")


def test_a_doel_that_runs_on_gets_a_new_streefdatum_its_words_and_acties_stay() -> None:
    """d1 was due on 1 March; at the vervolgmeting of 20 April that day has passed."""
    vorige = afgeronde_nulmeting_met_doelen()
    vervolg = vorige.vervolg(date(2026, 4, 20))
    verzet = vervolg.evaluate_doel("d1", "deels behaald").nieuwe_streefdatum("d1", date(2026, 7, 20))
    assert verzet.doel("d1").streefdatum == date(2026, 7, 20)
    assert verzet.doel("d1").tekst == vorige.doel("d1").tekst and verzet.doel("d1").acties == vorige.doel("d1").acties
    assert vorige.doel("d1").streefdatum == date(2026, 3, 1)  # the afgeronde meting keeps its own
    klaar = verzet.evaluate_doel("d2", "behaald").evaluate_doel("d3", "vervallen")
    for key in klaar.gekozen:
        klaar = klaar.place_fiche(key, "inwoner", 0.5)
    volgende = klaar.afronden(datetime(2026, 4, 20, 12)).vervolg(date(2026, 8, 1))
    assert volgende.doel("d1").streefdatum == date(2026, 7, 20)  # and it carries on
    with pytest.raises(BoardError, match="streefdatum"):
        vervolg.nieuwe_streefdatum("d1", date(2026, 4, 19))  # before this meting
    with pytest.raises(BoardError, match="klaar"):
        vervolg.evaluate_doel("d2", "behaald").nieuwe_streefdatum("d2", date(2026, 7, 20))


def test_afronden_a_vervolgmeting_needs_every_carried_doel_evaluated() -> None:
    vervolg = afgeronde_nulmeting_met_doelen().vervolg(date(2026, 4, 20))
    for key in vervolg.gekozen:
        vervolg = vervolg.place_fiche(key, "inwoner", 0.5)
    with pytest.raises(BoardError, match="3 doel"):
        vervolg.afronden(datetime(2026, 4, 20, 12))
    for doel_id in ("d1", "d2", "d3"):
        vervolg = vervolg.evaluate_doel(doel_id, "deels behaald")
    assert vervolg.afronden(datetime(2026, 4, 20, 12)).afgerond


def test_only_an_afgeronde_meting_has_a_vervolg() -> None:
    with pytest.raises(BoardError, match="afgerond"):
        nulmeting().vervolg(date(2026, 4, 1))


def test_doelen_are_suggested_for_the_leefgebieden_low_on_the_bar_first() -> None:
    meting = nulmeting({"wonen": 0.9, "geld": 0.1, "zingeving": 0.5}).choose("werk")
    assert meting.suggested_for_doelen() == ("geld", "zingeving", "wonen", "werk")


def test_positions_can_be_read_with_the_perspectief_as_text() -> None:
    meting = nulmeting().place_fiche("geld", "professional", 0.3)
    assert meting.positie("geld", "professional") == 0.3  # type: ignore[arg-type]


def test_afronden_names_each_missing_leefgebied_apart_also_when_a_name_holds_commas() -> None:
    meting = nulmeting({"geld": 0.3}).choose("verslaving").choose("wonen")
    with pytest.raises(BoardError) as refused:
        meting.afronden(datetime(2026, 1, 12, 10, 0))
    naam = meting.leefgebieden["verslaving"].naam
    assert "," in naam  # "Alcohol, drugs, gamen en gokken"
    assert str(refused.value) == f"Zet eerst de fiche van de inwoner op: {naam}; Wonen."
