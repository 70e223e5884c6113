"""Erasure removes the inwoner from every file the app keeps (the visit marker included) and,
at the next sync, from the central monitor database: deleted, acknowledged, audited."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

import main
from board.monitor_1_record import keyed_hash, monitor_record
from board.traject import Afsluitreden
from exports.bundle import write_bundle
from services.monitor import monitor_key
from services.traject import sluit_traject
from services.unlock import PIN_ENV, open_for_cli
from services.visit import Visit, VisitMarker
from storage import ENV_VAR
from storage.central import open_central, store_records
from storage.erasure import pending
from storage.errors import SaveError
from storage.outbox import outbox_folder
from tests.traces import NEEDLES, files_under, fill_known_inwoner, find_traces

PIN = "482913"


@pytest.fixture
def data_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "data"
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(folder))
    monkeypatch.delenv(ENV_VAR, raising=False)
    monkeypatch.setenv(PIN_ENV, PIN)
    assert main.main(["demo"]) == 0
    return folder


def central_rows(engine: sa.Engine, pseudoniem: str, nrs: dict | None = None) -> dict:
    """Per central table, how many rows belong to ``pseudoniem``: by the pseudonym itself, by
    its inwoner number, or through a record of theirs (``nrs``: those numbers, as found before
    the erasure, when they are gone from the rows that named them). ``nrs`` is in the answer."""
    found: dict = {}
    with engine.connect() as conn:
        inwoner = set(conn.execute(sa.text("SELECT nr FROM monitor_inwoner WHERE pseudoniem = :p"), {"p": pseudoniem})
                      .scalars())  # fmt: skip
        records = set(conn.execute(sa.text("SELECT nr FROM monitor_record WHERE pseudoniem = :p"), {"p": pseudoniem})
                      .scalars())  # fmt: skip
        inwoner |= set((nrs or {}).get("inwoner", ()))
        records |= set((nrs or {}).get("record", ()))
        for table in sa.inspect(conn).get_table_names():
            columns = {c["name"] for c in sa.inspect(conn).get_columns(table)}
            where = []
            if "pseudoniem" in columns:
                where.append("pseudoniem = :p")
            if "inwoner_nr" in columns and inwoner:
                where.append(f"inwoner_nr IN ({','.join(map(str, inwoner))})")
            if "record_nr" in columns and records:
                where.append(f"record_nr IN ({','.join(map(str, records))})")
            if where:
                query = f"SELECT count(*) FROM {table} WHERE {' OR '.join(where)}"  # names from the schema
                if n := conn.execute(sa.text(query), {"p": pseudoniem}).scalar():
                    found[table] = n
    if found:
        found["nrs"] = {"inwoner": sorted(inwoner), "record": sorted(records)}
    return found


def test_erasure_reaches_every_file_and_then_the_central_database(
    data_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    central = f"sqlite:///{tmp_path / 'centraal.sqlite3'}"
    repository = open_for_cli(argparse.Namespace(db=None))
    inwoner = fill_known_inwoner(repository)
    meting = repository.current_concept(inwoner.id)
    done = meting.set_rapportcijfer(5).afronden(datetime(2026, 2, 3, 11, tzinfo=UTC))
    repository.save_change(meting, done)
    write_bundle(outbox_folder(str(repository.engine.url)), inwoner, done)
    sluit_traject(repository, inwoner.id, Afsluitreden.VERHUISD, date(2026, 3, 1))  # an afsluiting record too
    vervolg = repository.start_nulmeting(inwoner.id, date(2026, 5, 1))  # a new traject, still open
    VisitMarker().write(Visit(inwoner.id, vervolg.id))  # the app had their board open
    pseudoniem = keyed_hash(monitor_key(repository), "inwoner", inwoner.id)
    late = monitor_record(done, inwoner, monitor_key(repository))
    repository.close()
    assert main.main(["sync", "--to", central]) == 0
    engine = open_central(central)

    def central_records() -> int:
        with engine.connect() as conn:
            query = sa.text("SELECT count(*) FROM monitor_record WHERE pseudoniem = :p")
            return conn.execute(query, {"p": pseudoniem}).scalar()

    assert central_records() == 1
    before = central_rows(engine, pseudoniem)
    assert {"monitor_inwoner", "monitor_record", "monitor_record_leefgebied", "monitor_afsluiting",
            "monitor_traject"} <= set(before), before  # fmt: skip
    central_files = sorted(tmp_path.glob("centraal.sqlite3*"))
    assert find_traces(central_files, (pseudoniem,)), "the probe must see the pseudonym in the central file"
    ids = (inwoner.id, done.id, vervolg.id)
    assert find_traces(files_under(data_folder), ids), "the probe must see the ids before the erasure"

    monkeypatch.setattr("builtins.input", lambda prompt: inwoner.dossiernummer)
    assert main.main(["inwoner", "erase", "--dossier", inwoner.dossiernummer]) == 0
    assert find_traces(files_under(data_folder), (*NEEDLES, *ids)) == []  # bezoek.json too
    assert VisitMarker().read() is None
    assert central_records() == 1  # the tablet is offline: the erasure waits for the sync

    assert main.main(["sync", "--to", central]) == 0
    assert central_records() == 0
    assert central_rows(engine, pseudoniem, nrs=before["nrs"]) == {}  # no table keeps a row of theirs
    assert find_traces(sorted(tmp_path.glob("centraal.sqlite3*")), (pseudoniem,)) == []  # nor a free page
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM monitor_inwoner WHERE pseudoniem = :p"),
                            {"p": pseudoniem}).scalar() == 0  # fmt: skip
        assert conn.execute(sa.text("SELECT records FROM monitor_wisverzoek")).scalars().all() == [2]
        assert pseudoniem not in repr(conn.execute(sa.text("SELECT * FROM monitor_wisverzoek")).all())
        others = conn.execute(sa.text("SELECT count(*) FROM monitor_record")).scalar()
    assert others > 0  # the other inwoners' records stay
    repository = open_for_cli(argparse.Namespace(db=None))
    assert pending(repository) == []  # acknowledged: the pseudonym is forgotten on the tablet
    acties = [e.actie for e in repository.audit_log(inwoner.id)]
    assert acties[-2:] == ["gewist", "centraal_gewist"]
    repository.close()
    assert main.main(["sync", "--to", central]) == 0  # nothing left to do, nothing refused
    # A record of the erased inwoner that turns up late (another copy) is not stored.
    with engine.begin() as conn:
        assert store_records(conn, [late]) == 0
    assert central_records() == 0
    engine.dispose()


def test_the_erasure_and_its_central_request_are_one_transaction(
    data_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both or neither: one commit holds the deleted rows, the queued Wisverzoek and the audit
    entry; an erasure that fails inside (here: the queue's write) leaves the inwoner and no request."""
    from services.inzage import erase_everywhere
    repository = open_for_cli(argparse.Namespace(db=None))
    assert monitor_key(repository) is not None  # the demo tablet takes part in the monitor
    first, second = repository.list_inwoners()[:2]
    commits: list[int] = []
    sa.event.listen(repository.engine, "commit", lambda _conn: commits.append(1))
    outbox = outbox_folder(str(repository.engine.url))
    erase_everywhere(repository, outbox, first.id, VisitMarker())
    assert len(commits) == 1
    assert [v.inwoner_id for v in pending(repository)] == [first.id]

    def refused(*_args: object) -> None:
        raise OSError("the queue cannot be written")

    monkeypatch.setattr("storage.erasure.write_setting", refused)
    with pytest.raises(SaveError, match="Er is niets veranderd"):  # Dutch, as every refused save
        erase_everywhere(repository, outbox, second.id, VisitMarker())
    assert repository.find_inwoner(second.dossiernummer) is not None  # not erased
    assert [v.inwoner_id for v in pending(repository)] == [first.id]  # and not asked
    repository.close()
