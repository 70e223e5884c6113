"""The dossier bundle: complete or absent, hashes that match, and a second export that
changes nothing."""

from __future__ import annotations

import errno
import hashlib
import json
import os
from pathlib import Path

import pytest

import exports.bundle as bundle_module
from board.document import loads, meting_from_document
from exports.bundle import ExportError, bundle_name, verify_bundle, write_bundle
from samples import voorbeelden

FILES = {
    "snapshot.png",
    "dossier.pdf",
    "koelkastblad.pdf",
    "meting.json",
    "fhir-questionnaire.json",
    "fhir-questionnaireresponse.json",
    "manifest.json",
}


@pytest.fixture(scope="module")
def metingen():  # type: ignore[no-untyped-def]
    nul = voorbeelden.nulmeting()
    return voorbeelden.inwoner(), voorbeelden.vervolgmeting(nul), nul


def export(outbox: Path, metingen, **kwargs) -> Path:  # type: ignore[no-untyped-def]
    inwoner, vervolg, nul = metingen
    return write_bundle(outbox, inwoner, vervolg, nul, team_contact=voorbeelden.TEAM, **kwargs)


def snapshot_of(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in folder.iterdir()}


def test_the_bundle_holds_every_file_and_the_manifest_matches(tmp_path: Path, metingen) -> None:  # type: ignore[no-untyped-def]
    folder = export(tmp_path, metingen)
    assert folder == tmp_path / "2026-06-01_meting-1" == tmp_path / bundle_name(metingen[1])
    assert {p.name for p in folder.iterdir()} == FILES
    manifest = json.loads((folder / "manifest.json").read_text())
    assert set(manifest["bestanden"]) == FILES - {"manifest.json"}
    for name, entry in manifest["bestanden"].items():
        data = (folder / name).read_bytes()
        assert entry == {"sha256": hashlib.sha256(data).hexdigest(), "bytes": len(data)}
    assert list(tmp_path.iterdir()) == [folder]  # no temporary folder left


def test_the_json_reads_back_as_the_same_meting(tmp_path: Path, metingen) -> None:  # type: ignore[no-untyped-def]
    folder = export(tmp_path, metingen)
    assert meting_from_document(loads((folder / "meting.json").read_bytes())) == metingen[1]


def test_exporting_twice_changes_nothing(tmp_path: Path, metingen) -> None:  # type: ignore[no-untyped-def]
    folder = export(tmp_path, metingen)
    before = snapshot_of(folder)
    assert export(tmp_path, metingen) == folder
    assert snapshot_of(folder) == before  # same bytes, and not even rewritten


def test_exporting_again_elsewhere_gives_the_same_bytes(tmp_path: Path, metingen) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    first, second = export(tmp_path / "a", metingen), export(tmp_path / "b", metingen)
    assert {k: v[0] for k, v in snapshot_of(first).items()} == {k: v[0] for k, v in snapshot_of(second).items()}


def test_a_damaged_bundle_is_replaced_whole(tmp_path: Path, metingen) -> None:  # type: ignore[no-untyped-def]
    folder = export(tmp_path, metingen)
    good = (folder / "dossier.pdf").read_bytes()
    (folder / "dossier.pdf").write_bytes(b"kapot")
    (folder / "extra.txt").write_text("hoort er niet bij")
    assert not verify_bundle(folder)
    assert export(tmp_path, metingen) == folder
    assert verify_bundle(folder)
    assert (folder / "dossier.pdf").read_bytes() == good
    assert {p.name for p in folder.iterdir()} == FILES
    assert list(tmp_path.iterdir()) == [folder]


def test_a_concept_meting_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    concept = voorbeelden.met_doelen(2)
    with pytest.raises(ExportError, match="afgeronde meting"):
        write_bundle(tmp_path, voorbeelden.inwoner(), concept)
    assert list(tmp_path.iterdir()) == []


def test_a_missing_outbox_gives_a_dutch_error_and_creates_nothing(tmp_path: Path, metingen) -> None:  # type: ignore[no-untyped-def]
    missing = tmp_path / "bestaat-niet"
    with pytest.raises(ExportError, match="bestaat niet"):
        export(missing, metingen)
    assert not missing.exists()


def test_an_outbox_under_a_file_is_refused(tmp_path: Path, metingen) -> None:  # type: ignore[no-untyped-def]
    # Root may write anywhere (chmod does not stop it), so 'not writable' is made real this
    # way: a folder path whose parent is a regular file can never be written to.
    blocker = tmp_path / "een-bestand"
    blocker.write_text("geen map")
    with pytest.raises(ExportError):
        export(blocker / "outbox", metingen)
    with pytest.raises(ExportError, match="geen map"):
        export(blocker, metingen)
    assert list(tmp_path.iterdir()) == [blocker] and blocker.read_text() == "geen map"


@pytest.mark.parametrize(
    ("code", "message"),
    [(errno.EACCES, "geen toestemming"), (errno.EROFS, "alleen te lezen"), (errno.ENOSPC, "opslag is vol")],
)
def test_an_unwritable_outbox_leaves_nothing_behind(tmp_path: Path, metingen, monkeypatch, code, message) -> None:  # type: ignore[no-untyped-def]
    def refuse(path: Path, data: bytes) -> None:
        raise OSError(code, os.strerror(code), str(path))

    monkeypatch.setattr(bundle_module, "_write_synced", refuse)
    with pytest.raises(ExportError, match=message):
        export(tmp_path, metingen)
    assert list(tmp_path.iterdir()) == []


def test_a_failure_mid_bundle_leaves_nothing_behind(tmp_path: Path, metingen, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    written: list[str] = []
    real = bundle_module._write_synced

    def fail_on_the_fourth(path: Path, data: bytes) -> None:
        if len(written) == 3:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        real(path, data)
        written.append(path.name)

    monkeypatch.setattr(bundle_module, "_write_synced", fail_on_the_fourth)
    with pytest.raises(ExportError, match="niets achtergebleven"):
        export(tmp_path, metingen)
    assert len(written) == 3
    assert list(tmp_path.iterdir()) == []


def test_a_failed_rename_leaves_nothing_and_keeps_an_older_export(tmp_path: Path, metingen, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    def no_rename(src, dst) -> None:  # type: ignore[no-untyped-def]
        raise OSError(errno.EACCES, "Permission denied", str(src))

    monkeypatch.setattr(bundle_module.os, "rename", no_rename)
    with pytest.raises(ExportError):
        export(tmp_path, metingen)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()

    folder = export(tmp_path, metingen)
    (folder / "snapshot.png").write_bytes(b"oud")  # an older, different export
    calls: list[tuple[str, str]] = []
    real_rename = os.rename

    def second_rename_fails(src, dst) -> None:  # type: ignore[no-untyped-def]
        calls.append((Path(src).name, Path(dst).name))
        if len(calls) == 2:  # moving the new folder into place
            raise OSError(errno.EIO, "I/O error", str(src))
        real_rename(src, dst)

    monkeypatch.setattr(bundle_module.os, "rename", second_rename_fails)
    monkeypatch.setattr(bundle_module, "_exchange", lambda _a, _b: False)  # a system without renameat2
    with pytest.raises(ExportError):
        export(tmp_path, metingen)
    assert list(tmp_path.iterdir()) == [folder]
    assert (folder / "snapshot.png").read_bytes() == b"oud"  # the previous export is back


def test_leftovers_of_a_crashed_export_are_cleaned_up(tmp_path: Path, metingen) -> None:  # type: ignore[no-untyped-def]
    stale = tmp_path / f".{bundle_name(metingen[1])}.tmp-dead1234"
    stale.mkdir()
    (stale / "snapshot.png").write_bytes(b"half")
    folder = export(tmp_path, metingen)
    assert list(tmp_path.iterdir()) == [folder]


def test_a_wrong_previous_meting_is_a_clear_error(tmp_path: Path, metingen) -> None:  # type: ignore[no-untyped-def]
    inwoner, vervolg, _ = metingen
    with pytest.raises(ExportError, match="niet de vorige meting"):
        write_bundle(tmp_path, inwoner, vervolg, vervolg)
    assert list(tmp_path.iterdir()) == []
