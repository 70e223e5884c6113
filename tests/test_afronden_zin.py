"""The afronden screen's sentence about the leefgebieden, for none, one and all of them: never
"Op 0 van de 1 leefgebied gaat het beter, op 1 slechter" (what it said before 2026-12-03 when
the one leefgebied went down). A vervolgmeting on the running app, the fiches slid by touch,
in Dutch and in an inwoner's own language, at two window sizes."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from board import Inwoner
from services.inwoners import set_taal
from tests.kivy_helpers import frames, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import unlocked_app
from tests.test_app import slide
from tests.test_rtl_schermen import _to_afronden

TODAY = date(2026, 6, 1)
NUL = {"geld": 0.3, "wonen": 0.6, "zingeving": 0.5}  # the 0-meting's fiches (the inwoner's)
CASES = {  # (leefgebieden of the 0-meting, where the fiches go now, taal): the sentence
    "one worse": (("geld",), {"geld": 0.1}, "nl", "Op het ene leefgebied gaat het slechter."),
    "one better": (("geld",), {"geld": 0.7}, "nl", "Op het ene leefgebied gaat het beter."),
    "none better": (tuple(NUL), {"geld": 0.3, "wonen": 0.3, "zingeving": 0.5}, "nl",
                    "Op 1 van de 3 leefgebieden gaat het slechter."),
    "all better": (tuple(NUL), {"geld": 0.6, "wonen": 0.8, "zingeving": 0.8}, "nl",
                   "Op alle 3 leefgebieden gaat het beter."),
    "all worse": (tuple(NUL), {"geld": 0.1, "wonen": 0.2, "zingeving": 0.2}, "nl",
                  "Op alle 3 leefgebieden gaat het slechter."),
    "none better, English": (tuple(NUL), {"geld": 0.1, "wonen": 0.3, "zingeving": 0.5}, "en",
                             "Things are worse on 2 of the 3 life areas."),
    "one worse, Polish": (("geld",), {"geld": 0.1}, "pl", "W jedynym obszarze jest gorzej."),
}


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("case", sorted(CASES))
def test_the_sentence_says_none_one_and_all_in_plain_words(
    make_app: object, window: object, case: str, size: tuple[int, int]
) -> None:
    gekozen, nu, taal, expected = CASES[case]
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    inwoner = Inwoner.create("T-700", "Stratum")
    app.repository.add_inwoner(inwoner)
    start = nul = app.repository.start_nulmeting(inwoner.id, date(2026, 1, 5))
    for key in gekozen:
        nul = nul.choose(key).place_fiche(key, "inwoner", NUL[key])
    app.repository.save_change(start, nul.afronden(datetime(2026, 1, 5, 11)))
    inwoner = set_taal(app.repository, inwoner.id, taal)
    app.show_inwoner(inwoner)
    frames(2)
    tap(app.screen("inwoner").ids.start)  # "Vervolgmeting beginnen"
    frames(4)
    assert app.current == "bord" and app.live.meting.gekozen == gekozen
    for key, value in nu.items():
        slide(app, key, value, value)  # the inwoner puts their fiche where it is now
    screen = _to_afronden(app)
    assert screen.zin == expected
    assert screen.ids.zin.text == expected
    assert " 0 " not in screen.zin and "van de 1 " not in screen.zin
