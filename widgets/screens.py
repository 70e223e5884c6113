"""The app's screens, each made on first use: its module (and its .kv) loads only then."""

from __future__ import annotations

from kivy.app import App
from kivy.uix.screenmanager import Screen


def make_screen(name: str, app: App) -> Screen:
    """Screen ``name`` of ``app`` (widgets.app.MagneetbordApp; typed as Kivy's App, since the
    app module imports this one)."""
    # Imported here: each screen's module (and its .kv) loads only when it is first shown.
    if name in ("account", "lock"):
        from widgets.toegang import AccountScreen, LockScreen

        return (AccountScreen if name == "account" else LockScreen)(name=name, app=app)
    if name in ("inwoners", "inwoner"):
        from widgets.inwoners import InwonerScreen, InwonersScreen

        return (InwonersScreen if name == "inwoners" else InwonerScreen)(name=name, app=app)
    if name == "bord":
        from widgets.bord import BordScreen

        return BordScreen(name=name, app=app)
    if name == "doelen":
        from widgets.doelen import DoelenScreen

        return DoelenScreen(name=name, app=app)
    if name == "afronden":
        from widgets.afronden import AfrondenScreen

        return AfrondenScreen(name=name, app=app)
    if name == "geschiedenis":
        from widgets.geschiedenis import GeschiedenisScreen

        return GeschiedenisScreen(name=name, app=app)
    if name == "monitor":
        from widgets.monitor import MonitorScreen

        return MonitorScreen(name=name, app=app)
    raise KeyError(name)

