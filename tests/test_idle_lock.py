"""The idle lock with Kivy's clock really running: time passes, frames run, and the app locks
by itself on every screen that shows more than the current board (the account screen for a
colleague included), again and again; a pause locks too. Locks and unlocks are audit events."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from board import Inwoner
from storage import Repository, audit
from storage.keyring import KdfParams, Keyring
from tests.keys import tablet_with_professional
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    button,
    frames,
    make_app_fixture,
    run_clock,
    tap,
    time_ahead,
    to_background,
    to_foreground,
    type_pin,
    wall_clock,
    window_fixture,
)
from tests.xvfb import shows_list, unlocked_app, wait_for_screen, xserver_fixture  # noqa: F401

IDLE = 30.0  # seconds; the app looks every second


@pytest.fixture
def keyring(tmp_path: object) -> Keyring:
    url = f"sqlite:///{tmp_path}/magneetbord.sqlite3"
    tablet_with_professional(url, "Sanne de Vries", PIN, kdf=KdfParams(64, 1))
    return Keyring.for_database(url, kdf=KdfParams(64, 1))


def _unlocked(make_app: object) -> object:
    time_ahead()
    app = make_app(idle_seconds=IDLE, clock=wall_clock)
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoners"
    return app


def _go(app: object, name: str, inwoner: Inwoner) -> None:
    """To ``name`` the way a professional gets there: by tapping."""
    if app.current != "inwoners":
        app.show_list()
    if name == "inwoners":
        tap(app.screen("inwoners").ids.search)
    elif name == "account":
        tap(app.screen("inwoners").ids.colleague)
        type_pin(app.screen("lock"), PIN)  # a colleague gets a key: the PIN first
    elif name == "monitor":
        tap(app.screen("inwoners").ids.monitor)
    else:
        app.show_inwoner(inwoner)
        tap(app.screen("inwoner").ids.status)
        if name == "geschiedenis":
            app.show_history()  # its button is off while there is no afgeronde meting
            tap(app.screen("geschiedenis").ids.tab_verloop)
    assert app.current == name


@pytest.mark.parametrize("order", [("inwoners", "inwoner", "geschiedenis", "monitor", "account")])
def test_every_professional_screen_locks_by_itself_again_and_again(
    make_app: object, keyring: Keyring, order: tuple[str, ...]
) -> None:
    app = _unlocked(make_app)
    inwoner = Inwoner.create("D-31", "Strijp", "J.K.")
    app.repository.add_inwoner(inwoner)
    for name in order:
        _go(app, name, inwoner)
        run_clock(IDLE / 3)
        assert app.current == name, "locked too early"
        run_clock(IDLE * 1.2)
        assert app.current == "lock", f"{name} did not lock after the idle time"
        assert not app.screen("lock").can_return
        run_clock(IDLE * 1.2)  # the lock screen waits; the timer keeps running under it
        type_pin(app.screen("lock"), PIN)
        # Back where it was; a colleague's account being made is not: the list.
        assert app.current == ("inwoners" if name == "account" else name)
    account = app.screen("account")
    assert not account.colleague and account.ids.naam.text == ""
    assert [p.naam for p in keyring.professionals()] == ["Sanne de Vries"]


def test_the_account_screen_for_a_colleague_locks_on_pause_and_cancel_never_passes_the_pin(
    make_app: object, keyring: Keyring
) -> None:
    app = _unlocked(make_app)
    tap(app.screen("inwoners").ids.colleague)
    type_pin(app.screen("lock"), PIN)
    app.screen("account").ids.naam.text = "Vreemde"
    to_background()
    assert app.current == "lock"
    to_foreground()
    assert app.current == "lock" and app.screen("account").ids.naam.text == ""
    # Whatever still calls the account screen's "Annuleren" now, it leads to the PIN.
    app.cancel_colleague()
    assert app.current == "lock"
    type_pin(app.screen("lock"), "730152")
    assert app.current == "lock"
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoners"


def test_the_inwoners_board_is_not_taken_away_by_idle_time(make_app: object, keyring: Keyring) -> None:
    app = _unlocked(make_app)
    inwoner = Inwoner.create("D-32", "Gestel")
    app.repository.add_inwoner(inwoner)
    app.show_inwoner(inwoner)
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord"
    run_clock(IDLE * 1.5)
    assert app.current == "bord" and app.inwoner_mode


def test_locks_and_unlocks_are_audit_events_with_who_and_why(make_app: object, keyring: Keyring) -> None:
    sanne = keyring.professionals()[0].id
    app = _unlocked(make_app)
    tap(app.screen("inwoners").ids.lock)  # by hand
    type_pin(app.screen("lock"), "730152")  # wrong: logged as a failed unlock
    type_pin(app.screen("lock"), PIN)
    run_clock(IDLE * 1.5)  # idle
    type_pin(app.screen("lock"), PIN)
    to_background()  # pause
    to_foreground()
    type_pin(app.screen("lock"), PIN)
    log = app.repository.audit_log()
    access = [(e.actie, e.resultaat, e.professional_id) for e in log if e.inwoner_id is None]
    assert access == [
        (audit.ONTGRENDELD, audit.GELUKT, sanne),
        (audit.VERGRENDELD_HAND, audit.GELUKT, sanne),
        (audit.ONTGRENDELD, audit.MISLUKT, sanne),
        (audit.ONTGRENDELD, audit.GELUKT, sanne),
        (audit.VERGRENDELD_INACTIEF, audit.GELUKT, sanne),
        (audit.ONTGRENDELD, audit.GELUKT, sanne),
        (audit.VERGRENDELD_PAUZE, audit.GELUKT, sanne),
        (audit.ONTGRENDELD, audit.GELUKT, sanne),
    ]
    assert audit.verify(log) == []


def test_adding_a_colleague_is_an_audit_event(make_app: object, keyring: Keyring) -> None:
    sanne = keyring.professionals()[0].id
    app = _unlocked(make_app)
    tap(app.screen("inwoners").ids.colleague)
    type_pin(app.screen("lock"), PIN)
    account = app.screen("account")
    account.ids.naam.text = "Ahmed Bakker"
    type_pin(account, "730152")
    type_pin(account, "730152")
    assert app.current == "inwoners"
    assert [p.naam for p in keyring.professionals()] == ["Sanne de Vries", "Ahmed Bakker"]
    added = [(e.actie, e.professional_id) for e in app.repository.audit_log() if e.actie == audit.COLLEGA_TOEGEVOEGD]
    assert added == [(audit.COLLEGA_TOEGEVOEGD, sanne)]


def test_adding_a_colleague_asks_the_pin_again_and_that_screen_locks_too(make_app: object, keyring: Keyring) -> None:
    app = _unlocked(make_app)
    tap(app.screen("inwoners").ids.colleague)
    lock = app.screen("lock")
    assert app.current == "lock" and lock.message == ""  # a question, not an error
    assert lock.reason == "Een collega toevoegen kan alleen met de pincode van een professional."
    type_pin(lock, "730152")  # a passer-by's guess: nothing
    assert app.current == "lock" and lock.can_return
    assert lock.ids.back.text == "Annuleren"
    tap(lock.ids.back)  # back to the list the professional had open
    assert app.current == "inwoners"
    tap(app.screen("inwoners").ids.colleague)
    run_clock(IDLE * 1.5)  # left on the PIN question: it becomes a real lock, no way back
    assert app.current == "lock" and not lock.can_return and lock.message == "" and lock.reason == ""
    type_pin(lock, PIN)
    assert app.current == "inwoners"  # after a lock: the list, not the account screen
    reasons = [e.actie for e in app.repository.audit_log() if e.actie.startswith("vergrendeld")]
    assert reasons == [audit.VERGRENDELD_INACTIEF]


def _dialogs(window: object) -> list:
    from kivy.uix.modalview import ModalView

    return [child for child in window.children if isinstance(child, ModalView)]


def _tap_at(x: float, y: float) -> None:
    from tests.kivy_helpers import drag

    drag([(x, y)])
    frames(1)


@pytest.mark.parametrize("knop", ["new", "afsluiten"])
def test_a_dialog_open_when_the_tablet_locks_is_not_above_the_lock_screen(
    make_app: object, keyring: Keyring, window: object, knop: str
) -> None:
    """The attack: a professional leaves 'Nieuwe inwoner' (or 'Afsluiten?') open; the tablet
    locks under it, and a stranger taps the dialog's button: 'Opslaan' showed the new inwoner's
    page, past the PIN, and from there the list; 'Afsluiten' closed the kiosk."""
    app = _unlocked(make_app)
    stopped: list[bool] = []
    app.stop = lambda *_a: stopped.append(True)
    tap(app.screen("inwoners").ids[knop])
    [dialog] = _dialogs(window)
    if knop == "new":
        dialog.ids.dossier.text, dialog.ids.wijk.text = "X-99", "Strijp"
        target = dialog.ids.save
    else:
        target = dialog.ids.confirm
    x, y = target.to_window(*target.center)
    run_clock(IDLE * 1.2)
    assert app.current == "lock" and _dialogs(window) == []
    _tap_at(x, y)  # where the dialog's button was: the lock screen's
    assert app.current == "lock" and not stopped and app.repository.find_inwoner("X-99") is None
    lock = app.screen("lock")
    while lock.ids.pad.pin:  # the tap may have been a key of the keypad
        tap(lock.ids.pad.ids.erase)
    type_pin(lock, PIN)
    assert app.current == "inwoners"
    assert _dialogs(window) == [dialog]  # the professional's dialog is back, as it was left
    if knop == "new":
        assert dialog.ids.dossier.text == "X-99"


def test_a_dialog_on_the_inwoners_board_comes_back_after_a_pause_and_its_pin(
    make_app: object, keyring: Keyring, window: object
) -> None:
    """Paused while the inwoner writes a doel (Android's own way: SDL's 'will enter background'):
    the lock screen is on top, nothing of the dialog above it; after the PIN the doel's words
    are still there."""
    app = _unlocked(make_app)
    inwoner = Inwoner.create("D-33", "Gestel")
    app.repository.add_inwoner(inwoner)
    app.show_inwoner(inwoner)
    tap(app.screen("inwoner").ids.start)
    app.live.apply(lambda m: m.choose("geld"))
    tap(app.screen("bord").ids_nav["doelen"])
    panel = next(p for p in app.screen("doelen").ids.content.children
                 if any(getattr(w, "text", None) == "Geld" for w in p.walk(restrict=True)))  # fmt: skip
    tap(button(panel, "+ Doel"))
    [editor] = _dialogs(window)
    editor.ids.tekst.text = "Zelf de huur betalen"
    to_background()
    to_foreground()
    assert app.current == "lock" and _dialogs(window) == [] and not editor.ids.tekst.focus
    type_pin(app.screen("lock"), PIN)
    assert app.current == "doelen" and app.inwoner_mode
    assert _dialogs(window) == [editor] and editor.ids.tekst.text == "Zelf de huur betalen"


def test_a_field_with_the_focus_takes_no_keys_at_the_lock_screen(make_app: object, keyring: Keyring) -> None:
    """The search field had the focus when the tablet locked: the PIN typed on a keyboard went
    into it too, and after unlocking stood there in plain digits, the list searched by it."""
    from tests.test_pinpad_keyboard import ENTER, key, type_digits

    app = _unlocked(make_app)
    search = app.screen("inwoners").ids.search
    tap(search)
    assert search.focus
    run_clock(IDLE * 1.2)
    assert app.current == "lock" and not search.focus
    type_digits(PIN)
    key(ENTER)
    frames(2)
    assert app.current == "inwoners" and search.text == ""


def test_a_touch_or_a_key_anywhere_starts_the_idle_time_again(make_app: object, keyring: Keyring) -> None:
    """Working is not idling: a touch anywhere (here on a text, not a button) or a key keeps the
    professional's screen; only the idle time after the last one locks it."""
    from tests.test_pinpad_keyboard import key

    app = _unlocked(make_app)
    inwoner = Inwoner.create("D-34", "Strijp")
    app.repository.add_inwoner(inwoner)
    _go(app, "inwoner", inwoner)
    run_clock(IDLE * 0.8)
    tap(app.screen("inwoner").ids.status)
    run_clock(IDLE * 0.8)
    key(304)  # Shift: a key that types nothing
    run_clock(IDLE * 0.8)
    assert app.current == "inwoner", "locked while being used"
    run_clock(IDLE * 0.5)
    assert app.current == "lock"
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoner"


def test_a_colleague_who_unlocks_starts_at_the_list_not_at_what_was_left_open(
    make_app: object, keyring: Keyring
) -> None:
    """Sanne leaves an inwoner's history open and the tablet locks; Ahmed unlocks with his own
    PIN: he sees the list, not her inwoner (he would have seen it with no 'geopend' of his in
    the audit log). She, unlocking, is back where she was."""
    sanne = keyring.professionals()[0].id
    ahmed, _key = keyring.add_professional("Ahmed Bakker", "730152", keyring.unlock(sanne, PIN))
    app = _unlocked(make_app)
    inwoner = Inwoner.create("D-35", "Strijp")
    app.repository.add_inwoner(inwoner)
    _go(app, "geschiedenis", inwoner)
    run_clock(IDLE * 1.2)
    lock = app.screen("lock")
    tap(button(lock.ids.names, "Ahmed Bakker"))
    type_pin(lock, "730152")
    assert app.current == "inwoners" and app.professional_naam == "Ahmed Bakker"
    assert [e.actie for e in app.repository.audit_log(inwoner.id) if e.professional_id == ahmed] == []
    _go(app, "geschiedenis", inwoner)  # opened by him: logged as his
    assert [e.actie for e in app.repository.audit_log(inwoner.id) if e.professional_id == ahmed] == ["geopend"]
    run_clock(IDLE * 1.2)
    tap(button(lock.ids.names, "Ahmed Bakker"))
    type_pin(lock, "730152")
    assert app.current == "geschiedenis"  # the same professional: back where he was


@pytest.mark.slow
def test_for_real_on_an_x_server_the_app_locks_by_itself(
    xserver: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13's own way: the app as a person starts it, on a real X server, the PIN typed on
    a keyboard, then nobody touches it. It locks by itself (real time, real frames) and the
    audit log says so. Before, the list of inwoners stayed on the screen for minutes."""
    server = xserver(1280, 800)
    with unlocked_app(server, tmp_path, monkeypatch, PIN, MAGNEETBORD_IDLE_SECONDS="8") as unlocked:
        started = time.monotonic()
        locked = wait_for_screen(server, lambda shot: not shows_list(server)(shot), "no lock by itself")
        assert time.monotonic() - started < 8 + 10, "locked, but long after the idle time"
        assert locked.tobytes() != unlocked.listed.tobytes()
    url = unlocked.env["MAGNEETBORD_DB"]
    keyring = Keyring.for_database(url, kdf=KdfParams(64, 1))
    repository = Repository.open(url, key=keyring.unlock(keyring.professionals()[0].id, PIN))
    try:
        access = [e.actie for e in repository.audit_log() if e.inwoner_id is None]
    finally:
        repository.close()
    assert access[:2] == [audit.ONTGRENDELD, audit.VERGRENDELD_INACTIEF]
