"""Keys on every screen of the running app: Escape, the Android back key (27 and the older
1001), F1 (Kivy's settings panel) and Alt+F4 change nothing and close nothing. The app is
started the way ``App.run`` starts it (``_run_prepare``: build, Kivy's settings keys), and the
keys arrive the way SDL2 delivers them (``on_key_down``, then ``on_keyboard``)."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from board import Inwoner
from storage.keyring import KdfParams
from tests.keys import tablet_with_professional
from tests.kivy_helpers import PIN, frames, type_pin, window_fixture  # noqa: F401
from widgets import kiosk

ESCAPE, BACK_OLD, F1, F4, LALT = 27, 1001, 282, 285, 308


def press(window: object, key: int, modifiers: tuple[str, ...] = ()) -> None:
    """What SDL2's event loop does with one key press (kivy/core/window/window_sdl2.py)."""
    if not window.dispatch("on_key_down", key, 0, None, list(modifiers)):
        window.dispatch("on_keyboard", key, 0, None, list(modifiers))
    window.dispatch("on_key_up", key, 0)


def alt_f4(window: object) -> bool:
    """Alt+F4: the keys, then the window manager's close request (SDL's 'quit'). True: refused."""
    press(window, LALT, ("alt",))
    press(window, F4, ("alt",))
    return bool(window.dispatch("on_request_close"))


@pytest.fixture
def running(window: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[object, list[str]]]:
    """The app as ``App.run`` prepares it, with quitting recorded instead of done."""
    import kivy.core.window as core_window

    from widgets.app import MagneetbordApp

    monkeypatch.delenv(kiosk.WINDOWED_ENV, raising=False)
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))
    quits: list[str] = []
    monkeypatch.setattr(core_window, "stopTouchApp", lambda: quits.append("stopTouchApp"))
    monkeypatch.setattr(window, "close", lambda *a: quits.append("close"), raising=False)
    url = f"sqlite:///{tmp_path}/magneetbord.sqlite3"
    tablet_with_professional(url, "Sanne de Vries", PIN, kdf=KdfParams(64, 1))
    app = MagneetbordApp(url, kdf=KdfParams(64, 1))
    app._run_prepare()  # what App.run does before the event loop
    frames(2)
    try:
        yield app, quits
    finally:
        window.unbind(on_keyboard=app._on_keyboard_settings)
        app.release()
        if app.repository is not None:
            app.repository.close()
        window.remove_widget(app.root)
        kiosk._last_alt_f4[0] = float("-inf")
        frames(1)


def _screens(app: object) -> Iterator[str]:
    yield "lock"
    type_pin(app.screen("lock"), PIN)
    inwoner = Inwoner.create("D-41", "Woensel", "A.B.")
    app.repository.add_inwoner(inwoner)
    for show in (app.show_list, lambda: app.show_inwoner(inwoner), app.show_history, app.show_monitor,
                 app.add_colleague, app.open_visit):  # fmt: skip
        show()
        frames(2)
        yield app.current
        if app.current == "lock":  # adding a colleague asks the PIN again
            type_pin(app.screen("lock"), PIN)
            yield app.current
    for step in ("doelen", "afronden"):
        app.show_meting_step(step)
        frames(2)
        yield app.current


def test_no_key_leaves_changes_or_configures_anything_on_any_screen(
    running: tuple[object, list[str]], window: object
) -> None:
    from kivy.uix.settings import Settings

    app, quits = running
    seen = []
    for name in _screens(app):
        seen.append(name)
        for key in (ESCAPE, BACK_OLD, F1):
            press(window, key)
            frames(1)
            assert app.current == name, (name, key)
        assert alt_f4(window), f"Alt+F4 closed the app on {name}"
        assert not any(isinstance(child, Settings) for child in window.children), f"F1 opened settings on {name}"
        assert app.open_settings() is False
        assert quits == [], (name, quits)
    assert seen == ["lock", "inwoners", "inwoner", "geschiedenis", "monitor", "lock", "account", "bord", "doelen",
                    "afronden"]  # fmt: skip
    kiosk._last_alt_f4[0] = float("-inf")
    assert not window.dispatch("on_request_close")  # the system (shutdown) may still close it


@pytest.mark.slow
def test_the_running_app_writes_no_kivy_log_file_and_only_private_files(tmp_path: Path) -> None:
    """Kivy's file log is on unless switched off; main.py switches it off (at DEBUG it held
    typed text). Started as a person starts it, without the tests' own settings, from a shell
    whose umask lets everyone read: what it made in its data folder is its user's only."""
    root = Path(__file__).resolve().parent.parent
    env = {k: v for k, v in os.environ.items() if k not in ("KIVY_NO_FILELOG", "KIVY_NO_ARGS")}
    env.update(MAGNEETBORD_DATA_DIR=str(tmp_path / "data"), KIVY_HOME=str(tmp_path / "kivy"))
    env.setdefault("SDL_VIDEODRIVER", "offscreen")
    app = subprocess.Popen([sys.executable, "main.py"], cwd=root, env=env,
                           preexec_fn=lambda: os.umask(0o022))  # fmt: skip - a careless shell's umask
    try:
        time.sleep(6)
        assert app.poll() is None, "the app did not start"
    finally:
        app.send_signal(signal.SIGTERM)
        app.wait(timeout=20)
    data = tmp_path / "data"  # what the running app made there: for its user only
    made = {str(p.relative_to(data)): oct(stat.S_IMODE(p.stat().st_mode)) for p in [data, *data.rglob("*")]}
    assert made.pop(".") == "0o700" and made and set(made.values()) == {"0o600"}, made
    logs = tmp_path / "kivy" / "logs"
    assert (tmp_path / "kivy").is_dir(), "Kivy did not use the home folder given"
    assert not logs.exists() or not any(logs.iterdir()), sorted(p.name for p in logs.iterdir())
