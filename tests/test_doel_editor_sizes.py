"""The doel editor at 800x600, 800x1280 and 1280x800, driven by touches (found by a new user at
800x600: the "Wanneer?" date was cut to "maanden: 2", the "Wie doet wat?" heading sat above the
dialog and added acties were out of sight). Every label inside the dialog shows all its lines
inside the dialog (inside its column where that scrolls), and an actie just added is in sight.

Every loop here is bounded (a range or ``frames_until``'s deadline): an earlier attempt hung
tapping for a choice it never reached."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import (  # noqa: F401
    button,
    frames,
    frames_until,
    into_sight,
    make_app_fixture,
    tap,
    window_fixture,
)
from tests.screen_checks import covered, overflowing, small_targets, window_rect
from tests.screen_helpers import modal, panel_with, start_visit, unlocked_app

TODAY = date(2026, 3, 2)
SIZES = [(800, 600), (800, 1280), (1280, 800)]
ACTIES = [
    ("Het wijkteam", "Samen een budgetplan maken met de bewindvoerder"),
    ("Ik zelf", "Elke maandag de post openen"),
    ("Familie of vrienden", "Mijn zus belt op vrijdag of het gelukt is"),
    ("Een zorgverlener", "Schuldhulp aanvragen"),
]


def scroll_of(widget: object) -> object | None:
    from kivy.uix.scrollview import ScrollView

    parent = widget.parent
    for _level in range(40):  # bounded: a widget tree is never this deep here
        if parent is None or isinstance(parent, ScrollView):
            return parent
        parent = parent.parent
    return None


def inside(inner: tuple, outer: tuple) -> bool:
    return (inner[0] >= outer[0] - 1 and inner[1] >= outer[1] - 1
            and inner[0] + inner[2] <= outer[0] + outer[2] + 1 and inner[1] + inner[3] <= outer[1] + outer[3] + 1)


def lines_cut(label: object) -> str | None:
    """The label's whole text, wrapped at its width, takes more lines than the label has room
    for: lines are lost (Kivy draws only the lines that fit a label whose text_size is its
    size; one line it always draws, whatever the font's line gap)."""
    from kivy.core.text import Label as CoreLabel

    def height(text: str, width: float | None) -> float:
        core = CoreLabel(text=text, font_size=label.font_size, font_name=label.font_name,
                         text_size=(width, None), halign=label.halign, padding=label.padding)
        core.refresh()
        return core.texture.size[1]

    needed, one = height(label.text, label.text_size[0] or label.width), height("Hg", None)
    lines = round(needed / one)
    if lines <= 1 or needed <= label.height + 1:
        return None
    return f"{label.text[:40]!r}: {lines} lines need {needed:.0f} px, has {label.height:.0f}"


def labels_of(root: object) -> list[object]:
    from kivy.uix.label import Label

    return [w for w in root.walk(restrict=True)
            if isinstance(w, Label) and w.text.strip() and w.opacity > 0 and w.width > 0 and w.height > 0]


def check_every_label(editor: object) -> list[str]:
    """Each label scrolled into sight (where its column scrolls), then: all its lines are drawn,
    and it lies inside the white dialog and inside the part of its column that shows."""
    box = window_rect(editor.children[0])
    problems = []
    for label in labels_of(editor):
        scroll = scroll_of(label)
        if scroll is not None:
            into_sight(label)
        rect = window_rect(label)
        where = f"{label.text[:40]!r} at {tuple(round(v) for v in rect)}"
        if not inside(rect, box):
            problems.append(f"{where} outside the dialog {tuple(round(v) for v in box)}")
        if scroll is not None and not inside(rect, window_rect(scroll)):
            problems.append(f"{where} outside its column's view")
        cut = lines_cut(label)
        if cut:
            problems.append(cut)
    return problems


def open_editor(app: object) -> object:
    tap(app.screen("bord").ids_nav["doelen"])
    assert app.current == "doelen"
    plus = button(panel_with(app.screen("doelen"), "Geld"), "+ Doel")
    into_sight(plus)
    tap(plus)
    frames(2)
    return modal(app, "DoelEditor")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_label_of_the_doel_editor_shows_and_a_new_actie_is_in_sight(
    make_app: object, size: tuple[int, int]
) -> None:
    from kivy.core.window import Window

    Window.size = size
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    inwoner = start_visit(app)
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.2))
    editor = open_editor(app)
    editor.ids.tekst.text = "Ik wil mijn rekeningen op tijd betalen en geen aanmaningen meer krijgen."
    tap(editor.ids.minus)  # two months: "over 2 maanden: 2 mei 2026", the line that was cut
    frames(2)
    wanneer = editor.ids.wanneer
    assert wanneer.text == "over 2 maanden: 2\u00a0mei\u00a02026"  # the date itself never breaks
    # The date is whole and in sight without scrolling, at every size.
    assert lines_cut(wanneer) is None and inside(window_rect(wanneer), window_rect(editor.ids.links))
    assert check_every_label(editor) == []
    assert overflowing(editor) == [] and small_targets(editor) == [] and covered(editor) == []
    titel = editor.ids.wie_titel
    into_sight(titel)
    assert inside(window_rect(titel), window_rect(editor.children[0]))  # "Wie doet wat?" in the dialog

    for wie, wat in ACTIES:  # bounded: four acties, each tapped once
        knop = button(editor.ids.wie, wie)
        into_sight(knop)
        tap(knop)
        assert knop.selected, wie  # the tap reached the choice
        editor.ids.wat.text = wat
        into_sight(editor.ids.add_actie)
        tap(editor.ids.add_actie)
        newest = editor.ids.acties.children[0]  # the row just added
        assert wat in newest.children[-1].text
        # In sight by itself, within a second of real frames: the column scrolled to it.
        assert frames_until(lambda n=newest: inside(window_rect(n), window_rect(editor.ids.rechts)), 1.0), (
            wat, window_rect(newest), window_rect(editor.ids.rechts))
        assert lines_cut(newest.children[-1]) is None
    assert check_every_label(editor) == []
    into_sight(editor.ids.save)
    tap(editor.ids.save)
    stored = app.repository.current_concept(inwoner.id)
    (doel,) = stored.doelen
    assert [a.wat for a in doel.acties] == [wat for _wie, wat in ACTIES]
    assert doel.streefdatum == date(2026, 5, 2)
