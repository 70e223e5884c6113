"""When the professional's part of the app is locked, and how long a wrong PIN makes you wait.

Pure policy with the clock passed in, so it is tested without waiting and without a screen.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from board.i18n import _, ngettext

FREE_ATTEMPTS = 4  # from the 5th wrong PIN in a row the app makes you wait
FIRST_DELAY = 30.0  # seconds after the 5th wrong PIN
MAX_DELAY = 15 * 60.0
DEFAULT_IDLE_SECONDS = 5 * 60.0
MIN_PIN_LENGTH = 6
MAX_FAILURES = 1_000_000  # the count stops here: bounded in a file, in memory and in 2 ** n


@dataclass(frozen=True)
class LockState:
    failures: int = 0  # wrong PINs in a row
    blocked_until: float = 0.0  # clock time before which no PIN is checked

    def wait_seconds(self, now: float) -> float:
        return max(0.0, self.blocked_until - now)

    def after_failure(self, now: float) -> LockState:
        failures = min(self.failures + 1, MAX_FAILURES)
        return replace(self, failures=failures, blocked_until=now + delay_after(failures))

    def after_success(self) -> LockState:
        return LockState()


def delay_after(failures: int) -> float:
    """No wait for the first four wrong PINs; then 30 s, doubling each time, at most 15 min."""
    if failures <= FREE_ATTEMPTS:
        return 0.0
    doublings = min(failures - FREE_ATTEMPTS - 1, 32)  # far past MAX_DELAY; never 2 ** huge
    return min(MAX_DELAY, FIRST_DELAY * 2**doublings)


def longest_wait_failures() -> int:
    """The smallest count whose wait is ``MAX_DELAY``: what an edited back-off counts as."""
    failures = FREE_ATTEMPTS + 1
    while delay_after(failures) < MAX_DELAY:
        failures += 1
    return failures


def pin_problem(pin: str, repeat: str | None = None) -> str | None:
    """What is wrong with a new PIN, in the UI language, or None when it is acceptable."""
    if not pin.isdigit() or not pin.isascii():
        return _("Een pincode bestaat alleen uit cijfers.")
    if len(pin) < MIN_PIN_LENGTH:
        return _("Een pincode heeft minstens {n} cijfers.").format(n=MIN_PIN_LENGTH)
    if len(set(pin)) == 1 or pin in "01234567890" or pin in "09876543210":
        return _("Deze pincode is te makkelijk te raden. Kies een andere.")
    if repeat is not None and repeat != pin:
        return _("De twee pincodes zijn niet gelijk. Probeer het opnieuw.")
    return None


def wait_message(seconds: float) -> str:
    seconds = round(seconds)
    if seconds >= 120:
        minutes = round(seconds / 60)
        return ngettext(
            "Te vaak een verkeerde pincode. Wacht {n} minuut en probeer het opnieuw.",
            "Te vaak een verkeerde pincode. Wacht {n} minuten en probeer het opnieuw.",
            minutes,
        ).format(n=minutes)
    return ngettext(
        "Te vaak een verkeerde pincode. Wacht {n} seconde en probeer het opnieuw.",
        "Te vaak een verkeerde pincode. Wacht {n} seconden en probeer het opnieuw.",
        seconds,
    ).format(n=seconds)


class IdleTimer:
    """Tracks the last touch; the app locks when ``should_lock`` says so."""

    def __init__(self, idle_seconds: float, now: float) -> None:
        if idle_seconds <= 0:
            raise ValueError("idle_seconds must be positive")
        self.idle_seconds = idle_seconds
        self._last_activity = now

    def touched(self, now: float) -> None:
        self._last_activity = now

    @property
    def last_activity(self) -> float:
        return self._last_activity

    def should_lock(self, now: float) -> bool:
        return now - self._last_activity >= self.idle_seconds
