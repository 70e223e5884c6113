"""The real app on a real X server without a window manager (Xvfb), seen through screenshots.

``Xvfb`` comes from the Debian package ``xvfb``; without it these tests skip and say so. The
screen is read with Pillow's X11 grab (no other tools). Nothing is drawn on the root window,
so everything that is not black is the app's window.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
START_TIMEOUT = 90.0  # seconds for the app to draw its first screen (a loaded 2-core machine)
TOP_BAR = (224, 219, 207)  # the professional's screens' top bar (Kopregel), not on the lock screen


class XServer:
    def __init__(self, width: int, height: int) -> None:
        if shutil.which("Xvfb") is None:
            pytest.skip("Xvfb is not installed (Debian: apt-get install xvfb)")
        self.size = (width, height)
        for _attempt in range(20):
            # A random high number: not the :0, :1 or :99 that people and other tools pick.
            number = random.randrange(300, 900)
            if Path(f"/tmp/.X{number}-lock").exists():
                continue
            read, write = os.pipe()
            # -noreset: by default an X server resets when its last client leaves, and for that
            # moment refuses connections; the screenshot that checks it is up, or the app's own
            # display probe, is such a last client (about one start in five then failed here).
            screen = ["-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp", "-noreset"]
            self.process = subprocess.Popen(
                ["Xvfb", f":{number}", "-displayfd", str(write), *screen],
                pass_fds=(write,),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            os.close(write)
            with os.fdopen(read) as ready:  # the number comes back once the server takes connections
                if ready.readline().strip() == str(number):
                    break
            self.process.wait(timeout=10)  # taken after all: try another
        else:
            pytest.fail("Xvfb did not start")
        self.display = f":{number}"
        self.grab()  # it answers: the display is there before anything starts on it

    def grab(self) -> object:
        from PIL import ImageGrab

        return ImageGrab.grab(xdisplay=self.display)

    def window_box(self) -> tuple[int, int, int, int] | None:
        """(left, top, width, height) of what is not black: the app's window."""
        box = self.grab().convert("RGB").getbbox()
        return None if box is None else (box[0], box[1], box[2] - box[0], box[3] - box[1])

    def windows(self) -> str:
        """The X server's windows, for a failure message (xwininfo, when installed)."""
        if shutil.which("xwininfo") is None:
            return "xwininfo not installed"
        found = subprocess.run(
            ["xwininfo", "-root", "-tree", "-display", self.display], capture_output=True, text=True, timeout=20
        )
        return found.stdout + found.stderr

    def close(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(name="xserver")
def xserver_fixture() -> Iterator[object]:
    """``xserver(width, height)`` starts an Xvfb screen of that size, without a window manager."""
    servers: list[XServer] = []

    def _start(width: int = 1920, height: int = 1080) -> XServer:
        servers.append(XServer(width, height))
        return servers[-1]

    yield _start
    for server in servers:
        server.close()


def app_env(tmp_path: Path, display: str | None, **extra: str) -> dict[str, str]:
    """The environment of a person's start: no test settings, a fresh home and data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SDL_", "KIVY_", "MAGNEETBORD_"))}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    if display:
        env["DISPLAY"] = display
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env.update(PYTHONFAULTHANDLER="1", HOME=str(home), XDG_DATA_HOME=str(home / "data"), MAGNEETBORD_DB=f"sqlite:///{tmp_path}/mb.sqlite3")
    env.update(extra)
    return env


def start_app(env: dict[str, str], *args: str, interruptible: bool = False, root: Path = ROOT) -> subprocess.Popen[str]:
    """``interruptible``: Ctrl+C (SIGINT) reaches the app as in a person's terminal, even where
    the test runner's own shell ignores it (a background job does). ``root``: the app's folder
    (a copy of it, for a test that damages one of its files)."""

    def default_sigint() -> None:
        signal.signal(signal.SIGINT, signal.SIG_DFL)

    return subprocess.Popen(
        [sys.executable, "main.py", *args],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_sigint if interruptible else None,
    )


def wait_for_window(server: XServer, app: subprocess.Popen[str], settled: float = 1.5) -> tuple[int, int, int, int]:
    """The window's box once it has been drawn and stayed the same for ``settled`` seconds."""
    deadline = time.monotonic() + START_TIMEOUT
    box, since = None, time.monotonic()
    while time.monotonic() < deadline:
        if app.poll() is not None:
            server_state = "running" if server.process.poll() is None else f"gone (exit {server.process.returncode})"
            pytest.fail(
                f"the app stopped (exit {app.returncode}; Xvfb {server.display} {server_state}): "
                f"{app.stderr.read() if app.stderr else ''}"
            )
        now = server.window_box()
        if now != box:
            box, since = now, time.monotonic()
        elif box is not None and time.monotonic() - since >= settled:
            return box
        time.sleep(0.25)
    windows = server.windows()
    app.send_signal(signal.SIGABRT)  # PYTHONFAULTHANDLER: where it was, on stderr
    try:
        _out, err = app.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        err = "(no traceback)"
    pytest.fail(f"no window drawn within {START_TIMEOUT} s (last seen: {box}); {windows}\n{err}")


def wait_for_screen(server: XServer, seen: Callable[[object], bool], what: str, timeout: float = 60) -> object:
    """The first screenshot (RGB) for which ``seen`` holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        shot = server.grab().convert("RGB")
        if seen(shot):
            return shot
        time.sleep(0.5)
    pytest.fail(f"not on the screen within {timeout} s: {what}")


def stop(app: subprocess.Popen[str]) -> None:
    if app.poll() is None:
        app.terminate()
        try:
            app.wait(timeout=20)
        except subprocess.TimeoutExpired:
            app.kill()
            app.wait()


def needs_xdotool() -> None:
    if shutil.which("xdotool") is None:
        pytest.skip("xdotool is not installed (Debian: apt-get install xdotool)")


def xdotool(env: dict[str, str], *args: str) -> None:
    """Keys and the mouse on ``env``'s display, as a person's (skips where xdotool is not installed)."""
    needs_xdotool()
    subprocess.run(["xdotool", *args], env=env, check=True, timeout=30)


def type_pin(env: dict[str, str], pin: str) -> None:
    """The PIN typed on the keyboard, then Enter."""
    xdotool(env, "type", "--delay", "80", pin)
    xdotool(env, "key", "Return")


def shows_list(server: XServer) -> Callable[[object], bool]:
    """Whether a screenshot shows a professional's screen (the top bar at its right end)."""
    return lambda shot: shot.getpixel((server.size[0] - 10, 38)) == TOP_BAR


@dataclass
class Unlocked:
    app: subprocess.Popen[str]
    env: dict[str, str]
    listed: object  # the screenshot of the list of inwoners just after unlocking

    def xdotool(self, *args: str) -> None:
        xdotool(self.env, *args)


@contextmanager
def unlocked_app(server: XServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pin: str,
                 **extra_env: str) -> Iterator[Unlocked]:
    """The app as a person starts it on ``server``'s display, its window the whole screen, on a
    tablet with one professional, unlocked with ``pin`` typed on the keyboard: the list of
    inwoners shows. Stopped at the end of the ``with`` block."""
    from tests.keys import FAST_KDF, tablet_with_professional

    needs_xdotool()
    env = app_env(tmp_path, server.display, **extra_env)
    # The account is made on the same tablet: its back-off seal under the app's own data
    # folder's key (a keyring sealed elsewhere counts as the longest wait, storage.backoff_seal).
    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(Path(env["XDG_DATA_HOME"]) / "magneetbord"))
    tablet_with_professional(env["MAGNEETBORD_DB"], "Sanne de Vries", pin, kdf=FAST_KDF)
    app = start_app(env)
    try:
        assert wait_for_window(server, app) == (0, 0, *server.size)
        type_pin(env, pin)
        listed = wait_for_screen(server, shows_list(server), "the PIN typed did not unlock")
        yield Unlocked(app, env, listed)
    finally:
        stop(app)
