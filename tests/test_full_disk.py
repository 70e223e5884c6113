"""A full disk, caused for real: a small tmpfs (mounted as root) filled up with a file. A wrong
PIN is never tried uncounted (the back-off cannot be lifted by filling the disk), the lock
screen says the storage is full, opening says so too (not "no database"), saves are refused
with nothing changed, and all of it works again once there is room."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from board import Inwoner
from storage.errors import SaveError, StorageError
from storage.keyring import Keyring, KeyringError, WrongPinError
from storage.paths import DATA_DIR_ENV
from storage.repository import Repository
from tests.damaged import DB_NAME, fingerprint, good_tablet
from tests.keys import TEST_PIN
from tests.kivy_helpers import PIN, make_app_fixture, type_pin, window_fixture  # noqa: F401

WRONG = "730152"


@contextlib.contextmanager
def small_disk(folder: Path, size: str = "4m") -> Iterator[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0:
        pytest.skip("een kleine tmpfs aankoppelen kan alleen als root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], capture_output=True)
    if done.returncode != 0:
        pytest.skip(f"tmpfs aankoppelen gaat hier niet: {done.stderr.decode(errors='replace').strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def fill(folder: Path) -> Path:
    """Fill the disk to the last byte; the file to remove for room again."""
    filler = folder / "vulsel"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        for chunk in (65536, 4096, 1):
            with contextlib.suppress(OSError):
                while True:
                    os.write(fd, b"\0" * chunk)
    finally:
        os.close(fd)
    return filler


def unlocked_tablet(disk: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, bytes]:
    """A tablet on ``disk`` (its data folder there too), unlocked: (url, data key)."""
    monkeypatch.setenv(DATA_DIR_ENV, str(disk / "data"))
    url = good_tablet(disk / "tablet", TEST_PIN)
    keyring = Keyring.for_database(url)
    return url, keyring.unlock(keyring.professionals()[0].id, TEST_PIN)


def _failures(keys: Path) -> int:
    return json.loads(keys.read_text("utf-8"))["professionals"][0]["failures"]


def test_a_wrong_pin_on_a_full_disk_is_not_tried_and_not_lost(tmp_path: Path, monkeypatch) -> None:
    with small_disk(tmp_path / "schijf") as disk:
        monkeypatch.setenv(DATA_DIR_ENV, str(disk / "data"))
        url = good_tablet(disk / "tablet", TEST_PIN)
        keys = disk / "tablet" / (DB_NAME + ".keys.json")
        keyring = Keyring.for_database(url)
        pid = keyring.professionals()[0].id
        filler = fill(disk)
        before = fingerprint(disk / "tablet")
        for pin in (WRONG, WRONG, TEST_PIN):  # not even the right PIN is tried: its count could not be noted
            with pytest.raises(KeyringError, match="vol") as refused:
                keyring.unlock(pid, pin)
            assert "No space" not in str(refused.value)
        assert fingerprint(disk / "tablet") == before and _failures(keys) == 0
        filler.unlink()
        with pytest.raises(WrongPinError):  # counted now
            keyring.unlock(pid, WRONG)
        assert _failures(keys) == 1
        assert keyring.unlock(pid, TEST_PIN) and _failures(keys) == 0


def test_at_start_with_a_full_disk_opening_says_the_disk_is_full(tmp_path: Path, monkeypatch) -> None:
    with small_disk(tmp_path / "schijf") as disk:
        url, key = unlocked_tablet(disk, monkeypatch)
        filler = fill(disk)
        before = fingerprint(disk / "tablet")
        with pytest.raises(StorageError) as refused:
            repository = Repository.open(url, key)
            repository.add_inwoner(Inwoner.create("D-VOL", "Gestel"))
        message = str(refused.value)
        assert "vol" in message and "geen (leesbare)" not in message and "disk is full" not in message, message
        after = fingerprint(disk / "tablet")
        assert after.get(DB_NAME) == before.get(DB_NAME)
        filler.unlink()
        repository = Repository.open(url, key)
        repository.add_inwoner(Inwoner.create("D-VOL", "Gestel"))
        assert repository.find_inwoner("D-VOL") is not None
        repository.close()


def test_saves_on_a_full_disk_are_refused_and_recover(tmp_path: Path, monkeypatch) -> None:
    with small_disk(tmp_path / "schijf") as disk:
        url, key = unlocked_tablet(disk, monkeypatch)
        repository = Repository.open(url, key)
        count = len(repository.list_inwoners())
        filler = fill(disk)
        refused = 0
        for n in range(200):  # until the WAL's room is used up
            try:
                repository.add_inwoner(Inwoner.create(f"V-{n:04d}-" + "x" * 30, "Gestel"))
            except SaveError as exc:
                assert "vol" in str(exc) and "disk is full" not in str(exc)
                refused += 1
                break
        assert refused == 1
        filler.unlink()
        repository.add_inwoner(Inwoner.create("NA-VOL", "Gestel"))
        assert repository.find_inwoner("NA-VOL") is not None
        assert len(repository.list_inwoners()) == count + n + 1  # the refused one is not there, the rest are
        repository.close()


def test_the_pin_pad_on_a_full_disk_says_so(make_app: object, tmp_path: Path) -> None:
    """The app's own tablet folder (make_app's tmp_path) on a small disk: the lock screen."""
    with small_disk(tmp_path):
        good_tablet(tmp_path, PIN)
        app = make_app()
        filler = fill(tmp_path)
        lock = app.screen("lock")
        type_pin(lock, WRONG)
        assert app.current == "lock" and "vol" in lock.message and "No space" not in lock.message
        filler.unlink()
        type_pin(lock, WRONG)
        assert "klopt niet" in lock.message
        type_pin(lock, PIN)
        assert app.current != "lock" and app.repository is not None
        app.repository.close()
        app.repository = None


def test_the_first_account_on_a_full_disk_says_so_and_works_after(make_app: object, tmp_path: Path) -> None:
    with small_disk(tmp_path):
        app = make_app()
        account = app.screen("account")
        filler = fill(tmp_path)
        account.ids.naam.text = "Sanne de Vries"
        type_pin(account, PIN)
        type_pin(account, PIN)
        assert app.current == "account" and "vol" in account.message and "No space" not in account.message
        assert app.keyring.is_empty()  # nothing half-made
        filler.unlink()
        account.ids.naam.text = "Sanne de Vries"
        type_pin(account, PIN)
        type_pin(account, PIN)
        assert app.current != "account" and app.repository is not None
        app.repository.close()
        app.repository = None
