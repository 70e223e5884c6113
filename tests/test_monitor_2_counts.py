from __future__ import annotations

import pytest

from board import BoardError, Evaluatie, MetingSoort
from board.monitor_1_record import DoelUitkomst, LeefgebiedScore, MonitorRecord
from board.monitor_2_counts import ALLE, Periode, kwartaal, positie_bin, tel

P = Periode("2026-01", "2026-12")


def rec(who, maand, volg, wijk="Noord", scores=(("geld", 0.2),), cijfer=None, doelen=(), rid=None):
    return MonitorRecord(
        record_id=rid or f"{who}-{volg}",
        pseudoniem=who,
        wijk=wijk,
        maand=maand,
        soort=MetingSoort.NULMETING if volg == 0 else MetingSoort.VERVOLGMETING,
        volgnummer=volg,
        set_naam="volwassenen",
        set_versie=1,
        leefgebieden=tuple(LeefgebiedScore(k, i, p) for i, (k, p) in enumerate(scores, start=1)),
        rapportcijfer=cijfer,
        doelen=tuple(DoelUitkomst(k, e) for k, e in doelen),
    )


def test_counts_inwoners_metingen_and_deduplicates():
    records = [rec("a", "2026-01", 0), rec("a", "2026-04", 1), rec("a", "2026-04", 1), rec("b", "2026-02", 0)]
    t = tel(records, P)
    assert t.aantallen[("overzicht", "Noord", ALLE, "inwoners")] == (2, 2)
    assert t.aantallen[("overzicht", "Noord", ALLE, "metingen")] == (3, 2)  # the duplicate stored once
    assert t.aantallen[("overzicht", "Noord", ALLE, "vervolgmeting")] == (1, 1)


def test_an_inwoner_belongs_to_the_wijk_of_the_latest_record_in_the_period():
    records = [rec("a", "2026-01", 0, wijk="Noord"), rec("a", "2026-05", 1, wijk="Zuid")]
    t = tel(records, P)
    assert t.wijken == ("Zuid",)
    assert t.aantallen[("overzicht", "Zuid", ALLE, "metingen")] == (2, 1)


def test_change_uses_the_apps_threshold_and_the_latest_vervolgmeting():
    records = [
        rec("a", "2025-11", 0, scores=(("geld", 0.20), ("wonen", 0.5), ("werk", 0.7))),
        rec("a", "2026-02", 1, scores=(("geld", 0.9), ("wonen", 0.9))),
        rec("a", "2026-06", 2, scores=(("geld", 0.24), ("wonen", 0.44), ("werk", 0.9))),
    ]
    t = tel(records, P)  # the 0-meting lies before the period and still counts as the start
    assert t.aantallen[("verandering", "Noord", "geld", "gelijk")] == (1, 1)  # +0.04 < 0.05
    assert t.aantallen[("verandering", "Noord", "wonen", "slechter")] == (1, 1)
    assert t.aantallen[("verandering", "Noord", "werk", "beter")] == (1, 1)
    assert t.verdelingen[("verandering", "Noord", "werk", "verschil")] == {0.2: 1}
    assert ("posities", "Noord", "geld", "1") not in t.aantallen  # 0-meting outside the period


def test_positions_at_the_0_meting_in_fifths():
    assert [positie_bin(p) for p in (0.0, 0.19, 0.2, 0.5, 0.99, 1.0)] == ["1", "1", "2", "3", "5", "5"]
    t = tel([rec("a", "2026-03", 0, scores=(("geld", 0.1), ("wonen", 1.0)))], P)
    assert t.aantallen[("posities", "Noord", "geld", "1")] == (1, 1)
    assert t.aantallen[("posities", "Noord", "wonen", "5")] == (1, 1)


def test_doelen_count_doelen_but_know_their_inwoners():
    doelen = (("geld", Evaluatie.BEHAALD), ("geld", Evaluatie.BEHAALD), ("geld", None))
    t = tel([rec("a", "2026-01", 0), rec("a", "2026-05", 1, doelen=doelen)], P)
    assert t.aantallen[("doelen", "Noord", "geld", "behaald")] == (2, 1)
    assert t.aantallen[("doelen", "Noord", "geld", "totaal")] == (2, 1)  # a new doel is not evaluated


def test_rapportcijfer_and_trend_per_quarter():
    records = [rec("a", "2026-01", 0, cijfer=4), rec("a", "2026-05", 1, cijfer=7, scores=(("geld", 0.5),))]
    t = tel(records, P)
    assert t.aantallen[("rapportcijfer", "Noord", ALLE, "hoger")] == (1, 1)
    assert t.verdelingen[("rapportcijfer", "Noord", ALLE, "verschil")] == {3: 1}
    assert t.kwartalen == ("2026 K1", "2026 K2", "2026 K3", "2026 K4")
    assert t.aantallen[("trend", "Noord", "2026 K1", "inwoners")] == (1, 1)
    assert t.aantallen[("trend", "Noord", "2026 K2", "beter")] == (1, 1)
    assert ("trend", "Noord", "2026 K1", "beter") not in t.aantallen


def test_records_outside_the_period_or_of_another_set_are_left_out():
    other = rec("b", "2026-03", 0)
    other = MonitorRecord(**{**other.__dict__, "set_naam": "jeugd"})
    t = tel([rec("a", "2027-01", 0), other], P)
    assert t.wijken == () and t.aantallen == {}


def test_periode_checks_and_quarters():
    assert kwartaal("2026-04") == "2026 K2"
    assert Periode("2025-11", "2026-02").kwartalen == ("2025 K4", "2026 K1")
    with pytest.raises(BoardError):
        Periode("2026-12", "2026-01")
    with pytest.raises(BoardError):
        Periode("2026-1", "2026-02")
