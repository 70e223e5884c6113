"""The SQL count on the central database gives exactly the Tellingen of the Python ``tel``."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import sqlalchemy as sa

from board import Evaluatie, MetingSoort
from board.monitor_counts import ALLE, Periode, tel
from board.monitor_figures import figuren
from board.monitor_record import DoelUitkomst, LeefgebiedScore, MonitorRecord
from board.monitor_voorbeeld import voorbeeld_records
from storage.central import open_central, store_records
from storage.central_counts import tel_sql

PERIODES = [
    Periode("2025-01", "2025-12"),
    Periode("2025-04", "2025-08"),
    Periode("2025-06", "2025-06"),
    Periode("2024-01", "2026-12"),
    Periode("2026-01", "2026-03"),  # nothing in it
]


def rec(who, maand, volg, wijk="Noord", scores=(("geld", 200),), cijfer=None, doelen=(), set_naam="volwassenen"):
    return MonitorRecord(
        record_id=f"{who}{volg}".ljust(64, "0"), pseudoniem=who.ljust(64, "a"), wijk=wijk, maand=maand,
        soort=MetingSoort.NULMETING if volg == 0 else MetingSoort.VERVOLGMETING, volgnummer=volg,
        set_naam=set_naam, set_versie=1,
        leefgebieden=tuple(LeefgebiedScore(k, i, p / 1000) for i, (k, p) in enumerate(scores, start=1)),
        rapportcijfer=cijfer, doelen=tuple(DoelUitkomst(k, e) for k, e in doelen),
    )


# Cases where the rules are easy to get wrong in SQL.
CRAFTED = [
    # a 0-meting before the period, two vervolgmetingen in it; shifts of exactly 5% both ways
    rec("a", "2024-11", 0, scores=(("geld", 200), ("wonen", 750), ("werk", 300)), cijfer=4),
    rec("a", "2025-02", 1, scores=(("geld", 250), ("wonen", 700)), cijfer=6,
        doelen=(("geld", Evaluatie.BEHAALD), ("geld", None))),
    rec("a", "2025-05", 2, scores=(("geld", 249), ("wonen", 701), ("werk", 1000)), cijfer=None,
        doelen=(("geld", Evaluatie.BEHAALD), ("wonen", Evaluatie.NIET_BEHAALD))),
    # moves wijk in the period: belongs to Zuid; two vervolgmetingen in one quarter
    rec("b", "2025-01", 0, wijk="Noord", scores=(("zingeving", 0), ("geld", 1000)), cijfer=7),
    rec("b", "2025-07", 1, wijk="Zuid", scores=(("zingeving", 400),), cijfer=5),
    rec("b", "2025-08", 2, wijk="Zuid", scores=(("zingeving", 100), ("geld", 800)), cijfer=5),
    # no 0-meting at all (records lost on an erased tablet): no change, still counted
    rec("c", "2025-03", 1, scores=(("geld", 500),), cijfer=3),
    # another leefgebiedenset is left out; a record after the period too
    rec("d", "2025-03", 0, set_naam="jeugd"),
    rec("e", "2025-06", 0, cijfer=2, scores=(("geld", 199), ("wonen", 800), ("werk", 799))),
    rec("e", "2026-01", 1, cijfer=9),
]


@pytest.fixture
def central(db_url: str) -> Iterator[sa.Engine]:
    engine = open_central(db_url)
    yield engine
    engine.dispose()


@pytest.mark.parametrize("periode", PERIODES, ids=lambda p: p.label)
def test_sql_counts_equal_the_python_counts(central: sa.Engine, periode: Periode) -> None:
    records = voorbeeld_records(inwoners=120, wijken=4, klein=3) + CRAFTED
    with central.begin() as conn:
        store_records(conn, records)
    assert tel_sql(central, periode) == tel(records, periode)
    assert tel_sql(central, periode, "jeugd") == tel(records, periode, "jeugd")


def test_crafted_edge_cases_are_counted_as_the_rules_say(central: sa.Engine) -> None:
    with central.begin() as conn:
        store_records(conn, CRAFTED)
    t = tel_sql(central, Periode("2025-01", "2025-12"))
    assert t == tel(CRAFTED, Periode("2025-01", "2025-12"))
    assert t.wijken == ("Noord", "Zuid")
    assert t.aantallen[("overzicht", "Zuid", ALLE, "inwoners")] == (1, 1)
    assert t.aantallen[("verandering", "Noord", "geld", "gelijk")] == (1, 1)  # 0.200 -> 0.249: latest vervolg
    assert t.aantallen[("verandering", "Noord", "werk", "beter")] == (1, 1)  # not chosen in between
    assert t.aantallen[("trend", "Noord", "2025 K1", "beter")] == (1, 1)  # exactly +5% is beter
    assert t.aantallen[("trend", "Noord", "2025 K1", "slechter")] == (1, 1)  # exactly -5% is slechter
    assert t.aantallen[("doelen", "Noord", "geld", "behaald")] == (2, 1)
    assert t.verdelingen[("trend", "Zuid", "2025 K3", "cijfer")] == {5: 1}


def test_the_figures_from_sql_equal_those_from_python(central: sa.Engine) -> None:
    records = voorbeeld_records(inwoners=80, wijken=3)
    with central.begin() as conn:
        store_records(conn, records)
    periode = Periode("2025-01", "2025-12")
    assert figuren(tel_sql(central, periode)) == figuren(tel(records, periode))
