"""The wrong-PIN back-off cannot be raced by parallel tries, nor reset by editing the keyring
file, and no value in the file makes the wait overflow."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from board.lock import FREE_ATTEMPTS, MAX_DELAY, delay_after
from storage.keyring import KdfParams, Keyring, KeyringError, LockedOutError, WrongPinError

PIN, WRONG = "482913", "730152"
SLOWER = KdfParams(memory_kib=8192, time_cost=1)  # a few ms per try: room for a race

TRY = """
import os, sys, time
from pathlib import Path
from storage.keyring import Keyring, KdfParams, LockedOutError, WrongPinError
keyring = Keyring.for_database(sys.argv[1], kdf=KdfParams(memory_kib=8192, time_cost=1))
go = Path(sys.argv[2])
while not go.exists():
    time.sleep(0.001)
try:
    keyring.unlock(sys.argv[3], sys.argv[4])
except LockedOutError:
    print("wacht")
except WrongPinError:
    print("fout")
"""


def _keyring(tmp_path: Path) -> tuple[str, Keyring, str]:
    url = f"sqlite:///{tmp_path / 'magneetbord.sqlite3'}"
    keyring = Keyring.for_database(url, kdf=SLOWER)
    pid, _key = keyring.add_professional("Sanne", PIN)
    return url, keyring, pid


def _failures(keyring: Keyring) -> int:
    return json.loads(keyring.path.read_text())["professionals"][0]["failures"]


@pytest.mark.slow
def test_sixteen_parallel_wrong_pins_all_count(tmp_path: Path) -> None:
    url, keyring, pid = _keyring(tmp_path)
    go = tmp_path / "go"
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ, PYTHONPATH=str(root))
    tries = [
        subprocess.Popen([sys.executable, "-c", TRY, url, str(go), pid, WRONG], env=env, cwd=root,
                         stdout=subprocess.PIPE, text=True)
        for _ in range(16)
    ]
    time.sleep(3)  # all started and waiting
    go.touch()
    answers = sorted(p.communicate(timeout=60)[0].strip() for p in tries)
    # Four free tries and the fifth that starts the wait; the other eleven met the wait.
    assert _failures(keyring) == FREE_ATTEMPTS + 1
    assert answers == ["fout"] * (FREE_ATTEMPTS + 1) + ["wacht"] * (16 - FREE_ATTEMPTS - 1)


@pytest.mark.parametrize(
    "edit",
    [
        {"failures": 0, "blocked_until": 0},  # the wait reset by hand
        {"failures": 0},
        {"blocked_until": 0.0},
    ],
)
def test_an_edited_back_off_is_the_longest_wait_not_a_fresh_start(tmp_path: Path, edit: dict) -> None:
    _url, keyring, pid = _keyring(tmp_path)
    now = 1_900_000_000.0
    for _ in range(FREE_ATTEMPTS + 1):
        with pytest.raises(WrongPinError):
            keyring.unlock(pid, WRONG, now=now)
    data = json.loads(keyring.path.read_text())
    data["professionals"][0].update(edit)
    keyring.path.write_text(json.dumps(data))
    with pytest.raises(LockedOutError) as locked:
        keyring.unlock(pid, PIN, now=now + 31)  # past the real 30 s wait: the edit is seen
    assert locked.value.wait_seconds == MAX_DELAY
    with pytest.raises(LockedOutError):  # and it is kept, sealed, in the file
        Keyring.for_database(_url, kdf=SLOWER).unlock(pid, PIN, now=now + 60)
    assert Keyring.for_database(_url, kdf=SLOWER).unlock(pid, PIN, now=now + 31 + MAX_DELAY)


def test_the_keyring_of_another_tablet_or_a_lost_seal_key_starts_with_the_longest_wait(
    tmp_path: Path,
) -> None:
    _url, keyring, pid = _keyring(tmp_path)
    from storage.backoff_seal import BackoffSeal

    BackoffSeal().key_path.unlink()  # the data folder's back-off key is gone (or another one)
    with pytest.raises(LockedOutError) as locked:
        keyring.unlock(pid, PIN, now=1_900_000_000.0)
    assert locked.value.wait_seconds == MAX_DELAY


@pytest.mark.parametrize("value", [10**400, 2**64, -1, 1.5, True])
def test_a_huge_or_odd_count_is_a_damaged_file_not_an_overflow(tmp_path: Path, value: object) -> None:
    _url, keyring, pid = _keyring(tmp_path)
    data = json.loads(keyring.path.read_text())
    data["professionals"][0]["failures"] = value
    keyring.path.write_text(json.dumps(data))
    with pytest.raises(KeyringError, match=r"teller|getal dat te groot"):  # 10**400: refused while parsing
        keyring.unlock(pid, PIN)


@pytest.mark.parametrize("value", ["Infinity", "NaN", "1e300"])
def test_an_endless_wait_in_the_file_is_a_damaged_file(tmp_path: Path, value: str) -> None:
    _url, keyring, pid = _keyring(tmp_path)
    text = keyring.path.read_text().replace('"blocked_until": 0.0', f'"blocked_until": {value}')
    keyring.path.write_text(text)
    with pytest.raises(KeyringError, match=r"teller|geen getal"):  # Infinity, NaN: refused while parsing
        keyring.unlock(pid, PIN)


def test_the_wait_is_bounded_for_every_count() -> None:
    assert delay_after(10**6) == MAX_DELAY and delay_after(10**400) == MAX_DELAY


def test_the_command_line_counts_every_wrong_pin_and_an_edit_is_the_longest_wait_there_too(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The way someone with a shell meets it: wrong PINs given to a subcommand count; the keys
    file edited back to no wrong PINs makes even the right PIN wait the longest."""
    import main
    from services.unlock import PIN_ENV
    from tests.keys import tablet_with_professional

    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'magneetbord.sqlite3'}"
    tablet_with_professional(url, "Sanne", PIN, kdf=SLOWER)
    monkeypatch.setenv(PIN_ENV, WRONG)
    for _ in range(FREE_ATTEMPTS + 1):
        assert main.main(["--db", url, "inwoner", "list"]) != 0
    capsys.readouterr()
    keyring = Keyring.for_database(url, kdf=SLOWER)
    assert _failures(keyring) == FREE_ATTEMPTS + 1
    data = json.loads(keyring.path.read_text())
    data["professionals"][0].update(failures=0, blocked_until=0)
    keyring.path.write_text(json.dumps(data))
    monkeypatch.setenv(PIN_ENV, PIN)
    assert main.main(["--db", url, "inwoner", "list"]) != 0
    said = capsys.readouterr()
    assert "de langste wachttijd: wacht 15 minuten" in said.out + said.err  # and why (tests/test_backoff_key.py)
