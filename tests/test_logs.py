"""No personal data in any log at any level: a visit typed on the keyboard, with Kivy's logger
and Python's root logger at their lowest level, leaves no initials, dossier number or doel
text in anything logged."""

from __future__ import annotations

import logging

import pytest

from tests.kivy_helpers import PIN, button, frames, make_app_fixture, tap, type_pin, window_fixture  # noqa: F401
from tests.traces import DOEL, DOSSIER, INITIALEN

WIJK = "Tongelre"


class Everything(logging.Handler):
    def __init__(self) -> None:
        super().__init__(level=1)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.name} {record.levelname} {record.getMessage()} {record.args!r} {record.exc_text}")


def type_text(window: object, field: object, text: str) -> None:
    """Tap the field and type, the way SDL2 delivers it: a key down, then the text."""
    tap(field)
    for char in text:
        code = ord(char.lower()) if char.isascii() else 0
        window.dispatch("on_key_down", code, 0, char, [])
        window.dispatch("on_textinput", char)
        window.dispatch("on_key_up", code, 0)
    frames(1)


@pytest.fixture
def logged() -> Everything:
    from kivy.logger import LOG_LEVELS, Logger

    handler = Everything()
    root = logging.getLogger()
    old = (Logger.level, root.level)
    Logger.setLevel(LOG_LEVELS["trace"])
    root.setLevel(1)
    Logger.addHandler(handler)
    root.addHandler(handler)
    try:
        yield handler
    finally:
        Logger.removeHandler(handler)
        root.removeHandler(handler)
        Logger.setLevel(old[0])
        root.setLevel(old[1])


def test_a_typed_visit_leaves_nothing_personal_in_any_log(make_app: object, window: object, logged: Everything) -> None:
    app = make_app()
    account = app.screen("account")
    type_text(window, account.ids.naam, "Sanne de Vries")
    type_pin(account, PIN)
    type_pin(account, PIN)
    assert app.current == "inwoners"
    tap(app.screen("inwoners").ids.new)
    form = next(w for w in window.children if type(w).__name__ == "NieuweInwonerView")
    type_text(window, form.ids.dossier, DOSSIER)
    type_text(window, form.ids.wijk, WIJK)
    type_text(window, form.ids.initialen, INITIALEN)
    tap(form.ids.save)
    frames(1)
    assert app.current == "inwoner"
    tap(app.screen("inwoner").ids.start)
    app.live.apply(lambda m: m.choose("geld"))
    tap(app.screen("bord").ids_nav["doelen"])
    doelen = app.screen("doelen")
    panel = next(p for p in doelen.ids.content.children
                 if any(getattr(w, "text", None) == "Geld" for w in p.walk(restrict=True)))  # fmt: skip
    tap(button(panel, "+ Doel"))
    frames(1)
    editor = next(w for w in window.children if type(w).__name__ == "DoelEditor")
    type_text(window, editor.ids.tekst, DOEL)
    tap(editor.ids.save)
    frames(2)
    assert [d.tekst for d in app.live.meting.doelen] == [DOEL]
    assert logged.lines, "logging was on"
    text = "\n".join(logged.lines)
    found = [needle for needle in (DOSSIER, INITIALEN, DOEL, "Sanne de Vries") if needle in text]
    assert found == [], [line for line in logged.lines if any(n in line for n in found)][:5]
