"""Visit after visit on the board screen that is built once: the next inwoner's kaartjes are
drawn once, at the size the tray has in their visit. The panel above the tray differs from
visit to visit (a vervolgmeting shows the ghosts' legend; another language, other texts): drawn
when the session arrived, every kaartje was drawn at the last visit's size and then again (P10).
Reached as a professional does: taps on the list, the inwoner's big button, the PIN to leave."""

from __future__ import annotations

from datetime import date

import pytest

from board import Inwoner
from services.inwoners import add_inwoner
from tests.kivy_helpers import PIN, frames, make_app_fixture, tap, type_pin, window_fixture  # noqa: F401
from tests.screen_helpers import open_inwoner, unlocked_app
from widgets.tray import MORE

SIZES = [(1280, 800), (800, 600)]
NIEUW = "D-EERSTE"  # a new inwoner, Dutch: a 0-meting, no ghosts' legend
POOLS = "WT-2024-01005"  # the sample's Polish inwoner, with metingen afgerond: a vervolgmeting


def visit(app: object, dossier: str) -> None:
    """The inwoner's row in the list, then the inwoner's big button: their board."""
    open_inwoner(app, dossier)
    assert app.inwoner.dossiernummer == dossier
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord"


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_next_inwoners_kaartjes_are_drawn_once_at_their_final_size(make_app: object, window: object,
                                                                       monkeypatch: pytest.MonkeyPatch,
                                                                       size: tuple[int, int]) -> None:
    import widgets.tray

    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=6, today=lambda: date(2026, 11, 23))
    add_inwoner(app.repository, Inwoner.create(NIEUW, "Stratum"))
    visit(app, NIEUW)
    frames(2)
    screen = app.screen("bord").board_screen
    assert not screen.vervolg
    tap(app.screen("bord").ids_nav["professional"])  # back to the list: the PIN, the inwoner's page
    type_pin(app.screen("lock"), PIN)
    tap(app.screen("inwoner").ids.back)
    assert app.current == "inwoners"

    drawn: list[tuple[str, float, float]] = []
    draw_card = widgets.tray.draw_card

    def counted(leefgebied: object, rect: tuple, *args: object) -> object:
        drawn.append((leefgebied.key, rect[2], rect[3]))
        return draw_card(leefgebied, rect, *args)

    monkeypatch.setattr(widgets.tray, "draw_card", counted)
    visit(app, POOLS)  # ends with the board's first frame
    tray = app.screen("bord").board_screen.tray
    assert app.screen("bord").board_screen is screen and screen.vervolg  # the same screen, with the legend now
    assert tray.tr.code == "pl"  # a language not drawn before: no kaartje of it is kept from the last visit
    assert tray.is_drawn(), "the board's first frame does not show the inwoner's kaartjes at the tray's size"
    shown = [(c.key, c.rect[2], c.rect[3]) for c in tray.cards if c.key != MORE]
    assert shown and {key for key, _w, _h in shown} <= set(app.live.meting.niet_gekozen)
    assert sorted(drawn) == sorted(shown), (
        f"drawn {len(drawn)} times for {len(shown)} kaartjes; not at the final size: "
        f"{sorted(set(drawn) - set(shown))[:3]}")
    frames(3)
    assert len(drawn) == len(shown), "drawn again after the first frame"
