"""The SQL count on the central database gives exactly the Tellingen of the Python ``tel``."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.config import Config

from board import Evaluatie, MetingSoort
from board.monitor_1_record import DoelUitkomst, LeefgebiedScore, MonitorRecord
from board.monitor_2_counts import ALLE, Periode, tel
from board.monitor_3_figures import figuren
from samples.monitor_voorbeeld import voorbeeld_records
from storage.central import MIGRATIONS, _record_values, central_engine, open_central, store_records
from storage.central_counts import GEKOZEN_SQL, tel_sql
from storage.central_models import RecordRow

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


def _store_in_batches(engine: sa.Engine, records: list[MonitorRecord], size: int) -> None:
    for i in range(0, len(records), size):
        with engine.begin() as conn:
            store_records(conn, records[i : i + size])


@pytest.mark.parametrize("order", ["reversed", "shuffled", "twice"])
def test_counts_do_not_depend_on_arrival_order_or_resends(central: sa.Engine, order: str) -> None:
    records = voorbeeld_records(inwoners=60, wijken=3, klein=2) + CRAFTED
    if order == "reversed":  # every vervolgmeting before its 0-meting, in separate syncs
        arrival = records[::-1]
    elif order == "shuffled":
        arrival = random.Random(5).sample(records, len(records))
    else:  # half sent, then everything again
        arrival = records[: len(records) // 2] + records
    _store_in_batches(central, arrival, 7)
    for periode in PERIODES[:4]:
        assert tel_sql(central, periode) == tel(records, periode)


def test_a_late_0_meting_updates_the_changes_of_vervolgmetingen_already_stored(central: sa.Engine) -> None:
    periode = Periode("2025-01", "2025-12")
    nul, *vervolg = [r for r in CRAFTED if r.pseudoniem.startswith("a")]
    _store_in_batches(central, vervolg, 1)
    before = tel_sql(central, periode)
    assert ("verandering", "Noord", "geld", "totaal") not in before.aantallen  # nothing to compare with
    _store_in_batches(central, [nul], 1)
    after = tel_sql(central, periode)
    assert after == tel(CRAFTED[:3], periode)
    assert after.aantallen[("verandering", "Noord", "werk", "beter")] == (1, 1)


def test_only_the_chosen_leefgebieden_are_counted_with_gekozen_sql(central: sa.Engine) -> None:
    records = voorbeeld_records(inwoners=50, wijken=3)
    with central.begin() as conn:
        store_records(conn, records)
    periode = Periode("2025-01", "2025-12")
    gekozen = tel_sql(central, periode, sql=GEKOZEN_SQL)
    full = tel_sql(central, periode)
    assert gekozen.aantallen and {k[0] for k in gekozen.aantallen} == {"gekozen"}
    assert gekozen.aantallen == {k: v for k, v in full.aantallen.items() if k[0] == "gekozen"}


def _version_1(records: list[MonitorRecord]) -> list[MonitorRecord]:
    """As a version 1 tablet sent them: one traject, no actors."""
    from dataclasses import replace

    return [replace(r, doelen=tuple(replace(d, actoren=None) for d in r.doelen))
            for r in records if r.traject == 0]


def test_records_stored_before_the_derived_columns_are_backfilled_by_the_migration(db_url: str) -> None:
    records = _version_1(voorbeeld_records(inwoners=40, wijken=3) + CRAFTED)
    engine = central_engine(db_url)
    with engine.begin() as conn:  # the schema of revision c001, filled as a sync of that version did
        config = Config()
        config.set_main_option("script_location", str(MIGRATIONS))
        config.attributes["connection"] = conn
        command.upgrade(config, "c001")
        conn.execute(sa.insert(RecordRow.__table__),
                     [{k: v for k, v in _record_values(r).items() if k != "traject"} for r in records])
        nrs = dict(conn.execute(sa.select(RecordRow.record_id, RecordRow.nr)).all())
        conn.execute(sa.text("INSERT INTO monitor_record_leefgebied (record_nr, leefgebied, rang, positie) "
                             "VALUES (:nr, :leefgebied, :rang, :positie)"),
                     [{"nr": nrs[r.record_id], "leefgebied": s.leefgebied, "rang": s.rang,
                       "positie": round(s.positie * 1000)} for r in records for s in r.leefgebieden])
        conn.execute(sa.text("INSERT INTO monitor_record_doel (record_nr, volgorde, leefgebied, evaluatie) "
                             "VALUES (:nr, :i, :leefgebied, :evaluatie)"),
                     [{"nr": nrs[r.record_id], "i": i, "leefgebied": d.leefgebied,
                       "evaluatie": d.evaluatie.value if d.evaluatie else None}
                      for r in records for i, d in enumerate(r.doelen)])
    engine.dispose()
    upgraded = open_central(db_url)
    try:
        for periode in PERIODES[:4]:
            assert tel_sql(upgraded, periode) == tel(records, periode)
        with upgraded.begin() as conn:  # and a sync after the upgrade derives on top of it
            store_records(conn, voorbeeld_records(inwoners=45, wijken=3))
        all_records = records + [r for r in voorbeeld_records(inwoners=45, wijken=3)
                                 if r.record_id not in {x.record_id for x in records}]
        assert tel_sql(upgraded, PERIODES[0]) == tel(all_records, PERIODES[0])
    finally:
        upgraded.dispose()


@pytest.mark.parametrize("periode", PERIODES, ids=lambda p: p.label)
def test_traject_counts_from_sql_equal_the_python_counts(central: sa.Engine, periode: Periode) -> None:
    """Caseload, in- and uitstroom, doorlooptijden, doelen by who did the work and the change
    in closed trajecten: the derived monitor_traject rows give what the Python rules give,
    with second trajecten, afsluitingen that arrive before their records, and a traject
    whose records never came (only its afsluiting)."""
    from samples.monitor_voorbeeld import voorbeeld_trajecten
    from storage.central_trajecten import load_afsluitingen, store_afsluitingen

    records, einden = voorbeeld_trajecten(inwoners=150, wijken=4, klein=3)
    assert any(r.traject == 1 for r in records) and einden
    early, late = einden[: len(einden) // 2], einden[len(einden) // 2:]
    with central.begin() as conn:
        store_afsluitingen(conn, early)  # before any record: derived when the records come
    _store_in_batches(central, records[::2], 40)
    with central.begin() as conn:
        store_afsluitingen(conn, late)
        store_afsluitingen(conn, late)  # sent twice, stored once
    _store_in_batches(central, records[1::2], 40)
    assert sorted(load_afsluitingen(central), key=lambda r: r.record_id) == sorted(einden, key=lambda r: r.record_id)
    sql, python = tel_sql(central, periode), tel(records, periode, afsluitingen=einden)
    assert sql == python
    if periode == PERIODES[0]:
        tabellen = {k[0] for k in python.aantallen}
        assert {"trajecten", "trajecten_maand", "uitstroom", "doorlooptijden", "doelen_actoren",
                "verandering_afgesloten"} <= tabellen
