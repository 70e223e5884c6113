"""One ordered storage worker: the kiosk's writes on a visit's path, off the UI thread (P10).

Disk I/O does not belong on the UI thread (a commit waits for an fsync: ``synchronous=FULL``,
``storage.engine``). The tap that opens an inwoner's screen or board queues its writes (the
NEN 7513 'geopend' entry, the new meting) here and shows the screen at once; the reads a visit
needs are made ready here too, while the list shows (``storage.ready``).

The order is the promise: jobs run one after the other, in the order they were queued, on one
thread. Every other use of the repository (a read or a write on the UI thread, the export's
thread) first waits until the queue is empty (``Repository._settle``), so nothing the user
does is stored before what was queued before it (a fiche move before its meting), and nothing
reads a state that a queued write is about to change. A job that fails (a full disk, a damaged
file) stops the queue: the jobs queued after it are dropped (they belong to the failed one:
a meting after its 'geopend' entry), every later write is refused with the same Dutch message
until the app has shown it (``resume``), and ``on_failure`` is told from the worker's thread.

Connections: the worker checks a connection out of the repository's engine for each job, as
every thread does (SQLAlchemy's pool hands one connection to one checkout at a time; the
connections are opened with ``check_same_thread=False``, ``storage.engine.connect_sqlite``;
SQLite and SQLCipher are built serialized). Since every other thread waits for the queue, no
two threads use the database at once on the kiosk's path.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable

from board.i18n import _
from board.redenen import technical
from storage.errors import StorageError

log = logging.getLogger(__name__)  # error codes only

Job = Callable[[], None]


class OrderedWriter:
    def __init__(self, on_failure: Callable[[StorageError], None]) -> None:
        self._on_failure = on_failure
        self._jobs: deque[Job] = deque()
        self._busy = False  # a job is running
        self._held = False  # the UI is drawing the screen a tap asked for: jobs wait (``hold``)
        self._failed: StorageError | None = None
        self._closed = False
        self._cond = threading.Condition()
        self.thread = threading.Thread(target=self._run, name="storage-writer", daemon=True)
        self.thread.start()

    def submit(self, job: Job) -> None:
        """Queue ``job``; it runs after everything queued before it. Refused (the failure's
        ``StorageError``) while a failure is not yet shown."""
        with self._cond:
            if self._failed is not None:
                raise self._failed
            if self._closed:
                raise RuntimeError("the storage writer is closed")
            self._jobs.append(job)
            self._cond.notify_all()

    def hold(self) -> None:
        """Start no job until ``release`` (or ``wait``): the screen a tap asked for is being
        drawn, and the worker's Python would take turns with it (one interpreter lock). The
        app releases it in the frame that shows the screen; a job already running goes on."""
        with self._cond:
            self._held = True

    def release(self) -> None:
        with self._cond:
            self._held = False
            self._cond.notify_all()

    def on_worker(self) -> bool:
        return threading.current_thread() is self.thread

    def wait(self) -> StorageError | None:
        """Until every queued job has run (at once when none is queued); the failure that
        stopped the queue, if any and not yet ``resume``d."""
        with self._cond:
            self._held = False
            self._cond.notify_all()
            while self._jobs or self._busy:
                self._cond.wait()
            return self._failed

    @property
    def failed(self) -> StorageError | None:
        return self._failed

    def resume(self) -> None:
        """The app has shown the failure and is back on a safe screen: writes are taken again."""
        with self._cond:
            self._failed = None

    def close(self) -> None:
        """Run what is queued, then stop the thread."""
        with self._cond:
            self._closed = True
            self._held = False
            self._cond.notify_all()
        self.thread.join()

    def _run(self) -> None:
        while True:
            with self._cond:
                while not self._closed and (not self._jobs or self._held):
                    self._cond.wait()
                if not self._jobs:
                    return
                job = self._jobs.popleft()
                self._busy = True
            error: StorageError | None = None
            try:
                if self._failed is None:  # after a failure the rest of the queue is dropped
                    job()
            except StorageError as exc:
                error = exc
            except Exception as exc:  # whatever it was, nothing after it may be stored
                log.warning("queued write failed (%s)", technical(exc))
                error = StorageError(_("Opslaan is niet gelukt. Er is niets veranderd; probeer het opnieuw."))
            with self._cond:
                if error is not None:
                    self._failed = error
                    self._jobs.clear()
                self._busy = False
                self._cond.notify_all()
            if error is not None:
                self._on_failure(error)


class QueuedWrites:
    """The repository's side of the worker (mixed into ``storage.repository.Repository``,
    whose ``__init__`` sets ``_writer`` to None)."""

    _writer: OrderedWriter | None

    def queue_writes(self, on_failure: Callable[[StorageError], None]) -> None:
        """From now on the visit's writes ('geopend', a new meting) and ``prepare``'s reads run
        on one ordered storage worker (``storage.writer``); everything else waits for it
        first. ``on_failure`` is told (from the worker's thread) when a queued write failed."""
        if self._writer is None:
            self._writer = OrderedWriter(on_failure)

    def hold_writes(self, held: bool = True) -> None:
        """The storage worker starts no job while ``held`` (``OrderedWriter.hold``)."""
        if self._writer is not None:
            (self._writer.hold if held else self._writer.release)()

    def resume_writes(self) -> None:
        """A queued write's failure was shown: writes are taken again."""
        if self._writer is not None:
            self._writer.resume()

    def settle(self) -> StorageError | None:
        """Wait until every queued job has run; the failure that stopped the queue, if any.
        Every read and write waits so (not the worker itself): nothing overtakes the queue."""
        if self._writer is None or self._writer.on_worker():
            return None
        return self._writer.wait()
