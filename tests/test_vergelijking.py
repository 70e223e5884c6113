"""The comparison of two metingen, and the one sentence that says it at a glance."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from board import GELIJK_DREMPEL, BoardError, Meting, Richting, vergelijk
from board.vergelijking import richting
from tests.factories import afgeronde_nulmeting_met_doelen, nulmeting


def vervolg_with(posities: dict[str, float], evaluaties: dict[str, str]) -> Meting:
    vervolg = afgeronde_nulmeting_met_doelen().vervolg(date(2026, 4, 20), meting_id="m1")
    for key in vervolg.gekozen:
        if key not in posities:
            vervolg = vervolg.unchoose(key)
    for key, positie in posities.items():
        if key not in vervolg.gekozen:
            vervolg = vervolg.choose(key)
        vervolg = vervolg.place_fiche(key, "inwoner", positie)
    for doel_id, evaluatie in evaluaties.items():
        vervolg = vervolg.evaluate_doel(doel_id, evaluatie)
    return vervolg


def test_per_leefgebied_positions_change_and_direction() -> None:
    oud = afgeronde_nulmeting_met_doelen()  # geld 0.2, wonen 0.6, zingeving 0.4
    nieuw = vervolg_with({"geld": 0.5, "wonen": 0.62, "zingeving": 0.1}, {})
    result = vergelijk(oud, nieuw)
    rows = {r.leefgebied: r for r in result.leefgebieden}
    assert rows["geld"].oud == 0.2 and rows["geld"].nieuw == 0.5
    assert rows["geld"].verschil == pytest.approx(0.3)
    assert [rows[k].richting for k in ("geld", "wonen", "zingeving")] == [
        Richting.BETER,
        Richting.GELIJK,
        Richting.SLECHTER,
    ]


def test_the_threshold_is_one_documented_number() -> None:
    oud = afgeronde_nulmeting_met_doelen()
    just_over = vervolg_with({"geld": 0.2 + GELIJK_DREMPEL + 1e-9, "wonen": 0.6, "zingeving": 0.4}, {})
    just_under = vervolg_with({"geld": 0.2 + GELIJK_DREMPEL * 0.9, "wonen": 0.6, "zingeving": 0.4}, {})
    assert vergelijk(oud, just_over).leefgebieden[0].richting is Richting.BETER
    assert vergelijk(oud, just_under).leefgebieden[0].richting is Richting.GELIJK


def test_added_and_dropped_leefgebieden() -> None:
    result = vergelijk(afgeronde_nulmeting_met_doelen(), vervolg_with({"geld": 0.3, "werk": 0.5}, {}))
    assert result.toegevoegd == ("werk",) and set(result.vervallen) == {"wonen", "zingeving"}
    assert [r.leefgebied for r in result.leefgebieden] == ["geld"]


def test_the_sentence_says_it_at_a_glance() -> None:
    oud = afgeronde_nulmeting_met_doelen()
    nieuw = vervolg_with(
        {"geld": 0.5, "wonen": 0.9, "zingeving": 0.1},
        {"d1": "behaald", "d2": "behaald", "d3": "niet behaald"},
    )
    assert vergelijk(oud, nieuw).zin == (
        "Op 2 van de 3 leefgebieden gaat het beter, op 1 slechter; 2 van de 3 doelen zijn behaald."
    )


def test_the_sentence_for_no_change_and_one_doel() -> None:
    oud = afgeronde_nulmeting_met_doelen()
    nieuw = vervolg_with({"geld": 0.2, "wonen": 0.6, "zingeving": 0.4},
                         {"d1": "deels behaald", "d2": "vervallen", "d3": "vervallen"})
    assert vergelijk(oud, nieuw).zin == (
        "Op alle 3 leefgebieden is het ongeveer gelijk gebleven; het doel is deels behaald; "
        "2 doelen zijn vervallen."  # said: why "het doel" where there were 3 (an outside walk)
    )
    alle = vervolg_with({"geld": 0.2, "wonen": 0.6, "zingeving": 0.4},
                        {"d1": "vervallen", "d2": "vervallen", "d3": "vervallen"})
    assert vergelijk(oud, alle).zin == (
        "Op alle 3 leefgebieden is het ongeveer gelijk gebleven; 3 doelen zijn vervallen."
    )


def test_doelen_still_to_choose_are_counted_not_left_out() -> None:
    """Before afronden the sentence shows with doelen not yet rated: one rated of three is
    "1 of 3" (it said "het doel is deels behaald", as if there were one)."""
    nieuw = vervolg_with({"geld": 0.2, "wonen": 0.6, "zingeving": 0.4}, {"d1": "deels behaald"})
    assert vergelijk(afgeronde_nulmeting_met_doelen(), nieuw).zin == (
        "Op alle 3 leefgebieden is het ongeveer gelijk gebleven; 1 van de 3 doelen is deels behaald; "
        "bij 2 van de 3 doelen is nog niet gekozen hoe het ging."
    )
    niet = vervolg_with({"geld": 0.2, "wonen": 0.6, "zingeving": 0.4}, {"d1": "niet behaald", "d2": "vervallen"})
    assert vergelijk(afgeronde_nulmeting_met_doelen(), niet).zin == (  # no "geen behaald" while one may be
        "Op alle 3 leefgebieden is het ongeveer gelijk gebleven; "
        "bij 1 van de 2 doelen is nog niet gekozen hoe het ging; 1 doel is vervallen."
    )
    geen = vervolg_with({"geld": 0.2, "wonen": 0.6, "zingeving": 0.4}, {})
    assert vergelijk(afgeronde_nulmeting_met_doelen(), geen).zin.endswith(
        "; bij de 3 doelen is nog niet gekozen hoe het ging.")


def test_order_of_arguments_does_not_matter_but_inwoner_does() -> None:
    oud = afgeronde_nulmeting_met_doelen()
    nieuw = vervolg_with({"geld": 0.5, "wonen": 0.6, "zingeving": 0.4}, {})
    assert vergelijk(nieuw, oud).zin == vergelijk(oud, nieuw).zin
    with pytest.raises(BoardError, match="dezelfde inwoner"):
        vergelijk(oud, nulmeting(inwoner_id="iemand-anders").afronden(datetime(2026, 1, 12, 12)))


def test_a_shift_of_exactly_the_threshold_counts_the_same_anywhere_on_the_bar():
    # In floats 0.25 - 0.20 < 0.05 but 0.75 - 0.70 > 0.05; both are a shift of 5%.
    assert {richting(a / 1000, (a + 50) / 1000) for a in range(0, 951)} == {Richting.BETER}
    assert {richting((a + 50) / 1000, a / 1000) for a in range(0, 951)} == {Richting.SLECHTER}
    assert {richting(a / 1000, (a + 49) / 1000) for a in range(0, 952)} == {Richting.GELIJK}


@pytest.mark.parametrize(
    "evaluaties, expected",
    [
        ({"d1": "deels behaald", "d2": "deels behaald", "d3": "niet behaald"}, "2 van de 3 doelen zijn deels behaald."),
        ({"d1": "niet behaald", "d2": "niet behaald", "d3": "vervallen"},
         "geen van de 2 doelen is behaald; 1 doel is vervallen."),
        ({"d1": "behaald", "d2": "deels behaald", "d3": "niet behaald"}, "1 van de 3 doelen is behaald, 1 deels."),
    ],
)
def test_the_doelen_part_reads_naturally(evaluaties: dict[str, str], expected: str) -> None:
    nieuw = vervolg_with({"geld": 0.2, "wonen": 0.6, "zingeving": 0.4}, evaluaties)
    assert vergelijk(afgeronde_nulmeting_met_doelen(), nieuw).zin.endswith("; " + expected)


def test_the_sentence_says_how_many_leefgebieden_are_new() -> None:
    """'Op 1 van de 6' with 7 bars on the board left the new one unsaid."""
    from datetime import date, datetime

    from board import Meting

    nul = Meting.nulmeting("i", date(2026, 1, 1))
    keys = ("geld", "wonen", "werk", "leren", "zingeving", "huishouden")
    for key in keys:
        nul = nul.choose(key).place_fiche(key, "inwoner", 0.5)
    vervolg = nul.afronden(datetime(2026, 1, 1, 12)).vervolg(date(2026, 6, 1))
    vervolg = vervolg.place_fiche("geld", "inwoner", 0.9)
    for key in keys[1:]:
        vervolg = vervolg.place_fiche(key, "inwoner", 0.5)
    vervolg = vervolg.choose("justitie").place_fiche("justitie", "inwoner", 0.4)
    assert len(vervolg.gekozen) == 7
    zin = vergelijk(nul, vervolg).zin
    assert zin == "Op 1 van de 6 leefgebieden gaat het beter; 1 leefgebied is nieuw."


@pytest.mark.parametrize("taal, puntkomma, punt", [("nl", ";", "."), ("ar", "\u061b", "."), ("ti", "\u1364", "\u1362")])
def test_the_clauses_are_joined_with_the_scripts_own_semicolon(taal: str, puntkomma: str, punt: str) -> None:
    """Arabic writes "؛", Tigrinya "፤" and ends with "።": the sentence the afronden screen shows."""
    from board.taal import vertaler

    nieuw = vervolg_with({"geld": 0.2, "wonen": 0.6, "zingeving": 0.4}, {"d1": "behaald", "d2": "niet behaald",
                                                                             "d3": "vervallen"})
    zin = vergelijk(afgeronde_nulmeting_met_doelen(), nieuw).zin_in(vertaler(taal))
    assert zin.count(puntkomma) == 2 and zin.endswith(punt), zin  # 3 clauses: leefgebieden, behaald, vervallen
    assert taal == "nl" or ";" not in zin
