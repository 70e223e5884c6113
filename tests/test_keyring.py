"""The professionals' keyring: wrapped data key, PIN checks, back-off kept in the file, damaged files."""

from __future__ import annotations

import base64
import json
from pathlib import Path

import pytest

from board.lock import FREE_ATTEMPTS
from storage.keyring import (
    DEFAULT_KDF,
    KdfParams,
    Keyring,
    KeyringError,
    LockedOutError,
    PinRejected,
    WrongPinError,
)

# Only for speed, passed explicitly: the default is the real cost (one test below uses it).
FAST = KdfParams(memory_kib=64, time_cost=1)
PIN = "482913"
OTHER_PIN = "730152"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "magneetbord.sqlite3"


@pytest.fixture
def keyring(db_path: Path) -> Keyring:
    return Keyring.for_database(f"sqlite:///{db_path}", kdf=FAST)


def test_first_professional_makes_a_random_key_that_only_their_pin_unlocks(db_path: Path) -> None:
    keyring = Keyring.for_database(f"sqlite:///{db_path}")  # the real Argon2id cost
    assert keyring.kdf == DEFAULT_KDF and DEFAULT_KDF.memory_kib >= 19456 and DEFAULT_KDF.time_cost >= 2
    assert keyring.is_empty()
    pid, key = keyring.add_professional("Sanne de Vries", PIN)
    assert len(key) == 32
    assert keyring.path == Path(str(db_path) + ".keys.json")
    text = keyring.path.read_text()
    assert PIN not in text and key.hex() not in text and key.hex().upper() not in text
    stored = json.loads(text)["professionals"][0]
    assert stored["kdf"]["memory_kib"] == 19456 and stored["kdf"]["time_cost"] == 2
    # A fresh object reads the file: nothing is kept only in memory.
    again = Keyring.for_database(f"sqlite:///{db_path}")
    assert not again.is_empty()
    assert [(p.id, p.naam) for p in again.professionals()] == [(pid, "Sanne de Vries")]
    assert again.unlock(pid, PIN) == key
    with pytest.raises(WrongPinError):
        again.unlock(pid, OTHER_PIN)


def test_two_keyrings_make_different_keys(tmp_path: Path) -> None:
    one = Keyring.for_database(f"sqlite:///{tmp_path / 'a.sqlite3'}", kdf=FAST)
    two = Keyring.for_database(f"sqlite:///{tmp_path / 'b.sqlite3'}", kdf=FAST)
    assert one.add_professional("A", PIN)[1] != two.add_professional("B", PIN)[1]


def test_a_weak_or_mistyped_pin_is_refused_in_dutch(keyring: Keyring) -> None:
    for pin in ("12345", "111111", "123456", "12a456"):
        with pytest.raises(PinRejected, match="pincode"):
            keyring.add_professional("Sanne", pin)
    with pytest.raises(PinRejected, match="niet gelijk"):
        keyring.add_professional("Sanne", PIN, repeat=OTHER_PIN)
    with pytest.raises(KeyringError, match="naam"):
        keyring.add_professional("   ", PIN)
    assert keyring.is_empty() and not keyring.path.exists()


def test_a_colleague_wraps_the_same_key_but_only_with_the_unlocked_key(keyring: Keyring) -> None:
    first, key = keyring.add_professional("Sanne", PIN)
    with pytest.raises(KeyringError, match="ingelogd"):
        keyring.add_professional("Ahmed", OTHER_PIN)
    with pytest.raises(KeyringError, match="niet de sleutel"):
        keyring.add_professional("Ahmed", OTHER_PIN, data_key=bytes(32))
    with pytest.raises(KeyringError, match="al een professional"):
        keyring.add_professional("sanne", OTHER_PIN, data_key=key)
    second, same = keyring.add_professional("Ahmed", OTHER_PIN, data_key=key)
    assert same == key and second != first
    assert keyring.unlock(second, OTHER_PIN) == key
    with pytest.raises(WrongPinError):
        keyring.unlock(second, PIN)  # each professional has their own PIN
    assert keyring.unlock(first, PIN) == key


def test_back_off_from_the_fifth_wrong_pin_is_kept_in_the_file(keyring: Keyring, db_path: Path) -> None:
    pid, key = keyring.add_professional("Sanne", PIN)
    now = 1_000_000.0
    for _ in range(FREE_ATTEMPTS):
        with pytest.raises(WrongPinError) as wrong:
            keyring.unlock(pid, OTHER_PIN, now=now)
        assert wrong.value.wait_seconds == 0 and "klopt niet" in str(wrong.value)
    with pytest.raises(WrongPinError) as fifth:
        keyring.unlock(pid, OTHER_PIN, now=now)
    assert fifth.value.wait_seconds == 30 and "Wacht 30 seconden" in str(fifth.value)
    # A restart (a new Keyring object) does not reset the wait, and not even the right PIN is tried.
    restarted = Keyring.for_database(f"sqlite:///{db_path}", kdf=FAST)
    with pytest.raises(LockedOutError) as locked:
        restarted.unlock(pid, PIN, now=now + 10)
    assert locked.value.wait_seconds == 20 and "Wacht 20 seconden" in str(locked.value)
    with pytest.raises(WrongPinError) as sixth:
        restarted.unlock(pid, OTHER_PIN, now=now + 31)
    assert sixth.value.wait_seconds == 60
    assert restarted.unlock(pid, PIN, now=now + 92) == key
    # The right PIN reset the count: four free tries again.
    with pytest.raises(WrongPinError) as after:
        restarted.unlock(pid, OTHER_PIN, now=now + 93)
    assert after.value.wait_seconds == 0


def test_every_pin_try_writes_the_keyring_once(keyring: Keyring, monkeypatch: pytest.MonkeyPatch) -> None:
    """The outcome of a try (count up, or back to 0) is one atomic write, made before the
    answer; a right PIN on a clean entry writes too (no answer without a write: a full disk
    must not tell a right PIN from a wrong one, tests/test_full_disk.py)."""
    import storage.keyring as module

    pid, key = keyring.add_professional("Sanne", PIN)
    writes: list[dict] = []
    real = module.write_atomically

    def counted(path: Path, data: bytes) -> None:
        if path == keyring.path:
            writes.append(json.loads(data)["professionals"][0])
        real(path, data)

    monkeypatch.setattr(module, "write_atomically", counted)
    with pytest.raises(WrongPinError):
        keyring.unlock(pid, OTHER_PIN)
    assert [w["failures"] for w in writes] == [1]
    assert keyring.unlock(pid, PIN) == key
    assert [w["failures"] for w in writes] == [1, 0]
    assert keyring.unlock(pid, PIN) == key  # a clean entry: still one write, nothing changed in it
    assert [w["failures"] for w in writes] == [1, 0, 0]


def test_a_clock_set_back_does_not_stretch_the_wait(keyring: Keyring) -> None:
    pid, _ = keyring.add_professional("Sanne", PIN)
    for _ in range(FREE_ATTEMPTS + 1):
        with pytest.raises(WrongPinError):
            keyring.unlock(pid, OTHER_PIN, now=2_000_000.0)
    with pytest.raises(LockedOutError) as locked:
        keyring.unlock(pid, PIN, now=1_000_000.0)  # the clock went back eleven days
    assert locked.value.wait_seconds == 30


def test_change_pin_and_remove_professional(keyring: Keyring) -> None:
    first, key = keyring.add_professional("Sanne", PIN)
    with pytest.raises(PinRejected):
        keyring.change_pin(first, PIN, "000000")
    with pytest.raises(WrongPinError):
        keyring.change_pin(first, "999111", OTHER_PIN)
    keyring.change_pin(first, PIN, OTHER_PIN)
    with pytest.raises(WrongPinError):
        keyring.unlock(first, PIN)
    assert keyring.unlock(first, OTHER_PIN) == key
    with pytest.raises(KeyringError, match="laatste"):
        keyring.remove_professional(first, key)
    second, _ = keyring.add_professional("Ahmed", PIN, data_key=key)
    with pytest.raises(KeyringError, match="niet de sleutel"):
        keyring.remove_professional(second, bytes(32))
    keyring.remove_professional(second, key)
    assert [p.id for p in keyring.professionals()] == [first]
    with pytest.raises(KeyringError, match="niet"):
        keyring.unlock(second, PIN)


def test_weaker_stored_parameters_are_raised_at_the_next_unlock(db_path: Path) -> None:
    url = f"sqlite:///{db_path}"
    pid, key = Keyring.for_database(url, kdf=FAST).add_professional("Sanne", PIN)
    stronger = KdfParams(memory_kib=128, time_cost=2)
    assert Keyring.for_database(url, kdf=stronger).unlock(pid, PIN) == key
    stored = json.loads(Path(str(db_path) + ".keys.json").read_text())["professionals"][0]["kdf"]
    assert (stored["memory_kib"], stored["time_cost"]) == (128, 2)
    assert Keyring.for_database(url, kdf=FAST).unlock(pid, PIN) == key  # never lowered again


def _damage(path: Path, how: str) -> None:
    text = path.read_text()
    data = json.loads(text)
    entry = data["professionals"][0]
    if how == "truncated":
        path.write_text(text[: len(text) // 2])
    elif how == "not json":
        path.write_bytes(b"\xff\xfe garbage")
    elif how == "wrapped key edited":
        raw = bytearray(base64.b64decode(entry["wrapped_key"]))
        raw[0] ^= 1
        entry["wrapped_key"] = base64.b64encode(bytes(raw)).decode()
        path.write_text(json.dumps(data))
    elif how == "short nonce":
        entry["nonce"] = "AAAA"
        path.write_text(json.dumps(data))
    elif how == "huge memory":
        entry["kdf"]["memory_kib"] = 1 << 40
        path.write_text(json.dumps(data))
    elif how == "field missing":
        del entry["kdf"]
        path.write_text(json.dumps(data))
    elif how == "other file":
        path.write_text('{"hello": "world"}')
    elif how == "newer version":
        data["version"] = 2
        path.write_text(json.dumps(data))


@pytest.mark.parametrize(
    "how",
    ["truncated", "not json", "short nonce", "huge memory", "field missing", "other file", "newer version"],
)
def test_a_damaged_keyring_gives_a_dutch_message_and_changes_nothing(keyring: Keyring, how: str) -> None:
    pid, _ = keyring.add_professional("Sanne", PIN)
    _damage(keyring.path, how)
    before = keyring.path.read_bytes()
    with pytest.raises(KeyringError, match="sleutelbestand") as error:
        keyring.unlock(pid, PIN)
    assert "niets veranderd" in str(error.value)
    with pytest.raises(KeyringError):
        keyring.is_empty()
    with pytest.raises(KeyringError):
        keyring.add_professional("Ahmed", OTHER_PIN)
    assert keyring.path.read_bytes() == before


def test_an_edited_wrapped_key_is_seen_not_a_crash(keyring: Keyring) -> None:
    pid, _ = keyring.add_professional("Sanne", PIN)
    _damage(keyring.path, "wrapped key edited")
    with pytest.raises(LockedOutError):  # the back-off seal covers the wrapped key too
        keyring.unlock(pid, PIN)


def test_a_missing_keyring_beside_an_existing_database_is_not_a_first_start(keyring: Keyring, db_path: Path) -> None:
    db_path.write_bytes(b"encrypted pages")
    with pytest.raises(KeyringError, match="ontbreekt"):
        keyring.is_empty()
    with pytest.raises(KeyringError):
        keyring.add_professional("Sanne", PIN)
    assert not keyring.path.exists()


def test_a_failed_write_leaves_the_old_keyring(keyring: Keyring, monkeypatch: pytest.MonkeyPatch) -> None:
    pid, key = keyring.add_professional("Sanne", PIN)
    before = keyring.path.read_bytes()

    def full(*_args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("storage.permissions.os.replace", full)  # write_atomically
    with pytest.raises(KeyringError, match="vol"):  # Dutch, not the system's text
        keyring.add_professional("Ahmed", OTHER_PIN, data_key=key)
    assert keyring.path.read_bytes() == before
    assert [p.name for p in keyring.path.parent.iterdir() if p.name.endswith(".tmp")] == []
    monkeypatch.undo()
    assert keyring.unlock(pid, PIN) == key


def test_in_memory_and_central_databases(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("storage.keyring._MEMORY", {})
    memory = Keyring.for_database("sqlite://", kdf=FAST)
    assert memory.path is None
    pid, key = memory.add_professional("Sanne", PIN)
    assert Keyring.for_database("sqlite://", kdf=FAST).unlock(pid, PIN) == key
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))
    central = Keyring.for_database("postgresql+psycopg://u:geheim@host/db", kdf=FAST)
    assert central.path is not None and central.path.parent == tmp_path and "geheim" not in central.path.name
    assert central.path == Keyring.for_database("postgresql+psycopg://u:anders@host/db").path
