"""A SIGKILL at any moment of an export leaves the outbox before or after, never half a
bundle, and the next run finishes the job (tests/killpaths.py; more kills with
MAGNEETBORD_EXPORT_KILLS=N)."""

from __future__ import annotations

import os
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

import main
from board import Inwoner, Meting
from tests.killpaths import KINDS, run_export_kills
from tests.tablets import demo_tablet_all_exported

DOSSIER = "KILL-EXPORT"


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database whose inwoner KILL-EXPORT has an afgeronde 0-meting and vervolgmeting, in the outbox."""
    with demo_tablet_all_exported(tmp_path, monkeypatch) as (url, repository):
        inwoner = Inwoner.create(DOSSIER, "Woensel", "K.E.")
        repository.add_inwoner(inwoner)
        nul = Meting.nulmeting(inwoner.id, date(2025, 6, 2))
        for index, key in enumerate(("geld", "wonen", "zingeving")):
            nul = nul.choose(key).place_fiche(key, "inwoner", 0.2 + index / 5)
        nul = nul.add_doel("geld", "De post elke week openmaken").afronden(datetime(2025, 6, 2, 10, 0))
        repository.add_meting(nul)
        vervolg = nul.vervolg(date(2025, 9, 1))
        for key in vervolg.gekozen:
            vervolg = vervolg.place_fiche(key, "inwoner", 0.6)
        vervolg = vervolg.evaluate_doel(vervolg.doelen[0].id, "behaald").afronden(datetime(2025, 9, 1, 10, 0))
        repository.add_meting(vervolg)
    assert main.main(["--db", url, "export"]) == 0
    return url


def test_a_kill_at_any_moment_of_an_export_leaves_before_or_after(url: str, tmp_path: Path) -> None:
    kills = int(os.environ.get("MAGNEETBORD_EXPORT_KILLS", "9"))
    report = run_export_kills(url, DOSSIER, tmp_path / "werk", kills=kills, seed=1414)
    print(f"export kills: {report}")
    assert report.kills == report.finished_by_next_run == kills
    assert set(report.by_kind) == set(KINDS)
    assert report.files_before_kill > 0  # the kills landed inside exports, not only at the start
    if sys.platform == "linux":  # renameat2 swaps an old bundle for the new one in one step
        assert report.absent_mid_replace == 0
