"""The PIN policy: wrong PINs, the growing wait from the 5th one, acceptable PINs, idle lock."""

from __future__ import annotations

import pytest

from board.lock import FREE_ATTEMPTS, IdleTimer, LockState, delay_after, pin_problem, wait_message


def test_four_wrong_pins_cost_no_wait_the_fifth_does_and_it_grows() -> None:
    state, now = LockState(), 1000.0
    for _ in range(FREE_ATTEMPTS):
        state = state.after_failure(now)
        assert state.wait_seconds(now) == 0
    waits = []
    for _ in range(4):
        state = state.after_failure(now)
        waits.append(state.wait_seconds(now))
        now += waits[-1]
    assert waits == [30, 60, 120, 240]
    assert delay_after(50) == 15 * 60  # capped


def test_the_wait_passes_and_a_right_pin_resets_the_count() -> None:
    state = LockState()
    for _ in range(5):
        state = state.after_failure(0.0)
    assert state.wait_seconds(10.0) == 20.0 and state.wait_seconds(31.0) == 0.0
    assert state.after_success() == LockState()


@pytest.mark.parametrize(
    "pin, repeat, problem",
    [
        ("12345", None, "minstens 6"),
        ("12a456", None, "alleen uit cijfers"),
        ("１２３４５６", None, "alleen uit cijfers"),
        ("000000", None, "te makkelijk"),
        ("123456", None, "te makkelijk"),
        ("483920", "483921", "niet gelijk"),
    ],
)
def test_unacceptable_pins_are_explained(pin: str, repeat: str | None, problem: str) -> None:
    assert problem in (pin_problem(pin, repeat) or "")


def test_an_acceptable_pin() -> None:
    assert pin_problem("483920", "483920") is None


def test_wait_message_in_plain_dutch() -> None:
    assert wait_message(30) == "Te vaak een verkeerde pincode. Wacht 30 seconden en probeer het opnieuw."
    assert "4 minuten" in wait_message(240)


def test_idle_timer_locks_after_the_idle_time_unless_touched() -> None:
    timer = IdleTimer(300, now=0)
    assert not timer.should_lock(299)
    timer.touched(200)
    assert not timer.should_lock(450) and timer.should_lock(500)
