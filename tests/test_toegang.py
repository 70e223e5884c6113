"""The lock: first account, wrong PIN, the back-off with the keypad off, idle lock, pause,
and no way from the inwoner's board to anything else without the PIN."""

from __future__ import annotations

import pytest

from storage.keyring import DEFAULT_KDF, KdfParams, Keyring
from tests.keys import tablet_with_professional
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    FakeClock,
    button,
    close_modals,
    frames,
    make_app_fixture,
    tap,
    to_background,
    to_foreground,
    type_pin,
    window_fixture,
)
from widgets.app import GATES, INWONER_SCREENS
from widgets.common import buttons_in

FAST = KdfParams(memory_kib=64, time_cost=1)


@pytest.fixture
def keyring(tmp_path: object) -> Keyring:
    """A tablet with one professional on it."""
    url = f"sqlite:///{tmp_path}/magneetbord.sqlite3"
    tablet_with_professional(url, "Sanne de Vries", PIN, kdf=FAST)
    return Keyring.for_database(url, kdf=FAST)


def test_first_start_with_the_real_argon2_cost(make_app: object) -> None:
    app = make_app(kdf=DEFAULT_KDF)
    account = app.screen("account")
    account.ids.naam.text = "Sanne"
    type_pin(account, "111111")
    assert account.message == "Deze pincode is te makkelijk te raden. Kies een andere."
    type_pin(account, PIN)
    type_pin(account, "482914")
    assert account.message == "De twee pincodes zijn niet gelijk. Probeer het opnieuw."
    assert app.keyring.is_empty() and account.stage == 1
    type_pin(account, PIN)
    type_pin(account, PIN)
    assert app.current == "inwoners"
    tap(app.screen("inwoners").ids.lock)
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoners"
    text = app.keyring.path.read_text()
    assert PIN not in text and '"memory_kib": 19456' in text


def test_a_pin_needs_six_digits_before_ok_works(make_app: object) -> None:
    app = make_app()
    pad = app.screen("account").ids.pad
    for digit in "48291":
        tap(button(pad, digit))
    assert pad.ids.ok.disabled
    tap(pad.ids.ok)
    assert app.screen("account").stage == 1 and app.keyring.is_empty()


def test_a_wrong_pin_says_so_and_opens_nothing(make_app: object, keyring: Keyring) -> None:
    app = make_app()
    lock = app.screen("lock")
    type_pin(lock, "730152")
    assert lock.message == "Deze pincode klopt niet."
    assert app.current == "lock" and app.repository is None
    type_pin(lock, PIN)
    assert app.current == "inwoners" and lock.message == ""


def _waits(lock: object, seconds: int) -> bool:
    return lock.wait_text == f"Wacht nog {seconds} seconden."


def test_from_the_fifth_wrong_pin_the_keypad_waits_and_counts_down(make_app: object, keyring: Keyring) -> None:
    """With Kivy's clock running: the wait counts down on screen and the keypad comes back
    by itself; a keyboard's digits are refused too while it waits."""
    from tests.kivy_helpers import moved_clock, run_clock
    from tests.test_pinpad_keyboard import type_digits

    clock = moved_clock()  # moved with Kivy's clock by run_clock
    app = make_app(clock=clock)
    lock = app.screen("lock")
    for _ in range(4):
        type_pin(lock, "730152")
        assert not lock.ids.pad.locked
    type_pin(lock, "730152")
    assert lock.ids.pad.locked and _waits(lock, 30)
    assert all(key.disabled for key in buttons_in(lock.ids.pad))
    tap(button(lock.ids.pad, "4"))
    type_digits("4")
    assert lock.ids.pad.pin == ""  # a disabled key, or the keyboard, types nothing
    run_clock(12)
    assert _waits(lock, 18) and lock.ids.pad.locked
    run_clock(18.5)
    assert lock.wait_text == "" and not lock.ids.pad.locked
    type_pin(lock, "730152")  # the 6th: a longer wait
    assert _waits(lock, 60)
    # Restarting the app does not reset the wait: it is kept in the keyring file.
    again = make_app(clock=clock)
    type_pin(again.screen("lock"), PIN)
    assert again.current == "lock" and _waits(again.screen("lock"), 60)
    run_clock(60.5)
    type_pin(again.screen("lock"), PIN)
    assert again.current == "inwoners"


def test_with_several_professionals_each_taps_their_name(make_app: object, keyring: Keyring) -> None:
    key = keyring.unlock(keyring.professionals()[0].id, PIN)
    keyring.add_professional("Ahmed Bakker", "730152", key)
    app = make_app()
    lock = app.screen("lock")
    tap(button(lock.ids.names, "Ahmed Bakker"))
    type_pin(lock, PIN)  # Sanne's PIN is not Ahmed's
    assert app.current == "lock"
    type_pin(lock, "730152")
    assert app.current == "inwoners" and app.professional_naam == "Ahmed Bakker"


def test_the_idle_time_comes_from_the_environment(make_app: object, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MAGNEETBORD_IDLE_SECONDS", "90")
    assert make_app().idle_seconds == 90


def test_pausing_locks_and_resuming_shows_the_lock_screen(make_app: object, keyring: Keyring) -> None:
    app = make_app()
    type_pin(app.screen("lock"), PIN)
    to_background()
    assert app.current == "lock"
    to_foreground()
    assert app.current == "lock"
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoners"


def _into_the_board(app: object) -> None:
    from board import Inwoner

    type_pin(app.screen("lock"), PIN)
    inwoner = Inwoner.create("D-2", "Gestel")
    app.repository.add_inwoner(inwoner)
    app.show_inwoner(inwoner)
    tap(app.screen("inwoner").ids.start)
    app.live.apply(lambda m: m.choose("geld"))
    frames(2)


def test_no_button_of_the_inwoners_screens_leads_anywhere_else_without_the_pin(
    make_app: object, keyring: Keyring, window: object
) -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    _into_the_board(app)
    seen = set()
    for name in ("bord", "doelen", "afronden"):
        app.show_meting_step(name)
        frames(2)
        for knop in buttons_in(app.screen(name)):
            app.show_meting_step(name)
            frames(1)
            if knop.disabled or not knop.get_root_window():
                continue
            tap(knop)
            close_modals(window)
            seen.add(app.current)
            assert app.current in INWONER_SCREENS | GATES, (name, getattr(knop, "text", knop))
            if app.current == "lock":
                lock = app.screen("lock")
                assert lock.can_return
                type_pin(lock, "730152")  # a wrong PIN leads nowhere
                assert app.current == "lock"
                tap(lock.ids.back)
                assert app.current in INWONER_SCREENS
    assert seen >= {"bord", "doelen", "afronden", "lock"}
    # Escape and the back key do nothing (idle time, with the clock running: test_idle_lock).
    assert window.dispatch("on_keyboard", 27, 0, None, []) is True
    assert app.current in INWONER_SCREENS and app.inwoner_mode
    # The app refuses a route out of inwoner mode, whatever calls it.
    with pytest.raises(RuntimeError):
        app.show_list()
    # Only the PIN leads out: to this inwoner's page, not to the list.
    app.ask_pin_to_leave()
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoner" and not app.inwoner_mode


def test_pausing_on_the_board_asks_the_pin_and_returns_to_the_board(make_app: object, keyring: Keyring) -> None:
    app = make_app()
    _into_the_board(app)
    to_background()
    to_foreground()
    lock = app.screen("lock")
    assert app.current == "lock" and not lock.can_return
    type_pin(lock, PIN)
    assert app.current == "bord" and app.inwoner_mode


def test_the_audit_log_names_whoever_unlocked_last(make_app: object, keyring: Keyring) -> None:
    from board import Inwoner

    key = keyring.unlock(keyring.professionals()[0].id, PIN)
    ahmed, _ = keyring.add_professional("Ahmed Bakker", "730152", key)
    app = make_app()
    lock = app.screen("lock")
    tap(button(lock.ids.names, "Sanne de Vries"))
    type_pin(lock, PIN)
    inwoner = Inwoner.create("D-77", "Tongelre")
    app.repository.add_inwoner(inwoner)
    app.show_inwoner(inwoner)
    app.show_history()
    app.lock()
    tap(button(app.screen("lock").ids.names, "Ahmed Bakker"))
    type_pin(app.screen("lock"), "730152")
    app.show_history()  # Ahmed looks at the same file
    opened_by = [e.professional_id for e in app.repository.audit_log(inwoner.id) if e.actie == "geopend"]
    sanne = next(p.id for p in keyring.professionals() if p.naam != "Ahmed Bakker")
    assert opened_by == [sanne, ahmed]


def _said(screen: object) -> str:
    """The red line as the professional reads it (the label, not the property behind it)."""
    frames(2)
    return screen.ids.message.text


def test_a_new_digit_takes_the_wrong_pin_away_at_the_start_and_at_the_idle_lock(
    make_app: object, keyring: Keyring
) -> None:
    """"Deze pincode klopt niet." is about the PIN just typed: the next one's first digit takes
    it away, at the start and on the lock screen after the idle time alike (one keypad)."""
    from tests.kivy_helpers import run_clock, time_ahead, wall_clock

    time_ahead()
    app = make_app(idle_seconds=30, clock=wall_clock)
    for _round in range(2):
        lock = app.screen("lock")
        type_pin(lock, "730152")
        assert _said(lock) == "Deze pincode klopt niet."
        tap(button(lock.ids.pad, "4"))
        assert _said(lock) == "" and lock.shown_pin.startswith("●")
        tap(lock.ids.pad.ids.erase)
        type_pin(lock, "730152")  # a wrong PIN again: said again
        assert _said(lock) == "Deze pincode klopt niet."
        type_pin(lock, PIN)
        assert app.current == "inwoners"
        run_clock(40)  # the idle lock: the same screen, the same keypad
        assert app.current == "lock"


def test_the_wait_after_too_many_wrong_pins_stays_while_digits_are_typed(make_app: object, keyring: Keyring) -> None:
    clock = FakeClock()
    app = make_app(clock=clock)
    lock = app.screen("lock")
    for _ in range(5):
        type_pin(lock, "730152")
    waiting = _said(lock)
    assert waiting.startswith("Te vaak een verkeerde pincode") and lock.ids.pad.locked
    tap(button(lock.ids.pad, "4"))  # off: types nothing, takes nothing away
    assert _said(lock) == waiting and lock.wait_text == "Wacht nog 30 seconden."


def test_the_first_start_forgets_the_last_try_at_the_next_digit(make_app: object) -> None:
    app = make_app()
    account = app.screen("account")
    account.ids.naam.text = "Sanne"
    type_pin(account, "111111")
    assert _said(account) == "Deze pincode is te makkelijk te raden. Kies een andere."
    tap(button(account.ids.pad, "4"))
    assert _said(account) == ""
    tap(account.ids.pad.ids.erase)
    type_pin(account, PIN)
    type_pin(account, "482914")
    assert _said(account) == "De twee pincodes zijn niet gelijk. Probeer het opnieuw."
    tap(button(account.ids.pad, "4"))
    assert _said(account) == "" and account.stage == 1
