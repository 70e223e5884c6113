"""What the app benchmarks (P3 and P8 in ``bench_app.py``, P10 in ``bench_switch.py``) share:
a data folder with the demo data and one professional at the real Argon2id cost, and a
child process that runs one variant and prints one JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = "482913"
SIZE = (1280, 800)


def database_url(folder: Path) -> str:
    return f"sqlite:///{folder / 'magneetbord.sqlite3'}"


def prepare(folder: Path, open_concept_of: str | None = None) -> None:
    """Demo data and one professional "Bench" with ``PIN``; with ``open_concept_of`` (a dossier
    number with an unfinished meting) that visit is left open, so the app resumes its board."""
    os.environ["MAGNEETBORD_DATA_DIR"] = str(folder)
    from services.demo import fill
    from services.visit import Visit, VisitMarker
    from storage.keyring import Keyring
    from storage.repository import Repository

    url = database_url(folder)
    _, key = Keyring.for_database(url).add_professional("Bench", PIN)
    repository = Repository.open(url, key, create=True)  # the first start: keyring and database made together
    try:
        fill(repository)
        if open_concept_of is not None:
            inwoner = repository.find_inwoner(open_concept_of)
            concept = repository.current_concept(inwoner.id)
            VisitMarker(folder).write(Visit(inwoner.id, concept.id))
    finally:
        repository.close()


def unlocked_app(url: str, **kwargs: object) -> object:
    """A ``MagneetbordApp`` on ``url`` in this process's window (made here), with ``PIN``
    typed at its lock screen: at the list, or at the board of a visit that was open."""
    from kivy.base import EventLoop
    from kivy.core.window import Window

    from widgets.app import MagneetbordApp

    EventLoop.ensure_window()
    app = MagneetbordApp(url, **kwargs)
    Window.add_widget(app.build())
    for _ in range(3):
        EventLoop.idle()
    pad = app.screen("lock").ids.pad
    pad.pin = PIN
    pad.submit()
    return app


@cache
def bytecode_folder() -> str:
    """Where the children keep their compiled bytecode (.pyc), for every module they import."""
    return tempfile.mkdtemp(prefix="magneetbord-bench-pycache-")


def run_child(script: str, args: list[str], folder: Path, env: dict[str, str] | None = None,
              timeout: float = 120) -> dict:
    """Run ``script`` (a benchmark file) as a fresh process on ``folder`` with ``args``; its last
    JSON line, or a RuntimeError with what it printed."""
    environment = dict(os.environ, MAGNEETBORD_DATA_DIR=str(folder), MAGNEETBORD_DB=database_url(folder),
                       **(env or {}))
    environment.pop("KIVY_HOME", None)  # each child its own (widgets.headless)
    # A start as on a tablet, whose package holds the compiled bytecode: the untimed first run
    # compiles it, later runs load it, for the app's modules as for Kivy's. A shell with
    # PYTHONDONTWRITEBYTECODE would make every run compile the app's own source again (about
    # 0.1-0.2 s here) but not Kivy's, whose .pyc came with its install.
    environment.pop("PYTHONDONTWRITEBYTECODE", None)
    environment["PYTHONPYCACHEPREFIX"] = bytecode_folder()
    out = subprocess.run([sys.executable, script, *args], env=environment, capture_output=True, text=True,
                         timeout=timeout, check=False, cwd=ROOT)
    line = next((raw for raw in reversed(out.stdout.splitlines()) if raw.startswith("{")), None)
    if line is None:
        raise RuntimeError(f"{args[0]} did not get ready: {out.stdout[-2000:]} {out.stderr[-3000:]}")
    return json.loads(line)
