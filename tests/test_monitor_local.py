"""The tablet's monitor key and its derived queue of records."""

from __future__ import annotations

import base64
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from board.monitor_1_record import monitor_record
from board.monitor_2_counts import Periode
from board.monitor_4_disclosure import Zichtbaarheid
from services.demo import fill
from services.monitor import (
    KEY_SETTING,
    import_key,
    local_records,
    monitor_for_app,
    monitor_key,
    read_key_file,
    vingerafdruk,
    waiting_records,
    write_key_file,
)
from storage import InvalidValueError, Repository
from tests.keys import TEST_KEY


@pytest.fixture
def repo(tmp_path: Path) -> Iterator[Repository]:
    repository = Repository.open(f"sqlite:///{tmp_path / 'tablet.sqlite3'}", key=TEST_KEY)
    fill(repository)
    yield repository
    repository.close()


def test_the_key_is_made_once_at_random_and_kept(tmp_path: Path, repo: Repository) -> None:
    key = monitor_key(repo)
    assert len(key) == 32 and monitor_key(repo) == key
    repo.close()
    again = Repository.open(f"sqlite:///{tmp_path / 'tablet.sqlite3'}", key=TEST_KEY)
    assert monitor_key(again) == key
    other = Repository.open(f"sqlite:///{tmp_path / 'ander.sqlite3'}", key=TEST_KEY)
    assert monitor_key(other) != key
    other.close()
    again.close()


def test_records_exist_for_metingen_afgerond_before_the_key(repo: Repository) -> None:
    assert repo.get_instelling(KEY_SETTING) is None  # the demo metingen are older than any key
    records = local_records(repo)
    afgerond = repo.afgeronde_metingen()
    assert len(records) == len(afgerond) > 0
    key = monitor_key(repo)
    inwoners = {i.id: i for i in repo.list_inwoners()}
    assert records == [monitor_record(m, inwoners[m.inwoner_id], key) for m in afgerond]


def test_the_gemeentes_key_file_is_imported_in_hex_or_base64(tmp_path: Path, repo: Repository) -> None:
    path = tmp_path / "sleutel.txt"
    key = write_key_file(path)
    assert read_key_file(path) == key and vingerafdruk(key) in path.read_text()
    assert import_key(repo, key).changed and monitor_key(repo) == key
    assert not import_key(repo, key).changed  # the same key again changes nothing
    b64 = tmp_path / "sleutel.b64"
    b64.write_text(base64.b64encode(key).decode() + "\n")
    assert read_key_file(b64) == key
    with pytest.raises(InvalidValueError, match="bestaat al"):
        write_key_file(path)


@pytest.mark.parametrize("content", [b"", b"abc", b"\xff\xfe", b"00" * 8, b"geen sleutel maar tekst"])
def test_a_bad_key_file_is_refused_with_a_dutch_message(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "sleutel.txt"
    path.write_bytes(content)
    with pytest.raises(InvalidValueError, match="geen geldig sleutelbestand"):
        read_key_file(path)
    with pytest.raises(InvalidValueError, match="kan niet worden gelezen"):
        read_key_file(tmp_path / "bestaat-niet.txt")


def test_a_key_imported_after_a_first_sync_rekeys_what_waits_and_counts_what_was_sent(repo: Repository) -> None:
    old = monitor_key(repo)
    before = waiting_records(repo, "centrale-1")
    sent, rest = before[:3], before[3:]
    repo.mark_monitor_sent("centrale-1", [(m, r.record_id) for m, r in sent], datetime.now(UTC))
    result = import_key(repo, b"n" * 32)
    assert (result.changed, result.already_sent, result.previous) == (True, 3, old)
    assert monitor_key(repo) == b"n" * 32
    waiting = waiting_records(repo, "centrale-1")
    assert [m for m, _r in waiting] == [m for m, _r in rest]  # what was sent is not sent again
    # The rest goes with the new key: other pseudonyms and record ids than under the old one.
    assert all(new.pseudoniem != old_r.pseudoniem for (_m, new), (_m2, old_r) in zip(waiting, rest, strict=True))
    assert {r.record_id for _m, r in waiting}.isdisjoint(r.record_id for _m, r in rest)
    assert import_key(repo, b"n" * 32).changed is False


def test_the_queue_holds_what_one_central_database_has_not_confirmed(repo: Repository) -> None:
    waiting = waiting_records(repo, "centrale-1")
    repo.mark_monitor_sent("centrale-1", [(m, r.record_id) for m, r in waiting[:5]], datetime.now(UTC))
    assert waiting_records(repo, "centrale-1") == waiting[5:]
    assert waiting_records(repo, "centrale-2") == waiting  # another central database still needs all
    assert repo.monitor_sent_count("centrale-1") == 5


def test_erasing_a_meting_takes_its_sent_mark_with_it(repo: Repository) -> None:
    meting_id, record = waiting_records(repo, "c")[-1]
    repo.mark_monitor_sent("c", [(meting_id, record.record_id)], datetime.now(UTC))
    with repo.engine.begin() as conn:
        conn.execute(sa.text("DELETE FROM meting WHERE id = :m"), {"m": meting_id})
    assert repo.monitor_sent_count() == 0


def test_monitor_for_app_gives_only_published_figures(repo: Repository) -> None:
    figuren, published = monitor_for_app(repo, Periode("2025-01", "2026-12"))
    assert set(published) == set(figuren.cellen)
    inwoners = published[("overzicht", figuren.gemeente, "alle", "inwoners")]
    assert inwoners.zichtbaarheid is Zichtbaarheid.GETOOND and inwoners.waarde % 5 == 0
    # 30 demo inwoners over several wijken: a wijk is too small to show
    wijk = figuren.tabel("overzicht").gebieden[0]
    assert published[("overzicht", wijk, "alle", "inwoners")].tekst() == "<10"
