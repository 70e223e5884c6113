"""A meting taken up months later whose next meting was planned on a day now past: the
afronden screen says so on its date line, afronden refuses with the reason (with whatever else
is missing), + plans it from today, and then afronden goes through. By touches, at two sizes
(an outside walk saw the past date proposed without a word and printed on the koelkastblad)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from board import Inwoner, Meting
from tests.kivy_helpers import frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import unlocked_app

SIZES = [(800, 600), (1280, 800)]
TODAY = date(2026, 12, 4)
PLANNED = date(2026, 2, 9)  # chosen at the visit of 13 August 2025, never afgerond


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_next_meting_planned_on_a_past_day_is_chosen_again_before_afronden(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    inwoner = Inwoner.create("D-LAAT", "Stratum")
    app.repository.add_inwoner(inwoner)
    nul = Meting.nulmeting(inwoner.id, date(2025, 3, 3)).choose("geld").place_fiche("geld", "inwoner", 0.3)
    nul = nul.afronden(datetime(2025, 3, 3, 11))
    app.repository.add_meting(nul)
    open_meting = nul.vervolg(date(2025, 8, 13)).place_fiche("geld", "inwoner", 0.5).set_volgende_meting(PLANNED)
    app.repository.add_meting(open_meting)
    app.show_inwoner(inwoner)
    frames(2)
    tap(app.screen("inwoner").ids.start)  # "Verder met de meting"
    assert app.current == "bord" and app.live.meting.id == open_meting.id
    app.show_meting_step("afronden")
    frames(2)
    afronden = app.screen("afronden")
    assert afronden.ids.volgende.text == "9 februari 2026: die dag is voorbij"
    into_sight(afronden.ids.afronden)
    tap(afronden.ids.afronden)
    frames(2)
    assert "De volgende meting staat op een dag die voorbij is" in afronden.ids.melding_text.text
    assert not app.live.meting.afgerond
    into_sight(afronden.ids.plus)
    tap(afronden.ids.plus)  # planned from today: a month on
    frames(2)
    assert app.live.meting.volgende_meting == date(2027, 1, 4)
    assert afronden.ids.volgende.text == "over 1 maand: 4 januari 2027"
    assert afronden.melding == ""  # the reason is gone once the date is chosen again
    into_sight(afronden.ids.afronden)
    tap(afronden.ids.afronden)
    vraag = [w for w in app.manager.get_root_window().children if type(w).__name__ == "AfrondenVraag"]
    assert vraag, "afronden now asks its question"
