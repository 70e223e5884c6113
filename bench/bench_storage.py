"""Storage figures: a durable fiche move, loading a long history from a big database, kills."""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
import uuid
from datetime import date, datetime, timedelta
from pathlib import Path

from bench.common import BENCH_KEY, Figure, benchmark, interleaved, median
from board import BoardSession, Inwoner, Meting, Perspectief
from storage import Repository
from storage.engine import BUSY_TIMEOUT_MS, connect_sqlite

# A fixed key for the benchmark databases (the app's comes from the keyring).

CACHE = Path(tempfile.gettempdir()) / "magneetbord-bench"  # outside the repository, kept between runs


def _raw_connection(path: Path, key: bytes | None = None) -> sqlite3.Connection:
    """Raw sqlite3 (or, with a key, raw sqlcipher3) with the same pragmas as the app's connections."""
    conn = connect_sqlite(str(path), key) if key else sqlite3.connect(path, isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA secure_delete = ON")
    return conn


@benchmark("S1", "storage: one fiche move saved durably (save_change, SQLCipher) vs raw sqlcipher3 insert+commit")
def fiche_move() -> list[Figure]:
    with tempfile.TemporaryDirectory(dir=CACHE.parent) as folder:
        repo = Repository.open(f"sqlite:///{Path(folder) / 'app.sqlite3'}", key=BENCH_KEY)
        inwoner = Inwoner.create("BENCH-1", "Stratum")
        repo.add_inwoner(inwoner)
        session = BoardSession(repo.start_nulmeting(inwoner.id, date(2025, 3, 1)), on_commit=repo.save_change)
        keys = ("geld", "wonen", "werk", "gezin", "zingeving", "sociale_contacten")
        for i, key in enumerate(keys):
            session.apply(lambda m, key=key: m.choose(key))
            session.apply(lambda m, key=key, i=i: m.place_fiche(key, Perspectief.INWONER, i / 10))
        session.apply(lambda m: m.place_fiche("geld", Perspectief.PROFESSIONAL, 0.2))
        session.apply(lambda m: m.add_doel("geld", "Ik wil mijn rekeningen op tijd betalen."))
        rng = random.Random(1)

        def move() -> None:  # what a drop does: one committed operation, saved
            key = rng.choice(keys)
            session.apply(lambda m: m.place_fiche(key, Perspectief.INWONER, rng.random()))

        raw = _raw_connection(Path(folder) / "raw.sqlite3", BENCH_KEY)
        plain = _raw_connection(Path(folder) / "plain.sqlite3")
        counter = iter(range(10**9))
        for conn in (raw, plain):
            conn.execute("CREATE TABLE t (meting_id TEXT, leefgebied TEXT, positie REAL)")

        def insert(conn: sqlite3.Connection) -> None:
            conn.execute("BEGIN")
            conn.execute("INSERT INTO t VALUES (?, ?, ?)", ("m", f"k{next(counter)}", rng.random()))
            conn.execute("COMMIT")

        for _ in range(20):  # warm up all three
            move()
            insert(raw)
            insert(plain)
        subject, base = interleaved(move, lambda: insert(raw), 500)
        plain_times, raw_again = interleaved(lambda: insert(plain), lambda: insert(raw), 300)
        raw.close()
        plain.close()
        repo.close()
    value, base_value = median(subject) * 1e3, median(base) * 1e3
    plain_value, raw_value = median(plain_times) * 1e3, median(raw_again) * 1e3
    return [
        Figure(
            "S1",
            "fiche move saved durably, encrypted (median)",
            value,
            "ms",
            goal="<= 2x raw sqlcipher3",
            baseline=base_value,
            ratio=value / base_value,
            note="SQLCipher 4, WAL + synchronous=FULL + secure_delete, 500 interleaved runs; the move goes "
            "through BoardSession.apply; baseline: raw sqlcipher3 insert+commit, same pragmas",
        ),
        Figure(
            "S1.cipher",
            "raw insert+commit: sqlcipher3 vs plain sqlite3 (median)",
            raw_value,
            "ms",
            baseline=plain_value,
            ratio=raw_value / plain_value,
            note="what the encryption itself costs, 300 interleaved runs, same pragmas",
        ),
    ]


HISTORY_DB = CACHE / "history-10000-50000-v2-sqlcipher.sqlite3"  # v2: encrypted with BENCH_KEY
INWONERS, METINGEN, TARGET_METINGEN = 10_000, 50_000, 20


def _target_history(inwoner_id: str) -> list[Meting]:
    """20 metingen of one inwoner, made with the board's own operations."""
    rng = random.Random(3)
    meting = Meting.nulmeting(inwoner_id, date(2020, 1, 6))
    metingen: list[Meting] = []
    for n in range(TARGET_METINGEN):
        if n == 0:
            for key in ("geld", "wonen", "werk", "gezin", "zingeving"):
                meting = meting.choose(key)
        for key in meting.gekozen:
            meting = meting.place_fiche(key, Perspectief.INWONER, round(rng.random(), 3))
        meting = meting.place_fiche("geld", Perspectief.PROFESSIONAL, round(rng.random(), 3))
        for doel in meting.open_evaluaties:
            meting = meting.evaluate_doel(doel.id, "deels behaald")
        meting = meting.add_doel("geld", f"Stap {n}: rekeningen op tijd betalen.", acties=())
        meting = meting.set_rapportcijfer(rng.randint(4, 8))
        meting = meting.afronden(datetime.combine(meting.datum, datetime.min.time()))
        metingen.append(meting)
        meting = meting.vervolg(meting.datum + timedelta(days=90))
    return metingen


def _build_history_db() -> str:
    """10,000 inwoners / 50,000 metingen; the first inwoner has 20 metingen. Bulk inserts."""
    CACHE.mkdir(exist_ok=True)
    building = HISTORY_DB.with_suffix(".building")
    for stale in CACHE.glob(building.name + "*"):
        stale.unlink()
    repo = Repository.open(f"sqlite:///{building}", key=BENCH_KEY)
    target = Inwoner.create("BENCH-00000", "Stratum", "T.")
    repo.add_inwoner(target)
    for meting in _target_history(target.id):
        repo.add_meting(meting)
    repo.close()

    rng = random.Random(5)
    keys = ("geld", "wonen", "werk", "gezin", "zingeving", "sociale_contacten", "huishouden")
    wijken = ("Woensel-Noord", "Tongelre", "Stratum", "Gestel", "Strijp")
    per_inwoner = (METINGEN - TARGET_METINGEN) // (INWONERS - 1)  # 5
    inwoners, metingen, gekozen, fiches, doelen, acties = [], [], [], [], [], []
    for n in range(1, INWONERS):
        inwoner_id = uuid.UUID(int=rng.getrandbits(128)).hex
        inwoners.append((inwoner_id, f"BENCH-{n:05d}", rng.choice(wijken), None))
        count = per_inwoner + (1 if n <= (METINGEN - TARGET_METINGEN) % (INWONERS - 1) else 0)
        for volgnummer in range(count):
            meting_id = uuid.UUID(int=rng.getrandbits(128)).hex
            datum = (date(2022, 1, 3) + timedelta(days=120 * volgnummer + rng.randrange(60))).isoformat()
            soort = "nulmeting" if volgnummer == 0 else "vervolgmeting"
            metingen.append((meting_id, inwoner_id, datum, soort, volgnummer, "volwassenen", 1, rng.randint(1, 10)))
            for rang, key in enumerate(rng.sample(keys, 5)):
                gekozen.append((meting_id, key, rang))
                fiches.append((meting_id, key, "inwoner", rng.random()))
            doel_id = uuid.UUID(int=rng.getrandbits(128)).hex
            doelen.append((meting_id, doel_id, 0, key, "Een doel in eigen woorden.", meting_id))
            acties.append((meting_id, doel_id, 0, "wijkteam", "Samen een plan maken."))
    conn = _raw_connection(building, BENCH_KEY)
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO inwoner VALUES (?, ?, ?, ?)", inwoners)
    conn.executemany(
        "INSERT INTO meting (id, inwoner_id, datum, soort, volgnummer, set_naam, set_versie, rapportcijfer, status) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'concept')",
        metingen,
    )
    conn.executemany("INSERT INTO gekozen VALUES (?, ?, ?)", gekozen)
    conn.executemany("INSERT INTO fiche VALUES (?, ?, ?, ?)", fiches)
    conn.executemany(
        "INSERT INTO doel (meting_id, doel_id, volgorde, leefgebied, tekst, sinds_meting) VALUES (?, ?, ?, ?, ?, ?)",
        doelen,
    )
    conn.executemany("INSERT INTO actie VALUES (?, ?, ?, ?, ?)", acties)
    conn.execute("UPDATE meting SET status = 'afgerond', afgerond_op = datum || 'T12:00:00' WHERE status = 'concept'")
    conn.execute("COMMIT")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.execute("ANALYZE")
    conn.close()
    building.rename(HISTORY_DB)
    return target.id


@benchmark("S2", "storage: load one inwoner's history (20 metingen) from 10,000 inwoners / 50,000 metingen")
def load_history() -> list[Figure]:
    if not HISTORY_DB.exists():
        start = time.perf_counter()
        _build_history_db()
        print(f"  built {HISTORY_DB} in {time.perf_counter() - start:.1f} s", flush=True)
    repo = Repository.open(f"sqlite:///{HISTORY_DB}", key=BENCH_KEY)
    target = repo.find_inwoner("BENCH-00000")
    assert target is not None
    with repo.engine.connect() as conn:
        counts = [conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in ("inwoner", "meting")]
    assert counts == [INWONERS, METINGEN], counts
    assert len(repo.history(target.id)) == TARGET_METINGEN
    raw = _raw_connection(HISTORY_DB, BENCH_KEY)

    def baseline() -> None:  # the same rows, fetched with plain SQL and not turned into objects
        ids = [r[0] for r in raw.execute("SELECT id FROM meting WHERE inwoner_id = ?", (target.id,))]
        marks = ",".join("?" * len(ids))
        raw.execute(f"SELECT * FROM meting WHERE id IN ({marks}) ORDER BY datum, volgnummer", ids).fetchall()
        for table in ("gekozen", "fiche", "doel", "actie"):
            raw.execute(f"SELECT * FROM {table} WHERE meting_id IN ({marks})", ids).fetchall()

    subject, base = interleaved(lambda: repo.history(target.id), baseline, 200)
    raw.close()
    repo.close()
    value, base_value = median(subject) * 1e3, median(base) * 1e3
    return [
        Figure(
            "S2",
            "load history of 20 metingen, 10k inwoners / 50k metingen (median)",
            value,
            "ms",
            goal="(none given)",
            baseline=base_value,
            ratio=value / base_value,
            note="baseline: the same rows fetched with raw sqlcipher3 (same key), not built into Meting objects",
        )
    ]


@benchmark("S3", "storage: SIGKILL at random moments during saves, 1,000 times")
def kills() -> list[Figure]:
    from tests.killharness import run_kills  # the same harness as the test suite

    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        report = run_kills(Path(folder) / "kill.sqlite3", kills=1000, seed=2026)
        seconds = time.perf_counter() - start
    return [
        Figure(
            "S3",
            "kills survived (every reported change found, integrity_check ok)",
            report.kills,
            "kills",
            goal="1000 of 1000",
            note=f"{report.changes} reported changes verified; {report.killed_mid_save} kills landed inside a save; "
            f"{seconds:.0f} s",
        ),
        Figure("S3.changes", "reported changes verified after the kills", report.changes, "changes"),
    ]
