"""The monitor's counts kept at sync time (central revision c006) always equal a count from
scratch: after a seeded random sequence of syncs, late records (the vaststelling moves them
to a later quarter), afsluitingen, reopenings and erasures; after a sync that fails half-way;
and the report from the kept counts is the report from scratch, CSV and PDF text alike."""

from __future__ import annotations

import random
import subprocess
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from board.perioden import familie, jaar
from samples.monitor_voorbeeld import voorbeeld_trajecten
from storage import central_bewaard, central_counts
from storage.central import open_central, store_records
from storage.central_bewaard import bewaarde_perioden, bijdrage, lees_bijdrage
from storage.central_counts import tel_deel, tel_sql
from storage.central_models import VaststellingRow
from storage.central_trajecten import store_afsluitingen
from storage.central_trust import apply_erasure
from tests.test_central_counts import rec

SET = "volwassenen"


def _verschoven(records: list, einden: list, jaren: int) -> tuple[list, list]:
    """The same histories ``jaren`` years later (other inwoners: another seed)."""
    def later(maand: str) -> str:
        return f"{int(maand[:4]) + jaren}{maand[4:]}"
    return ([replace(r, maand=later(r.maand)) for r in records],
            [replace(e, begin_maand=later(e.begin_maand), eind_maand=later(e.eind_maand)) for e in einden])


def _data() -> tuple[list, list]:
    records, einden = voorbeeld_trajecten(inwoners=90, wijken=4, seed=11, klein=3)
    r2, e2 = _verschoven(*voorbeeld_trajecten(inwoners=30, wijken=3, seed=12), 1)  # 2026
    jeugd = [rec("j", "2025-03", 0, set_naam="jeugd"), rec("j", "2025-09", 1, set_naam="jeugd", cijfer=6),
             rec("k", "2024-11", 0, set_naam="jeugd", wijk="Zuid")]
    return records + r2 + jeugd, einden + e2


def _assert_kept_equal_scratch(engine: sa.Engine) -> int:
    """Every kept period holds exactly what a count from scratch gives; how many there are."""
    with engine.connect() as conn:
        sets = set(conn.execute(sa.text("SELECT DISTINCT set_naam FROM monitor_tel_periode")).scalars())
        kept = bewaarde_perioden(conn, sets)
        for (set_naam, periode), nr in kept.items():
            scratch = bijdrage(*tel_deel(conn, periode, set_naam, None))
            assert lees_bijdrage(conn, nr) == scratch, (set_naam, periode)
        years = {(s, int(y)) for s, y in conn.execute(
            sa.text("SELECT DISTINCT set_naam, substr(telmaand, 1, 4) FROM monitor_record"))}
    assert {(s, int(p.van[:4])) for s, p in kept} == years  # every year with a record is kept
    return len(kept)


def _vaststellen(engine: sa.Engine, periode) -> None:  # type: ignore[no-untyped-def]
    """As a first report does (only what decides where later records count)."""
    with engine.begin() as conn:
        conn.execute(sa.insert(VaststellingRow), {"set_naam": SET, "van": periode.van, "tot": periode.tot,
                                                  "vastgesteld_op": datetime.now(UTC), "max_nr": 0, "cellen": "[]"})


@pytest.mark.parametrize("seed", [1, 2])
def test_after_a_random_sequence_the_kept_counts_equal_a_count_from_scratch(db_url: str, seed: int) -> None:
    records, einden = _data()
    rng = random.Random(seed)
    rng.shuffle(records)
    rng.shuffle(einden)
    engine = open_central(db_url)
    pseudoniemen = sorted({r.pseudoniem for r in records})
    steps = 0
    try:
        while records or einden:
            kans = rng.random()
            if kans < 0.55 and records:
                n = rng.randint(1, 40)
                batch, records = records[:n], records[n:]
                with engine.begin() as conn:
                    store_records(conn, batch + batch[:2])  # a resent record is stored once
            elif kans < 0.8 and einden:
                n = rng.randint(1, 10)
                with engine.begin() as conn:
                    store_afsluitingen(conn, einden[:n])
                einden = einden[n:]
            else:
                with engine.begin() as conn:
                    apply_erasure(conn, rng.choice(pseudoniemen))
            steps += 1
            if steps == 6:  # the records of 2025-K1 and K2 that come later count in a later quarter
                for periode in familie(jaar(2025))[1:3]:
                    _vaststellen(engine, periode)
            if steps % 4 == 0:
                assert _assert_kept_equal_scratch(engine) > 0
        assert _assert_kept_equal_scratch(engine) >= 15  # 2024, 2025, 2026 and jeugd's
        with engine.connect() as conn:
            late = conn.execute(sa.text("SELECT count(*) FROM monitor_record WHERE telmaand <> maand")).scalar()
        assert late > 0  # the vaststelling moved some
        for set_naam in (SET, "jeugd"):
            for periode in familie(jaar(2025)):
                assert tel_sql(engine, periode, set_naam) == tel_sql(engine, periode, set_naam, bewaard=False)
    finally:
        engine.dispose()


def test_a_sync_that_fails_half_way_changes_neither_records_nor_kept_counts(
    db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    records, einden = _data()
    engine = open_central(db_url)
    try:
        with engine.begin() as conn:
            store_records(conn, records[::2])
            store_afsluitingen(conn, einden[::2])
        with engine.connect() as conn:
            before = {k: lees_bijdrage(conn, nr) for k, nr in bewaarde_perioden(conn, {SET, "jeugd"}).items()}
            count = conn.execute(sa.text("SELECT count(*) FROM monitor_record")).scalar()
        calls = []
        real = central_bewaard.schrijf

        def fails_at_the_third(connection, nr, delta):  # type: ignore[no-untyped-def]
            calls.append(nr)
            if len(calls) == 3:
                raise OSError("verbinding weg")
            real(connection, nr, delta)

        monkeypatch.setattr("storage.central_bijhouden.schrijf", fails_at_the_third)
        with pytest.raises(OSError), engine.begin() as conn:
            store_records(conn, records[1::2])
        assert len(calls) == 3  # two kept periods had been changed when it broke
        with engine.connect() as conn:
            after = {k: lees_bijdrage(conn, nr) for k, nr in bewaarde_perioden(conn, {SET, "jeugd"}).items()}
            assert conn.execute(sa.text("SELECT count(*) FROM monitor_record")).scalar() == count
        assert after == before
        monkeypatch.undo()
        _assert_kept_equal_scratch(engine)
        with engine.begin() as conn:  # the next sync brings them
            store_records(conn, records[1::2])
            store_afsluitingen(conn, einden[1::2])
        _assert_kept_equal_scratch(engine)
    finally:
        engine.dispose()


def _report(url: str, out: Path) -> int:
    return main.main(["monitor", "--db", url, "--out", str(out), "--van", "2025-01", "--tot", "2025-12"])


def test_the_report_from_the_kept_counts_is_the_report_from_scratch(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    records, einden = _data()
    engine = open_central(db_url)
    with engine.begin() as conn:
        store_records(conn, records)
        store_afsluitingen(conn, einden)
    with engine.begin() as conn:
        apply_erasure(conn, records[5].pseudoniem)
    engine.dispose()
    read = []
    real = central_counts.lees_bewaard
    monkeypatch.setattr(central_counts, "lees_bewaard", lambda *a: read.append(r := real(*a)) or r)
    assert _report(db_url, tmp_path / "bewaard") == 0
    assert len(read) == 5 and all(t is not None for t in read)  # the year and its quarters, all kept
    engine = open_central(db_url)
    with engine.begin() as conn:  # the same report again, from scratch: not vastgesteld yet
        conn.execute(sa.text("DELETE FROM monitor_vaststelling"))
    engine.dispose()
    monkeypatch.setattr(central_counts, "lees_bewaard", lambda *a: None)
    assert _report(db_url, tmp_path / "opnieuw") == 0
    kept, scratch = tmp_path / "bewaard", tmp_path / "opnieuw"
    names = sorted(p.name for p in kept.iterdir())
    assert names == sorted(p.name for p in scratch.iterdir()) and "monitor.pdf" in names
    for name in names:
        if name.endswith(".csv"):
            assert (kept / name).read_bytes() == (scratch / name).read_bytes(), name
    texts = [subprocess.run(["pdftotext", "-layout", str(folder / "monitor.pdf"), "-"], capture_output=True,
                            check=True, text=True).stdout for folder in (kept, scratch)]
    assert texts[0] == texts[1] and "caseload" in texts[0].lower()


def test_a_change_in_a_period_nobody_foresaw_is_counted_again_from_scratch(db_url: str) -> None:
    from storage import central
    from storage.central_bijhouden import bijhouden

    records, _einden = _data()
    vroeg, later = [r for r in records if r.maand < "2025-07"], [r for r in records if r.maand >= "2025-07"]
    engine = open_central(db_url)
    try:
        with engine.begin() as conn:
            store_records(conn, later)
        with engine.begin() as conn:
            inwoners = central._inwoners(conn, {(r.set_naam, r.pseudoniem) for r in vroeg})
            with bijhouden(conn, inwoners.values(), "2099-01"):  # told, wrongly, that only 2099 comes in
                central._store(conn, vroeg, inwoners)
        _assert_kept_equal_scratch(engine)
    finally:
        engine.dispose()


_KILLED = """
import pickle, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from storage import central_bijhouden
from storage.central import open_central, store_records
real, done = central_bijhouden.schrijf, []
def then_hang(connection, nr, delta):
    real(connection, nr, delta)
    done.append(nr)
    if len(done) == 2:  # two kept periods changed, more to come: now it is killed
        Path({flag!r}).touch()
        time.sleep(120)
central_bijhouden.schrijf = then_hang
engine = open_central({url!r})
with engine.begin() as connection:
    store_records(connection, pickle.loads(Path({records!r}).read_bytes()))
"""


def test_a_sync_killed_half_way_leaves_records_and_kept_counts_as_they_were(db_url: str, tmp_path: Path) -> None:
    import pickle
    import signal
    import sys
    import time

    records, einden = _data()
    engine = open_central(db_url)
    try:
        with engine.begin() as conn:
            store_records(conn, records[::2])
            store_afsluitingen(conn, einden)

        def snapshot() -> tuple:
            with engine.connect() as conn:
                kept = {k: lees_bijdrage(conn, nr) for k, nr in bewaarde_perioden(conn, {SET, "jeugd"}).items()}
                return kept, conn.execute(sa.text("SELECT count(*) FROM monitor_record")).scalar()

        before = snapshot()
        (tmp_path / "records.pickle").write_bytes(pickle.dumps(records[1::2]))
        flag = tmp_path / "halfway"
        script = _KILLED.format(root=str(Path(__file__).resolve().parent.parent), flag=str(flag), url=db_url,
                                records=str(tmp_path / "records.pickle"))
        process = subprocess.Popen([sys.executable, "-c", script])
        deadline = time.monotonic() + 120
        while not flag.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert flag.exists(), "the sync never got half-way"
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        assert snapshot() == before  # nothing of the killed sync: neither records nor counts
        with engine.begin() as conn:  # the next sync brings them, and the counts follow
            store_records(conn, records[1::2])
        assert snapshot()[1] > before[1]
        _assert_kept_equal_scratch(engine)
    finally:
        engine.dispose()
