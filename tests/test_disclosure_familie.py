"""Disclosure control across reports. The attack of issue 13: two reports whose periods
overlap (January-April, January-May) differ by one inwoner, and the change in the average
rank gives that inwoner's rank away. Overlapping periods are refused; on the grid a year and
its quarters are protected as one family, by the exact solver over all their cells."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

import main
from board import Inwoner, Meting
from board.disclosure_familie import _links, beveilig_familie
from board.errors import BoardError
from board.monitor_1_record import monitor_record
from board.monitor_3_figures import figuren_uit_records
from board.monitor_3_table import CelSoort, Som
from board.monitor_4_disclosure import beveilig, determined, onthuld, vormnullen
from board.perioden import check_publishable, familie, jaar, kwartaal_periode
from services.unlock import PIN_ENV
from storage import Repository
from tests.keys import TEST_KEY, TEST_PIN, add_test_professional

KEY = bytes(range(32))


def _record(n: int, wijk: str, datum: date, gekozen: tuple[str, ...]) -> object:
    inwoner = Inwoner.create(f"F-{n:03d}", wijk, inwoner_id=f"fam-{n}")
    meting = Meting.nulmeting(inwoner.id, datum, meting_id=f"fam-{n}-0")
    for key in gekozen:
        meting = meting.choose(key).place_fiche(key, "inwoner", 0.5)
    meting = meting.set_rapportcijfer(6).afronden(datetime.combine(datum, datetime.min.time()))
    return monitor_record(meting, inwoner, KEY)


def records() -> list:
    """Groot: 30 inwoners in February, geld first. Klein: 10 in February with geld first, and
    one in August who put geld third: the one the attacker is after."""
    found = [_record(n, "Groot", date(2025, 2, 10), ("geld", "wonen")) for n in range(30)]
    found += [_record(n, "Klein", date(2025, 2, 11), ("geld",)) for n in range(30, 40)]
    found.append(_record(99, "Klein", date(2025, 8, 20), ("wonen", "zingeving", "geld")))
    return found


def too_close(published: dict, family: dict) -> list:
    """Statistics shown in two reports over groups that differ by 1..9 inwoners: subtracting
    them tells about those few (here: the rank the August inwoner gave geld)."""
    found = []
    for key in {k for f in family.values() for k, c in f.cellen.items() if c.soort is CelSoort.STATISTIEK}:
        shown = [(p, family[p].cellen[key].inwoners) for p in family
                 if published[p].get(key) and published[p][key].getoond]  # fmt: skip
        found += [(key, p.label, q.label) for p, n in shown for q, m in shown if 0 < n - m < 10]
    return found


def system(family: dict, published: dict) -> tuple[dict, set, list]:
    """Every count of the reports, the hidden ones, and the sums within and between the reports."""
    values, hidden, sommen = {}, set(), []
    for p, figuren in family.items():
        for key, cel in figuren.cellen.items():
            if cel.soort is CelSoort.AANTAL:
                values[p.label, key] = int(cel.waarde or 0)
                if not published[p][key].getoond:
                    hidden.add((p.label, key))
        sommen += [Som((p.label, s.totaal), tuple((p.label, d) for d in s.delen)) for s in figuren.sommen]
    sommen += _links(family, values)
    return values, hidden, sommen


def solvable(family: dict, published: dict) -> set:
    """Hidden counts that the sums within and between the reports pin down exactly, given
    every shown count (less the zeros the reports' shape makes public: ``onthuld``)."""
    return onthuld(*system(family, published))


def test_the_grid_family_leaves_no_statistic_to_subtract_and_no_hidden_count_to_solve() -> None:
    family = {p: figuren_uit_records(records(), p) for p in familie(jaar(2025))}
    # The attack works against reports protected one by one...
    one_by_one = {p: beveilig(f) for p, f in family.items()}
    attack = too_close(one_by_one, family)
    rang = ("gekozen", "Hele gemeente", "geld", "gemiddelde_rang")
    assert (rang, "2025-01 t/m 2025-12", "2025-01 t/m 2025-03") in attack
    # ...and finds nothing in the family protected together.
    together = beveilig_familie(family)
    assert too_close(together, family) == []
    # The exact solver, run as the attacker would over every report and every link between
    # them, pins down no hidden count. (A wijk without metingen in a quarter is absent from that
    # quarter's report, so its zeros there are public: they are about nobody, ``onthuld``.)
    assert solvable(family, one_by_one), "the attack on the counts works against reports one by one"
    assert solvable(family, together) == set()
    # What is shown of the year is what its own report shows: one computation for all.
    assert together[jaar(2025)][("overzicht", "Hele gemeente", "alle", "inwoners")].waarde == 40


def test_a_team_whose_wijk_has_nobody_in_a_quarter_shows_zeros_that_are_public_not_a_leak() -> None:
    """Klein (5 inwoners) starts in May: the first quarter's report lists no Klein, so its team's
    row there, "<10" everywhere, is 0 and the reader knows it (the monitor sample met this once
    a doel ran on: the exact solver pinned down 149 hidden cells, every one such a zero). Those
    cells are 0 whatever the data; every other hidden count stays unknown, and a derivable count
    that the data decides is still caught."""
    found = [_record(n, "Groot", date(2025, 2, 10), ("geld", "wonen")) for n in range(30)]
    found += [_record(n, "Groot", date(2025, 5, 10), ("geld",)) for n in range(30, 60)]
    found += [_record(n, "Klein", date(2025, 5, 11), ("wonen",)) for n in range(60, 65)]
    teams = {"Team Klein": ("Klein",)}
    family = {p: figuren_uit_records(found, p, wijkteams=teams) for p in familie(jaar(2025))}
    assert family[kwartaal_periode(2025, 1)].wijkteams["Team Klein"] == ()  # no wijk with figures
    values, hidden, sommen = system(family, beveilig_familie(family))
    pinned = determined(values, hidden, sommen)
    q1 = kwartaal_periode(2025, 1).label
    assert (q1, ("overzicht", "Team Klein", "alle", "metingen")) in pinned
    assert {values[k] for k in pinned} == {0} and pinned <= vormnullen(values, sommen)
    assert onthuld(values, hidden, sommen) == set()
    # Not lax: a zero the data decides (shown in one cell of a sum) is caught.
    shown = next(k for k in sorted(hidden, key=repr) if k not in pinned and values[k] == 0)
    partners = {d for s in sommen if shown in s.cellen for d in s.cellen if d != shown and d in hidden}
    assert onthuld(values, hidden - partners, sommen)


def test_overlapping_or_running_periods_are_refused() -> None:
    for van, tot in (("2025-01", "2025-04"), ("2025-01", "2025-05"), ("2025-02", "2025-04"), ("2024-07", "2025-06")):
        with pytest.raises(BoardError, match="heel kwartaal"):
            from board.monitor_2_counts import Periode

            check_publishable(Periode(van, tot), date(2026, 1, 1))
    from board.monitor_2_counts import Periode

    with pytest.raises(BoardError, match="nog niet voorbij"):
        check_publishable(Periode("2026-01", "2026-03"), date(2026, 3, 30))
    check_publishable(Periode("2025-04", "2025-06"), date(2026, 1, 1))
    check_publishable(jaar(2025), date(2026, 1, 1))


def test_the_command_line_refuses_the_overlapping_reports_of_the_attack(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'tablet.sqlite3'}"
    add_test_professional(url)
    monkeypatch.setenv(PIN_ENV, TEST_PIN)
    Repository.open(url, key=TEST_KEY).close()
    for tot in ("2025-04", "2025-05"):
        assert main.main(["--db", url, "monitor", "--out", str(tmp_path / tot), "--van", "2025-01", "--tot", tot]) == 2
        assert "heel kwartaal" in capsys.readouterr().out
        assert not (tmp_path / tot).exists()


def test_the_traject_figures_show_nothing_about_fewer_than_10_inwoners_not_even_by_differencing() -> None:
    """Caseload, in- en uitstroom per quarter and month, uitstroom by reason, doorlooptijden and
    doelen by who did the work, in a year and its quarters, with a tiny wijk: every shown count
    is about at least 10 inwoners, no statistic of two reports differs by 1..9 inwoners, and the
    exact solver over every report and every link (months in a quarter, quarters in a year,
    reasons in the uitstroom, the doelen per leefgebied and per group) pins down no hidden count."""
    from samples.monitor_voorbeeld import voorbeeld_trajecten

    records, einden = voorbeeld_trajecten(inwoners=160, wijken=4, klein=4)
    family = {p: figuren_uit_records(records, p, afsluitingen=einden) for p in familie(jaar(2025))}
    together = beveilig_familie(family)
    nieuw = ("trajecten", "trajecten_maand", "uitstroom", "doorlooptijden", "doelen_actoren",
             "verandering_afgesloten")
    shown = [(p, k) for p, f in family.items() for k, c in f.cellen.items()
             if c.soort is CelSoort.AANTAL and together[p][k].getoond and c.waarde]
    assert {k[0] for _p, k in shown} >= set(nieuw)  # the new tables do publish figures
    assert [(p.label, k) for p, k in shown if family[p].cellen[k].inwoners < 10] == []
    assert too_close(together, family) == []
    assert solvable(family, together) == set()
    one_by_one = {p: beveilig(f) for p, f in family.items()}
    assert solvable(family, one_by_one), "differencing works against the reports protected one by one"


def _gekozen(folder: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    """monitor_gekozen.csv as the gemeente reads it: (wijk, leefgebied) -> its three figures."""
    lines = (folder / "monitor_gekozen.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    return {(row[0], row[1]): (row[2], row[3], row[4]) for row in (line.split(";") for line in lines)}


def test_the_same_quarter_reported_again_after_a_late_sync_gives_no_inwoner_away(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The attack of issue 13 without overlapping periods: the first quarter reported in April,
    and again in June after a tablet that was away synced one more February meting. Klein's
    ten inwoners all put geld first (average place 1,0); in June the average over eleven is
    1,2: the late inwoner put geld third or fourth (truly: third). The first quarter's figures
    are vastgesteld at its first report; the late meting counts in the second quarter
    (``tests/test_monitor_vaststelling.py``), so the second report shows the same figures."""
    from storage.central import open_central, store_records

    central = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    engine = open_central(central)
    with engine.begin() as conn:
        store_records(conn, [_record(n, "Groot", date(2025, 2, 10), ("geld", "wonen")) for n in range(30)]
                      + [_record(n, "Klein", date(2025, 2, 11), ("geld",)) for n in range(30, 40)])  # fmt: skip
    kwartaal = ["--van", "2025-01", "--tot", "2025-03"]
    assert main.main(["monitor", "--db", central, "--out", str(tmp_path / "april"), *kwartaal]) == 0
    with engine.begin() as conn:  # May: a tablet that was away syncs its February meting
        store_records(conn, [_record(99, "Klein", date(2025, 2, 20), ("wonen", "zingeving", "geld"))])
    engine.dispose()
    # Not refused: the first quarter was vastgesteld in April, the late meting counts in the second.
    assert main.main(["monitor", "--db", central, "--out", str(tmp_path / "juni"), *kwartaal]) == 0
    april, juni = _gekozen(tmp_path / "april"), _gekozen(tmp_path / "juni")
    assert april[("Klein", "Geld")][2] == "1,0", "the attack needs the first report's figure"
    shown = [key for key in april if april[key][2][:1].isdigit() and juni[key][2][:1].isdigit()]
    changed = {key: (april[key], juni[key]) for key in shown if april[key][2] != juni[key][2]}
    assert changed == {}, changed
