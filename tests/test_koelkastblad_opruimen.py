"""The plain koelkastblad on a shared tablet, for real: saved by touches (no printer) in the app's
own data folder (``MAGNEETBORD_DATA_DIR``, 0700), not in the user's documents; sheets made on a
day before today removed once the app starts and after a new one is saved (files written with
old modification times, the app started, the folder listed); the folder
``MAGNEETBORD_KOELKASTBLAD_MAP`` names is kept the same way; other files are never touched."""

from __future__ import annotations

import os
import stat
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.kivy_helpers import make_app_fixture, window_fixture  # noqa: F401
from tests.test_koelkastblad_app import DOEL, afgerond, no_lp, open_with_pin, pdf_text
from tests.test_monitor_kaart_screen import shot


def old_files(folder: Path, now: datetime) -> dict[str, datetime]:
    """Sheets and other files in ``folder`` with the times they were last written."""
    folder.mkdir(parents=True, exist_ok=True)
    midnight = datetime(now.year, now.month, now.day)
    made = {
        "koelkastblad-D-1-2026-01-05-0-meting.pdf": now - timedelta(days=10),
        "koelkastblad-D-2-2026-01-05-0-meting.pdf": midnight - timedelta(minutes=1),  # last night
        "koelkastblad-D-3-2026-01-05-1e-vervolgmeting.pdf.x1y2.tmp": now - timedelta(days=3),  # a save cut off
        "koelkastblad-D-4-2026-01-05-0-meting.pdf": max(midnight + timedelta(minutes=1), now - timedelta(hours=1)),
        "boodschappen.pdf": now - timedelta(days=30),  # not the app's
    }
    for name, when in made.items():
        path = folder / name
        path.write_bytes(b"%PDF-1.4 oud")
        os.utime(path, (when.timestamp(), when.timestamp()))
    return made


TODAYS_AND_OTHERS = {"koelkastblad-D-4-2026-01-05-0-meting.pdf", "boodschappen.pdf"}


@pytest.mark.parametrize("where", ["data", "override"])
def test_sheets_from_before_today_are_removed_when_the_app_starts(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:
    if where == "override":
        folder = tmp_path / "gedeeld" / "bladen"
        monkeypatch.setenv("MAGNEETBORD_KOELKASTBLAD_MAP", str(folder))
    else:
        monkeypatch.delenv("MAGNEETBORD_KOELKASTBLAD_MAP", raising=False)
        folder = tmp_path / "koelkastblad"  # make_app's MAGNEETBORD_DATA_DIR is tmp_path
    old_files(folder, datetime.now())
    make_app()
    assert {p.name for p in folder.iterdir()} == TODAYS_AND_OTHERS


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_saved_sheet_goes_to_the_app_s_folder_and_the_old_ones_go(
    make_app: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    import platformdirs

    no_lp(monkeypatch)
    monkeypatch.delenv("MAGNEETBORD_KOELKASTBLAD_MAP", raising=False)
    documents = Path(platformdirs.user_documents_dir()) / "Magneetbord"
    before = sorted(documents.iterdir()) if documents.exists() else []
    app, _inwoner = afgerond(make_app, size)
    folder = tmp_path / "koelkastblad"
    old_files(folder, datetime.now())  # left from other days while the app ran (a tablet on all night)
    view = open_with_pin(app)  # no printer: saved at once
    assert view.gelukt, view.tekst
    new = {p.name for p in folder.iterdir()} - TODAYS_AND_OTHERS
    assert len(new) == 1 and {p.name for p in folder.iterdir()} == TODAYS_AND_OTHERS | new
    saved = folder / new.pop()
    assert DOEL in pdf_text(saved)  # the professional can open and print it
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700 and stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert str(folder) in view.tekst and saved.name in view.tekst and "wist het na vandaag" in view.tekst, view.tekst
    shot(f"koelkastblad-opgeslagen-{size[0]}x{size[1]}")
    after = sorted(documents.iterdir()) if documents.exists() else []
    assert after == before  # nothing in the user's documents
