"""A period's figures are vastgesteld at its first report (issue 13, 8b): a meting that comes
in later counts in a later quarter, a quarterly rhythm never changes what an earlier report
published, and an erasure that would change it makes a second report of the period refused.
Driven through ``python3 main.py monitor`` against a central database; the CSVs read back."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

import main
from board.disclosure_familie import beveilig_familie
from board.leefgebieden import DEFAULT_SET
from board.monitor_2_counts import ALLE, Periode
from board.monitor_3_figures import figuren
from board.perioden import familie, jaar, kwartaal_periode
from samples.monitor_voorbeeld import voorbeeld_trajecten
from storage.central import MIGRATIONS, _record_values, central_engine, open_central, store_records
from storage.central_counts import tel_sql
from storage.central_models import RecordRow
from storage.central_trajecten import store_afsluitingen
from storage.central_trust import apply_erasure
from storage.central_vaststelling import vaststellingen
from tests.test_disclosure_familie import _gekozen, _record, solvable, too_close

METINGEN = ("overzicht", "Hele gemeente", "alle", "metingen")


def _report(url: str, out: Path, periode: Periode) -> int:
    return main.main(["monitor", "--db", url, "--out", str(out), "--van", periode.van, "--tot", periode.tot])


def _csvs(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8-sig") for p in sorted(folder.glob("*.csv"))}


def _overzicht(folder: Path) -> dict[str, list[str]]:
    """monitor_overzicht.csv: gebied -> inwoners, metingen, 0-metingen, vervolgmetingen."""
    lines = (folder / "monitor_overzicht.csv").read_text(encoding="utf-8-sig").splitlines()[1:]
    return {row[0]: row[2:6] for row in (line.split(";") for line in lines)}


def _store(url: str, records: list, afsluitingen: list = ()) -> None:  # type: ignore[assignment]
    engine = open_central(url)
    with engine.begin() as conn:
        store_records(conn, records)
        if afsluitingen:
            store_afsluitingen(conn, list(afsluitingen))
    engine.dispose()


def _start(url: str) -> None:
    """Groot: 30 inwoners in February; Klein: 10 in February, all with geld first; Groot: 12 in May."""
    _store(url, [_record(n, "Groot", date(2025, 2, 10), ("geld", "wonen")) for n in range(30)]
           + [_record(n, "Klein", date(2025, 2, 11), ("geld",)) for n in range(30, 40)]
           + [_record(n, "Groot", date(2025, 5, 12), ("wonen",)) for n in range(50, 62)])  # fmt: skip


def test_a_late_meting_counts_in_the_next_quarter_and_the_year_stays_the_sum(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = db_url
    _start(url)
    q1, q2 = kwartaal_periode(2025, 1), kwartaal_periode(2025, 2)
    assert _report(url, tmp_path / "q1-april", q1) == 0
    capsys.readouterr()
    # May: a tablet that was away syncs one more February meting (and one of March, of a new wijk).
    _store(url, [_record(99, "Klein", date(2025, 2, 20), ("wonen", "zingeving", "geld")),
                 _record(98, "Nieuw", date(2025, 3, 3), ("geld",))])  # fmt: skip
    assert _report(url, tmp_path / "q1-juni", q1) == 0  # not refused: the first quarter did not change
    assert _csvs(tmp_path / "q1-juni") == _csvs(tmp_path / "q1-april")
    assert "Nieuw" not in _overzicht(tmp_path / "q1-juni")
    assert "na het vaststellen" not in capsys.readouterr().out
    assert _report(url, tmp_path / "q2", q2) == 0
    out = capsys.readouterr().out
    assert "2 metingen kwamen na het vaststellen van hun eigen periode binnen en tellen mee in 2025-K2" in out
    # The gemeente's inwoners in the second quarter: 12 of May and the 2 late ones (14 -> "15"; without them "10").
    assert _overzicht(tmp_path / "q2")["Hele gemeente"][0] == "15"
    assert "Nieuw" in _overzicht(tmp_path / "q2")  # as "<10"
    engine = open_central(url)
    try:
        counted = {p: figuren(tel_sql(engine, p)) for p in familie(jaar(2025))}
        metingen = {p.label: counted[p].cellen[METINGEN].waarde for p in counted}
        assert metingen == {"2025-01 t/m 2025-12": 54, "2025-01 t/m 2025-03": 40, "2025-04 t/m 2025-06": 14,
                            "2025-07 t/m 2025-09": 0, "2025-10 t/m 2025-12": 0}  # fmt: skip
    finally:
        engine.dispose()
    assert _report(url, tmp_path / "jaar", jaar(2025)) == 0
    assert _overzicht(tmp_path / "jaar")["Hele gemeente"][0] == "55"  # 54 inwoners, each counted once


def test_the_late_inwoner_of_the_attack_is_counted_later_not_refused(tmp_path: Path) -> None:
    """The attack of ``test_disclosure_familie``: Klein's average place for geld stays 1,0 in a
    second report of the first quarter, and the late meting is in the second quarter's."""
    url = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    _start(url)
    q1 = kwartaal_periode(2025, 1)
    assert _report(url, tmp_path / "april", q1) == 0
    _store(url, [_record(99, "Klein", date(2025, 2, 20), ("wonen", "zingeving", "geld"))])
    assert _report(url, tmp_path / "juni", q1) == 0
    assert _gekozen(tmp_path / "juni")[("Klein", "Geld")] == _gekozen(tmp_path / "april")[("Klein", "Geld")]
    assert _gekozen(tmp_path / "juni")[("Klein", "Geld")][2] == "1,0"


def test_an_erasure_after_a_report_refuses_a_second_report_of_the_period_and_writes_nothing(
    db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = db_url
    _start(url)
    q1 = kwartaal_periode(2025, 1)
    assert _report(url, tmp_path / "april", q1) == 0
    assert _overzicht(tmp_path / "april")["Groot"][0] == "30"
    capsys.readouterr()
    engine = open_central(url)
    with engine.begin() as conn:  # three Groot inwoners erased on their tablet: 30 -> 27 ("25")
        pseudoniemen = conn.execute(sa.select(RecordRow.pseudoniem).where(RecordRow.wijk == "Groot")
                                    .order_by(RecordRow.nr).limit(3)).scalars().all()  # fmt: skip
        assert sum(apply_erasure(conn, p) for p in pseudoniemen) == 3
    vastgesteld = vaststellingen(engine, DEFAULT_SET)[q1].op
    engine.dispose()
    assert _report(url, tmp_path / "juni", q1) == 1
    out = capsys.readouterr().out
    assert f"De cijfers over 2025-K1 zijn vastgesteld op {vastgesteld:%d-%m-%Y}" in out
    assert "metingen gewist" in out and "Er is niets geschreven." in out
    assert not (tmp_path / "juni").exists()
    # The other periods are reported as always: the second quarter, and the year around the first's given cells.
    assert _report(url, tmp_path / "q2", kwartaal_periode(2025, 2)) == 0
    assert _report(url, tmp_path / "jaar", jaar(2025)) == 0


def _arrived(records: list, einden: list, tot: str) -> tuple[list, list]:
    return [r for r in records if r.maand <= tot], [a for a in einden if a.eind_maand <= tot]


def test_the_quarterly_rhythm_is_never_refused_and_never_changes_a_published_cell(
    db_url: str, tmp_path: Path
) -> None:
    """Q1 reported in April (with April's metingen already in), Q2 in July, Q3 in October, Q4
    and the year in January; after every report every earlier period is reported again. Without
    the earlier reports' cells given to the solver, the second quarter's report would have
    changed what the first quarter published (checked below), so a re-report would differ."""
    records, einden = voorbeeld_trajecten(inwoners=150, wijken=3, klein=8)
    url = db_url
    ritme = [("2025-04", kwartaal_periode(2025, 1)), ("2025-07", kwartaal_periode(2025, 2)),
             ("2025-10", kwartaal_periode(2025, 3)), ("2026-01", kwartaal_periode(2025, 4)),
             ("2026-01", jaar(2025))]  # fmt: skip
    first: dict[Periode, dict[str, str]] = {}
    would_change = set()
    for i, (maand, periode) in enumerate(ritme):
        _store(url, *_arrived(records, einden, maand))
        engine = open_central(url)
        try:  # what the family computation gives now, without the earlier reports' cells
            fresh = beveilig_familie({p: figuren(tel_sql(engine, p)) for p in familie(periode)})
            vast = vaststellingen(engine, DEFAULT_SET)
        finally:
            engine.dispose()
        would_change |= {p for p, v in vast.items() if fresh[p] != v.cellen}
        assert _report(url, tmp_path / f"{i}-{periode.van}-{periode.tot}", periode) == 0
        first[periode] = _csvs(tmp_path / f"{i}-{periode.van}-{periode.tot}")
        for j, earlier in enumerate(first):
            again = tmp_path / f"{i}-opnieuw-{j}"
            assert _report(url, again, earlier) == 0
            assert _csvs(again) == first[earlier], earlier.label
    assert kwartaal_periode(2025, 1) in would_change, "the rhythm did change an earlier period's cells"
    assert all(re.search(r";(<10|x);", "".join(c.values())) for c in first.values())  # suppression at work
    # The five reports as published, each protected around the ones before it: the attacker's
    # exact solver over all of them and every link between them pins down no hidden count, and
    # no statistic of two reports is over groups 1 to 9 inwoners apart.
    engine = open_central(url)
    try:
        family = {p: figuren(tel_sql(engine, p)) for p in familie(jaar(2025))}
        published = {p: v.cellen for p, v in vaststellingen(engine, DEFAULT_SET).items()}
    finally:
        engine.dispose()
    assert set(published) == set(family)
    assert solvable(family, published) == set()
    assert too_close(published, family) == []


def test_the_migration_upgrades_an_existing_central_database(db_url: str, tmp_path: Path) -> None:
    """A central database of revision c004 with records: after the upgrade each record counts
    in its own month, nothing is vastgesteld, the counts are the same, and reports fix them."""
    records, _einden = voorbeeld_trajecten(inwoners=40, wijken=2)
    engine = central_engine(db_url)
    with engine.begin() as conn:
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "c004")
        conn.execute(sa.insert(RecordRow.__table__), [_record_values(r) for r in records])
    engine.dispose()
    upgraded = open_central(db_url)
    try:
        with upgraded.connect() as conn:
            assert conn.execute(sa.text("SELECT COUNT(*) FROM monitor_record WHERE telmaand = maand")).scalar() \
                == len(records)
            assert conn.execute(sa.text("SELECT COUNT(*) FROM monitor_vaststelling")).scalar() == 0
        assert vaststellingen(upgraded, DEFAULT_SET) == {}
    finally:
        upgraded.dispose()
    q1 = kwartaal_periode(2025, 1)
    assert _report(db_url, tmp_path / "q1", q1) == 0
    engine = open_central(db_url)
    try:
        assert list(vaststellingen(engine, DEFAULT_SET)) == [q1]
    finally:
        engine.dispose()


def test_a_sync_while_the_report_is_counted_makes_it_count_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A tablet syncs while the report is being counted: what was counted is not what is fixed,
    so the report counts again; a database that keeps changing gets no report at all."""
    import services.monitor_vaststelling as vaststelling

    url = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    _start(url)
    syncs = iter([_record(n, "Groot", date(2025, 3, 1), ("geld",)) for n in range(200, 500)])
    budget = {"syncs": 1}
    counted = vaststelling.tel_sql

    def tel_then_a_sync(engine: sa.Engine, periode: Periode, set_naam: str) -> object:
        found = counted(engine, periode, set_naam)
        if budget["syncs"] > 0 and periode == kwartaal_periode(2025, 4):  # three more Groot inwoners of March,
            # synced after their quarter was counted (the family is counted year, Q1 .. Q4)
            budget["syncs"] -= 1
            with engine.begin() as conn:
                store_records(conn, [next(syncs) for _ in range(3)])
        return found

    monkeypatch.setattr(vaststelling, "tel_sql", tel_then_a_sync)
    assert _report(url, tmp_path / "q1", kwartaal_periode(2025, 1)) == 0
    assert _overzicht(tmp_path / "q1")["Groot"][0] == "35"  # counted again: 33 inwoners, not the 30 counted first
    engine = open_central(url)
    with engine.connect() as conn:
        top = conn.execute(sa.select(sa.func.max(RecordRow.nr))).scalar()
    assert vaststellingen(engine, DEFAULT_SET)[kwartaal_periode(2025, 1)].max_nr == top
    engine.dispose()
    budget["syncs"] = 1000  # a sync during every count
    capsys.readouterr()
    assert _report(url, tmp_path / "q2", kwartaal_periode(2025, 2)) == 1
    assert "veranderde steeds" in capsys.readouterr().out
    assert not (tmp_path / "q2").exists()


def test_a_late_afsluiting_ends_its_traject_in_the_next_quarter(tmp_path: Path) -> None:
    """A tablet that was away brings the afsluitingen of the first quarter after its report:
    they count in the second quarter's uitstroom, and the first quarter is reported as before."""
    records, einden = voorbeeld_trajecten(inwoners=150, wijken=3)
    late = [a for a in einden if a.eind_maand <= "2025-03"]
    in_q2 = [a for a in einden if "2025-04" <= a.eind_maand <= "2025-06"]
    assert late and in_q2  # the sample has both (4 and 7; counted, not written down)
    url = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    _store(url, [r for r in records if r.maand <= "2025-04"], [a for a in einden if a not in late])
    q1, q2 = kwartaal_periode(2025, 1), kwartaal_periode(2025, 2)
    assert _report(url, tmp_path / "april", q1) == 0
    _store(url, [r for r in records if r.maand > "2025-04"], late)
    assert _report(url, tmp_path / "juni", q1) == 0
    assert _csvs(tmp_path / "juni") == _csvs(tmp_path / "april")
    engine = open_central(url)
    try:
        uitstroom = {p: sum(c.waarde for k, c in figuren(tel_sql(engine, p)).cellen.items()
                            if k[:3] == ("uitstroom", "Hele gemeente", ALLE) and k[3] == "trajecten")
                     for p in (q1, q2)}  # fmt: skip
    finally:
        engine.dispose()
    assert uitstroom == {q1: 0, q2: len(in_q2) + len(late)}  # the late ones count where they came in


def test_after_an_erasure_the_year_is_compared_with_the_groups_the_quarter_was_published_about(
    tmp_path: Path,
) -> None:
    """Klein's first quarter is published over 11 inwoners; one of them is erased; the second
    quarter brings 10 more. The year's average place for geld is over 20: 9 from the 11 the
    first quarter's figure was about, so it is not shown (over the 10 left now it would be)."""
    url = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    _store(url, [_record(n, "Groot", date(2025, 2, 10), ("geld", "wonen")) for n in range(30)]
           + [_record(n, "Klein", date(2025, 2, 11), ("geld",)) for n in range(30, 41)]
           + [_record(n, "Klein", date(2025, 5, 11), ("wonen", "geld")) for n in range(60, 70)])  # fmt: skip
    assert _report(url, tmp_path / "q1", kwartaal_periode(2025, 1)) == 0
    assert _gekozen(tmp_path / "q1")[("Klein", "Geld")] == ("10", "1,0", "1,0")  # 11 inwoners, rounded
    engine = open_central(url)
    with engine.begin() as conn:
        first = conn.execute(sa.select(RecordRow.pseudoniem).where(RecordRow.wijk == "Klein")
                             .order_by(RecordRow.nr).limit(1)).scalar_one()  # fmt: skip
        assert apply_erasure(conn, first) == 1
    engine.dispose()
    assert _report(url, tmp_path / "jaar", jaar(2025)) == 0
    assert _gekozen(tmp_path / "jaar")[("Klein", "Geld")][0] == "20"
    assert _gekozen(tmp_path / "jaar")[("Klein", "Geld")][2] == "x"


def test_two_first_reports_of_one_period_at_once_publish_the_same_cells(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two people report the first quarter at the same time: the second read 'not vastgesteld yet'
    before the first had fixed it. Its fixing then fails, and it reports the cells the first fixed."""
    import services.monitor_vaststelling as vaststelling

    url = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    _start(url)
    q1 = kwartaal_periode(2025, 1)
    assert _report(url, tmp_path / "eerste", q1) == 0
    _store(url, [_record(n, "Groot", date(2025, 3, 5), ("zingeving",)) for n in range(300, 340)])  # 40 late ones
    read = vaststelling.vaststellingen
    reads = []

    def read_before_the_other_committed(engine: sa.Engine, set_naam: str) -> dict:
        reads.append(set_naam)
        return {} if len(reads) == 1 else read(engine, set_naam)

    monkeypatch.setattr(vaststelling, "vaststellingen", read_before_the_other_committed)
    assert _report(url, tmp_path / "tweede", q1) == 0
    assert len(reads) == 2  # counted again after the failed fixing
    assert _csvs(tmp_path / "tweede") == _csvs(tmp_path / "eerste")
