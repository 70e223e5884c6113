"""What the list of inwoners says of each, at 800x600, 800x1280 and 1280x800: the inwoner's
language in its own script and "meting niet af" while a meting waits to be finished (a new user
could not see either). Reached as a professional does: a visit started by taps, the language
chosen by the inwoner, back to the list with the PIN. A tap on the list reaches the labels of
the row it lands on only (Kivy hands a touch to every child: each tap went to every row's labels)."""

from __future__ import annotations

from datetime import date

import pytest

from board.taal import taal
from samples.voorbeeld import voorbeeld
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    choose_taal,
    drag,
    frames,
    into_sight,
    make_app_fixture,
    run_clock,
    tap,
    type_pin,
    window_fixture,
)
from tests.screen_checks import crowded_lists, small_targets, words_broken
from tests.screen_helpers import unlocked_app
from widgets.textures import rtl_text

SIZES = [(800, 600), (800, 1280), (1280, 800)]


def rows(app: object) -> dict[str, object]:
    return {r.dossier: r for r in app.screen("inwoners").ids.rows.children}


def shown_whole(label: object) -> bool:
    """The label's text drawn whole (not shortened with an ellipsis, not cut)."""
    from kivy.core.text import Label as CoreLabel

    if not label.text:
        return True
    wide = CoreLabel(font_size=label.font_size, font_name=label.font_name).get_extents(label.text)[0]
    return wide <= label.width + 1 and label.texture_size[0] <= label.width + 1


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_list_shows_each_inwoners_language_and_an_unfinished_meting(make_app: object, window: object,
                                                                       size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, today=lambda: date(2026, 11, 23))  # the demo's 30: all 7 languages
    sample = voorbeeld()
    niet_af = {i.dossiernummer for i, history in sample if any(not m.afgerond for m in history)}
    shown = rows(app)
    assert set(shown) == {i.dossiernummer for i, _h in sample}
    for inwoner, _history in sample:
        rij = shown[inwoner.dossiernummer]
        assert rij.ids.taal.text == rtl_text(taal(inwoner.taal).naam, None, rij.ids.taal.font_name,
                                             rij.ids.taal.font_size)
        assert (rij.ids.niet_af.text == "meting niet af") == (inwoner.dossiernummer in niet_af)
    screen = app.screen("inwoners")
    for rij in list(screen.ids.rows.children)[-6:]:  # the rows in sight at the top
        assert shown_whole(rij.ids.taal) and shown_whole(rij.ids.niet_af), (rij.dossier, rij.ids.niet_af.width)
    assert words_broken(screen) == [] and small_targets(screen) == [] and crowded_lists(screen) == []

    # A new inwoner: no meting yet; a visit started by taps, the inwoner chooses Українська.
    screen.ids.search.text = "D-LIJST"
    form = screen.new_inwoner()
    form.ids.dossier.text, form.ids.wijk.text = "D-LIJST", "Stratum"
    tap(form.ids.save)
    assert app.current == "inwoner"
    tap(app.screen("inwoner").ids.back)
    frames(2)
    rij = rows(app)["D-LIJST"]
    assert rij.ids.taal.text == "Nederlands" and rij.ids.niet_af.text == ""
    tap(rij)
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord"
    choose_taal(app, "uk")
    app.ask_pin_to_leave()
    type_pin(app.screen("lock"), PIN)
    app.show_list()
    frames(2)
    rij = rows(app)["D-LIJST"]
    assert rij.ids.taal.text == "Українська" and rij.ids.niet_af.text == "meting niet af"
    assert shown_whole(rij.ids.taal) and shown_whole(rij.ids.niet_af)


def labels_of(rij: object) -> set[object]:
    from kivy.uix.label import Label

    return {w for w in rij.walk(restrict=True) if isinstance(w, Label)}


def touches_on_labels(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, object]]:
    """Every label a touch is handed to from now on: (``"down"`` or ``"up"``, the label)."""
    from kivy.uix.label import Label

    reached: list[tuple[str, object]] = []
    for event in ("down", "up"):
        real = getattr(Label, f"on_touch_{event}")

        def recorded(label: Label, touch: object, event: str = event, real: object = real) -> bool:
            reached.append((event, label))
            return real(label, touch)

        monkeypatch.setattr(Label, f"on_touch_{event}", recorded)
    return reached


def test_a_tap_on_a_row_reaches_only_that_rows_labels_and_opens_that_inwoner(
        make_app: object, monkeypatch: pytest.MonkeyPatch) -> None:
    app = unlocked_app(make_app, aantal=6, today=lambda: date(2026, 11, 23))
    shown = list(reversed(app.screen("inwoners").ids.rows.children))  # top first
    tapped = shown[2]  # rows above it and below it
    reached = touches_on_labels(monkeypatch)
    tap(tapped)
    run_clock(0.5)  # Kivy's ScrollView ends a tap on its rows 0.2 s after the finger is lifted
    others = set().union(*(labels_of(r) for r in shown if r is not tapped))
    strays = [(event, label.text) for event, label in reached if label in others]
    assert strays == [], f"the tap was handed to {len(strays)} labels of other rows: {strays[:3]}"
    assert {event for event, label in reached if label in labels_of(tapped)} == {"down", "up"}
    assert app.current == "inwoner" and app.inwoner.dossiernummer == tapped.dossier
    assert app.screen("inwoner").title.startswith(tapped.dossier)


def test_a_tap_between_rows_or_below_them_opens_nothing(make_app: object, monkeypatch: pytest.MonkeyPatch) -> None:
    app = unlocked_app(make_app, aantal=6, today=lambda: date(2026, 11, 23))
    rijen = list(reversed(app.screen("inwoners").ids.rows.children))  # top first
    frames(1)
    x, top = rijen[1].to_window(rijen[1].center_x, rijen[1].y)
    _x, bottom = rijen[2].to_window(rijen[2].center_x, rijen[2].top)
    _x, last = rijen[-1].to_window(rijen[-1].center_x, rijen[-1].y)
    lijst = app.screen("inwoners").ids.rows.parent  # the ScrollView: the empty room below the rows is its own
    _x, end = lijst.to_window(lijst.x, lijst.y)
    assert top - bottom >= 4 and last - end >= 8, "no gap between the rows, or no room below them"
    reached = touches_on_labels(monkeypatch)
    for y in ((top + bottom) / 2, (last + end) / 2):
        drag([(x, y)])
        run_clock(0.5)
    rij_labels = set().union(*(labels_of(r) for r in rijen))
    strays = [(event, label.text) for event, label in reached if label in rij_labels]
    assert strays == [], f"the taps were handed to {len(strays)} labels of the rows: {strays[:3]}"
    assert app.current == "inwoners" and all(r.state == "normal" for r in rijen)
