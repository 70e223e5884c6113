"""Setting up the app for one screen's tests: unlocked, with the sample on the tablet.

The setup goes through the app's own calls; what a test checks it does with touches."""

from __future__ import annotations

from services.demo import fill
from tests.kivy_helpers import PIN, frames


def unlocked_app(make_app: object, aantal: int = 30, **kwargs: object) -> object:
    """An app after the first account, with ``aantal`` sample inwoners, at the list."""
    app = make_app(**kwargs)
    app.create_account("Sanne de Vries", PIN, PIN)
    if aantal:
        fill(app.repository, aantal=aantal)
    app.show_list()
    frames(2)
    return app


def modal(app: object, name: str) -> object:
    """The open modal view of that class (a form or a question over the screen)."""
    return next(w for w in app.manager.get_root_window().children if type(w).__name__ == name)
