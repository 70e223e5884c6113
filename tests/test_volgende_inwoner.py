"""The next inwoner of the day, in another language, after the last one's afronden screen.

A new user went from a Dutch inwoner's afronden screen to the list and began a vervolgmeting
for an Arabic inwoner: the afronden screen, following the new board, got the new language
before the new session, redrew, compared the last inwoner's meting with the new one's
previous meting and raised BoardError in a frame callback; the kiosk closed. Driven by
touches, with frames running, at two sizes."""

from __future__ import annotations

from datetime import date

import pytest

from services.inwoners import set_taal
from tests.kivy_helpers import PIN, frames, make_app_fixture, tap, type_pin, window_fixture  # noqa: F401
from tests.screen_helpers import start_visit, unlocked_app, with_afgeronde_nulmeting
from tests.test_rtl_schermen import _to_afronden

TODAY = date(2026, 3, 2)


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_an_arabic_inwoner_after_a_dutch_inwoners_afronden_screen(make_app: object, window: object,
                                                                  size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    start_visit(app)  # a Dutch inwoner's 0-meting
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.2))
    afronden = _to_afronden(app)
    tap(afronden.ids.professional)  # "Naar professional": the PIN, then the inwoner's page
    type_pin(app.screen("lock"), PIN)
    assert app.current == "inwoner"
    volgende = with_afgeronde_nulmeting(app, "T-901")
    volgende = set_taal(app.repository, volgende.id, "ar")
    app.show_inwoner(volgende)
    frames(2)
    tap(app.screen("inwoner").ids.start)  # "Vervolgmeting beginnen"
    frames(4)  # the afronden screen follows the new board after its first frame
    assert app.current == "bord"
    assert app.live.meting.inwoner_id == volgende.id
    afronden = app.screen("afronden")
    assert afronden.live is app.live and afronden.vorige is not None
    assert afronden.vorige.inwoner_id == volgende.id
