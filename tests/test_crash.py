"""A crash leaves a trace without personal data (services/crash.py): the kiosk under Xvfb,
unlocked with the PIN typed on the keyboard, resumes an inwoner's board and raises in a frame
callback (tests/crash_start.py puts the fault in from outside); the report is in the data
folder with the module, function and line, and none of the inwoner's initials, dossiernummer
or doel text, which were in the exception's message and in a local variable. The next start
says so on the lock screen, once; ``crashes`` lists the report for the beheerder."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

import main
from board import Inwoner
from services import crash
from services.visit import Visit, VisitMarker
from storage import crash_log
from storage.keyring import KdfParams
from storage.repository import Repository
from tests.keys import tablet_with_professional
from tests.kivy_helpers import PIN, frames, make_app_fixture, type_pin, window_fixture  # noqa: F401
from tests.xvfb import ROOT, app_env, start_app, stop, wait_for_window, xserver_fixture  # noqa: F401
from tests.xvfb import type_pin as type_pin_on_keyboard

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


def crashed(app: subprocess.Popen[str], data: Path) -> tuple[Path, str, str]:
    """The app ended with exit 1: (its one crash report, the report's text, its stderr)."""
    try:
        assert app.wait(timeout=120) == 1
        _out, err = app.communicate(timeout=30)
    finally:
        stop(app)
    [report] = crash_log.reports(data / "crashes")
    return report, report.read_text("utf-8"), err


def bottom_band(shot: object) -> object:
    """The bottom of the screen, where the lock screen says that the app stopped."""
    width, height = shot.size
    return shot.crop((0, int(height * 0.85), width, height))


def ink(band: object) -> int:
    """How many pixels of text (dark) the band holds."""
    return sum(1 for r, g, b in band.getdata() if r + g + b < 300)


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
        type_pin_on_keyboard(env, PIN)
    except BaseException:
        stop(app)
        raise
    report, text, err = crashed(app, data)
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
    assert f"RuntimeError in widgets.visit_flow:{line};" in said and str(report) in said  # the app's own code

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
    assert ink(bottom_band(shots[0])) > 2000 and ink(bottom_band(shots[1])) == 0
    assert not (data / "crashes" / crash_log.NOTICE).exists()

    # The beheerder reads it.
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(data))
    assert main.main(["crashes"]) == 0
    listed = capsys.readouterr().out
    assert "RuntimeError" in listed and str(report) in listed and "widgets.visit_flow" in listed
    for secret in PERSONAL:
        assert secret not in listed


@pytest.mark.slow
def test_a_real_fault_at_start_leaves_a_report_from_the_main_thread(
    xserver: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fault the app does not handle, made for real: the app as installed, with a block of
    its lock screen's layout (``widgets/toegang.kv``, read while the app builds its first
    screen) turned to zeros, as a damaged file system or an update cut short leaves a file.
    Kivy's parser raises outside its event loop, so the report comes through ``sys.excepthook``.
    The app is a copy in ``tmp_path`` (the tree under test is not touched). (Until 2026-12-03
    the trigger was an 8 TiB crash notice, before that an 8 TiB keys file, before that a
    ``backoff.key`` that is a folder; each now gets a Dutch message on the lock screen:
    tests/test_start_files.py, tests/test_backoff_key.py.)"""
    app_root = tmp_path / "app"
    app_root.mkdir()
    shutil.copy2(ROOT / "main.py", app_root)
    for folder in ("assets", "board", "cli", "exports", "samples", "services", "storage", "widgets"):
        shutil.copytree(ROOT / folder, app_root / folder, ignore=shutil.ignore_patterns("__pycache__"))
    layout = app_root / "widgets" / "toegang.kv"
    damaged = bytearray(layout.read_bytes())
    block = len(damaged) // 2 // 512 * 512
    damaged[block : block + 512] = bytes(512)
    layout.write_bytes(bytes(damaged))
    server = xserver(1024, 768)
    env = app_env(tmp_path, server.display)
    data = Path(env["XDG_DATA_HOME"]) / "magneetbord"
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(data))
    tablet_with_professional(env["MAGNEETBORD_DB"], "Sanne de Vries", PIN, kdf=FAST)
    report, text, err = crashed(start_app(env, root=app_root), data)
    assert "waar: de app (hoofdthread)" in text and "fout: kivy.lang.parser.ParserException" in text
    assert "widgets.common, load_kv, regel" in text and "widgets.toegang, <module>, regel" in text
    assert "widgets.app, MagneetbordApp.build, regel" in text
    assert str(tmp_path) not in text and str(tmp_path) not in err.replace(str(report), "")
    assert "Traceback" not in err and "ParserException in widgets.common:" in err
    assert json.loads((data / "crashes" / crash_log.NOTICE).read_text())["staat"] == crash.BEWAARD  # nothing typed yet


def raised(exc: BaseException) -> BaseException:
    """``exc`` as raised (with its traceback), and caught."""
    try:
        raise exc
    except BaseException as caught:
        return caught


@pytest.fixture(name="hooks")
def hooks_fixture(monkeypatch: pytest.MonkeyPatch) -> None:
    """The interpreter's hooks as they were, after the test installed the app's."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)


@pytest.mark.parametrize("size", [(1280, 800), (800, 600), (800, 1280)])
def test_a_crash_with_a_doel_being_typed_is_told_at_the_next_start_once(
    make_app: object, window: object, tmp_path: Path, hooks: None, size: tuple[int, int]
) -> None:
    """The state at the moment of the crash decides the line: on the board every change is saved
    ("niets verloren"); with the doel editor open what was typed there is gone, and the line says so."""
    from tests.test_doelen_screen import on_doelen, open_editor
    from widgets.crashes import unsaved

    window.size = size
    app, _inwoner = on_doelen(make_app)
    assert unsaved() == crash.BEWAARD
    editor = open_editor(app, "Geld")
    editor.ids.tekst.text = DOEL
    assert unsaved() == crash.INVOER
    crash.install(unsaved)
    failed = raised(RuntimeError(f"kapot bij {DOEL}"))
    sys.excepthook(type(failed), failed, failed.__traceback__)  # what the interpreter calls
    [report] = crash_log.reports()
    assert DOEL not in report.read_text("utf-8") and "fout: RuntimeError" in report.read_text("utf-8")

    app = make_app()  # the next start
    lock = app.screen("lock")
    assert app.current == "lock"
    said = lock.ids.crash_bar.ids.regel
    assert said.text.startswith("De app is de vorige keer onverwacht gestopt.")
    assert "is weg" in said.text and "niets verloren" not in said.text
    assert str(tmp_path / "crashes") in said.text and "python3 main.py crashes" in said.text
    frames(2)
    # All of it readable: not cut off, inside the window, above the PIN's dots.
    assert said.height >= said.texture_size[1] > 0 and lock.ids.crash_bar.opacity == 1
    assert said.y >= 0 and said.right <= window.width and said.top <= min(lock.ids.dots.y, lock.ids.pad.y)
    assert max(lock.ids.titel.top, lock.ids.pad.top) <= window.height  # nothing pushed off the screen
    type_pin(lock, PIN)
    assert app.current != "lock" and lock.ids.crash_bar.tekst == ""
    app.lock()
    frames(2)
    assert app.current == "lock" and lock.ids.crash_bar.tekst == "" and lock.ids.crash_bar.height == 0
    assert make_app().screen("lock").ids.crash_bar.tekst == ""  # and not at the start after


def test_a_crash_while_the_first_account_is_made_is_told_on_the_first_screen(
    make_app: object, window: object, hooks: None
) -> None:
    from widgets.crashes import unsaved

    app = make_app()
    assert app.current == "account"
    app.screen("account").ids.naam.text = "Sanne de Vries"
    crash.install(unsaved)
    failed = raised(RuntimeError("Sanne de Vries"))
    sys.excepthook(type(failed), failed, failed.__traceback__)
    app = make_app()  # nobody in the keyring yet: the first screen is the account again
    account = app.screen("account")
    said = account.ids.crash_bar.ids.regel
    assert app.current == "account" and "is weg" in said.text and "Voor de beheerder" in said.text
    frames(2)
    assert said.height >= said.texture_size[1] > 0 and said.top <= account.ids.pad.y
    app.create_account("Sanne de Vries", PIN, PIN)
    assert app.current == "inwoners" and account.ids.crash_bar.tekst == ""
    app.lock()
    assert app.screen("lock").ids.crash_bar.tekst == ""


def test_the_line_after_a_crash_on_the_board_says_nothing_is_lost(make_app: object, hooks: None) -> None:
    crash.install(lambda: crash.BEWAARD)
    tablet_with_professional(f"sqlite:///{make_app_folder()}/magneetbord.sqlite3", "Sanne", PIN, kdf=FAST)
    failed = raised(ValueError("x"))
    sys.excepthook(type(failed), failed, failed.__traceback__)
    said = make_app().screen("lock").ids.crash_bar.tekst
    assert "Er is niets verloren: alles was al bewaard." in said


def make_app_folder() -> Path:
    return Path(os.environ["MAGNEETBORD_DATA_DIR"])  # make_app's tmp_path


def test_while_the_bundle_is_made_the_crash_says_the_meting_is_saved_and_how_to_finish_it(make_app: object) -> None:
    from widgets.crashes import unsaved

    tablet_with_professional(f"sqlite:///{make_app_folder()}/magneetbord.sqlite3", "Sanne", PIN, kdf=FAST)
    app = make_app()
    held = threading.Event()
    app.export_thread = threading.Thread(target=held.wait, daemon=True)
    app.export_thread.start()
    try:
        assert unsaved() == crash.EXPORT
    finally:
        held.set()
        app.export_thread.join()
    crash_log.set_notice(crash_log.write_report("x", datetime.now(UTC)), crash.EXPORT)
    said = make_app().screen("lock").ids.crash_bar.tekst
    assert "De meting is bewaard. Het pakket voor het dossier was nog niet klaar toen de app stopte" in said
    assert "python3 main.py export maakt wat nog ontbreekt" in said and "niets verloren" not in said


def test_a_worker_thread_s_error_is_reported_and_the_app_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hooks: None, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))
    crash.install()

    def work() -> None:
        doel = DOEL  # a local value: never in the report
        raise KeyError(doel)

    thread = threading.Thread(target=work, name="export")
    thread.start()
    thread.join()
    [report] = crash_log.reports()
    text = report.read_text("utf-8")
    assert "waar: thread export" in text and "fout: KeyError" in text and "test_crash, " in text
    assert DOEL not in text and "Wilhelmina" not in capfd.readouterr().err
    assert crash_log.take_notice() is None  # the app did not stop: nothing to tell at the next start


def test_a_chain_says_every_type_and_no_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))

    def inner() -> None:
        raise OSError(f"/home/wilhelmina/{DOSSIER}.txt")

    def outer() -> None:
        try:
            inner()
        except OSError as exc:
            raise ValueError(DOEL) from exc

    text = crash.record(raised_by(outer), "test").read_text("utf-8")
    assert text.index("fout: ValueError") < text.index("Die kwam uit (raise ... from):") < text.index("fout: OSError")
    assert "test_crash, test_a_chain_says_every_type_and_no_message.<locals>.inner, regel" in text
    for secret in (DOEL, DOSSIER, "wilhelmina", "/home"):
        assert secret not in text


def raised_by(work: object) -> BaseException:
    try:
        work()
    except BaseException as caught:
        return caught
    raise AssertionError("nothing raised")


def test_the_last_reports_are_kept_and_each_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))

    def deep(n: int) -> None:
        deep(n + 1)

    paths = [crash.record(raised_by(lambda: deep(0)), "test") for _ in range(crash_log.KEEP + 3)]
    kept = crash_log.reports()
    assert kept == paths[3:]  # the oldest three are gone, the order is the crashes' order
    for path in kept:
        assert path.stat().st_size <= crash_log.MAX_BYTES
        text = path.read_text("utf-8")
        assert "fout: RecursionError" in text and "regels weggelaten" in text
        # 60 frames: the first 20 (raised_by, its lambda, 18 of deep) and the last 40.
        assert text.count("test_crash, test_the_last_reports_are_kept_and_each_is_bounded.<locals>.deep") == 58


def test_crashes_lists_the_reports_for_the_beheerder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))
    assert main.main(["crashes"]) == 0
    assert capsys.readouterr().out.strip() == f"Er staan geen crashverslagen in {tmp_path / 'crashes'}."
    first = crash.record(raised(KeyError(DOEL)), "de app (Kivy)")
    second = crash.record(raised_by(lambda: main.main(["--nergens"])), "de app (hoofdthread)")
    assert main.main(["crashes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"2 crashverslagen in {tmp_path / 'crashes'} (de laatste 20 blijven bewaard)")
    assert out.index(str(second)) < out.index(str(first))  # the newest first
    assert "versie 0.1.0: SystemExit" in out and "waar: main, main, regel" in out and "versie 0.1.0: KeyError" in out
    assert main.main(["crashes", "--volledig"]) == 0
    full = capsys.readouterr().out
    assert first.read_text("utf-8") in full and second.read_text("utf-8") in full and DOEL not in full


def test_every_supported_file_says_the_same_version() -> None:
    from board.versie import VERSIE

    assert re.search(rf'^version = "{re.escape(VERSIE)}"$', (ROOT / "pyproject.toml").read_text("utf-8"), re.M)
    assert re.search(rf"^version = {re.escape(VERSIE)}$", (ROOT / "buildozer.spec").read_text("utf-8"), re.M)



def test_a_report_that_cannot_be_written_is_said_on_stderr_and_nothing_else(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hooks: None, capfd: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))
    (tmp_path / "crashes").write_bytes(b"a file where the folder should be")
    crash.install()
    failed = raised(RuntimeError(DOEL))
    sys.excepthook(type(failed), failed, failed.__traceback__)  # raises nothing
    err = capfd.readouterr().err
    assert err.count("\n") == 1 and "Magneetbord is gestopt door een fout: RuntimeError in " in err
    assert "het verslag kon niet worden geschreven" in err and DOEL not in err
