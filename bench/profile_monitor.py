"""Where P7's time goes: ``python bench/profile_monitor.py [--postgresql] [--runs N]``.

On the P7 bench database (built as ``bench_monitor`` builds it, and cached the same way),
times each step of the report the way ``central_counts.tel_sql`` takes it: each per-report
table (``_TABELLEN``, with the tables it reads), each grouping of ``COUNTS_SQL`` on its own
(on those tables), the whole UNION, the two traject queries, folding the rows in Python
(``_fold``, ``tel_trajecten_sql``), ``figuren`` and ``beveilig``, against the one GROUP BY of
P7's baseline. The least of ``--runs`` runs per step, with the load average before and after.
A grouping alone costs its own tables as well: subtract the table's line to see its part.
Then the report's counts as it reads them: from the counts kept at sync time (central revision
c006), checked equal to the count from scratch.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from main import use_project_environment

if __name__ == "__main__":
    use_project_environment()  # as bench/run.py: in .venv when this Python lacks the packages

import sqlalchemy as sa

from bench.bench_monitor import BASELINE_SQL, PERIODE, PG_ENV, _postgres_db, _sqlite_db
from board.monitor_3_figures import figuren
from board.monitor_4_disclosure import beveilig
from storage import central_counts
from storage.central import open_central
from storage.central_traject_counts import tel_trajecten_sql

SET = "volwassenen"


def _best(label: str, step: Callable[[], object], runs: int) -> object:
    result, best = None, float("inf")
    for _ in range(runs):
        start = time.perf_counter()
        result = step()
        best = min(best, time.perf_counter() - start)
    print(f"{best:8.3f} s  {label}", flush=True)
    return result


def _union_part(connection: sa.Connection, sql: str, params: dict) -> list[sa.Row]:
    """``sql`` with the per-report tables it reads, as ``tel_sql`` makes them; rolled back."""
    tabellen = central_counts._tabellen(sql)
    try:
        if connection.dialect.name == "postgresql":
            for naam in tabellen:
                connection.execute(sa.text(f"CREATE TEMPORARY TABLE {naam} AS {central_counts._TABELLEN[naam]}"),
                                   params)
                if naam == "tel_w":
                    connection.execute(sa.text("CREATE INDEX tel_w_inwoner ON tel_w (inwoner_nr)"))
                connection.execute(sa.text(f"ANALYZE {naam}"))
        elif tabellen:
            sql = "WITH " + ",\n".join(f"{n} AS ({central_counts._TABELLEN[n]})" for n in tabellen) + "\n" + sql
        return connection.execute(sa.text(sql), params).all()
    finally:
        connection.rollback()


def profile(url: str, runs: int) -> None:
    engine = open_central(url)
    params = {"set_naam": SET, "van": PERIODE.van, "tot": PERIODE.tot}
    print(f"{engine.dialect.name}, load average {os.getloadavg()[0]:.2f}")
    with engine.connect() as connection:
        _best("baseline: the one GROUP BY", lambda: connection.execute(BASELINE_SQL, params).all(), runs)
        for naam in central_counts._TABELLEN:
            _best(f"table {naam} (with those it reads)",
                  lambda naam=naam: _union_part(connection, f"SELECT COUNT(*) FROM {naam}", params), runs)
        for part in central_counts.COUNTS_SQL.split("UNION ALL"):
            words = part.split()
            soort = words[5] if words[1] == "'trend'," else ""  # the trend's column
            label = f"grouping {words[1]} {soort} from {words[words.index('FROM') + 1]}"
            _best(label, lambda part=part: _union_part(connection, part, params), runs)
        rows = _best("COUNTS_SQL: the whole UNION", lambda: _union_part(connection, central_counts.COUNTS_SQL, params),
                     runs)
        trajecten = _best("TRAJECTEN_SQL", lambda: connection.execute(sa.text(central_counts.TRAJECTEN_SQL),
                                                                      params).all(), runs)
        afgesloten = _best("AFGESLOTEN_SQL", lambda: connection.execute(sa.text(central_counts.AFGESLOTEN_SQL),
                                                                        params).all(), runs)
    print(f"          ({len(rows):,} UNION rows, {len(trajecten):,} traject rows, {len(afgesloten):,} afgesloten rows)")
    _best("_fold (Python)", lambda: central_counts._fold(rows, PERIODE, SET), runs)
    _best("tel_trajecten_sql (Python, with its _fold)",
          lambda: tel_trajecten_sql(central_counts._fold(rows, PERIODE, SET), trajecten, afgesloten), runs)
    tellingen = _best("tel_sql from scratch: all of the above",
                      lambda: central_counts.tel_sql(engine, PERIODE, SET, bewaard=False), runs)
    kept = _best("tel_sql from the counts kept at sync time (c006)",
                 lambda: central_counts.tel_sql(engine, PERIODE, SET), runs)
    assert kept == tellingen, "the kept counts must be the very same counts"
    figures = _best("figuren", lambda: figuren(tellingen), runs)
    _best("beveilig", lambda: beveilig(figures), runs)
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    engine.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--postgresql", action="store_true", help=f"the PostgreSQL server of {PG_ENV}")
    parser.add_argument("--runs", type=int, default=2)
    args = parser.parse_args()
    if args.postgresql:
        server = os.environ.get(PG_ENV)
        if not server:
            parser.error(f"set {PG_ENV}")
        profile(_postgres_db(server), args.runs)
    else:
        profile(_sqlite_db(), args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
