"""The outbox: a delivered bundle leaves the tablet; retention removes old delivered metingen
but keeps the one the next vervolgmeting starts from."""

from __future__ import annotations

import argparse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

import main
from board import Inwoner, Meting
from board.monitor_1_record import monitor_record
from exports.bundle import write_bundle
from services.monitor import monitor_key
from services.outbox import apply_retention
from services.unlock import PIN_ENV, open_for_cli
from storage import Repository
from storage.keyring import KdfParams
from storage.outbox import outbox_folder
from tests.keys import tablet_with_professional

PIN = "482913"
NOW = datetime(2026, 9, 1, 12, tzinfo=UTC)


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'magneetbord.sqlite3'}"
    tablet_with_professional(url, "Sanne", PIN, kdf=KdfParams(memory_kib=64, time_cost=1))
    monkeypatch.setenv(PIN_ENV, PIN)
    return url


def chain(repository: Repository, count: int) -> tuple[Inwoner, list[Meting]]:
    """An inwoner with ``count`` afgeronde metingen, three months apart."""
    inwoner = Inwoner.create("WT-2026-00077", "Tongelre", "B.")
    repository.add_inwoner(inwoner)
    metingen: list[Meting] = []
    meting = Meting.nulmeting(inwoner.id, date(2025, 1, 6)).choose("geld").choose("wonen")
    for n in range(count):
        meting = meting.place_fiche("geld", "inwoner", 0.1 * (n + 1)).place_fiche("wonen", "inwoner", 0.5)
        meting = meting.afronden(datetime.combine(meting.datum, datetime.min.time(), UTC))
        repository.add_meting(meting)
        metingen.append(meting)
        meting = meting.vervolg(meting.datum + timedelta(days=91))
    return inwoner, metingen


def test_a_delivered_bundle_leaves_the_tablet(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    repository = open_for_cli(argparse.Namespace(db=url))
    inwoner, (meting,) = chain(repository, 1)
    outbox = outbox_folder(url)
    assert outbox.parent == Path(url.removeprefix("sqlite:///")).parent  # beside the database
    folder = write_bundle(outbox, inwoner, meting)
    assert main.main(["--db", url, "outbox", "delivered", str(folder)]) == 1  # not marked exported yet
    assert "nog niet geëxporteerd" in capsys.readouterr().out and folder.is_dir()
    repository.mark_exported(meting.id, NOW)
    assert main.main(["--db", url, "outbox", "delivered", str(folder)]) == 0
    assert not folder.exists() and list(outbox.iterdir()) == []
    capsys.readouterr()
    assert main.main(["--db", url, "outbox", "delivered", str(folder)]) == 1  # delivered before: gone
    out = capsys.readouterr().out
    assert "is er niet" in out and folder.name in out and "niets afgeleverd" in out
    assert repository.delivered_at(meting.id) is not None
    assert repository.audit_log()[-1].actie == "geleverd"
    repository.close()


def test_retention_removes_old_delivered_metingen_but_keeps_the_latest(url: str) -> None:
    repository = open_for_cli(argparse.Namespace(db=url))
    inwoner, metingen = chain(repository, 3)
    outbox = outbox_folder(url)
    for meting in metingen:
        write_bundle(outbox, inwoner, meting)
        repository.mark_exported(meting.id, NOW - timedelta(days=100))
    repository.mark_delivered(metingen[0].id, NOW - timedelta(days=95))
    repository.mark_delivered(metingen[1].id, NOW - timedelta(days=91))
    repository.mark_delivered(metingen[2].id, NOW - timedelta(days=91))
    assert apply_retention(repository, outbox, days=92, now=NOW) == 1  # only the first is old enough
    assert apply_retention(repository, outbox, days=90, now=NOW) == 1  # the latest one stays
    history = repository.history(inwoner.id)
    assert [m.id for m in history] == [metingen[2].id]
    latest = history[0]
    # The kept meting lost its link (and its own ghosts); its fiches are intact and the next
    # vervolgmeting starts from them as ghosts.
    assert latest.vorige_meting_id is None and latest.vorige == ()
    assert latest.fiches == metingen[2].fiches
    vervolg = repository.start_vervolgmeting(inwoner.id, date(2026, 9, 2))
    assert vervolg.vorige == metingen[2].fiches
    assert sorted(p.name for p in outbox.iterdir()) == [f"{metingen[2].datum}_{metingen[2].id}"]
    assert [e.actie for e in repository.audit_log() if e.actie == "verlopen"] == ["verlopen", "verlopen"]
    repository.close()


def test_retention_from_the_command_line(url: str, capsys: pytest.CaptureFixture[str]) -> None:
    repository = open_for_cli(argparse.Namespace(db=url))
    _, metingen = chain(repository, 2)
    for meting in metingen:
        repository.mark_exported(meting.id, datetime.now(UTC) - timedelta(days=40))
        repository.mark_delivered(meting.id, datetime.now(UTC) - timedelta(days=40))
    repository.close()
    assert main.main(["--db", url, "outbox", "prune"]) == 0  # default: 90 days
    assert "0 metingen" in capsys.readouterr().out
    assert main.main(["--db", url, "outbox", "opruimen", "--dagen", "30"]) == 0  # the old name still works
    assert "1 meting verwijderd" in capsys.readouterr().out


def test_retention_waits_for_the_monitor_record_on_a_tablet_in_the_monitor(url: str) -> None:
    repository = open_for_cli(argparse.Namespace(db=url))
    inwoner, metingen = chain(repository, 2)
    outbox = outbox_folder(url)
    for meting in metingen:
        repository.mark_exported(meting.id, NOW - timedelta(days=100))
        repository.mark_delivered(meting.id, NOW - timedelta(days=95))
    monitor_key(repository)  # the tablet now takes part in the gemeente's monitor
    assert apply_retention(repository, outbox, days=90, now=NOW) == 0  # its record was never sent
    record = monitor_record(metingen[0], inwoner, bytes.fromhex(repository.get_instelling("monitor_sleutel")))
    repository.mark_monitor_sent("centrale-1", [(metingen[0].id, record.record_id)], NOW)
    assert apply_retention(repository, outbox, days=90, now=NOW) == 1
    assert [m.id for m in repository.history(inwoner.id)] == [metingen[1].id]
    repository.close()


def test_delivering_a_folder_that_is_not_there_says_so(url: str, tmp_path: Path, capsys) -> None:
    """A typo in the path: 'is er niet' and exit 1, whatever the name looks like (before, a
    name without datum_kenmerk was judged by its name: 'geen map uit de outbox')."""
    for typo in (tmp_path / "bundel-van-gisteren", tmp_path / "2026-09-01_abc"):
        assert main.main(["--db", url, "outbox", "delivered", str(typo)]) == 1
        out = capsys.readouterr().out
        assert f"De map {typo} is er niet" in out and "niets afgeleverd" in out
    plain = tmp_path / "gewone-map"
    plain.mkdir()  # there, but not a bundle: its name says why
    assert main.main(["--db", url, "outbox", "delivered", str(plain)]) == 1
    assert "gewone-map is geen map uit de outbox" in capsys.readouterr().out and plain.is_dir()
