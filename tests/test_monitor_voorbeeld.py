from __future__ import annotations

from collections import Counter

from board.meting_waarden import MetingSoort
from samples.monitor_voorbeeld import voorbeeld_records


def test_example_records_are_deterministic_and_spread_over_the_wijken():
    records = voorbeeld_records(inwoners=40, wijken=4, klein=3)
    assert records == voorbeeld_records(inwoners=40, wijken=4, klein=3)
    nul = [r for r in records if r.soort is MetingSoort.NULMETING]
    # a 0-meting per inwoner, and some inwoners reopen with a second one after an afsluiting
    inwoners = {(r.wijk, r.pseudoniem) for r in nul}
    assert Counter(wijk for wijk, _ in inwoners) == {"Centrum": 10, "Noord": 10, "Oost": 10, "West": 10, "Zuid": 3}
    assert any(r.soort is MetingSoort.VERVOLGMETING for r in records)
    assert len(nul) > len({r.pseudoniem for r in nul})
    assert len({r.record_id for r in records}) == len(records)
    assert all(r.maand.startswith("2025-") for r in records)


def test_another_seed_gives_other_inwoners():
    a, b = voorbeeld_records(inwoners=5, seed=1), voorbeeld_records(inwoners=5, seed=2)
    assert {r.pseudoniem for r in a}.isdisjoint({r.pseudoniem for r in b})
