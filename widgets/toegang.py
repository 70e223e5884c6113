"""The way in: the first account (or a colleague's), and the lock screen with its PIN keypad.

Both use the professionals' keyring (``storage.keyring``): it derives the key from the PIN
with Argon2id, keeps the wrong-PIN count and the wait, and never stores the PIN.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from kivy.clock import Clock
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty, StringProperty

from board.errors import UserError
from board.i18n import _, ngettext
from board.lock import pin_problem
from board.taal import Vertaler, vertaler
from services.access import PinUitkomst, try_pin
from widgets.common import Scherm, load_kv, make
from widgets.pinpad import PinPad, dots

__all__ = ["AccountScreen", "LockScreen", "PinPad"]


class AccountScreen(Scherm):
    """Name, then the PIN twice on the keypad. ``colleague``: a second professional, added
    by one who is unlocked (their data key proves it)."""

    colleague = BooleanProperty(False)
    stage = NumericProperty(1)  # 1: choose the PIN, 2: repeat it
    message = StringProperty("")
    shown_pin = StringProperty(dots(""))
    crash_text = StringProperty("")  # the app stopped on an error last time (until the account is made)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._first = ""
        self.ids.pad.bind(pin=self._typed, on_submit=self._submit)

    def _typed(self, _pad: object, pin: str) -> None:
        """Every message here is about the PIN (or name) just tried: a new digit begins the next try."""
        self.shown_pin = dots(pin)
        if pin:
            self.message = ""

    def reset(self, colleague: bool = False) -> None:
        self.colleague = colleague
        self.stage, self._first, self.message = 1, "", ""
        self.ids.naam.text = ""
        self.ids.pad.clear()

    def _submit(self, _pad: object, pin: str) -> None:
        self.ids.pad.clear()
        if self.stage == 1:
            problem = pin_problem(pin)
            if problem:
                self.message = _(problem)
                return
            self._first, self.stage, self.message = pin, 2, ""
            return
        first, self._first, self.stage = self._first, "", 1
        try:
            self.app.create_account(self.ids.naam.text, first, pin)
        except UserError as exc:  # the keyring's refusal of the name or PIN, in Dutch
            self.message = _(str(exc))


class LockScreen(Scherm):
    """Who unlocks (a button per professional when there are several) and their PIN.

    From the 5th wrong PIN in a row the keypad is off until the wait has passed; the wait
    counts down on screen. ``clock`` is injectable, so the back-off is tested without waiting."""

    keyring = ObjectProperty(None)
    clock: Callable[[], float]
    professionals = ListProperty([])  # (id, naam)
    chosen = StringProperty("")
    message = StringProperty("")
    wait_text = StringProperty("")
    blocked_until = NumericProperty(0.0)
    can_return = BooleanProperty(False)  # back without the PIN: to the board (inwoner mode), or "Annuleren"
    back_text = StringProperty("")
    back_rtl = BooleanProperty(False)  # the way back in Arabic: shaped and in drawing order
    reason = StringProperty("")  # what the PIN is asked for (none: the tablet is locked)
    crash_text = StringProperty("")  # the app stopped on an error last time (until the PIN)
    shown_pin = StringProperty(dots(""))

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self._ticker = None
        self._about_last_pin = False  # the message is "this PIN was wrong": it goes at the next digit
        self.ids.pad.bind(pin=self._typed, on_submit=self._submit)

    def on_message(self, *_args: object) -> None:
        self._about_last_pin = False  # whatever is said next is set with its own kind (``_submit``)

    def _typed(self, _pad: object, pin: str) -> None:
        """A new digit begins the next try: the wrong PIN before it is no longer news. A wait,
        a damaged keyring or a database that does not open stays said while it is so."""
        self.shown_pin = dots(pin)
        if pin and self._about_last_pin:
            self.message = ""

    def prepare(self, keyring: Any, clock: Callable[[], float], can_return: bool, reason: str = "",
                back_tr: Vertaler | None = None) -> None:
        """``reason``: what the PIN is asked for, in the screen's own words under the title
        "Pincode van de professional" (none: the tablet is locked, "Magneetbord is
        vergrendeld"); red stays for what went wrong. With a reason, the way back is
        "Annuleren", else "Terug naar het bord" in the inwoner's language (``back_tr``), for
        the inwoner reads it."""
        self.keyring, self.clock, self.can_return, self.reason = keyring, clock, can_return, reason
        if reason:
            self.back_text = _("Annuleren")
        else:
            tr = back_tr or vertaler(None)
            self.back_text = tr.pgettext("inwoner", "Terug naar het bord")
        self.back_rtl = bool(back_tr and back_tr.rtl and not reason)
        try:
            self.professionals = [(p.id, p.naam) for p in keyring.professionals()]
            self.message = keyring.backoff_notice()  # a back-off key missing or garbled: why the wait
        except UserError as exc:  # a damaged keyring: its Dutch message, and no keypad to try
            self.professionals, self.message = [], str(exc)
        ids = [pid for pid, _naam in self.professionals]
        if self.chosen not in ids:
            self.chosen = ids[0] if ids else ""
        self.ids.pad.clear()
        self.tick()

    def choose(self, professional_id: str) -> None:
        if professional_id != self.chosen:
            self.chosen, self.message, self.blocked_until = professional_id, "", 0.0
            self.ids.pad.clear()
            self.tick()

    def on_professionals(self, *_args: object) -> None:
        names = self.ids.names
        names.clear_widgets()
        if len(self.professionals) < 2:
            return
        for pid, naam in self.professionals:
            knop = make("Keuze", text=naam, size_hint=(None, None), width=dp(240), selected=pid == self.chosen)
            knop.professional_id = pid
            knop.bind(on_release=lambda k: self.choose(k.professional_id))
            names.add_widget(knop)

    def on_chosen(self, *_args: object) -> None:
        for knop in self.ids.names.children:
            knop.selected = knop.professional_id == self.chosen

    def on_enter(self, *_args: object) -> None:
        self._ticker = Clock.schedule_interval(lambda _dt: self.tick(), 0.5)

    def on_leave(self, *_args: object) -> None:
        if self._ticker is not None:
            self._ticker.cancel()
            self._ticker = None

    def tick(self) -> None:
        """Show how long is left of the wait, and turn the keypad on again when it is over."""
        left = max(0.0, self.blocked_until - self.clock()) if self.blocked_until else 0.0
        seconds = round(left + 0.49)
        self.ids.pad.locked = seconds > 0 or not self.chosen
        if seconds <= 0:
            self.wait_text = ""
        elif seconds >= 120:
            minutes = round(seconds / 60)
            self.wait_text = ngettext("Wacht nog {n} minuut.", "Wacht nog {n} minuten.", minutes).format(n=minutes)
        else:
            self.wait_text = ngettext("Wacht nog {n} seconde.", "Wacht nog {n} seconden.", seconds).format(n=seconds)

    def _submit(self, _pad: object, pin: str) -> None:
        self.ids.pad.clear()
        now = self.clock()
        # A wrong PIN is an audit event once the database is open (services.access.try_pin).
        result = try_pin(self.keyring, self.chosen, pin, now, repository=self.app.repository)
        if result.uitkomst is PinUitkomst.OPEN:
            self.message, self.blocked_until = "", 0.0
            naam = dict(self.professionals).get(self.chosen, "")
            assert result.data_key is not None
            try:
                self.app.unlocked(self.chosen, naam, result.data_key)
            except UserError as exc:  # the database cannot be opened: its Dutch message, here
                self.message = str(exc)
        elif result.uitkomst is PinUitkomst.FOUT:
            self.message = _("Deze pincode klopt niet.")
            self._about_last_pin = True
        elif result.uitkomst is PinUitkomst.WACHTEN:
            self.message = result.message or _(
                "Te vaak een verkeerde pincode. De toetsen doen het weer als de tijd om is."
            )
            self.blocked_until = now + result.wait_seconds
        else:
            self.message = result.message
        self.tick()


load_kv(__file__)
