"""The history keeps trajecten apart (board/traject.py, board/verloop.py): a vervolgmeting is
numbered within its own traject, only metingen of one traject are compared, and the verloop
places each meting at its date with one line per traject and a marker at each afsluiting."""

from __future__ import annotations

from datetime import date, datetime

from board import Meting
from board.traject import Afsluitreden, afsluiten, kies, nummer_in_traject, te_vergelijken, zelfde_traject
from board.verloop import tijd_as


def _afgerond(meting: Meting) -> Meting:
    return meting.place_fiche("geld", "inwoner", 0.4).afronden(datetime.combine(meting.datum, datetime.min.time()))


def twee_trajecten(nieuw: tuple[date, ...] = (date(2026, 10, 7),)) -> tuple[list[Meting], list]:
    """0-meting, two vervolgmetingen, afgesloten; then a new traject with a meting on each of ``nieuw``."""
    nul = _afgerond(Meting.nulmeting("i", date(2025, 1, 6), meting_id="a0").choose("geld"))
    een = _afgerond(nul.vervolg(date(2025, 4, 7), meting_id="a1"))
    twee = _afgerond(een.vervolg(date(2025, 7, 7), meting_id="a2"))
    history = [nul, een, twee]
    afsluiting = afsluiten(history, (), date(2025, 8, 1), Afsluitreden.DOELEN_BEREIKT, datetime(2025, 8, 1, 9))
    meting = _afgerond(Meting.nulmeting("i", nieuw[0], meting_id="b0", volgnummer=3).choose("geld"))
    history.append(meting)
    for index, dag in enumerate(nieuw[1:], start=1):
        meting = _afgerond(meting.vervolg(dag, meting_id=f"b{index}"))
        history.append(meting)
    return history, [afsluiting]


def test_a_vervolgmeting_is_numbered_within_its_own_traject() -> None:
    history, _a = twee_trajecten((date(2026, 10, 7), date(2027, 1, 7)))
    assert [m.volgnummer for m in history] == [0, 1, 2, 3, 4]  # unique over the whole history
    assert [nummer_in_traject(history, m) for m in history] == [0, 1, 2, 0, 1]  # "vervolgmeting 1", not 4
    # Without the meting in the history given (a new concept): counted from its traject's 0-meting.
    nieuw = history[-1].vervolg(date(2027, 5, 3))
    assert nummer_in_traject(history, nieuw) == 2


def test_only_metingen_of_one_traject_are_compared() -> None:
    history, _a = twee_trajecten()
    assert te_vergelijken(history) == ["b0"]  # a new traject's 0-meting alone: not with a2
    assert te_vergelijken(history[:3]) == ["a1", "a2"]
    assert zelfde_traject(history, "a0", "a2") and not zelfde_traject(history, "a2", "b0")
    assert kies(history, ["b0"], "a2") == ["a2"]  # another traject: a new choice
    assert kies(history, ["a2"], "a0") == ["a2", "a0"]
    assert kies(history, ["a2", "a0"], "a1") == ["a0", "a1"]  # the older of two goes
    assert kies(history, ["a2", "a0"], "a2") == ["a0"]  # a chosen one goes off
    assert kies(history, ["a2", "a0"], "b0") == ["b0"]


def test_the_axis_places_metingen_by_date_and_breaks_at_the_afsluiting() -> None:
    history, afsluitingen = twee_trajecten((date(2026, 10, 7), date(2027, 1, 7)))
    axis = tijd_as(history, afsluitingen)
    assert axis.lijnen == ((0, 1, 2), (3, 4))  # one line per traject: none from a2 to b0
    first, last = date(2025, 1, 6).toordinal(), date(2027, 1, 7).toordinal()
    expected = [(m.datum.toordinal() - first) / (last - first) for m in history]
    assert axis.plaatsen == tuple(expected)
    assert axis.plaatsen[0] == 0 and axis.plaatsen[-1] == 1
    # The 15-month gap (the afsluiting's traject to the new one) is five times the 3-month steps.
    three = axis.plaatsen[1] - axis.plaatsen[0]
    gap = axis.plaatsen[3] - axis.plaatsen[2]
    assert 4.8 < gap / three < 5.2
    [marker] = axis.afsluitingen
    assert axis.plaatsen[2] < marker < axis.plaatsen[3]
    assert marker == (date(2025, 8, 1).toordinal() - first) / (last - first)


def test_the_axis_runs_to_an_afsluiting_after_the_last_meting_and_one_day_sits_in_the_middle() -> None:
    history, afsluitingen = twee_trajecten()
    closed = history[:3]
    axis = tijd_as(closed, afsluitingen)
    assert axis.afsluitingen == (1.0,) and axis.plaatsen[-1] < 1
    alone = tijd_as(history[:1])
    assert alone.plaatsen == (0.5,) and alone.lijnen == ((0,),) and alone.afsluitingen == ()
    assert tijd_as([]).plaatsen == ()
