"""The PIN keypad also takes a keyboard: digits (top row and numpad), Backspace and Enter,
sent as real key events through Kivy's window, on the running app."""

from __future__ import annotations

import pytest

from storage.keyring import KdfParams, Keyring
from tests.keys import tablet_with_professional
from tests.kivy_helpers import PIN, FakeClock, frames, make_app_fixture, tap, window_fixture  # noqa: F401

FAST = KdfParams(memory_kib=64, time_cost=1)
BACKSPACE, ENTER, NUMPAD_ENTER = 8, 13, 271


def key(code: int, codepoint: str | None = None) -> None:
    """One key pressed and let go, as SDL2 hands it to Kivy's window (a key that types a
    character also sends that text)."""
    from kivy.core.window import Window

    Window.dispatch("on_key_down", code, 0, codepoint, [])
    if codepoint:
        Window.dispatch("on_textinput", codepoint)
    Window.dispatch("on_key_up", code, 0)
    frames(1)


def type_digits(text: str, numpad: bool = False) -> None:
    for digit in text:
        key(256 + int(digit) if numpad else ord(digit), digit)


@pytest.fixture
def keyring(tmp_path: object) -> Keyring:
    url = f"sqlite:///{tmp_path}/magneetbord.sqlite3"
    tablet_with_professional(url, "Sanne de Vries", PIN, kdf=FAST)
    return Keyring.for_database(url, kdf=FAST)


@pytest.mark.parametrize("numpad, enter", [(False, ENTER), (True, NUMPAD_ENTER)])
def test_the_pin_typed_on_a_keyboard_unlocks(make_app: object, keyring: Keyring, numpad: bool, enter: int) -> None:
    app = make_app()
    lock = app.screen("lock")
    type_digits(PIN[:3] + "9", numpad)
    assert lock.shown_pin == "● ● ● ● ○ ○"
    key(BACKSPACE)
    type_digits(PIN[3:], numpad)
    assert lock.ids.pad.pin == PIN
    key(enter)
    frames(2)
    assert app.current == "inwoners"


def test_enter_waits_for_six_digits_and_a_wrong_pin_is_refused(make_app: object, keyring: Keyring) -> None:
    app = make_app()
    lock = app.screen("lock")
    type_digits("73015")
    key(ENTER)  # five digits: like the OK key, Enter does nothing yet
    assert lock.ids.pad.pin == "73015" and lock.message == ""
    type_digits("2")
    key(ENTER)
    assert lock.message == "Deze pincode klopt niet." and app.current == "lock"


def test_a_waiting_keypad_ignores_the_keyboard_too(make_app: object, keyring: Keyring) -> None:
    app = make_app(clock=FakeClock())
    lock = app.screen("lock")
    for _ in range(5):
        type_digits("730152")
        key(ENTER)
    assert lock.ids.pad.locked
    type_digits("4")
    assert lock.ids.pad.pin == ""


def test_the_name_field_keeps_its_digits_and_only_the_keypad_on_screen_listens(make_app: object) -> None:
    app = make_app()
    account = app.screen("account")
    naam = account.ids.naam
    tap(naam)
    assert naam.focus
    for character in "Sanne 2":
        key(ord(character.lower()), character)
    assert naam.text == "Sanne 2" and account.ids.pad.pin == ""
    naam.focus = False
    frames(1)
    type_digits(PIN)
    key(ENTER)
    type_digits(PIN)
    key(ENTER)
    frames(2)
    assert app.current == "inwoners" and app.professional_naam == "Sanne 2"
    # Locked: the lock screen's keypad takes the keys, the account screen's (not shown) does not.
    app.lock()
    frames(2)
    type_digits("48")
    assert app.screen("lock").ids.pad.pin == "48" and account.ids.pad.pin == ""
