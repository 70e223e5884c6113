"""A Kivy-observable view of a ``board.BoardSession``.

Widgets call the session only through this object, so that every change (a commit, a
live gesture, undo) updates ``meting`` at once and every widget that shows it redraws in
the same frame. A ``UserError`` (refused by board/, or a save that failed) becomes the
``on_error`` event with the error itself (the board says it in the inwoner's language where
it can, ``UserError.in_taal``) and goes on, nothing changed.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable

from kivy.event import EventDispatcher
from kivy.properties import BooleanProperty, ObjectProperty

from board import BoardSession, Meting, UserError

Operation = Callable[[Meting], Meting]


def _same(a: object, b: object) -> bool:
    # Metingen are immutable: identity is enough and avoids comparing every fiche.
    return a is b


class LiveSession(EventDispatcher):
    """``meting`` is what the board shows (``session.meting``); bind to it to redraw."""

    meting = ObjectProperty(None, comparator=_same)
    can_undo = BooleanProperty(False)
    can_redo = BooleanProperty(False)

    __events__ = ("on_error",)

    def __init__(self, session: BoardSession, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.session = session
        self._refresh()

    def apply(self, operation: Operation) -> bool:
        """Commit one operation (one undo step, saved by ``session.on_commit``)."""
        return self._call(lambda: self.session.apply(operation))

    def preview(self, gesture: Hashable, operation: Operation) -> bool:
        """Show a live gesture's operation; nothing is committed or saved."""
        return self._call(lambda: self.session.preview(gesture, operation))

    def finish(self, gesture: Hashable) -> bool:
        return self._call(lambda: self.session.finish(gesture))

    def cancel(self, gesture: Hashable) -> bool:
        return self._call(lambda: self.session.cancel(gesture))

    def undo(self) -> bool:
        return self._call(self.session.undo)

    def redo(self) -> bool:
        return self._call(self.session.redo)

    def is_live(self, gesture: Hashable) -> bool:
        return gesture in self.session.live_gestures

    def on_error(self, error: UserError) -> None:
        """Default handler: nothing. The board screen shows the message."""

    def _call(self, call: Callable[[], object]) -> bool:
        try:
            call()
        except UserError as exc:
            self.dispatch("on_error", exc)
            return False
        finally:
            self._refresh()
        return True

    def _refresh(self) -> None:
        self.meting = self.session.meting
        self.can_undo = self.session.can_undo
        self.can_redo = self.session.can_redo
