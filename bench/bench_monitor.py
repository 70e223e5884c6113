"""Monitor figures: P7 (the figures over 1,000,000 fiche rows, SQLite and PostgreSQL) and sync.

P7 counts the figures the real way (``central_counts.tel_sql`` -> ``figuren`` ->
``beveilig``) and compares with one hand-written GROUP BY on the same database in the same
run: chosen leefgebieden per wijk over every fiche row in the period. P7.*.gekozen is the
like-for-like reading: only the "how often each leefgebied is chosen" table through our
code path (``GEKOZEN_SQL``) against that same GROUP BY. The central database is built once
by bulk insert, then derived as a sync derives (``central_derive``), cached under the temp
folder for SQLite; a named database on the PostgreSQL server of MAGNEETBORD_TEST_POSTGRES_URL.
"""

from __future__ import annotations

import hashlib
import os
import random
import sqlite3
import tempfile
import time
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path

import sqlalchemy as sa

from bench.common import BENCH_KEY, Figure, benchmark, interleaved, median
from board import Inwoner, Meting
from board.monitor_2_counts import Periode
from board.monitor_3_figures import figuren
from board.monitor_4_disclosure import beveilig
from samples.monitor_voorbeeld import voorbeeld_records
from services.sync import sync
from storage import Repository
from storage.central import central_engine, open_central, store_records
from storage.central_bijhouden import bewaar_alles
from storage.central_counts import GEKOZEN_SQL, tel_sql
from storage.central_derive import afleiden, koppel_inwoners

CACHE = Path(tempfile.gettempdir()) / "magneetbord-bench"
VERSION = "v7"  # v7: central revision c006 (the counts kept per grid period)
INWONERS = 50_000
WIJKEN = tuple(f"Wijk {c}" for c in "ABCDEFGHIJKL")
LEEFGEBIEDEN = (
    "wonen", "huishouden", "geld", "werk", "leren", "dagbesteding", "sociale_contacten", "gezin",
    "lichamelijke_gezondheid", "geestelijke_gezondheid", "persoonlijke_verzorging", "verslaving", "zingeving",
    "justitie",
)
EVALUATIES = ("behaald", "deels behaald", "niet behaald", "vervallen")
PERIODE = Periode("2025-01", "2025-12")
PG_ENV = "MAGNEETBORD_TEST_POSTGRES_URL"

BASELINE_SQL = sa.text(
    "SELECT r.wijk, l.leefgebied, COUNT(*) FROM monitor_record r "
    "JOIN monitor_record_leefgebied l ON l.record_nr = r.nr "
    "WHERE r.set_naam = :set_naam AND r.maand BETWEEN :van AND :tot GROUP BY r.wijk, l.leefgebied"
)


def _hex(purpose: str, n: int) -> str:
    return hashlib.sha256(f"{purpose}{n}".encode()).hexdigest()


REDENEN = ("doelen bereikt", "overgedragen aan specialistische zorg", "verhuisd", "gestopt op eigen verzoek",
           "overleden", "anders")


def _afsluitingen(seed: int = 7, inwoners: int = INWONERS) -> list[tuple]:
    """About half the inwoners' trajecten end, a few months after their last meting."""
    rng = random.Random(seed + 1)
    rows = []
    for i in range(inwoners):
        if rng.random() < 0.5:
            begin, eind = rng.randint(13, 18), rng.randint(19, 26)
            rows.append((i + 1, _hex("afsluiting", i), _hex("inwoner", i), WIJKEN[i % len(WIJKEN)], 0,
                         _maand(begin), _maand(eind), rng.choice(REDENEN)))
    return rows


def _maand(month: int) -> str:
    return f"{2024 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}"


def _rows(seed: int = 7, inwoners: int = INWONERS) -> Iterator[tuple[tuple, list[tuple], list[tuple]]]:
    """(record row, fiche rows, doel rows) for ``inwoners`` inwoners: 1 to 7 metingen each (4 on
    average), 3 to 7 leefgebieden (5 on average): about 20 fiche rows per inwoner, 1,000,000
    for INWONERS."""
    rng = random.Random(seed)
    nr = 0
    for i in range(inwoners):
        pseudoniem = _hex("inwoner", i)  # HMAC-like: no shared prefixes, as real records
        wijk = WIJKEN[i % len(WIJKEN)] if rng.random() > 0.02 else rng.choice(WIJKEN)
        gekozen = rng.sample(LEEFGEBIEDEN, rng.randint(3, 7))
        posities = {k: rng.randint(0, 1000) for k in LEEFGEBIEDEN}
        cijfer = rng.randint(2, 8)
        month = rng.randint(13, 18)  # the 0-meting in the first half of 2025
        for volg in range(rng.choice((1, 2, 3, 4, 4, 5, 6, 7))):
            nr += 1
            maand = f"{2024 + (month - 1) // 12}-{(month - 1) % 12 + 1:02d}"
            record = (nr, _hex("meting", nr), pseudoniem, wijk, maand, "nulmeting" if volg == 0 else "vervolgmeting",
                      volg, "volwassenen", 1, cijfer if rng.random() > 0.1 else None)
            fiches = [(nr, k, rang, posities[k]) for rang, k in enumerate(gekozen, start=1)]
            doelen = [(nr, j, rng.choice(gekozen), None if volg == 0 else rng.choice(EVALUATIES),
                       rng.randint(0, 31)) for j in range(rng.randint(0, 2))]
            yield record, fiches, doelen
            for k in gekozen:
                posities[k] = min(1000, max(0, posities[k] + rng.randint(-150, 200)))
            cijfer = min(10, max(1, cijfer + rng.choice((-1, 0, 1, 1))))
            month += rng.randint(1, 3)


_INSERTS = (
    "INSERT INTO monitor_record (nr, record_id, pseudoniem, wijk, maand, soort, volgnummer, set_naam, set_versie, "
    "rapportcijfer) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    "INSERT INTO monitor_record_leefgebied (record_nr, leefgebied, rang, positie) VALUES (?, ?, ?, ?)",
    "INSERT INTO monitor_record_doel (record_nr, volgorde, leefgebied, evaluatie, actoren) VALUES (?, ?, ?, ?, ?)",
    "INSERT INTO monitor_afsluiting (nr, record_id, pseudoniem, wijk, traject, begin_maand, eind_maand, reden) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
)


def _split(inwoners: int = INWONERS) -> tuple[list[tuple], list[tuple], list[tuple], list[tuple]]:
    records, fiches, doelen = [], [], []
    for record, f, d in _rows(inwoners=inwoners):
        records.append(record)
        fiches += f
        doelen += d
    return records, fiches, doelen, _afsluitingen(inwoners=inwoners)


def _sqlite_db() -> str:
    path = CACHE / f"monitor-central-1m-{VERSION}.sqlite3"
    if not path.exists():
        CACHE.mkdir(exist_ok=True)
        building = path.with_suffix(".building")
        for stale in CACHE.glob(building.name + "*"):
            stale.unlink()
        open_central(f"sqlite:///{building}").dispose()
        conn = sqlite3.connect(building, isolation_level=None)
        conn.execute("BEGIN")
        for sql, rows in zip(_INSERTS, _split(), strict=True):
            conn.executemany(sql, rows)
        conn.execute("COMMIT")
        _derive(f"sqlite:///{building}")
        conn.execute("ANALYZE")
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        building.rename(path)
    return f"sqlite:///{path}"


def _derive(url: str) -> None:
    """The derived columns and the kept counts, as the migrations' backfills make them."""
    engine = central_engine(url)
    with engine.begin() as conn:
        koppel_inwoners(conn)
        afleiden(conn)
    with engine.begin() as conn:  # after afleiden has committed, on fresh statistics
        conn.execute(sa.text("ANALYZE"))  # PostgreSQL planned the 10M backfill on the columns still empty
        bewaar_alles(conn)  # last: a database with kept counts is complete
    engine.dispose()


def _postgres_db(server: str, name: str = f"magneetbord_bench_monitor_{VERSION}", inwoners: int = INWONERS) -> str:
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as conn:
        exists = conn.execute(sa.text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": name}).first()
    url = sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    complete = False
    if exists is not None:
        engine = central_engine(url)
        with engine.connect() as conn:
            complete = conn.execute(sa.text("SELECT count(*) FROM monitor_tel_periode")).scalar() > 0
        engine.dispose()
    if not complete:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
            conn.exec_driver_sql(f"CREATE DATABASE {name}")
        engine = open_central(url)
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            tables = ("monitor_record (nr, record_id, pseudoniem, wijk, maand, soort, volgnummer, set_naam, "
                      "set_versie, rapportcijfer)", "monitor_record_leefgebied (record_nr, leefgebied, rang, positie)",
                      "monitor_record_doel (record_nr, volgorde, leefgebied, evaluatie, actoren)",
                      "monitor_afsluiting (nr, record_id, pseudoniem, wijk, traject, begin_maand, eind_maand, reden)")
            for table, rows in zip(tables, _split(inwoners), strict=True):
                with cursor.copy(f"COPY {table} FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row)
            cursor.execute("SELECT setval('monitor_record_nr_seq', (SELECT max(nr) FROM monitor_record))")
            raw.commit()
        finally:
            raw.close()
            engine.dispose()
        _derive(url)
        vacuum = sa.create_engine(url, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
        with vacuum.connect() as conn:
            conn.exec_driver_sql("VACUUM ANALYZE")  # as autovacuum would have done by report time
        vacuum.dispose()
    admin.dispose()
    return url


def _p7(url: str, dialect: str, goal: str, runs: int = 5, size: str = "1M") -> list[Figure]:
    engine = open_central(url)
    params = {"set_naam": "volwassenen", "van": PERIODE.van, "tot": PERIODE.tot}
    with engine.connect() as conn:
        fiches = conn.execute(sa.text("SELECT count(*) FROM monitor_record_leefgebied")).scalar()
        records = conn.execute(sa.text("SELECT count(*) FROM monitor_record")).scalar()
        inwoners = conn.execute(sa.text("SELECT count(*) FROM monitor_inwoner")).scalar()
    parts: dict[str, list[float]] = {"sql": [], "figuren": [], "beveilig": []}

    def subject() -> None:
        t0 = time.perf_counter()
        tellingen = tel_sql(engine, PERIODE)
        t1 = time.perf_counter()
        figures = figuren(tellingen)
        t2 = time.perf_counter()
        beveilig(figures)
        t3 = time.perf_counter()
        parts["sql"].append(t1 - t0)
        parts["figuren"].append(t2 - t1)
        parts["beveilig"].append(t3 - t2)

    def baseline() -> None:
        with engine.connect() as conn:
            conn.execute(BASELINE_SQL, params).all()

    def gekozen() -> None:
        tel_sql(engine, PERIODE, sql=GEKOZEN_SQL)

    subject()  # warm the cache for both
    baseline()
    for values in parts.values():
        values.clear()
    subject_times, base_times = interleaved(subject, baseline, runs)
    gekozen_times, base2_times = interleaved(gekozen, baseline, runs)
    engine.dispose()
    value, base = median(subject_times), median(base_times)
    g_value, g_base = median(gekozen_times), median(base2_times)
    note = (f"{fiches:,} fiche rows, {records:,} records, {inwoners:,} inwoners, {len(WIJKEN)} wijken; median of "
            f"{runs}: SQL {median(parts['sql']):.3f} s, figuren {median(parts['figuren']):.3f} s, "
            f"beveilig {median(parts['beveilig']):.3f} s")
    suffix = "" if size == "1M" else f".{size}"
    return [
        Figure(f"P7.{dialect}{suffix}", f"monitor figures over {size} fiche rows ({dialect})", value, "s", goal=goal,
               baseline=base, ratio=value / base, note=note),
        Figure(f"P7.{dialect}{suffix}.gekozen", f"only 'how often each leefgebied is chosen' per wijk ({dialect})",
               g_value, "s", baseline=g_base, ratio=g_value / g_base,
               note=f"like for like: tel_sql(sql=GEKOZEN_SQL) (latest record per inwoner in the period) vs the same "
                    f"hand-written GROUP BY (every fiche row in the period); median of {runs}"),
    ]


@benchmark("P7", "monitor figures over 1,000,000 fiche rows vs one GROUP BY, SQLite and PostgreSQL")
def monitor_figures() -> list[Figure]:
    figures = _p7(_sqlite_db(), "sqlite", "<= 1.5x and < 2 s")
    server = os.environ.get(PG_ENV)
    if server:
        figures += _p7(_postgres_db(server), "postgresql", "<= 1.5x")
    else:
        figures.append(Figure("P7.postgresql", "skipped: no PostgreSQL server", 0, "s", note=f"set {PG_ENV}"))
    return figures


@benchmark("P7.postgresql.10M", "monitor figures over 10,000,000 fiche rows on PostgreSQL, and the growth from 1M")
def monitor_figures_10m() -> list[Figure]:
    server = os.environ.get(PG_ENV)
    if not server:
        return [Figure("P7.postgresql.10M", "skipped: no PostgreSQL server", 0, "s", note=f"set {PG_ENV}")]
    groot = _postgres_db(server, f"magneetbord_bench_monitor_10m_{VERSION}", 10 * INWONERS)  # built first
    een = _p7(_postgres_db(server), "postgresql", "<= 1.5x", runs=3)  # then both, one after the other
    tien = _p7(groot, "postgresql", "<= 1.5x; <= 11x the 1M time", runs=3, size="10M")
    groei, basis = tien[0].value / een[0].value, (tien[0].baseline or 0) / (een[0].baseline or 1)
    return [een[0], tien[0], Figure(
        "P7.postgresql.10M.groei", "the report's time at 10M / at 1M fiche rows, same run", groei, "x",
        goal="<= 11x (linear)", note=f"1M {een[0].value:.3f} s, 10M {tien[0].value:.3f} s; the one GROUP BY grew "
                                     f"{basis:.2f}x ({een[0].baseline:.3f} s to {tien[0].baseline:.3f} s)")]


def _fresh_pg(server: str, name: str) -> str:
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT", poolclass=sa.NullPool)
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    admin.dispose()
    return sa.make_url(server).set(database=name).render_as_string(hide_password=False)


def _tablet_with(folder: Path, n: int) -> Repository:
    """A tablet with ``n`` afgeronde 0-metingen, none sent yet."""
    repository = Repository.open(f"sqlite:///{folder / 'tablet.sqlite3'}", key=BENCH_KEY)
    rng = random.Random(3)
    for i in range(n):
        inwoner = Inwoner.create(f"SYNC-{i}", WIJKEN[i % len(WIJKEN)])
        repository.add_inwoner(inwoner)
        meting = Meting.nulmeting(inwoner.id, date(2025, 3, 1))
        for k in rng.sample(LEEFGEBIEDEN, 5):
            meting = meting.choose(k).place_fiche(k, "inwoner", rng.random())
        repository.add_meting(meting.set_rapportcijfer(6).afronden(datetime(2025, 3, 1, 12)))
    return repository


@benchmark("P7.sync", "sync: records per second into PostgreSQL; a tablet with 500 waiting records")
def sync_throughput() -> list[Figure]:
    server = os.environ.get(PG_ENV)
    if not server:
        return [Figure("P7.sync", "skipped: no PostgreSQL server", 0, "records/s", note=f"set {PG_ENV}")]
    records = voorbeeld_records(inwoners=2000, wijken=5)
    batch = 200

    def store_all() -> None:
        engine = open_central(_fresh_pg(server, "magneetbord_bench_sync"))
        start = time.perf_counter()
        with engine.connect() as conn:
            for i in range(0, len(records), batch):
                with conn.begin():
                    store_records(conn, records[i : i + batch])
        times.append(time.perf_counter() - start)
        engine.dispose()

    times: list[float] = []
    for _ in range(3):
        store_all()
    rate = len(records) / median(times)
    figures = [Figure("P7.sync.rate", "records into PostgreSQL (batches of 200, each committed)", rate, "records/s",
                      note=f"{len(records)} records with their leefgebied and doel rows; median of 3")]
    with tempfile.TemporaryDirectory() as folder:
        repository = _tablet_with(Path(folder), 500)
        tablet_times = []
        for _ in range(3):
            with repository.engine.begin() as conn:
                conn.exec_driver_sql("DELETE FROM monitor_verzonden")
            url = _fresh_pg(server, "magneetbord_bench_sync")
            start = time.perf_counter()
            result = sync(repository, url)
            tablet_times.append(time.perf_counter() - start)
            assert result.total == 500
        repository.close()
    figures.append(Figure("P7.sync.500", "sync of a tablet with 500 waiting records into PostgreSQL",
                          median(tablet_times), "s", note="derive records, connect, send, mark; median of 3"))
    return figures
