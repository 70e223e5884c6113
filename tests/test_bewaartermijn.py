"""The retention rule in the domain: which afgeronde metingen leave the tablet."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from board.bewaartermijn import BEWAARTERMIJN_DAGEN, Bewaard, grens, verlopen

NU = datetime(2026, 12, 1, 12, 0, tzinfo=UTC)
OUD = NU - timedelta(days=BEWAARTERMIJN_DAGEN + 5)


def test_delivered_long_ago_goes_but_the_latest_of_each_inwoner_stays() -> None:
    metingen = [
        Bewaard("a0", "a", 0, OUD),
        Bewaard("a1", "a", 1, OUD - timedelta(days=1)),  # delivered earlier: goes first
        Bewaard("a2", "a", 2, OUD),  # a's latest: the next vervolgmeting starts from it
        Bewaard("b0", "b", 0, OUD),  # b's only one
    ]
    assert verlopen(metingen, grens(NU), in_monitor=False) == ["a1", "a0"]


def test_not_delivered_or_delivered_recently_stays() -> None:
    metingen = [
        Bewaard("a0", "a", 0, None),
        Bewaard("a1", "a", 1, NU - timedelta(days=BEWAARTERMIJN_DAGEN - 1)),
        Bewaard("a2", "a", 2, None),
    ]
    assert verlopen(metingen, grens(NU), in_monitor=False) == []


def test_in_the_monitor_a_meting_waits_for_its_record_to_reach_a_central_database() -> None:
    metingen = [
        Bewaard("a0", "a", 0, OUD, bij_centrale=False),
        Bewaard("a1", "a", 1, OUD, bij_centrale=True),
        Bewaard("a2", "a", 2, OUD, bij_centrale=True),
    ]
    assert verlopen(metingen, grens(NU), in_monitor=True) == ["a1"]
    assert verlopen(metingen, grens(NU), in_monitor=False) == ["a0", "a1"]


def test_a_moment_without_time_zone_counts_as_utc() -> None:
    naive = (OUD.replace(tzinfo=None), (NU - timedelta(days=1)).replace(tzinfo=None))
    metingen = [Bewaard("a0", "a", 0, naive[0]), Bewaard("a1", "a", 1, naive[1]), Bewaard("a2", "a", 2, None)]
    assert verlopen(metingen, grens(NU, 30), in_monitor=False) == ["a0"]
    assert grens(NU, 30) == NU - timedelta(days=30)
