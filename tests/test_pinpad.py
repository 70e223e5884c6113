"""The PIN keypad on its own: digits by touch, erase, OK only from the minimum length, and
nothing at all while it is locked."""

from __future__ import annotations

from tests.kivy_helpers import button, frames, tap, window_fixture  # noqa: F401


def pad_on(window: object) -> tuple[object, list[str]]:
    from widgets.pinpad import PinPad

    pad = PinPad(pos=(100, 100))
    submitted: list[str] = []
    pad.bind(on_submit=lambda _pad, pin: submitted.append(pin))
    window.add_widget(pad)
    frames(2)
    return pad, submitted


def test_digits_erase_and_ok(window: object) -> None:
    from widgets.pinpad import dots

    pad, submitted = pad_on(window)
    for digit in "48291":
        tap(button(pad, digit))
    assert pad.pin == "48291" and dots(pad.pin) == "● ● ● ● ● ○"
    tap(pad.ids.ok)  # five digits: OK does nothing yet
    assert submitted == []
    tap(button(pad, "3"))
    tap(pad.ids.erase)
    assert pad.pin == "48291"
    tap(button(pad, "3"))
    tap(pad.ids.ok)
    assert submitted == ["482913"]


def test_no_more_than_twelve_digits(window: object) -> None:
    pad, _submitted = pad_on(window)
    for _ in range(14):
        tap(button(pad, "7"))
    assert pad.pin == "7" * 12


def test_a_locked_pad_takes_no_touch(window: object) -> None:
    pad, submitted = pad_on(window)
    for digit in "482913":
        tap(button(pad, digit))
    pad.locked = True
    frames(1)
    tap(button(pad, "1"))
    tap(pad.ids.erase)
    tap(pad.ids.ok)
    assert pad.pin == "482913" and submitted == []
    pad.locked = False
    frames(1)
    tap(pad.ids.ok)
    assert submitted == ["482913"]
