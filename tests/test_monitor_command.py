"""`python3 main.py monitor`: the report from a central database or from the tablet, and the key."""

from __future__ import annotations

import stat
from datetime import date
from pathlib import Path

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

import main
from board.monitor_1_record import keyed_hash
from samples.voorbeeld import voorbeeld
from services.demo import fill
from services.monitor import monitor_key, read_key_file, vingerafdruk
from services.monitor_report import default_periode
from services.unlock import PIN_ENV
from storage import Repository
from tests.keys import TEST_KEY, TEST_PIN, add_test_professional


@pytest.fixture
def tablet(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    url = f"sqlite:///{tmp_path / 'tablet.sqlite3'}"
    add_test_professional(url)
    monkeypatch.setenv(PIN_ENV, TEST_PIN)
    repository = Repository.open(url, key=TEST_KEY)
    fill(repository)
    repository.close()
    return url


def test_report_from_the_central_database_equals_the_report_from_the_tablet(
    tablet: str, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main.main(["--db", tablet, "sync", "--to", db_url]) == 0
    period = ["--van", "2025-01", "--tot", "2025-12", "--gemeente", "Gemeente Voorbeeld"]
    assert main.main(["monitor", "--db", db_url, "--out", str(tmp_path / "centraal"), *period]) == 0
    assert "uit de centrale database" in capsys.readouterr().out
    assert main.main(["--db", tablet, "monitor", "--out", str(tmp_path / "tablet"), *period]) == 0
    assert "uit de metingen op deze tablet" in capsys.readouterr().out
    written = sorted(p.name for p in (tmp_path / "centraal").iterdir())
    assert written[0] == "monitor.pdf" and len(written) == 14  # the PDF and one CSV per table
    for name in written:  # counted by SQL or by Python: the same bytes
        assert (tmp_path / "centraal" / name).read_bytes() == (tmp_path / "tablet" / name).read_bytes()
    text = "".join(page.extract_text() for page in PdfReader(tmp_path / "centraal" / "monitor.pdf").pages)
    assert "Gemeente Voorbeeld" in text and "<10" in text


def test_report_refuses_a_missing_file_and_a_bad_period(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = f"sqlite:///{tmp_path / 'weg.sqlite3'}"
    assert main.main(["monitor", "--db", missing, "--out", str(tmp_path / "uit")]) == 1
    assert "bestaat niet" in capsys.readouterr().out
    assert not (tmp_path / "weg.sqlite3").exists() and not (tmp_path / "uit").exists()
    assert main.main(["monitor", "--db", missing, "--out", str(tmp_path), "--van", "2025-12", "--tot", "2025-01"]) == 2
    assert "na het einde" in capsys.readouterr().out
    assert main.main(["monitor", "--db", missing]) == 2
    assert "--out" in capsys.readouterr().out


def test_default_period_is_the_last_calendar_year() -> None:
    assert default_periode(date(2026, 3, 9)).label == "2025-01 t/m 2025-12"
    assert default_periode(date(2026, 12, 31)).label == "2025-01 t/m 2025-12"


def test_key_new_import_and_show(tablet: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "gemeente.sleutel"
    assert main.main(["monitor", "key", "--new", str(path)]) == 0
    shown = capsys.readouterr().out
    assert main.main(["--db", tablet, "monitor", "key", "--import", str(path)]) == 0
    imported = capsys.readouterr().out
    assert "ingesteld" in imported
    assert main.main(["--db", tablet, "monitor", "key"]) == 0
    fingerprint = capsys.readouterr().out.split()[-1]
    assert fingerprint in shown and fingerprint in imported
    repository = Repository.open(tablet, key=TEST_KEY)
    assert vingerafdruk(monitor_key(repository)) == fingerprint
    repository.close()
    assert main.main(["monitor", "key", "--new", str(path)]) == 1  # never over an existing key
    assert "bestaat al" in capsys.readouterr().out


def test_a_key_imported_after_a_sync_rekeys_what_waits_and_reports_what_was_sent(
    tablet: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    central = f"sqlite:///{tmp_path / 'c.sqlite3'}"
    assert main.main(["--db", tablet, "sync", "--to", central]) == 0
    first = central_record_ids(central)
    assert main.main(["--db", tablet, "demo", "--inwoners", "40"]) == 0  # ten more inwoners, not sent yet
    assert main.main(["monitor", "key", "--new", str(tmp_path / "k")]) == 0
    capsys.readouterr()
    assert main.main(["--db", tablet, "monitor", "key", "--import", str(tmp_path / "k")]) == 0
    out = capsys.readouterr().out
    assert "ingesteld" in out and f"{len(first)} monitorrecords waren al verzonden met de vorige sleutel" in out
    assert main.main(["--db", tablet, "sync", "--to", central]) == 0
    key = read_key_file(tmp_path / "k")
    new = {
        keyed_hash(key, "meting", meting.id)
        for _inwoner, history in voorbeeld(aantal=40, tot=date.today())[30:]
        for meting in history
        if meting.afgerond
    }
    assert new and central_record_ids(central) == first | new  # the sent ones as they were; the rest re-keyed


def test_the_key_file_is_for_its_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "gemeente.sleutel"
    assert main.main(["monitor", "key", "--new", str(path)]) == 0
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def central_record_ids(url: str) -> set[str]:
    engine = sa.create_engine(url)
    with engine.connect() as conn:
        ids = set(conn.execute(sa.text("SELECT record_id FROM monitor_record")).scalars())
    engine.dispose()
    return ids


def test_wijkteams_and_map_from_files_and_plain_messages_for_bad_ones(
    tablet: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`monitor --wijkteams --kaart`: the teams are in every CSV (never a number under 10 for
    30 demo inwoners: all '<10' or 'x'), the map page is in the PDF; a bad map leaves the map
    out and says why; a bad wijkteams file stops the report before anything is written."""
    import csv

    from services.monitor_gebieden import VOORBEELD_KAART, VOORBEELD_WIJKTEAMS

    period = ["--van", "2025-01", "--tot", "2025-12"]
    bad = tmp_path / "kapot.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}}]}')
    out = tmp_path / "met-teams"
    assert main.main(["--db", tablet, "monitor", "--out", str(out), *period, "--wijkteams", str(VOORBEELD_WIJKTEAMS),
                      "--kaart", str(bad)]) == 0
    said = capsys.readouterr().out
    assert "Met de cijfers van 2 wijkteams." in said
    assert "De kaart met wijken (kapot.geojson) is niet te gebruiken: wijk 1 heeft geen naam" in said
    with (out / "monitor_overzicht.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    teams = [r for r in rows if r[-1] == "wijkteam"]
    assert [r[0] for r in teams] == ["Wijkteam Noord", "Wijkteam Zuid"]
    assert all(cell in ("<10", "x") for r in teams for cell in r[2:-1])  # 30 inwoners over 5 wijken
    text = "".join(page.extract_text() for page in PdfReader(out / "monitor.pdf").pages)
    assert "Kaart:" not in text and "Wijkteam Zuid" in text

    out = tmp_path / "met-kaart"
    assert main.main(["--db", tablet, "monitor", "--out", str(out), *period, "--kaart", str(VOORBEELD_KAART),
                      "--kaartcijfer", "uitstroom"]) == 0
    text = "".join(page.extract_text() for page in PdfReader(out / "monitor.pdf").pages)
    assert "Kaart: uitstroom per wijk" in text

    teams_bad = tmp_path / "teams.toml"
    teams_bad.write_text('[wijkteams]\n"A" = ["Stratum"]\n"B" = ["Stratum"]\n')
    assert main.main(["--db", tablet, "monitor", "--out", str(tmp_path / "niet"), *period,
                      "--wijkteams", str(teams_bad)]) == 1
    assert "de wijk Stratum staat bij A en bij B" in capsys.readouterr().out
    assert not (tmp_path / "niet").exists()


def test_demo_puts_voorbeeldstad_s_wijkteams_and_map_in_the_data_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from services.monitor_gebieden import lees_gebieden

    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))
    url = f"sqlite:///{tmp_path / 'tablet.sqlite3'}"
    add_test_professional(url)
    monkeypatch.setenv(PIN_ENV, TEST_PIN)
    assert main.main(["--db", url, "demo", "--inwoners", "3"]) == 0
    assert "Voorbeeldstad" in capsys.readouterr().out
    gebieden = lees_gebieden()
    assert gebieden.kaart is not None and "Waterhoek" in gebieden.kaart.namen
    assert set(gebieden.wijkteams) == {"Wijkteam Noord", "Wijkteam Zuid"}
