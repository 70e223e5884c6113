"""A crash leaves a trace without personal data (services/crash.py): the kiosk under Xvfb,
unlocked with the PIN typed on the keyboard, resumes an inwoner's board and raises in a frame
callback (tests/crash_start.py puts the fault in from outside); the report is in the data
folder with the module, function and line, and none of the inwoner's initials, dossiernummer
or doel text, which were in the exception's message and in a local variable. The next start
says so on the lock screen, once; ``crashes`` lists the report for the beheerder."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

import main
from board import Inwoner
from services.visit import Visit, VisitMarker
from storage import crash_log
from storage.keyring import KdfParams
from storage.repository import Repository
from tests.keys import tablet_with_professional
from tests.kivy_helpers import PIN
from tests.xvfb import ROOT, app_env, start_app, stop, wait_for_screen, wait_for_window, xserver_fixture  # noqa: F401

FAST = KdfParams(memory_kib=64, time_cost=1)
INITIALEN = "W.Q."
DOSSIER = "ZWANENBURG-4711"
DOEL = "Fietsen naar tante Wilhelmina in Veldhoven"
PERSONAL = (INITIALEN, DOSSIER, DOEL, "Wilhelmina", "ZWANENBURG", "Sanne")


def tablet_with_open_visit(url: str) -> tuple[str, bytes, str]:
    """A professional, and an inwoner whose concept 0-meting (with a doel) was on the board when
    the app stopped: the visit marker names it. Returns (professional id, data key, meting id)."""
    professional_id, key = tablet_with_professional(url, "Sanne de Vries", PIN, kdf=FAST)
    repository = Repository.open(url, key, actor=professional_id)
    try:
        inwoner = Inwoner.create(DOSSIER, "Strijp", initialen=INITIALEN)
        repository.add_inwoner(inwoner)
        meting = repository.start_nulmeting(inwoner.id, date.today())
        repository.save_change(meting, meting.choose("geld").add_doel("geld", DOEL))
    finally:
        repository.close()
    VisitMarker().write(Visit(inwoner.id, meting.id))
    return professional_id, key, meting.id


def crash_line(line_of: str) -> int:
    """The line in widgets/visit_flow.py that calls what tests/crash_start.py makes fail."""
    lines = (ROOT / "widgets" / "visit_flow.py").read_text("utf-8").splitlines()
    [number] = [n for n, line in enumerate(lines, start=1) if line.strip() == line_of]
    return number


def lock_screen_text_band(shot: object) -> bytes:
    """The left column of the lock screen under its title (where the crash line shows)."""
    width, height = shot.size
    return shot.crop((0, int(height * 0.2), width // 2, int(height * 0.75))).tobytes()


@pytest.mark.slow
def test_a_crash_in_a_frame_callback_leaves_a_report_without_personal_data_and_is_told_once(
    xserver: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed (Debian: apt-get install xdotool)")
    server = xserver(1280, 800)
    env = app_env(tmp_path, server.display)
    data = Path(env["XDG_DATA_HOME"]) / "magneetbord"  # the app's own data folder (platformdirs)
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(data))
    professional_id, key, meting_id = tablet_with_open_visit(env["MAGNEETBORD_DB"])
    app = subprocess.Popen(
        [sys.executable, "tests/crash_start.py"], cwd=ROOT, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        wait_for_window(server, app)
        subprocess.run(["xdotool", "type", "--delay", "80", PIN], env=env, check=True, timeout=30)
        subprocess.run(["xdotool", "key", "Return"], env=env, check=True, timeout=30)
        assert app.wait(timeout=90) == 1
        _out, err = app.communicate(timeout=30)
    finally:
        stop(app)

    [report] = crash_log.reports(data / "crashes")
    text = report.read_text("utf-8")
    assert oct(report.stat().st_mode & 0o777) == "0o600"
    assert "fout: RuntimeError" in text and "versie: 0.1.0" in text
    assert re.search(r"tijd \(UTC\): \d{4}-\d\d-\d\d \d\d:\d\d:\d\d", text)
    line = crash_line("self.marker.write(Visit(meting.inwoner_id, meting.id))")
    assert f"widgets.visit_flow, VisitFlow._after_first_frame, regel {line}" in text, text
    assert "kivy._clock, kivy._clock.ClockEvent.tick" in text  # a clock callback: Kivy's ExceptionManager
    assert "__main__, fault, regel" in text
    for secret in PERSONAL:
        assert secret not in text, secret
        assert secret not in err, secret  # nor on stderr: Python's own traceback would have it
    assert str(tmp_path) not in text  # no paths: a home folder carries a name
    # One short line on the real stderr (Kivy routes sys.stderr to its logger, which is off).
    [said] = [line for line in err.splitlines() if "Magneetbord is gestopt" in line]
    assert "RuntimeError in crash_start" in said and str(report) in said

    # The board resumed after the crash holds the doel: "niets verloren" is true.
    repository = Repository.open(env["MAGNEETBORD_DB"], key, actor=professional_id)
    try:
        assert [d.tekst for d in repository.get_meting(meting_id).doelen] == [DOEL]
    finally:
        repository.close()
    assert VisitMarker().read() is not None

    # The next start: the lock screen says it; the start after that does not.
    shots = []
    for _start in range(2):
        again = start_app(env)
        try:
            wait_for_window(server, again)
            shots.append(server.grab().convert("RGB"))
        finally:
            stop(again)
    assert lock_screen_text_band(shots[0]) != lock_screen_text_band(shots[1])
    assert not (data / "crashes" / crash_log.NOTICE).exists()

    # The beheerder reads it.
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(data))
    assert main.main(["crashes"]) == 0
    listed = capsys.readouterr().out
    assert "RuntimeError" in listed and str(report) in listed and "widgets.visit_flow" in listed
    for secret in PERSONAL:
        assert secret not in listed


def test_the_crash_line_on_the_lock_screen_says_nothing_is_lost_once(make_app: object, tmp_path: Path) -> None:
    ...


def test_every_supported_file_says_the_same_version() -> None:
    from board.versie import VERSIE

    assert re.search(rf'^version = "{re.escape(VERSIE)}"$', (ROOT / "pyproject.toml").read_text("utf-8"), re.M)
    assert re.search(rf"^version = {re.escape(VERSIE)}$", (ROOT / "buildozer.spec").read_text("utf-8"), re.M)


_ = os
