"""The Kivy application: the screens of a home visit and the way between them.

First start (nobody in the keyring) -> account; otherwise the lock screen. After the PIN:
back to where the professional was (a colleague with their own PIN: the list), or to the
board of a visit that was open when the app stopped, or to the list of inwoners. In inwoner
mode (board, doelen, afronden) nothing leads anywhere else without the PIN. The app locks
after ``idle_seconds`` without a touch (in the professional's part) and whenever it is paused.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.uix.modalview import ModalView
from kivy.uix.screenmanager import NoTransition, Screen, ScreenManager

from board.errors import UserError
from board.i18n import _
from board.lock import DEFAULT_IDLE_SECONDS, IdleTimer
from services.access import (
    LOCK_BY_HAND,
    LOCK_IDLE,
    LOCK_PAUSE,
    database_url,
    note_colleague_added,
    note_locked,
    note_unlocked,
    open_keyring,
)
from services.crash import notice
from services.inwoners import history
from services.koelkastblad_map import opruimen
from services.traject import afsluitingen_van
from services.visit import (
    VisitMarker,
    load_storage,
    meting_for_visit,
    open_storage,
    queue_writes,
)
from widgets import kiosk
from widgets.screens import make_screen
from widgets.visit_flow import GATES, INWONER_SCREENS, RouteRefused, VisitFlow

if TYPE_CHECKING:  # the board's modules load with the first visit, not with the lock screen
    from board import Inwoner, Meting


class MagneetbordApp(VisitFlow, App):
    title = "Magneetbord"
    use_kivy_settings = False  # no Kivy settings panel: F1 opens nothing, nothing is configured

    def open_settings(self, *_args: object) -> bool:
        return False  # a kiosk has no settings panel, whatever key or code asks for it

    def on_stop(self) -> None:
        """Closing (Afsluiten, or the system's SIGTERM): a bundle being written is finished,
        then the database is closed, so SQLite folds its write-ahead log into the file: a
        copy of the database file alone (a backup) then holds the last visit too."""
        self.stop_reading(closing=True)  # first: what is being read aloud stops at once
        thread = getattr(self, "export_thread", None)
        if thread is not None and thread.is_alive():
            thread.join(timeout=60)
        if getattr(self, "repository", None) is not None:
            self.repository.close()

    def display_settings(self, _settings: object) -> bool:
        return False

    def __init__(
        self,
        url: str | None = None,
        *,
        clock: Callable[[], float] = time.time,
        today: Callable[[], date] = date.today,
        kdf: Any = None,  # the keyring's Argon2id cost (tests make it cheap); None: the default
        idle_seconds: float | None = None,
        **kwargs: object,
    ) -> None:
        super().__init__(**kwargs)
        self.url = database_url(url)
        self.clock, self.today, self.kdf = clock, today, kdf
        self.idle_seconds = idle_seconds or kiosk.idle_seconds(DEFAULT_IDLE_SECONDS)
        self.repository: Any = None  # the unlocked database, handed to services/
        self.professional_id: str | None = None
        self.professional_naam = ""
        self.data_key: bytes | None = None
        self.inwoner: Inwoner | None = None
        self.inwoner_mode = False
        self.leaving = False  # the PIN was asked to leave inwoner mode
        self.confirming = False  # the PIN was asked to add a colleague
        self.return_to: str | None = None
        self.after_pin: Callable[[], None] | None = None  # what the PIN was asked for (ask_pin_then)
        self.export_thread: threading.Thread | None = None
        self.storage_thread: threading.Thread | None = None
        self.marker = VisitMarker()
        self._screens: dict[str, Screen] = {}
        self._vorige: Meting | None = None  # the meting before the one on the board
        self._first_frame_of: Meting | None = None  # a board waiting for its first frame
        self._release_pending = False  # memory to give back once the first board shows
        self._vorige_van: Meting | None = None  # whose previous meting is still to be loaded
        self._visit_history: list[Meting] = []  # the visit's metingen as its inwoner's screen read them
        self._storage_problem = ""  # a queued write failed: said on the list until an inwoner is opened
        self._idle_event = None
        self._aside: list[tuple[str, ModalView]] = []  # dialogs closed by a lock: (their screen, dialog)

    # ----- building ---------------------------------------------------------------------

    def build(self) -> ScreenManager:
        Window.clearcolor = (0.98, 0.97, 0.95, 1)
        kiosk.guard(Window)
        Window.bind(on_touch_down=self._activity, on_key_down=self._activity)
        self.keyring = open_keyring(self.url, self.kdf)
        self.idle = IdleTimer(self.idle_seconds, self.clock())
        # The callback returns None: an interval whose callback returns False is cancelled.
        self._idle_event = Clock.schedule_interval(self._idle_tick, kiosk.idle_check_interval(self.idle_seconds))
        self.manager = ScreenManager(transition=NoTransition())
        opruimen()  # the plain koelkastbladen of days gone by (services.koelkastblad_map)
        gate = "account" if self._first_start() else "lock"
        self.screen(gate).crash_text = notice() or ""  # the first start after a crash says so, once
        if gate == "account":
            self.screen("account").reset()
            self._go("account")
        else:
            self._show_lock(can_return=False)
        return self.manager

    def _first_start(self) -> bool:
        """Nobody in the keyring. A keyring that cannot be read is no first start: the lock
        screen says what is wrong with it (``LockScreen.prepare``)."""
        try:
            return self.keyring.is_empty()
        except UserError:
            return False

    def release(self) -> None:
        """Undo what ``build`` bound to the window (tests build many apps in one process)."""
        Window.unbind(on_touch_down=self._activity, on_key_down=self._activity, on_flip=self._start_loading)
        Window.unbind(on_flip=self._list_flipped)
        Window.unbind(on_flip=self._release_writes)
        kiosk.unguard(Window)
        if self._idle_event is not None:
            self._idle_event.cancel()

    def screen(self, name: str) -> Screen:
        """A screen, made the first time it is needed (a quick start shows only one)."""
        if name not in self._screens:
            self._screens[name] = make_screen(name, self)
            self.manager.add_widget(self._screens[name])
        return self._screens[name]

    @property
    def current(self) -> str:
        return self.manager.current

    def _go(self, name: str) -> None:
        if self.inwoner_mode and name not in INWONER_SCREENS | GATES:
            raise RouteRefused(f"{name} is not reachable from inwoner mode without the PIN")
        self.screen(name)
        self.manager.current = name

    # ----- the way in -------------------------------------------------------------------

    def create_account(self, naam: str, pin: str, repeat: str) -> None:
        """Raises the keyring's error (a Dutch message) when the name or PIN will not do."""
        if self.data_key is not None and self.screen("account").colleague:
            self.keyring.add_professional(naam, pin, self.data_key, repeat=repeat)
            note_colleague_added(self.repository)
            self.show_list()
            return
        professional_id, data_key = self.keyring.add_professional(naam, pin, repeat=repeat)
        self.unlocked(professional_id, " ".join(naam.split()), data_key, create=True)

    def add_colleague(self) -> None:
        """A colleague gets a key to every file: the PIN is asked again first, so nobody
        passing an unlocked tablet adds themselves. "Annuleren" there leads back to the list."""
        self.confirming = True
        self.return_to = "inwoners"
        self._show_lock(
            can_return=True, reason=_("Een collega toevoegen kan alleen met de pincode van een professional."))

    def cancel_colleague(self) -> None:
        if self.data_key is None or not self.screen("account").colleague:
            self._show_lock(can_return=False)  # never past the PIN
            return
        self.show_list()

    def unlocked(self, professional_id: str, naam: str, data_key: bytes, *, create: bool = False) -> None:
        """The PIN was right: open the database (``create``: the very first start) and go on.
        A database that cannot be opened raises its ``UserError`` (a Dutch message, from
        ``storage.opening``) and nothing is unlocked: the caller shows it at the PIN pad."""
        if self.repository is None:
            self.repository = open_storage(self.url, data_key, professional_id, create=create)
            # A visit's writes on one ordered storage worker, off the UI thread (P10).
            queue_writes(self.repository, self._queued_write_failed)
            self._release_pending = True  # Argon2id's 19 MiB, the database's loading
        other = self.professional_id not in (None, professional_id)  # not who the tablet locked on
        self.professional_id, self.professional_naam, self.data_key = professional_id, naam, data_key
        self.idle.touched(self.clock())
        self.repository.act_as(professional_id)  # the audit log names who unlocked
        for gate in GATES & self._screens.keys():
            self._screens[gate].crash_text = ""  # said once: not at the next lock
        note_unlocked(self.repository)
        aside, self._aside = self._aside, []
        if self.confirming:
            self.confirming, self.return_to = False, None
            self.screen("account").reset(colleague=True)
            self._go("account")
            return
        if self.after_pin is not None:  # back where it was asked, then what it was asked for
            action, self.after_pin = self.after_pin, None
            target, self.return_to = self.return_to or "inwoners", None
            self._go(target)
            action()
            return
        if self.leaving:
            self.leaving, self.return_to = False, None
            self._end_visit()
            self.show_inwoner()
            return
        if self.return_to is not None:
            target, self.return_to = self.return_to, None
            if other and target not in INWONER_SCREENS:
                # A colleague starts at the list: what the last one had open (an inwoner's
                # page, a history) they open themselves, and so it is logged as theirs.
                self.show_list()
                return
            self._go(target)
            if target == "inwoners":  # bundles may have come or gone while it was locked
                self.screen("inwoners").ids.versturen.refresh()
            self._give_back(aside, target)
            return
        if not self._resume_visit():
            self.show_list()

    def lock(self, reden: str = LOCK_BY_HAND) -> None:
        """Lock now: the lock screen, and after the PIN back to where this was (a colleague's
        account being made is dropped: after the PIN, the list)."""
        if self.at_gate:
            return
        self.leaving = False
        self.return_to = "inwoners" if self.current in GATES else self.current
        self._lock_screen(reden)

    @property
    def at_gate(self) -> bool:
        """Nothing beyond the current board shows: the lock screen, or the very first account."""
        if self.current == "lock":
            return not self.confirming  # the PIN asked to add a colleague is still the professional's part
        return self.current == "account" and not self.screen("account").colleague

    def _lock_screen(self, reden: str) -> None:
        self.confirming, self.after_pin = False, None  # a lock is no PIN for what was asked
        if self.current == "account":
            self.screen("account").reset()  # the colleague's name and PIN are gone
        self._show_lock(can_return=False)
        note_locked(self.repository, reden)

    def ask_pin_to_leave(self) -> None:
        """The inwoner's board is left only with the professional's PIN."""
        self.leaving, self.return_to = True, self.current
        self._show_lock(can_return=True)

    def ask_pin_then(self, action: Callable[[], None], reason: str) -> None:
        """The professional's PIN first, then ``action`` on the screen it was asked from
        (in inwoner mode too: the board stays the inwoner's). "Annuleren" does nothing."""
        self.leaving, self.after_pin, self.return_to = False, action, self.current
        self._show_lock(can_return=True, reason=reason)

    def back_to_board(self) -> None:
        self.leaving = self.confirming = False
        self.after_pin = None
        target, self.return_to = self.return_to or "bord", None
        aside, self._aside = self._aside, []
        self._go(target)
        self._give_back(aside, target)

    def _show_lock(self, can_return: bool, reason: str = "") -> None:
        self._set_aside()
        self.stop_reading()
        # The way back to the board is the inwoner's: in the inwoner's language.
        back_tr = self.inwoner_tr() if can_return and not reason else None
        self.screen("lock").prepare(self.keyring, self.clock, can_return, reason, back_tr)
        self._go("lock")

    def _set_aside(self) -> None:
        """Nothing stays above the lock screen or takes its keys. An open dialog (a new
        inwoner, a doel being written) is closed and kept: after the PIN it comes back with the
        screen it belongs to (``_give_back``). A text field loses the focus: on a hidden screen
        it still took every key, so a PIN typed on a keyboard also went into the search field."""
        views = [child for child in Window.children if isinstance(child, ModalView)]
        for view in views:
            view.dismiss(animation=False, force=True)
            self._aside.append((self.current, view))
        for root in (*self._screens.values(), *views):
            for widget in root.walk(restrict=True):
                if getattr(widget, "focus", False):
                    widget.focus = False

    def _give_back(self, aside: list[tuple[str, ModalView]], name: str) -> None:
        """The dialogs a lock closed on screen ``name``, open again as they were left."""
        for screen, view in aside:
            if screen == name:
                view.open(animation=False)

    # ----- locking by itself --------------------------------------------------------------

    def _activity(self, *_args: object) -> None:
        self.idle.touched(self.clock())
        if self.storage_thread is None:
            # The lock screen needs no database. What the PIN opens loads while the rest of
            # the PIN is typed, from the frame that shows the first key on: started at the key
            # itself, the loading (it holds the interpreter in long stretches) held up that
            # key's own dot (P3); earlier still, at the first frame, the lock screen itself.
            self.storage_thread = threading.Thread(target=load_storage, name="load-storage", daemon=True)
            Window.bind(on_flip=self._start_loading)

    def _start_loading(self, *_args: object) -> None:
        Window.unbind(on_flip=self._start_loading)
        if self.storage_thread is not None and self.storage_thread.ident is None:
            self.storage_thread.start()

    def _idle_tick(self, _dt: float) -> None:
        self.check_idle()  # returns None: the interval keeps running, on every screen

    def check_idle(self) -> bool:
        """Lock the professional's part after the idle time. The inwoner's board stays: the
        inwoner may be thinking, and leaving it needs the PIN anyway."""
        if self.at_gate or self.inwoner_mode or not self.idle.should_lock(self.clock()):
            return False
        self.lock(LOCK_IDLE)
        return True

    def on_pause(self) -> bool:
        if self.inwoner_mode and self.current not in GATES:
            self.return_to, self.leaving = self.current, False
            self._lock_screen(LOCK_PAUSE)
        else:
            self.lock(LOCK_PAUSE)
        return True  # paused, not stopped: on_resume shows the lock screen

    def on_resume(self) -> None:
        if not self.at_gate:
            self.lock(LOCK_PAUSE)

    # ----- the professional's part --------------------------------------------------------

    def show_list(self) -> None:
        screen = self.screen("inwoners")
        screen.professional = self.professional_naam
        screen.melding = self._storage_problem
        screen.refresh()
        self._go("inwoners")
        if "bord" not in self._screens:
            Window.unbind(on_flip=self._list_flipped)
            Window.bind(on_flip=self._list_flipped)

    def show_inwoner(self, inwoner: Inwoner | None = None) -> None:
        if inwoner is not None:
            self.inwoner = inwoner
        assert self.inwoner is not None and self.repository is not None
        self._hold_writes_until_frame()
        try:
            self.screen("inwoner").show(self.inwoner)
        except UserError as exc:  # not read, or its opening cannot be logged: the list says why
            self.screen("inwoners").melding = str(exc)
            return
        self._storage_problem = self.screen("inwoners").melding = ""
        self._go("inwoner")

    def show_history(self) -> None:
        assert self.inwoner is not None and self.repository is not None
        self.screen("geschiedenis").show(self.inwoner.dossiernummer, history(self.repository, self.inwoner.id),
                                         afsluitingen_van(self.repository, self.inwoner.id), self.inwoner_tr())
        self._go("geschiedenis")

    def show_monitor(self) -> None:
        """The figures of this tablet's afgeronde metingen per wijk: the professional's only."""
        assert self.repository is not None
        self._go("monitor")
        self.screen("monitor").open()

    def open_visit(self) -> None:
        """Start or resume the meting of the chosen inwoner and give the board to them."""
        assert self.inwoner is not None and self.repository is not None
        self._hold_writes_until_frame()
        try:
            shown = self.screen("inwoner").take_history(self.inwoner.id)  # read by the tap that showed it
            history, afsluitingen = shown if shown is not None else (None, None)
            meting = meting_for_visit(self.repository, self.inwoner.id, self.today(), history, afsluitingen)
        except UserError as exc:
            self.screen("inwoner").status = str(exc)
            return
        self._visit_history = history or []  # the previous meting for afronden is in it
        self._start_visit(meting)

