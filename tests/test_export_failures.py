"""An export that fails for one meting says which and why in Dutch, goes on with the
others and ends non-zero; nothing half-written is left; the next run finishes the job.
The failure is real: the disk (a tiny tmpfs) has room for the small bundle, not the one
of a meting at every limit of the domain."""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

import pytest

import main
from board import Inwoner, Meting
from exports.bundle import bundle_name, render_bundle, verify_bundle
from services.unlock import open_for_cli
from storage.outbox import outbox_seal
from tests.grenzen import NUL, Woorden, inwoner_op_de_grens, nulmeting_op_de_grens
from tests.schijf import hidden, pages, tmpfs
from tests.tablets import demo_tablet_all_exported


def klein(inwoner_id: str) -> Meting:
    meting = Meting.nulmeting(inwoner_id, NUL, meting_id="m-klein").choose("geld").place_fiche("geld", "inwoner", 0.4)
    return meting.add_doel("geld", "De post openen").afronden(datetime(2026, 1, 12, 10, 0))


def seal_of(url: str) -> object:
    """The seal the tablet's bundles are encrypted with (its data key, after the PIN)."""
    repository = open_for_cli(argparse.Namespace(db=url))
    try:
        return outbox_seal(repository)
    finally:
        repository.close()


@pytest.fixture
def two_to_export(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, list]:
    """A database whose only metingen not yet exported are a small one and one at every limit."""
    with demo_tablet_all_exported(tmp_path, monkeypatch) as (url, repo):
        groot_inwoner = inwoner_op_de_grens()
        klein_inwoner = Inwoner.create("KLEIN-1", "Gestel", inwoner_id="inw-klein")
        repo.add_inwoner(groot_inwoner)
        repo.add_inwoner(klein_inwoner)
        groot = nulmeting_op_de_grens(Woorden("n"), groot_inwoner.id)
        repo.add_meting(groot)
        repo.add_meting(klein(klein_inwoner.id))
        items = [(klein_inwoner, repo.get_meting("m-klein")), (groot_inwoner, repo.get_meting(groot.id))]
    return url, items


def test_a_full_disk_fails_one_meting_in_dutch_the_other_is_exported(
    two_to_export: tuple[str, list], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url, ((klein_inwoner, klein_meting), (groot_inwoner, groot)) = two_to_export
    small = pages([len(data) for data in render_bundle(klein_inwoner, klein_meting).values()])
    big = pages([len(data) for data in render_bundle(groot_inwoner, groot).values()])
    assert big > small
    out = tmp_path / "usb"
    with tmpfs(out, small + (big - small) // 2):  # room for the small bundle, never for the big one
        assert main.main(["--db", url, "export", "--out", str(out)]) == 1
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err and "No space" not in captured.out
        assert (
            f"Niet geëxporteerd: de 0-meting van 12 januari 2026 (dossier {groot_inwoner.dossiernummer}, "
            f"meting {groot.id})." in captured.out
        )
        assert "de opslag is vol" in captured.out and "1 meting is niet geëxporteerd" in captured.out
        assert "1 meting geëxporteerd" in captured.out
        assert [p.name for p in out.iterdir()] == [bundle_name(klein_meting)]  # no half bundle, no temp folder
        assert verify_bundle(out / bundle_name(klein_meting), seal_of(url)) and hidden(out) == []
    out.mkdir(exist_ok=True)  # the disk replaced by a bigger one: the next run finishes the job
    assert main.main(["--db", url, "export", "--out", str(out)]) == 0
    assert "1 meting geëxporteerd" in capsys.readouterr().out
    assert [p.name for p in out.iterdir()] == [bundle_name(groot)]
    assert verify_bundle(out / bundle_name(groot), seal_of(url))
    assert main.main(["--db", url, "export", "--out", str(out)]) == 0
    assert "niets te exporteren" in capsys.readouterr().out
