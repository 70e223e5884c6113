"""The kiosk's crash reports (``services.crash``): every uncaught exception is reported, also
one raised in Kivy's event loop (a frame callback, a touch, a clock event), which Kivy hands
to its ``ExceptionManager`` before it stops the app; and what was not yet saved at that moment.
"""

from __future__ import annotations

from services import crash

__all__ = ["watch"]


class _Report:
    """A handler of Kivy's ``ExceptionManager`` (``kivy.base.ExceptionHandler``'s one method):
    report, then let Kivy stop the app as it would (RAISE): the process ends with exit 1."""

    def handle_exception(self, exception: BaseException) -> int:
        from kivy.base import ExceptionManager

        if not isinstance(exception, KeyboardInterrupt | SystemExit):
            crash.record(exception, "de app (Kivy)")
        return ExceptionManager.RAISE


_HANDLER = _Report()


def watch() -> None:
    """From here on every uncaught exception of the kiosk is reported. Called after the Kivy
    settings are made (``kiosk.prepare``): this loads Kivy's event loop, not yet its window."""
    from kivy.base import ExceptionManager

    crash.install(unsaved)
    if _HANDLER not in ExceptionManager.handlers:
        ExceptionManager.add_handler(_HANDLER)


def unsaved() -> str:
    """What was not yet saved: ``crash.INVOER`` while a dialog with a text field (a doel, a new
    inwoner) or the first account is open; ``crash.EXPORT`` while an afgeronde meting's bundle
    is being made; else ``crash.BEWAARD`` (every change on the board is saved as it is made)."""
    from kivy.app import App
    from kivy.base import EventLoop
    from kivy.uix.modalview import ModalView
    from kivy.uix.textinput import TextInput

    app = App.get_running_app()
    window = EventLoop.window
    if app is None or window is None:
        return crash.BEWAARD
    for view in window.children:
        if isinstance(view, ModalView) and any(isinstance(w, TextInput) for w in view.walk(restrict=True)):
            return crash.INVOER
    manager = getattr(app, "manager", None)
    if manager is not None and manager.current == "account":
        return crash.INVOER
    thread = getattr(app, "export_thread", None)
    if thread is not None and thread.is_alive():
        return crash.EXPORT
    return crash.BEWAARD
