"""The inwoner's part of the app (a mixin of ``MagneetbordApp``): a visit's board, the doelen
and afronden screens that follow it, the inwoner's language, afronden and the export.

Split from widgets/app.py by concern (the house rule on module length); the state it uses is
set up in ``MagneetbordApp.__init__``.
"""

from __future__ import annotations

import gc
import threading
from datetime import datetime
from typing import TYPE_CHECKING

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.uix.modalview import ModalView

from board.errors import UserError
from board.i18n import _, format_datum
from board.taal import Vertaler, vertaler
from services.inwoners import set_taal
from services.visit import Visit, hold_writes, resume, resume_writes, saving, vorige_meting
from widgets.memory import release_free_memory

if TYPE_CHECKING:
    from board import BoardSession, Meting

GATES = frozenset({"lock", "account"})  # the way in: nothing of the professional's part shows

INWONER_SCREENS = frozenset({"bord", "doelen", "afronden"})  # the inwoner's: no PIN between them


class RouteRefused(RuntimeError):
    """A way out of inwoner mode without the PIN: a bug, never a user's doing."""


class VisitFlow:
    """The inwoner's screens of ``MagneetbordApp`` and the way between them."""

    def _list_flipped(self, *_args: object) -> None:
        """The list is on screen: the board screen is built in the next turn of the loop."""
        Window.unbind(on_flip=self._list_flipped)
        Clock.schedule_once(self._prepare_board, 0)

    def _prepare_board(self, _dt: float = 0) -> None:
        """Build the inwoner's and the board screen once, while the professional looks at the
        list (P10): the first visit's taps then only fill them, as every later visit's do.
        It is laid out and drawn off screen with an empty 0-meting of nobody, never saved
        (no ``on_commit``) and never shown: ``_attach`` replaces it before the screen is.
        What else a first visit paid on its taps is paid here too: Babel and the UI
        language's dates (the inwoner's screen says the date of the last meting), and, in
        the background, the voice of each language (services/voorlezen.py)."""
        if "bord" in self._screens:
            return
        from board.meting import Meting
        from board.session import BoardSession
        from services.voorlezen import prepare_voices

        prepare_voices()  # the voices are asked for in the background
        for name in ("inwoner", "bord"):  # a screen that is not current is not laid out by the manager
            self.screen(name).size = self.manager.size
        self.screen("bord").show_session(BoardSession(Meting.nulmeting("", self.today())))
        format_datum(self.today())
        # The collector's full pass over what unlocking and these screens made (some 0.1 s
        # here) is due soon: made now, while the list is read, it does not fall in a tap.
        gc.collect()
        # Young objects collected after 10,000 allocations rather than Python's 700: most of a
        # frame's objects are freed by their reference counts before that, so the collector
        # walks far fewer (P10: its time in 15 visits 8 -> 2 ms; each pass now ~1 ms).
        gc.set_threshold(10_000, 10, 10)

    def _start_visit(self, meting: Meting) -> None:
        from board.session import BoardSession

        assert self.repository is not None
        self._attach(BoardSession(meting, on_commit=saving(self.repository)))
        self.inwoner_mode = True
        self._go("bord")
        # The board first; the visit marker (fsync) after its first frame is on screen. The
        # meting is saved already: until the marker is there a restart asks the PIN instead
        # of resuming.
        self._first_frame_of = meting
        Window.unbind(on_flip=self._board_flipped)
        Window.bind(on_flip=self._board_flipped)

    def _board_flipped(self, *_args: object) -> None:
        """The board's first frame is on screen: the rest waits for the next turn of the loop."""
        Window.unbind(on_flip=self._board_flipped)
        meting, self._first_frame_of = self._first_frame_of, None
        if meting is not None:
            Clock.schedule_once(lambda _dt: self._after_first_frame(meting), 0)

    def _after_first_frame(self, meting: Meting) -> None:
        """What the board's first frame does not need: the visit marker, the afronden screen;
        after the first board since unlocking, the memory that unlocking and building it
        freed goes back to the system (P8)."""
        if self.inwoner_mode and self.live.meting.id == meting.id:
            self.marker.write(Visit(meting.inwoner_id, meting.id))
            if "afronden" in self._screens:
                self._follow("afronden")
        if self._release_pending:
            self._release_pending = False
            Window.bind(on_flip=self._release_after_frame)

    def _release_after_frame(self, *_args: object) -> None:
        """The frame after the board's first: what drawing that one took is free again."""
        Window.unbind(on_flip=self._release_after_frame)
        release_free_memory()

    def _attach(self, session: BoardSession) -> None:
        """Show ``session`` on the board; the doelen and afronden screens follow it when shown."""
        assert self.repository is not None
        meting = session.meting
        self.screen("bord").show_session(session, self.inwoner_tr())
        # The previous meting in full is for the afronden screen only: loaded when it is shown.
        self._vorige, self._vorige_van = None, meting
        for name in ("doelen", "afronden"):
            # Made on first use (a resumed board starts quicker). Afronden, unless it is on
            # screen, follows after the board's first frame (it loads the previous meting).
            if name in self._screens and (name == "doelen" or self.current == "afronden"):
                self._follow(name)

    def _follow(self, name: str) -> None:
        screen = self.screen(name)
        if name == "afronden":
            if self._vorige_van is not None and self.repository is not None:
                vorige = vorige_meting(self.repository, self._vorige_van, self._visit_history)
                self._vorige, self._vorige_van = vorige, None
            screen.vorige = self._vorige
        # The session before the language: a language change redraws the screen, and with the
        # last inwoner's session still there it compared their meting with this one's previous
        # (BoardError, the kiosk closed; found by a new user going from a Dutch to an Arabic inwoner).
        screen.live = self.live
        screen.tr = self.inwoner_tr()

    def stop_reading(self, closing: bool = False) -> None:
        """Nothing goes on reading aloud behind the lock screen; closing, Android's voice
        engine is released too. Before the first board (which loads the voices) nothing was read."""
        board_screen = self._screens["bord"].board_screen if "bord" in self._screens else None
        if board_screen is not None:
            board_screen.stop_reading()
            if closing:
                from services.voorlezen import shutdown

                shutdown()

    def inwoner_tr(self) -> Vertaler:
        """The inwoner's language (board.taal); the professional's screens keep the app's."""
        return vertaler(self.inwoner.taal if self.inwoner is not None else None)

    def choose_taal(self, code: str) -> None:
        """The inwoner chose a language: stored with the inwoner, and every screen of theirs
        follows at once (no restart); the professional's screens keep their language."""
        assert self.inwoner is not None and self.repository is not None
        try:
            self.inwoner = set_taal(self.repository, self.inwoner.id, code)
        except UserError as exc:
            self.screen("bord").board_screen.show_message(str(exc))
            return
        tr = self.inwoner_tr()
        self.screen("bord").set_tr(tr)
        for name in ("doelen", "afronden"):
            if name in self._screens:
                self._screens[name].tr = tr

    @property
    def live(self) -> object:
        return self.screen("bord").board_screen.live

    def _resume_visit(self) -> bool:
        """After a restart: the board of the visit that was open, exactly as it was saved."""
        visit = self.marker.read()
        if visit is None or self.repository is None:
            return False
        found = resume(self.repository, visit)
        if found is None:
            self.marker.clear()
            return False
        self.inwoner, meting = found
        self._start_visit(meting)
        return True

    def _end_visit(self) -> None:
        self.marker.clear()
        self.inwoner_mode = False
        self._visit_history = []

    def _hold_writes_until_frame(self) -> None:
        """A tap's screen first: what the tap queued for the storage worker is written once the
        frame that shows it is on screen (the worker's Python would take turns with drawing it)."""
        if self.repository is not None:
            hold_writes(self.repository)
            Clock.unschedule(self._released)  # the last screen's release: this one's comes after its frame
            Window.unbind(on_flip=self._release_writes)
            Window.bind(on_flip=self._release_writes)

    def _release_writes(self, *_args: object) -> None:
        # ``on_flip``'s handlers run before the buffers are swapped: the swap lets go of the
        # interpreter lock, and a worker started here took it for its Python (the UI thread
        # then waited for it). Released in the loop's next turn, after the swap.
        Window.unbind(on_flip=self._release_writes)
        Clock.schedule_once(self._released, 0)

    def _released(self, *_args: object) -> None:
        if self.repository is not None:
            hold_writes(self.repository, held=False)

    def _queued_write_failed(self, error: UserError) -> None:
        """The storage worker's news (from its thread): handled in the UI's next turn."""
        Clock.schedule_once(lambda _dt: self._storage_failed(error), 0)

    def _storage_failed(self, error: UserError) -> None:
        """A queued write failed (a full disk, a damaged file): nothing after it was stored,
        and nothing the board showed since is saved. The visit stops: in inwoner mode the
        professional's PIN (the lock screen, which says what happened; the inwoner does not
        get the list), else the list; the list says it too until an inwoner is opened."""
        self._storage_problem = _("Het bezoek is gestopt, want opslaan lukte niet. {reden}").format(reden=str(error))
        for view in [child for child in Window.children if isinstance(child, ModalView)]:
            view.dismiss(animation=False, force=True)  # a dialog of the board: what it would save cannot be
        in_visit = self.inwoner_mode
        self._end_visit()
        self._first_frame_of = None
        if self.repository is not None:
            resume_writes(self.repository)
        if in_visit or self.current in GATES:
            self.leaving, self.after_pin, self.return_to = False, None, None  # after the PIN: the list
            if self.current != "lock":
                self._show_lock(can_return=False)
            self.screen("lock").message = self._storage_problem
        else:
            self.show_list()

    def show_meting_step(self, name: str) -> None:
        if name not in INWONER_SCREENS:
            raise RouteRefused(name)
        if name != "bord":
            self._follow(name)
        self._go(name)

    def moment(self) -> datetime:
        """Now, on the app's day (``today``: a test's moved date): what afronden stores, and the
        finished board's date line reads it back from the meting."""
        return datetime.combine(self.today(), datetime.now().time().replace(microsecond=0))

    def afronden(self) -> bool:
        live = self.live
        heard: list[UserError] = []  # the board screen's toast is out of sight: the afronden screen says it
        uid = live.fbind("on_error", lambda _live, error: heard.append(error))
        try:
            done = live.apply(lambda m: m.afronden(self.moment()))
        finally:
            live.unbind_uid("on_error", uid)
        if not done:
            afronden = self.screen("afronden")
            afronden.show_problem(heard[-1].in_taal(afronden.tr) if heard else "")
            return False
        assert self.repository is not None
        from board.session import BoardSession

        # A fresh session: an afgeronde meting has nothing to undo.
        self._attach(BoardSession(live.session.committed, on_commit=saving(self.repository)))
        self.start_export()
        return True

    def start_export(self) -> None:
        """Make the bundle in a background thread; the afronden screen shows the progress."""
        assert self.repository is not None
        meting, repository, screen = self.live.meting, self.repository, self.screen("afronden")
        screen.export_started()

        def work() -> None:
            from services.export import export_failure, export_to_outbox

            # "Klaar" only once the bundle is in the outbox: until then the outcome is a failure.
            error: str | None = _("Het is onbekend of het dossier in de outbox staat.")
            try:
                export_to_outbox(repository, meting, self.url)
                error = None
            except BaseException as exc:  # whatever it was, the screen says it in Dutch
                error = export_failure(exc)
                if not isinstance(exc, Exception):
                    raise
            finally:
                Clock.schedule_once(lambda _dt: self._export_finished(screen, error))

        self.export_thread = threading.Thread(target=work, name="export", daemon=True)
        self.export_thread.start()

    def _export_finished(self, screen: object, error: str | None) -> None:
        """The afronden screen says how it went; the list, if the professional is there already
        (the bundle is made in the background), counts the bundle that now waits."""
        screen.export_finished(error)
        if error is None and "inwoners" in self._screens:  # a failed export added nothing to count
            self._screens["inwoners"].ids.versturen.refresh()

