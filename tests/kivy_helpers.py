"""A synchronous Kivy window for widget tests, and real touches on it.

Import the fixtures into a test module (``from tests.kivy_helpers import show_fixture``);
tests then ask for ``window`` or ``show``.
The offscreen GL surface keeps the size it was created with, so tests read what is drawn
from canvas instructions (or from an Fbo export), not from the window's pixels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence

import pytest

from board import BoardSession, Meting


def frames(count: int = 2) -> None:
    from kivy.base import EventLoop

    for _ in range(count):
        EventLoop.idle()


def time_ahead() -> list[float]:
    """How far the tests have moved Kivy's clock ahead of real time (installed on first use,
    never removed, only growing: time never goes back for later tests). The one list is kept on
    Kivy's Clock itself, so every test module moves the same time, however pytest imported it."""
    from kivy.clock import Clock

    ahead = getattr(Clock, "magneetbord_ahead", None)
    if ahead is None:
        real, ahead = Clock.time, [0.0]
        Clock.time = lambda: real() + ahead[0]
        Clock.magneetbord_ahead = ahead
    return ahead


def run_clock(seconds: float, step: float = 0.5) -> None:
    """Let ``seconds`` pass with the event loop running, as on the tablet: a frame every
    ``step``. Time is moved, not waited for, so a busy machine changes nothing."""
    from kivy.base import EventLoop

    ahead = time_ahead()
    for _ in range(max(1, round(seconds / step))):
        ahead[0] += step
        EventLoop.idle()


def wall_clock() -> float:
    """An app's clock that reads the time Kivy's clock reads: real time plus what was moved."""
    import time

    return time.time() + time_ahead()[0]


def moved_clock() -> Callable[[], float]:
    """An app's clock that moves only when ``run_clock`` moves time (a wait shown on screen
    is then exact, however long the frames took)."""
    import time

    ahead = time_ahead()
    start = time.time() - ahead[0]
    return lambda: start + ahead[0]


def frames_until(done: Callable[[], bool], seconds: float = 2.0) -> bool:
    """Real frames, the clock ticking, until ``done()`` or ``seconds`` have passed: an
    animation takes time, not a number of frames (a quiet machine draws 10 frames in 70 ms)."""
    import time

    deadline = time.monotonic() + seconds
    while not done():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.005)
        frames(1)
    return True


def touch_down(x: float, y: float) -> object:
    from kivy.tests.common import UnitTestTouch

    touch = UnitTestTouch(x, y)
    touch.touch_down()
    return touch


def drag(points: Sequence[tuple[float, float]]) -> None:
    """One finger: down at the first point, through the others, up at the last."""
    touch = touch_down(*points[0])
    for x, y in points[1:]:
        touch.touch_move(x, y)
    touch.touch_up()


def into_sight(widget: object) -> None:
    """A widget below (or above) the fold of its ScrollView (out of the window, or clipped by
    the ScrollView itself) is scrolled into sight first, as a finger would push the page
    (that a finger can is test_sizes' part)."""
    from kivy.core.window import Window
    from kivy.uix.scrollview import ScrollView

    frames(1)
    parent = widget.parent
    for _level in range(64):  # bounded: the window is its own parent, a loop up would never end
        if parent is None or isinstance(parent, ScrollView) or parent is parent.parent:
            break
        parent = parent.parent
    if not isinstance(parent, ScrollView):
        parent = None
    _x, y = widget.to_window(widget.x, widget.y)
    bottom, top = 0, Window.height
    if parent is not None:  # also hidden where the ScrollView clips it (under a dialog's buttons)
        _sx, sy = parent.to_window(parent.x, parent.y)
        bottom, top = max(bottom, sy), min(top, sy + parent.height)
    if y >= bottom - 1 and y + widget.height <= top + 1:
        return
    if parent is not None:
        parent.scroll_to(widget, padding=10, animate=False)
        frames(2)


def tap(widget: object) -> None:
    frames(1)  # a screen just shown is laid out in the next frame
    x, y = widget.to_window(*widget.center)
    drag([(x, y)])
    frames(1)


class Recorder:
    """An on_commit that records (before, after): what storage would save."""

    def __init__(self) -> None:
        self.commits: list[tuple[Meting, Meting]] = []

    def __call__(self, before: Meting, after: Meting) -> None:
        self.commits.append((before, after))


@pytest.fixture(name="window")
def window_fixture() -> Iterator[object]:
    from kivy.base import EventLoop

    EventLoop.ensure_window()
    from kivy.core.window import Window

    Window.size = (1280, 800)
    frames(1)
    yield Window
    for child in list(Window.children):
        Window.remove_widget(child)
    frames(1)


@pytest.fixture(name="show")
def show_fixture(window: object) -> Iterator[object]:
    """``show(meting)`` puts a board screen for that meting on the window and returns
    (screen, session, recorder)."""
    from widgets.board_screen import build_board_screen

    def _show(meting: Meting) -> tuple[object, BoardSession, Recorder]:
        recorder = Recorder()
        session = BoardSession(meting, on_commit=recorder)
        screen = build_board_screen(session)
        window.add_widget(screen)
        frames(2)
        return screen, session, recorder

    yield _show


# ----- the whole app ---------------------------------------------------------------------------

# Only for speed: the default Argon2id cost is used by one test of the app (test_toegang.py).
FAST_KDF_MEMORY_KIB, FAST_KDF_TIME = 64, 1
PIN = "482913"


class FakeClock:
    """An injectable clock for the lock: time moves only when the test says so."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture(name="make_app")
def make_app_fixture(window: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch) -> Iterator[object]:
    """``make_app(**kwargs)`` builds a MagneetbordApp on a temporary database and data folder
    and shows it on the window (several may be built in one test: a restart)."""
    from storage.keyring import KdfParams
    from widgets.app import MagneetbordApp

    monkeypatch.setenv("MAGNEETBORD_DATA_DIR", str(tmp_path))
    apps: list[MagneetbordApp] = []

    def _make(**kwargs: object) -> MagneetbordApp:
        kwargs.setdefault("kdf", KdfParams(memory_kib=FAST_KDF_MEMORY_KIB, time_cost=FAST_KDF_TIME))
        url = kwargs.pop("url", f"sqlite:///{tmp_path}/magneetbord.sqlite3")  # another disk (tests/test_full_disk.py)
        app = MagneetbordApp(url, **kwargs)
        for previous in apps:  # one app on the window at a time
            if previous.manager.parent is not None:
                window.remove_widget(previous.manager)
        window.add_widget(app.build())
        frames(2)
        apps.append(app)
        return app

    yield _make
    for app in apps:
        if app.export_thread is not None:
            app.export_thread.join()
        app.release()
        if app.repository is not None:
            app.repository.close()
    close_modals(window)


def close_modals(window: object) -> None:
    from kivy.uix.modalview import ModalView

    for child in list(window.children):
        if isinstance(child, ModalView):
            child.dismiss(animation=False)
    frames(1)


def button(root: object, text: str) -> object:
    """The one button under ``root`` that shows ``text`` (as the user reads it)."""
    from widgets.common import buttons_in

    found = [b for b in buttons_in(root) if getattr(b, "text", None) == text]
    assert len(found) == 1, f"{len(found)} buttons {text!r}"
    return found[0]


def type_pin(screen: object, pin: str) -> None:
    """Tap the PIN on the screen's keypad, then OK."""
    frames(2)  # a screen just shown is laid out in the next frame
    pad = screen.ids.pad
    for digit in pin:
        tap(button(pad, digit))
    tap(pad.ids.ok)
    frames(2)


def to_background() -> None:
    """The system sends the app to the background (another app, the screen off), the way SDL2
    tells Kivy on Android: Kivy then asks the running app's ``on_pause``, and stops the app
    when it answers False (recorded here instead)."""
    import kivy.base
    from kivy.core.window import Window

    stopped: list[bool] = []
    real, kivy.base.stopTouchApp = kivy.base.stopTouchApp, lambda: stopped.append(True)
    try:
        Window._event_filter("app_willenterbackground")
    finally:
        kivy.base.stopTouchApp = real
    assert not stopped, "on_pause answered False: the system stops the app instead of pausing it"
    frames(1)


def to_foreground() -> None:
    """Back from the background: SDL2's event, Kivy's ``on_resume``."""
    from kivy.core.window import Window

    Window._event_filter("app_didenterforeground")
    frames(2)


def window_pixels() -> object:
    """What the window shows now, as a PIL RGB image at ``Window.size`` (widgets/headless.py)."""
    from widgets.headless import window_image

    return window_image()


def app_with_inwoner(make_app: object, dossier: str, naam: str = "Sanne de Vries", **kwargs: object) -> tuple:
    """A new app with one professional (``naam``) and one new inwoner (``dossier``), whose page
    is shown: (app, inwoner). ``kwargs`` go to ``make_app``."""
    from board import Inwoner

    app = make_app(**kwargs)
    account = app.screen("account")
    account.ids.naam.text = naam
    type_pin(account, PIN)
    type_pin(account, PIN)
    app.repository.add_inwoner(Inwoner.create(dossier, "Gestel"))
    inwoner = app.repository.find_inwoner(dossier)
    app.show_inwoner(inwoner)
    frames(2)
    return app, inwoner


def choose_taal(app: object, code: str) -> None:
    """Choose the inwoner's language as they do: the language button on the board, then the
    language's own name in the list."""
    bord = app.screen("bord")
    tap(bord.ids_nav["taal"])
    frames(2)
    kiezer = next(w for w in bord.get_root_window().children if w.__class__.__name__ == "TaalKiezer")
    tap(kiezer.knoppen[code])
    frames(3)


def page_to(tray: object, key: str) -> object:
    """Turn the tray's pages with "Meer kaartjes" (a tap on it) until ``key``'s kaartje shows:
    its card."""
    from widgets.tray import MORE

    for _page in range(8):
        card = next((c for c in tray.cards if c.key == key), None)
        if card is not None:
            return card
        more = next(c for c in tray.cards if c.key == MORE)
        touch_down(*tray.to_window(more.rect[0] + more.rect[2] / 2, more.rect[1] + more.rect[3] / 2)).touch_up()
        frames(2)
    raise AssertionError(f"{key} on no page of the tray")


def board_in_taal(app: object, inwoner: object, code: str, key: str) -> object:
    """The inwoner reads ``code``: their visit's board, with leefgebied ``key`` chosen; its
    BoardScreen."""
    app.repository.set_taal(inwoner.id, code)
    app.show_inwoner(app.repository.get_inwoner(inwoner.id))
    tap(app.screen("inwoner").ids.start)
    app.live.apply(lambda m: m.choose(key))
    frames(3)
    return app.screen("bord").board_screen
