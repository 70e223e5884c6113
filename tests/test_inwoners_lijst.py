"""What the list of inwoners says of each, at 800x600, 800x1280 and 1280x800: the inwoner's
language in its own script and "meting niet af" while a meting waits to be finished (a new user
could not see either). Reached as a professional does: a visit started by taps, the language
chosen by the inwoner, back to the list with the PIN."""

from __future__ import annotations

from datetime import date

import pytest

from board.taal import taal
from samples.voorbeeld import voorbeeld
from tests.kivy_helpers import PIN, choose_taal, frames, into_sight, make_app_fixture, tap, type_pin, window_fixture  # noqa: F401
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
