"""A SIGKILL at any moment of an export leaves the outbox before or after, never half a
bundle, and the next run finishes the job (tests/killpaths.py; more kills with
MAGNEETBORD_EXPORT_KILLS=N)."""

from __future__ import annotations

import argparse
import os
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

import main
from board import Inwoner, Meting
from services.unlock import PIN_ENV, PROFESSIONAL_ENV, open_for_cli
from storage.paths import DATA_DIR_ENV
from tests.killpaths import KINDS, run_export_kills

DOSSIER = "KILL-EXPORT"


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A database whose inwoner KILL-EXPORT has an afgeronde 0-meting and vervolgmeting, in the outbox."""
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "data"))
    monkeypatch.setenv(PIN_ENV, "482913")
    monkeypatch.delenv(PROFESSIONAL_ENV, raising=False)
    url = f"sqlite:///{tmp_path / 'bord.sqlite3'}"
    assert main.main(["--db", url, "demo", "--inwoners", "1"]) == 0
    repository = open_for_cli(argparse.Namespace(db=url))
    try:
        for meting in repository.not_exported():
            repository.mark_exported(meting.id, datetime(2026, 1, 1))
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
    finally:
        repository.close()
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
