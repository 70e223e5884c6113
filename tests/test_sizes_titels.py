"""An inwoner's title, in the top bar and on the page, at 800x600, 800x1280 and 1280x800, reached
by a tap on the row in the list (a new user at 800x600 saw "WT-2024-01003 · L. · Woensel-Noord"
cut in the top bar): every line of it shows, no word is broken, and it is never smaller than
MIN_TEXT; a 40-character dossiernummer too."""

from __future__ import annotations

import pytest

from board import Inwoner
from board.passen import MIN_TEXT
from tests.kivy_helpers import frames, make_app_fixture, window_fixture  # noqa: F401
from tests.screen_checks import words_broken
from tests.screen_helpers import open_inwoner, unlocked_app
from tests.test_doel_editor_sizes import lines_cut

SIZES = [(800, 600), (800, 1280), (1280, 800)]
DOSSIERS = [("WT-2024-01003", "L.", "Woensel-Noord"), ("WT-2026-LANG-DOSSIERNUMMER-0123456789ABC", "L.", "Strijp")]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_inwoners_title_fits_the_top_bar_and_the_page(make_app: object, window: object,
                                                         size: tuple[int, int]) -> None:
    from kivy.metrics import dp

    assert len(DOSSIERS[1][0]) == 40
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0)
    for dossier, initialen, wijk in DOSSIERS:
        app.repository.add_inwoner(Inwoner.create(dossier, wijk, initialen))
    for dossier, _initialen, wijk in DOSSIERS:
        screen = open_inwoner(app, dossier)
        for label in (screen.ids.title, screen.ids.page_title):
            assert dossier in label.text and wijk in label.text
            assert label.font_size >= dp(MIN_TEXT) - 0.01, (label.text, label.font_size)
            assert lines_cut(label) is None, lines_cut(label)
            assert label.texture_size[0] <= label.width + 1 and label.texture_size[1] <= label.height + 1
        assert words_broken(screen) == []
        bar = screen.ids.title
        assert bar.to_window(*bar.pos)[0] >= 0 and bar.to_window(bar.right, 0)[0] <= window.width
        if len(dossier) < 20:  # a usual dossiernummer keeps a big title on the page
            assert screen.ids.page_title.font_size >= dp(24)
