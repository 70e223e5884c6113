"""Only the app's user may read what the app keeps: the data folder 0700 and every file in
it 0600 (database, WAL, SHM, keyring, back-off key and lock, visit marker, outbox bundles),
an exported monitor key and an inzage 0600 too, whatever the umask of whoever started it."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from board.inwoner import dossier_map
from exports.bundle import write_bundle
from services.inzage import export_inwoner
from services.monitor import write_key_file
from services.visit import Visit, VisitMarker, open_storage
from storage.keyring import KdfParams, Keyring, WrongPinError
from storage.outbox import outbox_folder
from storage.urls import default_url
from tests.traces import DOSSIER, fill_known_inwoner

PIN = "482913"
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The umask of a careless shell: files readable by everyone unless the app says otherwise."""
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def modes(folder: Path) -> dict[str, str]:
    found = {}
    for path in [folder, *folder.rglob("*")]:
        found[str(path.relative_to(folder))] = oct(stat.S_IMODE(path.stat().st_mode))
    return found


def wrong(found: dict[str, str], folder: Path) -> dict[str, str]:
    return {
        name: mode for name, mode in found.items()
        if mode != ("0o700" if (folder / name).is_dir() else "0o600")
    }  # fmt: skip


def test_every_file_the_app_keeps_is_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, loose_umask: None
) -> None:
    data = tmp_path / "data"
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(data))
    url = default_url()
    keyring = Keyring.for_database(url, kdf=KdfParams(64, 1))
    pid, key = keyring.add_professional("Sanne", PIN)
    with pytest.raises(WrongPinError):
        keyring.unlock(pid, "730152")
    repository = open_storage(url, key, pid, create=True)  # the first start: the database is made
    try:
        inwoner = fill_known_inwoner(repository)
        meting = repository.current_concept(inwoner.id)
        done = meting.set_rapportcijfer(5).afronden(datetime(2026, 2, 3, 11, tzinfo=UTC))
        repository.save_change(meting, done)
        write_bundle(outbox_folder(url), inwoner, done)
        VisitMarker().write(Visit(inwoner.id, done.id))
        write_key_file(data / "monitorsleutel.txt")
        export_inwoner(repository, DOSSIER, data / "inzage")
        found = modes(data)
        assert {"magneetbord.sqlite3", "magneetbord.sqlite3-wal", "magneetbord.sqlite3-shm",
                "magneetbord.sqlite3.keys.json", "backoff.key", "bezoek.json", "monitorsleutel.txt",
                f"inzage/{dossier_map(DOSSIER)}/gegevens.json"} <= set(found)  # fmt: skip
        assert any(name.startswith("outbox/") and name.endswith(".json") for name in found)
        assert wrong(found, data) == {}
    finally:
        repository.close()


@pytest.mark.slow
def test_the_command_line_leaves_only_private_files(tmp_path: Path) -> None:
    data = tmp_path / "data"
    env = dict(os.environ, MAGNEETBORD_DATA_DIR=str(data), MAGNEETBORD_PIN=PIN)
    env.pop("MAGNEETBORD_DB", None)

    def cli(*args: str) -> None:
        subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, check=True,
                       capture_output=True, preexec_fn=lambda: os.umask(0o022))  # fmt: skip

    cli("demo")
    cli("export")
    cli("monitor", "key", "--new", str(data / "monitorsleutel.txt"))
    found = modes(data)
    assert "magneetbord.sqlite3" in found and any(name.startswith("outbox/") for name in found)
    assert wrong(found, data) == {}
