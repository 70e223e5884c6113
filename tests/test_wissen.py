"""The erasure rule in the domain (``board.wissen``): what goes when an inwoner asks."""

from __future__ import annotations

from board.monitor_1_record import keyed_hash
from board.wissen import Wisverzoek, marker_gaat, met_verzoek, wisverzoek, zonder_verzoek

KEY = bytes(range(32))


def test_outside_the_monitor_nothing_is_asked_centrally() -> None:
    assert wisverzoek("inw-1", None) is None


def test_in_the_monitor_the_central_database_is_asked_by_pseudonym_only() -> None:
    verzoek = wisverzoek("inw-1", KEY)
    assert verzoek == Wisverzoek("inw-1", keyed_hash(KEY, "inwoner", "inw-1"))
    assert "inw-1" not in verzoek.pseudoniem
    assert wisverzoek("inw-1", bytes(reversed(KEY))).pseudoniem != verzoek.pseudoniem  # another gemeente


def test_the_queue_holds_one_request_per_inwoner_and_drops_it_by_inwoner() -> None:
    a, b = Wisverzoek("a", "pa"), Wisverzoek("b", "pb")
    wachtrij = met_verzoek(met_verzoek([a], b), a)
    assert wachtrij == [b, a]
    assert zonder_verzoek(wachtrij, "a") == [b]
    assert zonder_verzoek(wachtrij, "c") == wachtrij


def test_the_visit_marker_goes_when_it_names_the_inwoner_or_one_of_their_metingen() -> None:
    assert marker_gaat("a", ["m1", "m2"], "a", "m9")
    assert marker_gaat("a", ["m1", "m2"], "x", "m2")
    assert not marker_gaat("a", ["m1", "m2"], "x", "m3")
