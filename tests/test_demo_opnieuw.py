"""A missed demo PIN: ``demo`` says how to get on, ``demo --opnieuw`` throws the demo database
away and makes it again with a new PIN. Never a database that demo did not make, never one a
real professional can open, never while the kiosk runs on it; no PIN is ever shown again."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import main
from services import one_kiosk
from services.unlock import DEMO_NAAM, PIN_ENV, PROFESSIONAL_ENV
from storage import Keyring
from storage.keyring import KdfParams
from storage.single_instance import hold_app_lock
from tests.test_demo import counts

FAST = KdfParams(memory_kib=64, time_cost=1)


@pytest.fixture(autouse=True)
def no_pin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PIN_ENV, raising=False)
    monkeypatch.delenv(PROFESSIONAL_ENV, raising=False)
    yield
    for handle in one_kiosk._held:  # demo --opnieuw holds the kiosk's lock until the process ends
        handle.close()
    one_kiosk._held.clear()


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def printed_pin(out: str) -> str:
    pin = out.split("Pincode: ")[1][:6]
    assert pin.isdigit()
    return pin


def test_a_missed_demo_pin_is_recovered_with_opnieuw(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main.main(["--db", url, "demo"]) == 0
    first = capsys.readouterr().out
    assert "demo --opnieuw" in first  # said with the PIN itself
    [old] = Keyring.for_database(url).professionals()
    # The PIN was missed: demo says what to do before it asks, and asking gets nothing.
    monkeypatch.setattr("getpass.getpass", lambda prompt: (_ for _ in ()).throw(EOFError()))
    assert main.main(["--db", url, "demo"]) == 1
    said = capsys.readouterr()
    assert "python3 main.py demo --opnieuw" in said.err and printed_pin(first) not in said.out + said.err
    # A wrong PIN in the environment: the same advice after "klopt niet".
    monkeypatch.setenv(PIN_ENV, "999111" if printed_pin(first) != "999111" else "999112")
    assert main.main(["--db", url, "demo"]) == 1
    wrong = capsys.readouterr().out
    assert "klopt niet" in wrong and "demo --opnieuw" in wrong
    monkeypatch.delenv(PIN_ENV)

    assert main.main(["--db", url, "demo", "--opnieuw"]) == 0
    out = capsys.readouterr().out
    assert "zijn weggegooid" in out and "Voorbeeldgegevens toegevoegd: 30 inwoners" in out
    [new] = Keyring.for_database(url).professionals()
    assert new.naam == DEMO_NAAM and new.id != old.id
    monkeypatch.setenv(PIN_ENV, printed_pin(out))
    assert counts(url)["inwoner"] == 30  # made again, not added to
    assert main.main(["--db", url, "demo"]) == 0 and "niets toegevoegd" in capsys.readouterr().out
    if printed_pin(first) != printed_pin(out):
        monkeypatch.setenv(PIN_ENV, printed_pin(first))
        assert main.main(["--db", url, "demo"]) == 1  # the old PIN opens nothing any more


def test_opnieuw_on_a_new_tablet_is_just_demo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main.main(["--db", url, "demo", "--opnieuw"]) == 0
    out = capsys.readouterr().out
    assert "weggegooid" not in out and "Pincode: " in out


@pytest.mark.parametrize("tablet", ["echte professional", "collega erbij", "demo-naam zonder demo"])
def test_opnieuw_never_throws_away_what_a_real_professional_can_open(
    tablet: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'tablet.sqlite3'}"
    keyring = Keyring.for_database(url, kdf=FAST)
    if tablet == "echte professional":
        keyring.add_professional("Sanne de Vries", "730152")
    elif tablet == "demo-naam zonder demo":  # someone named their own account so in the app
        keyring.add_professional(DEMO_NAAM, "730152")
    else:  # demo made it, then a colleague added themselves with the demo's key
        monkeypatch.setenv(PIN_ENV, "730152")
        assert main.main(["--db", url, "demo", "--inwoners", "1"]) == 0
        key = Keyring.for_database(url).unlock(keyring.professionals()[0].id, "730152")
        keyring.add_professional("Sanne de Vries", "604918", key)
        monkeypatch.delenv(PIN_ENV)
    capsys.readouterr()
    before = files(tmp_path)
    assert main.main(["--db", url, "demo", "--opnieuw"]) == 1
    out = capsys.readouterr().out
    assert "gooit hier niets weg" in out and "730152" not in out and "604918" not in out
    assert files(tmp_path) == before


def test_opnieuw_waits_for_the_kiosk_to_close(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    monkeypatch.setenv(PIN_ENV, "730152")
    assert main.main(["--db", url, "demo", "--inwoners", "1"]) == 0
    monkeypatch.delenv(PIN_ENV)
    capsys.readouterr()
    kiosk = hold_app_lock(url)  # as the running app holds it
    before = files(tmp_path)
    try:
        assert main.main(["--db", url, "demo", "--opnieuw"]) == 1
        assert "Sluit de app eerst; er is niets weggegooid." in capsys.readouterr().out
        assert files(tmp_path) == before
    finally:
        kiosk.close()


def test_opnieuw_leaves_another_database_s_outbox_in_the_same_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    real = f"sqlite:///{tmp_path / 'magneetbord.sqlite3'}"
    Keyring.for_database(real, kdf=FAST).add_professional("Sanne de Vries", "730152")
    bundle = tmp_path / "outbox" / "bundel-van-sanne"
    bundle.mkdir(parents=True)
    (bundle / "meting.json.sealed").write_bytes(b"sealed")
    demo = f"sqlite:///{tmp_path / 'demo.sqlite3'}"
    assert main.main(["--db", demo, "demo", "--inwoners", "1"]) == 0
    assert main.main(["--db", demo, "demo", "--opnieuw", "--inwoners", "1"]) == 0
    assert (bundle / "meting.json.sealed").read_bytes() == b"sealed"
    assert os.path.exists(tmp_path / "magneetbord.sqlite3.keys.json")
