"""The Versturen bar after a visit, the way a professional meets it (a new user saw no bar with
one bundle waiting and no server set up): afronden in the running app makes the bundle in the
background, the professional leaves the board with the PIN and goes back to the list: the bar
shows the bundle waiting and, without settings, who sets sending up; also when the bundle is
only ready after the list is shown."""

from __future__ import annotations

import threading
import time

import pytest

from services.zgw_send import ENV
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    app_with_inwoner,
    frames,
    make_app_fixture,
    tap,
    type_pin,
    window_fixture,
)


def tick_until(condition: object, seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        frames(1)
        time.sleep(0.02)
    return True


def visit_to_list(make_app: object, window: object, size: tuple[int, int], wait_for_export: bool) -> object:
    """A nulmeting afgerond through the app, the board left with the PIN, back to the list."""
    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-VERSTUREN")
    tap(app.screen("inwoner").ids.start)
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.4))
    app.show_meting_step("afronden")
    frames(2)
    assert app.afronden()
    if wait_for_export:
        assert tick_until(lambda: app.screen("afronden").export_state == "done")
    # "Klaar" once the bundle is made; while it is made, the professional's button above
    tap(app.screen("afronden").ids.done if wait_for_export else app.screen("afronden").ids.professional)
    frames(2)
    type_pin(app.screen("lock"), PIN)
    frames(2)
    assert app.current == "inwoner"
    tap(app.screen("inwoner").ids.back)
    frames(3)
    assert app.current == "inwoners"
    return app


def assert_bar_says_it(app: object, window: object) -> None:
    bar = app.screen("inwoners").ids.versturen
    assert bar.wachtend == 1 and bar.height > 0 and bar.opacity == 1, (bar.wachtend, bar.height, bar.tekst)
    assert "1 export wacht op het dossier." in bar.tekst, bar.tekst
    assert "ICT" in bar.tekst and "nog niet ingesteld" in bar.tekst, bar.tekst
    assert bar.ids.versturen.disabled  # not set up: the button is off, the line beside it says why
    x, y = bar.to_window(bar.x, bar.y)
    assert x >= 0 and y >= 0 and y + bar.height <= window.height


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
def test_after_a_visit_the_list_shows_the_waiting_export(make_app: object, window: object,
                                                        monkeypatch: pytest.MonkeyPatch,
                                                        size: tuple[int, int]) -> None:
    for env in ENV.values():
        monkeypatch.delenv(env, raising=False)
    app = visit_to_list(make_app, window, size, wait_for_export=True)
    assert_bar_says_it(app, window)


def test_an_export_ready_after_the_list_shows_appears_on_it(make_app: object, window: object,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The bundle is made in the background: the professional may be at the list before it is
    in the outbox (here it is held until then); the bar shows it once it is there."""
    import services.export

    for env in ENV.values():
        monkeypatch.delenv(env, raising=False)
    release = threading.Event()
    export = services.export.export_to_outbox

    def held(*args: object, **kwargs: object) -> object:
        release.wait(60)
        return export(*args, **kwargs)

    monkeypatch.setattr(services.export, "export_to_outbox", held)
    app = visit_to_list(make_app, window, (1280, 800), wait_for_export=False)
    bar = app.screen("inwoners").ids.versturen
    assert bar.wachtend == 0 and bar.height == 0  # nothing in the outbox yet
    release.set()
    assert tick_until(lambda: bar.wachtend == 1), bar.tekst
    frames(3)
    assert_bar_says_it(app, window)
