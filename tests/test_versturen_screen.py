"""Versturen on the professional's list of inwoners, driven by touch on the running app with
Kivy's clock ticking: the bar shows what waits, a tap sends it (in a thread) while the bar
follows the progress, and the outcome shows; at the tablet's two window sizes."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import numpy as np
import pytest

from services.export import export_to, with_context
from services.zgw_send import ENV
from storage.keyring import KdfParams, Keyring
from storage.repository import Repository
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    frames,
    make_app_fixture,
    tap,
    type_pin,
    window_fixture,
    window_pixels,
)
from tests.traces import DOSSIER, fill_known_inwoner
from tests.zgw_fake import FakeDocumenten, FaultProxy

CLIENT_ID, SECRET = "magneetbord-test", "een-geheim-van-de-gemeente-voor-de-test"
GROEN = (51, 140, 89)  # the progress bar, (0.20, 0.55, 0.35) in versturen.kv


@pytest.fixture
def server(monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[FakeDocumenten, FaultProxy]]:
    fake = FakeDocumenten(CLIENT_ID, SECRET)
    proxy = FaultProxy(fake.url)
    iot = "https://catalogi.example.nl/catalogi/api/v1/informatieobjecttypen/1"
    settings = {"url": proxy.url, "client_id": CLIENT_ID, "secret": SECRET, "rsin": "002220647"}
    settings["informatieobjecttype"] = iot
    for name, value in settings.items():
        monkeypatch.setenv(ENV[name], value)
    yield fake, proxy
    proxy.close()
    fake.close()


def exported_tablet(tmp_path: object) -> None:
    """A tablet with the known inwoner's afgeronde meting in its (sealed) outbox."""
    url = f"sqlite:///{tmp_path}/magneetbord.sqlite3"
    _, key = Keyring.for_database(url, kdf=KdfParams(memory_kib=64, time_cost=1)).add_professional("Sanne", PIN)
    repository = Repository.open(url, key, actor="sanne", create=True)
    inwoner = fill_known_inwoner(repository)
    meting = repository.current_concept(inwoner.id)
    repository.save_change(meting, meting.set_rapportcijfer(7).afronden(datetime(2026, 2, 3, 11, tzinfo=UTC)))
    meting = repository.history(inwoner.id)[-1]
    from storage.outbox import outbox_folder

    export_to(repository, [with_context(repository, meting)], outbox_folder(url))
    repository.close()


def tick_until(condition: object, seconds: float = 60) -> None:
    """Frames with the clock running until ``condition()`` holds."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        frames(1)
        time.sleep(0.02)


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
def test_versturen_sends_the_outbox_with_progress(
    make_app: object, window: object, tmp_path: object, server: tuple, size: tuple[int, int]
) -> None:
    fake, proxy = server
    exported_tablet(tmp_path)
    window.size = size
    app = make_app()
    type_pin(app.screen("lock"), PIN)
    frames(2)
    assert app.current == "inwoners"
    bar = app.screen("inwoners").ids.versturen
    knop = bar.ids.versturen
    assert bar.wachtend == 1 and bar.tekst == "1 export wacht op het dossier." and bar.height > 0
    assert not knop.disabled and knop.right <= window.width and DOSSIER not in bar.tekst

    proxy.plan = {proxy.count + 3: "hang"}  # the second document's lookup is held
    tap(knop)
    assert proxy.hung.wait(60)
    tick_until(lambda: bar.tekst == "Versturen: 1 van 4 documenten")
    assert bar.bezig and knop.disabled and bar.voortgang == pytest.approx(0.25)
    frames(2)
    balk = bar.ids.balk
    x, y = balk.to_window(balk.x + balk.width * 0.1, balk.center_y)
    pixels = window_pixels()
    assert pixels.getpixel((int(x), int(window.height - y))) == GROEN  # the bar is drawn, a quarter long
    x_empty, _ = balk.to_window(balk.x + balk.width * 0.6, balk.center_y)
    assert pixels.getpixel((int(x_empty), int(window.height - y))) != GROEN

    proxy.release.set()  # the held request ends without an answer: retried after a back-off
    tick_until(lambda: not bar.bezig)
    bar.thread.join()
    assert bar.tekst == "1 export afgeleverd." and bar.wachtend == 0 and knop.disabled
    assert len(fake.documents) == 4
    assert app.repository.uitgaand()[0].delivered_at is not None


TECHNISCH = ("url", "client", "secret", "rsin", "informatieobjecttype", "MAGNEETBORD_", "python3", "outbox", "Errno")


def message_fits(bar: object, window: object) -> None:
    """The bar's text whole in its box (not cut with an ellipsis, no line below the bar), the
    box inside the window, and in plain words: no setting, variable or command."""
    from tests.screen_checks import overflowing, window_rect

    label = bar.ids.tekst
    assert overflowing(bar) == [], bar.tekst
    assert label.texture_size[1] <= label.height + 1, (label.texture_size, label.size)
    x, y, width, height = window_rect(label)
    assert x >= 0 and y >= 0 and x + width <= window.width and y + height <= window.height
    assert not [word for word in TECHNISCH if word.lower() in bar.tekst.lower()], bar.tekst


def open_list(make_app: object, window: object, tmp_path: object, size: tuple[int, int]) -> object:
    """The professional's list of inwoners at ``size``, one export waiting: its Versturen bar."""
    exported_tablet(tmp_path)
    window.size = size
    app = make_app()
    type_pin(app.screen("lock"), PIN)
    frames(2)
    return app.screen("inwoners").ids.versturen


def send_and_wait(bar: object) -> None:
    tap(bar.ids.versturen)
    tick_until(lambda: not bar.bezig)
    bar.thread.join()
    frames(3)


def screenshot(tmp_path: object, name: str) -> None:
    window_pixels().save(f"{tmp_path}/{name}.png")  # to look at: pytest --basetemp=DIR


BLAUW = (0, 114, 178)  # Hoofdknop that can be tapped, (0, 0.447, 0.698) in common.kv


def button_colour(knop: object) -> tuple[int, int, int]:
    """The button's own colour as drawn, beside its text (a few dp in from its left edge)."""
    frames(2)
    x, y = knop.to_window(knop.x + 6, knop.center_y)
    return window_pixels().getpixel((int(x), int(knop.get_root_window().height - y)))[:3]


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
@pytest.mark.parametrize("instellingen", ["geen", "fout"])
def test_without_settings_the_button_is_off_and_the_bar_says_in_plain_dutch_who_sets_them(
    make_app: object, window: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int],
    instellingen: str,
) -> None:
    """An outside walk found Versturen tappable with nothing set up (a tap then said so): the
    professional sees at once that it cannot be used, and why, beside the button."""
    for env in ENV.values():
        monkeypatch.delenv(env, raising=False)
    if instellingen == "fout":  # every setting there, one wrong: "niet goed ingesteld"
        for name, value in {"url": "ftp://dossier.example.nl", "client_id": CLIENT_ID, "secret": SECRET,
                            "rsin": "002220647", "informatieobjecttype": "https://catalogi.example.nl/t/1"}.items():
            monkeypatch.setenv(ENV[name], value)
    bar = open_list(make_app, window, tmp_path, size)
    knop = bar.ids.versturen
    zin = ("Versturen naar het dossier is nog niet ingesteld. Vraag de ICT van de gemeente om dat te doen."
           if instellingen == "geen" else
           "Versturen naar het dossier is niet goed ingesteld. Vraag de ICT van de gemeente om te kijken.")
    assert bar.tekst == f"1 export wacht op het dossier.\n{zin}", bar.tekst
    assert knop.disabled and knop.opacity == 1 and knop.width > 0  # there, and plainly off
    assert button_colour(knop) != BLAUW
    label = bar.ids.tekst
    assert label.right <= knop.x and label.y < knop.center_y < label.top  # the reason beside it
    screenshot(tmp_path, f"zonder-instellingen-{size[0]}x{size[1]}")
    message_fits(bar, window)
    tap(knop)
    frames(3)
    assert bar.thread is None and not bar.bezig and bar.tekst.count("ingesteld") == 1  # nothing happened


def test_settings_taken_away_after_the_list_showed_a_tap_says_nothing_went(
    make_app: object, window: object, tmp_path: object, server: tuple, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Set up when the list was shown, so the button is on; the settings go before the tap: the
    tap sends nothing and says so (nothing is lost, who can help), the button goes off."""
    bar = open_list(make_app, window, tmp_path, (800, 600))
    knop = bar.ids.versturen
    assert not knop.disabled and button_colour(knop) == BLAUW
    monkeypatch.delenv(ENV["url"])
    tap(knop)
    frames(3)
    assert bar.tekst.startswith("Er is niets verstuurd: versturen naar het dossier is nog niet ingesteld."), bar.tekst
    assert "bewaard op deze tablet" in bar.tekst and "1 export wacht op het dossier." in bar.tekst
    assert bar.tekst.count("ingesteld") == 1 and bar.thread is None and knop.disabled
    message_fits(bar, window)


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
def test_a_server_that_is_down_is_said_in_plain_dutch(
    make_app: object, window: object, tmp_path: object, server: tuple, size: tuple[int, int]
) -> None:
    fake, proxy = server
    bar = open_list(make_app, window, tmp_path, size)
    proxy.close()  # the gemeente's server is gone: the connection is refused (real back-off: 7.5 s)
    send_and_wait(bar)
    screenshot(tmp_path, f"server-weg-{size[0]}x{size[1]}")
    assert "niet bereikbaar" in bar.tekst and "later opnieuw" in bar.tekst, bar.tekst
    assert "afgeleverd" not in bar.tekst and "1 export wacht op het dossier." in bar.tekst
    message_fits(bar, window)
    assert fake.documents == {}


@pytest.mark.parametrize("size", [(800, 600)])
def test_a_refused_export_is_said_in_plain_dutch(
    make_app: object, window: object, tmp_path: object, server: tuple, size: tuple[int, int]
) -> None:
    fake, _proxy = server
    fake.refuse_dossier = DOSSIER  # a 400 with invalidParams for this inwoner's documents
    bar = open_list(make_app, window, tmp_path, size)
    send_and_wait(bar)
    screenshot(tmp_path, f"geweigerd-{size[0]}x{size[1]}")
    assert "1 export kon niet worden afgeleverd" in bar.tekst and "ICT" in bar.tekst, bar.tekst
    assert DOSSIER not in bar.tekst and "1 export wacht op het dossier." in bar.tekst
    message_fits(bar, window)


def test_the_screen_resumes_an_upload_that_was_killed_midway(
    make_app: object, window: object, tmp_path: object, server: tuple
) -> None:
    """'outbox send' SIGKILLed after the server made the third document and before its answer
    came: the professional's Versturen then delivers the rest, and no document twice."""
    import os
    import signal
    import subprocess
    import sys
    from pathlib import Path

    from board.zgw import DOCUMENTEN
    from services.unlock import PIN_ENV
    from services.zgw_send import TIMEOUT_ENV
    from storage.paths import DATA_DIR_ENV

    fake, proxy = server
    exported_tablet(tmp_path)
    proxy.plan = {proxy.count + 6: "hang-after"}  # find and create per document: the third create
    env = {**os.environ, DATA_DIR_ENV: str(tmp_path), PIN_ENV: PIN, TIMEOUT_ENV: "120"}
    url = f"sqlite:///{tmp_path}/magneetbord.sqlite3"
    process = subprocess.Popen(
        [sys.executable, "main.py", "--db", url, "outbox", "send"], cwd=Path(__file__).resolve().parent.parent,
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        assert proxy.hung.wait(120)
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(30)
    proxy.release.set()
    assert len(fake.documents) == 3

    app = make_app()
    type_pin(app.screen("lock"), PIN)
    frames(2)
    bar = app.screen("inwoners").ids.versturen
    assert bar.tekst == "1 export wacht op het dossier."
    send_and_wait(bar)
    assert bar.tekst == "1 export afgeleverd.", bar.tekst
    assert sorted(len(docs) for docs in fake.by_identificatie().values()) == [1] * len(DOCUMENTEN)
    assert not any((tmp_path / "outbox").iterdir())


class _Failing:
    """A real local HTTP server that answers every request with 500 (the dossier system reached,
    and failing), in a thread; ``requests`` counts what it answered."""

    def __init__(self) -> None:
        import http.server
        import threading

        outer = self
        self.requests = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def _fail(self) -> None:
                outer.requests += 1
                length = int(self.headers.get("Content-Length") or 0)
                self.rfile.read(length)
                body = b'{"title": "Internal Server Error"}'
                self.send_response(500)
                self.send_header("Content-Type", "application/problem+json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _fail

            def log_message(self, *_args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/documenten/api/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(10)


class _Silent:
    """A real local server that takes the connection and never answers (a dossier system that
    hangs): the kernel accepts into the backlog, nobody ever reads or writes."""

    def __init__(self) -> None:
        import socket

        self.socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.socket.bind(("127.0.0.1", 0))
        self.socket.listen(64)
        self.url = f"http://127.0.0.1:{self.socket.getsockname()[1]}/documenten/api/v1"

    def close(self) -> None:
        self.socket.close()


def sending_to(server: object, monkeypatch: pytest.MonkeyPatch) -> None:
    """The settings pointed at ``server``, one second per request (the existing time-out setting)."""
    from services.zgw_send import TIMEOUT_ENV

    settings = {"url": server.url, "client_id": CLIENT_ID, "secret": SECRET, "rsin": "002220647",
                "informatieobjecttype": "https://catalogi.example.nl/catalogi/api/v1/informatieobjecttypen/1"}
    for name, value in settings.items():
        monkeypatch.setenv(ENV[name], value)
    monkeypatch.setenv(TIMEOUT_ENV, "1")


def send_watching(server: object, make_app: object, window: object, tmp_path: object,
                  monkeypatch: pytest.MonkeyPatch, size: tuple[int, int], name: str) -> tuple[object, list[str]]:
    """The list at ``size`` sending to ``server``: tap Versturen and let the clock tick until the
    run ends; (the bar, the tries again it said, in order). On the third try the bar is looked
    at (whole, in plain words) and kept as a picture; at the end again."""
    try:
        sending_to(server, monkeypatch)
        bar = open_list(make_app, window, tmp_path, size)
        seen: list[str] = []
        bar.bind(tekst=lambda _bar, tekst: seen.append(tekst))
        tap(bar.ids.versturen)
        tick_until(lambda: "(3 van 5)" in bar.tekst or not bar.bezig)
        assert bar.bezig, seen
        frames(3)
        screenshot(tmp_path, f"{name}-{size[0]}x{size[1]}-opnieuw")
        message_fits(bar, window)
        tick_until(lambda: not bar.bezig)
        bar.thread.join(30)
        frames(3)
        screenshot(tmp_path, f"{name}-{size[0]}x{size[1]}")
        message_fits(bar, window)
    finally:
        server.close()
    tries = [t for t in seen if "opnieuw proberen" in t]
    assert all(t.startswith("Versturen: 0 van 4 documenten\n") for t in tries), tries
    return bar, [t.split("\n")[1] for t in tries]


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_dossier_system_answering_500_is_said_as_an_error_not_unreachable(
    make_app: object, window: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """A new user's server answered 500: the bar said "niet bereikbaar", yet it was reached. Now
    it says the dossier system gave an error, the tries again while they happen, and "later"."""
    failing = _Failing()
    bar, retries = send_watching(failing, make_app, window, tmp_path, monkeypatch, size, "fout-500")
    assert retries == [f"Het dossiersysteem gaf een fout, opnieuw proberen ({n} van 5)…" for n in range(2, 6)]
    assert failing.requests == 5  # one try and four more, each answered 500
    assert "gaf een fout" in bar.tekst and "later opnieuw" in bar.tekst, bar.tekst
    assert "niet bereikbaar" not in bar.tekst and "afgeleverd" not in bar.tekst
    assert "1 export wacht op het dossier." in bar.tekst and not bar.ids.versturen.disabled


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_dossier_system_that_never_answers_is_said_while_trying_again(
    make_app: object, window: object, tmp_path: object, monkeypatch: pytest.MonkeyPatch, size: tuple[int, int]
) -> None:
    """A new user's server never answered: the bar showed "0 van 4" for 107 s without a word.
    Now each new try is said as it starts to wait ("Nog geen antwoord, opnieuw proberen")."""
    bar, retries = send_watching(_Silent(), make_app, window, tmp_path, monkeypatch, size, "geen-antwoord")
    assert retries == [f"Nog geen antwoord, opnieuw proberen ({n} van 5)…" for n in range(2, 6)]
    assert "niet bereikbaar" in bar.tekst and "later opnieuw" in bar.tekst, bar.tekst
    assert "gaf een fout" not in bar.tekst and "1 export wacht op het dossier." in bar.tekst


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
@pytest.mark.parametrize("damage", ["file", "dangling link"])
def test_an_outbox_that_cannot_be_read_is_said_in_the_bar_and_the_list_works(
    make_app: object, window: object, tmp_path: object, damage: str, size: tuple[int, int]
) -> None:
    """The outbox folder replaced, while the professional looks at an inwoner, by a file or by a
    link to a folder that is gone (root reads a folder with mode 000 anyway, so that is no test
    here). Before 2026-12-03 the tap back to the list was an OSError, the list not shown."""
    import shutil
    from pathlib import Path

    bar = open_list(make_app, window, tmp_path, size)
    app, knop = bar.app, bar.ids.versturen
    screen = app.screen("inwoners")
    assert app.current == "inwoners" and bar.wachtend == 1
    [rij] = screen.ids.rows.children
    tap(rij)
    frames(2)
    assert app.current == "inwoner"
    outbox = Path(str(tmp_path)) / "outbox"
    shutil.rmtree(outbox)
    if damage == "file":
        outbox.write_bytes(b"geen map")
    else:
        outbox.symlink_to(Path(str(tmp_path)) / "weg")
    tap(app.screen("inwoner").ids.back)
    frames(2)
    assert app.current == "inwoners"
    assert bar.tekst.startswith("De exports die wachten op het dossier kunnen niet worden gelezen (")
    assert "Er is niets weggegooid." in bar.tekst and "wacht op het dossier." not in bar.tekst
    assert bar.height >= bar.ids.tekst.texture_size[1] > 0 and bar.opacity == 1 and knop.disabled
    assert bar.right <= window.width and bar.y >= 0
    # Nothing to send, so no (invisible) button keeps room: the line wraps at the bar's whole width
    # (it stopped 216 dp short, three lines at 800x600 with a blank beside them).
    from kivy.metrics import dp

    left, bottom = bar.to_window(bar.x, bar.y)
    image = window_pixels().convert("L")
    crop = np.asarray(image.crop((round(left), round(window.height - bottom - bar.height),
                                  round(left + bar.width), round(window.height - bottom))))
    ink = np.where((crop < 110).any(axis=0))[0]
    assert ink.size and ink.max() > bar.width - dp(200) - dp(16), (ink.max(), bar.width)
    [rij] = screen.ids.rows.children  # the rest of the list works: its inwoner opens again
    assert rij.dossier == DOSSIER
    tap(rij)
    frames(2)
    assert app.current == "inwoner" and app.inwoner.dossiernummer == DOSSIER


@pytest.mark.parametrize("size", [(1280, 800), (800, 600)])
def test_after_lock_and_pin_the_bar_counts_what_waits_now(
    make_app: object, window: object, tmp_path: object, size: tuple[int, int]
) -> None:
    """While the tablet is locked at the list, the beheerder takes the bundle out of the outbox
    by hand (a delivery by hand). After the PIN the bar counts the outbox as it is now: before
    2026-12-03 it still said that one export waited, and its button sent nothing."""
    import shutil
    from pathlib import Path

    bar = open_list(make_app, window, tmp_path, size)
    app = bar.app
    screen = app.screen("inwoners")
    assert app.current == "inwoners" and bar.wachtend == 1 and bar.height > 0
    tap(screen.ids.lock)
    frames(2)
    assert app.current == "lock"
    [bundle] = [p for p in (Path(str(tmp_path)) / "outbox").iterdir() if p.is_dir()]
    shutil.move(bundle, Path(str(tmp_path)) / "met-de-hand-bezorgd")
    type_pin(app.screen("lock"), PIN)
    frames(2)
    assert app.current == "inwoners"
    assert bar.wachtend == 0 and bar.tekst == "" and bar.height == 0 and bar.ids.versturen.disabled
