"""The outbox at rest: nothing personal in plain text on the tablet. A bundle's files are sealed
with AES-256-GCM under a key derived from the data key; ``outbox export-plain`` writes plain
copies behind the PIN, into the audit log; the manifest names the case without the PDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from board.zgw import DOCUMENTEN, identificatie
from exports.bundle import read_bundle, verify_bundle
from services.unlock import PIN_ENV
from storage import Repository, audit
from storage.outbox import outbox_folder
from storage.outbox_crypto import BundleSeal, SealError, bundle_key
from tests.keys import TEST_KEY, TEST_PIN, TEST_SEAL
from tests.traces import DOEL, DOSSIER, find_traces, known_tablet


@pytest.fixture
def tablet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A tablet with one known inwoner's afgeronde meting exported into its outbox."""
    monkeypatch.setenv(PIN_ENV, TEST_PIN)
    url = known_tablet(tmp_path / "tablet")
    assert main.main(["--db", url, "export"]) == 0
    return url


def test_no_file_in_the_outbox_holds_the_dossiernummer_or_a_doel_in_plain_text(tablet: str, tmp_path: Path) -> None:
    [folder] = list(outbox_folder(tablet).iterdir())
    files = sorted(folder.iterdir())
    assert {p.name for p in files} >= {"manifest.json", "meting.json", "dossier.pdf", "snapshot.png"}
    assert find_traces(files, (DOSSIER, DOEL)) == []
    assert all(p.read_bytes().startswith(b"MAGNEETBORD-OUTBOX-1\n") for p in files)
    # The probe can fail: the plain copy for a manual delivery holds both.
    assert main.main(["--db", tablet, "outbox", "export-plain", str(tmp_path / "plain")]) == 0
    plain = sorted((tmp_path / "plain" / folder.name).iterdir())
    assert {("manifest.json", DOSSIER), ("meting.json", DOEL)} <= set(find_traces(plain, (DOSSIER, DOEL)))
    assert verify_bundle(tmp_path / "plain" / folder.name)  # the copy is whole: hashes as in the manifest
    assert [p.name for p in plain] == [p.name for p in files]


def test_the_manifest_names_the_case_the_meting_and_its_set(tablet: str) -> None:
    [folder] = list(outbox_folder(tablet).iterdir())
    manifest = json.loads(TEST_SEAL.read(folder / "manifest.json"))
    meting_id = folder.name.split("_", 1)[1]
    assert manifest["dossiernummer"] == DOSSIER
    assert manifest["meting"] == {"id": meting_id, "soort": "nulmeting", "volgnummer": 0, "datum": "2026-02-03",
                                  "traject": 0, "nummer_in_traject": 0}  # the first traject's 0-meting
    assert manifest["leefgebiedenset"]["naam"] == "volwassenen" and manifest["leefgebiedenset"]["versie"] >= 1
    assert all(len(identificatie(meting_id, soort)) <= 40 for soort in DOCUMENTEN)


def test_a_sealed_file_opens_only_where_it_was_written_and_with_this_tablets_key(tablet: str) -> None:
    [folder] = list(outbox_folder(tablet).iterdir())
    assert bundle_key(TEST_KEY) != TEST_KEY  # derived, not the database key itself
    assert read_bundle(folder, TEST_SEAL)["dossier.pdf"].startswith(b"%PDF")
    other = BundleSeal(bytes(32))
    with pytest.raises(SealError):
        other.read(folder / "meting.json")
    with pytest.raises(SealError):  # swapped for another file of the same bundle
        TEST_SEAL.open(folder.name, "meting.json", (folder / "manifest.json").read_bytes())
    damaged = bytearray((folder / "meting.json").read_bytes())
    damaged[-5] ^= 1
    (folder / "meting.json").write_bytes(bytes(damaged))
    assert not verify_bundle(folder, TEST_SEAL)


def test_export_plain_needs_the_pin_and_is_in_the_audit_log(tablet: str, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(PIN_ENV, "000000")
    assert main.main(["--db", tablet, "outbox", "export-plain", str(tmp_path / "plain")]) == 1
    assert not (tmp_path / "plain").exists()
    monkeypatch.setenv(PIN_ENV, TEST_PIN)
    assert main.main(["--db", tablet, "outbox", "export-plain", str(tmp_path / "plain")]) == 0
    repository = Repository.open(tablet, key=TEST_KEY)
    with repository.engine.connect() as conn:
        entries = audit.entries(conn)
    inwoner = repository.find_inwoner(DOSSIER)
    repository.close()
    plain = [e for e in entries if e.actie == audit.ONVERSLEUTELD]
    assert len(plain) == 1 and plain[0].inwoner_id == inwoner.id and plain[0].professional_id is not None
    assert audit.verify(entries) == []  # the chain still holds


def test_the_manual_way_a_plain_copy_into_a_watched_folder_then_delivered(
    tablet: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gemeente without the API: plain copies go into the folder it watches; once it took a
    bundle in, 'outbox delivered' with the copy's folder ends the sealed one on the tablet."""
    watched = tmp_path / "gedeelde-map"
    assert main.main(["--db", tablet, "outbox", "export-plain", str(watched)]) == 0
    [copy] = list(watched.iterdir())
    assert json.loads((copy / "manifest.json").read_text())["dossiernummer"] == DOSSIER
    assert main.main(["--db", tablet, "outbox", "delivered", str(copy)]) == 0
    assert list(outbox_folder(tablet).iterdir()) == []  # the sealed bundle left the tablet
    capsys.readouterr()
    assert main.main(["--db", tablet, "outbox", "list", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["status"] == "afgeleverd" and row["dossiernummer"] == DOSSIER and row["map"] is None
