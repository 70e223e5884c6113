"""Typing in the doel editor, as a new user did at 800x600: the field tapped into is scrolled
whole into sight (it sat half under its column's edge), also above an on-screen keyboard (Kivy's
own, docked at the bottom of the window), and Enter in the actie's field adds the actie, as
"+ Actie" does (Enter in the doel's own text is a new line). Keys arrive as SDL2 hands them
to Kivy's window; the fields are reached by taps on what shows of them."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import button, frames, frames_until, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_checks import window_rect
from tests.screen_helpers import start_visit, unlocked_app
from tests.test_doel_editor_sizes import open_editor
from tests.test_pinpad_keyboard import ENTER, key
from widgets.toetsenbord import in_sight, keyboard_top

TODAY = date(2026, 3, 2)
SIZES = [(800, 600), (800, 1280), (1280, 800)]


def type_text(text: str) -> None:
    for char in text:
        key(ord(char.lower()) if char.isalpha() else ord(char), char)


def shown_part(field: object) -> tuple[float, float]:
    """(bottom, top) in the window of the part of ``field`` that shows (in its column's view, above a keyboard)."""
    from kivy.core.window import Window

    from widgets.toetsenbord import scroll_of

    _x, y, _w, h = window_rect(field)
    low, high = keyboard_top(), Window.height
    scroll = scroll_of(field)
    if scroll is not None:
        _sx, sy, _sw, sh = window_rect(scroll)
        low, high = max(low, sy), min(high, sy + sh)
    return max(low, y), min(high, y + h)


def tap_what_shows(field: object) -> None:
    """A finger on the part of ``field`` that shows; where none does, a finger pushes its column first."""
    from kivy.tests.common import UnitTestTouch

    low, high = shown_part(field)
    if high - low < 8:
        into_sight(field)
        low, high = shown_part(field)
    x, _y, w, _h = window_rect(field)
    touch = UnitTestTouch(x + w / 2, (low + high) / 2)
    touch.touch_down()
    touch.touch_up()
    frames(2)


@pytest.fixture
def on_screen_keyboard() -> object:
    """Kivy's own keyboard, docked at the bottom of the window (``keyboard_mode = dock`` with the
    hardware keys still working: what a kiosk without a keyboard shows)."""
    from kivy.config import Config
    from kivy.core.window import Window

    before = Config.get("kivy", "keyboard_mode")
    Config.set("kivy", "keyboard_mode", "systemanddock")
    Window.configure_keyboards()
    yield Window
    Window.release_all_keyboards()
    Config.set("kivy", "keyboard_mode", before)
    Window.configure_keyboards()
    frames(1)


def _editor_at(make_app: object, window: object, size: tuple[int, int]) -> tuple[object, object, object]:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    inwoner = start_visit(app)
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.2))
    editor = open_editor(app)
    return app, inwoner, editor


def half_under_the_edge(field: object) -> bool:
    """Scroll ``field``'s column (as a finger would) so that the field's lower half is under the
    column's bottom edge, as the new user found it; False where the column does not scroll."""
    from widgets.toetsenbord import scroll_of

    scroll = scroll_of(field)
    content = scroll.children[0]
    if content.height <= scroll.height + 1:
        return False
    field_y = field.to_window(field.x, field.y)[1] - content.to_window(content.x, content.y)[1]
    scroll.scroll_y = min(1.0, max(0.0, (field_y + field.height / 2) / (content.height - scroll.height)))
    frames(2)
    low, high = shown_part(field)
    return 8 <= high - low < field.height - 8


def _add_two_acties_by_enter(editor: object) -> bool:
    """Two acties typed and added by Enter; True when the field was found half under the edge first."""
    halved = False
    knop = button(editor.ids.wie, "Ik zelf")
    into_sight(knop)
    tap(knop)
    wat = editor.ids.wat
    for number, text in enumerate(("Post openen", "Bellen met de bank")):
        if number == 0 and half_under_the_edge(wat):
            assert not in_sight(wat)
            halved = True
        tap_what_shows(wat)
        assert wat.focus
        assert frames_until(lambda: in_sight(wat, keyboard_top()), 1.0), (window_rect(wat), keyboard_top())
        type_text(text)
        assert wat.text == text
        key(ENTER)
        frames(2)
        assert [a.wat for a in editor.acties][-1] == text  # Enter added it
        assert wat.text == "" and wat.focus  # ready for the next one
    return halved


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_enter_adds_the_actie_and_the_field_typed_into_is_in_sight(make_app: object, window: object,
                                                                   size: tuple[int, int]) -> None:
    app, inwoner, editor = _editor_at(make_app, window, size)
    tekst = editor.ids.tekst
    tap_what_shows(tekst)
    assert tekst.focus and in_sight(tekst)
    type_text("Geen schulden")
    key(ENTER)  # in the doel's text: a new line, no actie
    type_text("meer")
    assert tekst.text == "Geen schulden\nmeer" and editor.acties == []
    halved = _add_two_acties_by_enter(editor)
    assert halved or size != (800, 600)  # at 800x600 the column scrolls: the field was found half cut
    into_sight(editor.ids.save)
    tap(editor.ids.save)
    (doel,) = app.repository.current_concept(inwoner.id).doelen
    assert doel.tekst == "Geen schulden\nmeer"
    assert [a.wat for a in doel.acties] == ["Post openen", "Bellen met de bank"]


@pytest.mark.parametrize("size", [(800, 600), (800, 1280)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_above_the_on_screen_keyboard(make_app: object, window: object, on_screen_keyboard: object,
                                      size: tuple[int, int]) -> None:
    app, inwoner, editor = _editor_at(make_app, window, size)
    tap_what_shows(editor.ids.tekst)
    assert frames_until(lambda: keyboard_top() > 0, 1.0)  # the keyboard came up
    cover = keyboard_top()
    assert cover > 150  # a keyboard, not a stray strip
    assert frames_until(lambda: editor.y >= cover - 1, 1.0), (editor.y, cover)  # the dialog above it
    assert frames_until(lambda: in_sight(editor.ids.tekst, cover), 1.0)
    type_text("Rust")
    _add_two_acties_by_enter(editor)
    # The buttons of the dialog above the keyboard too: "Doel bewaren" is tapped where it shows.
    assert window_rect(editor.ids.save)[1] >= cover - 1
    tap(editor.ids.save)
    (doel,) = app.repository.current_concept(inwoner.id).doelen
    assert doel.tekst == "Rust" and len(doel.acties) == 2
