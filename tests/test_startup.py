"""The start of the app: the lock screen is the first thing a professional sees, and it needs
no database. It draws and takes touches with SQLAlchemy, SQLCipher, the crypto libraries and
the renderers unavailable; they load while the PIN is typed (bench: P3)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.keys import FAST_KDF, TEST_PIN

ROOT = Path(__file__).resolve().parent.parent


def _glibc() -> bool:
    try:
        return os.confstr("CS_GNU_LIBC_VERSION") is not None
    except (ValueError, OSError):
        return False
HEAVY = ("sqlalchemy", "sqlcipher3", "Cryptodome", "argon2", "reportlab", "PIL", "alembic", "psycopg")

# The app in a fresh process, built and its first screen drawn (URL is set before it).
DRAWN = """
from widgets.headless import configure
configure(1280, 800)
from kivy.base import EventLoop
EventLoop.ensure_window()
from kivy.core.window import Window
from kivy.tests.common import UnitTestTouch
from widgets.app import MagneetbordApp

app = MagneetbordApp(URL)
Window.add_widget(app.build())
for _ in range(3):
    EventLoop.idle()
"""

# Runs in a fresh process: those libraries cannot be imported at all; the app is built, its
# first screen drawn, and a finger taps the keypad's 4.
LOCK_SCREEN = """
import json, sys
from importlib.abc import MetaPathFinder

class Missing(MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in HEAVY:
            raise ImportError(f"{name} is not available before the PIN")
        return None

sys.meta_path.insert(0, Missing())
"""
LOCK_SCREEN += (
    DRAWN
    + """pad = app.screen("lock").ids.pad
key = next(k for k in pad.children if getattr(k, "text", "") == "4")
touch = UnitTestTouch(*key.to_window(*key.center))
touch.touch_down()
touch.touch_up()
EventLoop.idle()
loaded = sorted({m.split(".")[0] for m in sys.modules} & set(HEAVY))
print(json.dumps({"screen": app.current, "pin": pad.pin, "loaded": loaded}), file=sys.__stdout__)
"""
)


def test_the_lock_screen_draws_and_takes_touches_without_the_database(tmp_path: Path) -> None:
    from storage.keyring import Keyring

    url = f"sqlite:///{tmp_path / 'magneetbord.sqlite3'}"
    Keyring.for_database(url, kdf=FAST_KDF).add_professional("Sanne de Vries", TEST_PIN)
    script = f"HEAVY = {HEAVY!r}\nURL = {url!r}\n" + LOCK_SCREEN
    env = {**os.environ, "MAGNEETBORD_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120, check=False)  # fmt: skip
    line = next((raw for raw in done.stdout.splitlines() if raw.startswith("{")), None)
    assert line is not None, done.stdout[-2000:] + done.stderr[-3000:]
    assert json.loads(line) == {"screen": "lock", "pin": "4", "loaded": []}


def test_starting_the_app_loads_no_subcommand(tmp_path: Path) -> None:
    """``python3 main.py`` goes to the app without building the command line's subcommands
    (which load the database and the renderers)."""
    script = (
        "import json, sys, main\n"
        "main.run_app = lambda args: print(json.dumps({'db': args.db, 'loaded': sorted("
        f"{{m.split('.')[0] for m in sys.modules}} & {set(HEAVY) | {'cli', 'services', 'storage', 'exports'}!r}"
        ")}), file=sys.__stdout__) or 0\n"
        "sys.exit(main.main(sys.argv[1:]))\n"
    )
    for argv, db in (([], None), (["--db", "sqlite:///x.db"], "sqlite:///x.db"), (["run"], None)):
        done = subprocess.run([sys.executable, "-c", script, *argv], cwd=ROOT, capture_output=True, text=True,
                              timeout=60, check=True)  # fmt: skip
        assert json.loads(done.stdout) == {"db": db, "loaded": []}


# After the PIN, what the board needs and no more: unlocking (Argon2id, pycryptodomex's
# AES-GCM), the database opened as the app opens it (retention applied). The renderers
# (ReportLab, Babel) load with the first export, and ``importlib.metadata`` (SQLAlchemy
# imports it; the kiosk defers it: widgets.memory) when something reads it (P8).
AFTER_PIN = """
import json, sys
from widgets.kiosk import environment
environment()  # as main.py does before the app
from services.access import open_keyring
from services.visit import load_storage, open_storage
load_storage()
keyring = open_keyring(URL, FAST_KDF)
entry = keyring.professionals()[0]
key = keyring.unlock(entry.id, PIN)
open_storage(URL, key, entry.id).close()
print(json.dumps({"loaded": sorted({m.split(".")[0] for m in sys.modules} & set(LATER))}), file=sys.__stdout__)
"""


def test_unlocking_and_opening_load_no_renderer(tmp_path: Path) -> None:
    from tests.keys import tablet_with_professional

    url = f"sqlite:///{tmp_path / 'magneetbord.sqlite3'}"
    tablet_with_professional(url)
    later = ("reportlab", "babel", "alembic", "psycopg", "email", "csv")  # the last two: importlib.metadata's
    kdf = f"KdfParams(memory_kib={FAST_KDF.memory_kib}, time_cost={FAST_KDF.time_cost})"
    script = (f"from storage.keyring import KdfParams\nFAST_KDF = {kdf}\nLATER = {later!r}\nURL = {url!r}\n"
              f"PIN = {TEST_PIN!r}\n" + AFTER_PIN)  # fmt: skip
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                          check=False)  # fmt: skip
    line = next((raw for raw in done.stdout.splitlines() if raw.startswith("{")), None)
    assert line is not None, done.stdout[-2000:] + done.stderr[-3000:]
    assert json.loads(line) == {"loaded": []}


# The same start with everything importable: the first key is taken and drawn before what the
# PIN opens starts loading (that loading holds the interpreter in long stretches), and it has
# loaded while the rest of the PIN is typed.
FIRST_KEY = (
    DRAWN
    + """
import json, sys
lock = app.screen("lock")
pad = lock.ids.pad
at_key = []
pad.bind(pin=lambda *_a: at_key.append(app.storage_thread is not None and app.storage_thread.is_alive()))
key = next(k for k in pad.children if getattr(k, "text", "") == "4")
touch = UnitTestTouch(*key.to_window(*key.center))
touch.touch_down()
touch.touch_up()
EventLoop.idle()
drawn = lock.shown_pin
loading = app.storage_thread is not None and app.storage_thread.ident is not None
if loading:
    app.storage_thread.join(timeout=60)
loaded = sorted({m.split(".")[0] for m in sys.modules} & {"sqlalchemy", "Cryptodome", "argon2"})
print(json.dumps({"pin": pad.pin, "drawn": drawn, "loading_at_key": at_key, "loading_after_frame": loading,
                  "loaded": loaded}), file=sys.__stdout__)
"""
)


def test_what_the_pin_opens_loads_after_the_first_key_is_drawn(tmp_path: Path) -> None:
    from storage.keyring import Keyring
    from widgets.pinpad import dots

    url = f"sqlite:///{tmp_path / 'magneetbord.sqlite3'}"
    Keyring.for_database(url, kdf=FAST_KDF).add_professional("Sanne de Vries", TEST_PIN)
    env = {**os.environ, "MAGNEETBORD_DATA_DIR": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", f"URL = {url!r}\n" + FIRST_KEY], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120, check=False)  # fmt: skip
    line = next((raw for raw in done.stdout.splitlines() if raw.startswith("{")), None)
    assert line is not None, done.stdout[-2000:] + done.stderr[-3000:]
    assert json.loads(line) == {
        "pin": "4",
        "drawn": dots("4"),
        "loading_at_key": [False],
        "loading_after_frame": True,
        "loaded": ["Cryptodome", "argon2", "sqlalchemy"],
    }


# A module the kiosk defers is there when something first reads it.
DEFERRED = """
import json, sys
from widgets.kiosk import environment
environment()
import sqlalchemy
before = "email" in sys.modules
from importlib.metadata import version
print(json.dumps({"before": before, "after": "email" in sys.modules,
                  "version": version("SQLAlchemy") == sqlalchemy.__version__}))
"""


def test_a_deferred_module_loads_when_it_is_first_used() -> None:
    done = subprocess.run([sys.executable, "-c", DEFERRED], cwd=ROOT, capture_output=True, text=True, timeout=60,
                          check=True)  # fmt: skip
    assert json.loads(done.stdout) == {"before": False, "after": True, "version": True}


# A thread that allocates after the kiosk's environment is set: glibc's malloc_stats() lists
# one "Arena" per arena in use (P8: a thread's own arena made the board's RSS vary by 9 MiB).
ARENAS = """
import ctypes, sys, threading
{setup}
libc = ctypes.CDLL("libc.so.6")
kept = []
def allocate():
    kept.extend(bytearray(50_000) for _ in range(200))  # below the mmap threshold: from an arena
worker = threading.Thread(target=allocate)
worker.start()
worker.join()
libc.malloc_stats()
"""


@pytest.mark.skipif(not _glibc(), reason="malloc_stats and arenas are glibc's")
def test_the_kiosk_keeps_its_threads_in_one_allocator_arena() -> None:
    def arenas(setup: str) -> int:
        done = subprocess.run([sys.executable, "-c", ARENAS.format(setup=setup)], cwd=ROOT, capture_output=True,
                              text=True, timeout=60, check=True)  # fmt: skip
        return done.stderr.count("Arena ")

    assert arenas("") >= 2  # the control: glibc gives the thread an arena of its own
    assert arenas("from widgets.kiosk import environment\nenvironment()") == 1
