"""A board being filled in: the current meting, undo and redo, and live gestures.

Every committed operation is one undo step and is handed to ``on_commit`` (storage saves
it at once). A gesture (a finger dragging a fiche or a bar) changes what the board shows
while the finger moves, without an undo step and without saving; only its end commits.
Several gestures can be live at once: two fingers, two fiches.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from board.errors import BoardError, melding
from board.meting import Meting

Operation = Callable[[Meting], Meting]
CommitListener = Callable[[Meting, Meting], None]  # (before, after)

MAX_UNDO = 200


class BoardSession:
    def __init__(self, meting: Meting, on_commit: CommitListener | None = None) -> None:
        self._committed = meting
        self._shown = meting
        self._gestures: dict[Hashable, Operation] = {}
        self._undo: list[Meting] = []
        self._redo: list[Meting] = []
        self.on_commit = on_commit

    @property
    def meting(self) -> Meting:
        """What the board shows: the committed meting with the live gestures on top."""
        return self._shown

    @property
    def committed(self) -> Meting:
        """What has been committed (and saved): the meting without live gestures."""
        return self._committed

    @property
    def can_undo(self) -> bool:
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        return bool(self._redo)

    def apply(self, operation: Operation) -> Meting:
        """Commit one operation: it becomes one undo step and is saved."""
        before = self._committed
        after = operation(before)
        if after == before:
            return self._shown
        self._commit(before, after)
        self._undo.append(before)
        del self._undo[:-MAX_UNDO]
        self._redo.clear()
        return self._shown

    def undo(self) -> Meting:
        if not self._undo:
            raise BoardError(melding("Er is niets om ongedaan te maken."))
        before = self._committed
        self._commit(before, self._undo.pop())
        self._redo.append(before)
        return self._shown

    def redo(self) -> Meting:
        if not self._redo:
            raise BoardError(melding("Er is niets om opnieuw te doen."))
        before = self._committed
        self._commit(before, self._redo.pop())
        self._undo.append(before)
        return self._shown

    # ----- gestures ---------------------------------------------------------------

    def preview(self, gesture: Hashable, operation: Operation) -> Meting:
        """Show ``operation`` for a live gesture, replacing that gesture's previous one.
        Nothing is committed or saved. An invalid operation raises and shows nothing new."""
        others = self._shown_with(exclude=gesture)
        shown = operation(others)
        self._gestures[gesture] = operation
        self._shown = shown
        return shown

    def finish(self, gesture: Hashable) -> Meting:
        """The finger is lifted: the gesture's last operation is committed as one step."""
        operation = self._gestures.pop(gesture, None)
        if operation is None:
            return self._shown
        try:
            return self.apply(operation)
        finally:
            self._shown = self._shown_with()

    def cancel(self, gesture: Hashable) -> Meting:
        self._gestures.pop(gesture, None)
        self._shown = self._shown_with()
        return self._shown

    @property
    def live_gestures(self) -> tuple[Hashable, ...]:
        return tuple(self._gestures)

    # ----- internals --------------------------------------------------------------

    def _commit(self, before: Meting, after: Meting) -> None:
        if self.on_commit is not None:
            self.on_commit(before, after)  # raises if it could not be saved: nothing changes
        self._committed = after
        self._shown = self._shown_with()

    def _shown_with(self, exclude: Hashable = None) -> Meting:
        meting = self._committed
        for gesture, operation in list(self._gestures.items()):
            if gesture == exclude:
                continue
            try:
                meting = operation(meting)
            except BoardError:
                # The committed state moved under this gesture (e.g. its bar was
                # removed by undo): the gesture is dropped rather than shown wrong.
                del self._gestures[gesture]
        return meting
