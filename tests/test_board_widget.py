"""The board widget, driven by real touches on a headless window."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from board import Meting, Perspectief
from board.weergave import BALK, FICHE_STIJL, GHOST_ALPHA
from samples.voorbeeld_bord import voorbeeld_vervolgmeting
from tests.kivy_helpers import drag, frames, show_fixture, tap, touch_down, window_fixture  # noqa: F401

INWONER = Perspectief.INWONER


def board_with(*keys: str, fiches: dict[str, float] | None = None) -> Meting:
    meting = Meting.nulmeting("test", date(2026, 3, 1))
    for key in keys:
        meting = meting.choose(key)
    for key, positie in (fiches or {}).items():
        meting = meting.place_fiche(key, INWONER, positie)
    return meting


def row(screen: object, key: str) -> object:
    return screen.board.layout.row(key)


def test_shows_the_chosen_leefgebieden_in_priority_order(show: object) -> None:
    screen, _, _ = show(board_with("geld", "wonen", "werk"))
    rows = sorted(screen.board.layout.rows, key=lambda r: -r.rect[1])
    assert [r.key for r in rows] == ["geld", "wonen", "werk"]
    assert screen.board.fiche_center("geld") is None  # no fiche placed yet: none drawn


def test_drag_from_the_sad_end_to_a_point_saves_that_point_once(show: object) -> None:
    screen, session, recorder = show(board_with("geld", "wonen"))
    geld = row(screen, "geld")
    touch = touch_down(geld.x0, geld.center_y)
    assert screen.board.fiche_center("geld") == pytest.approx((geld.x0, geld.center_y))
    for share in (0.1, 0.3, 0.5):
        x = geld.x_for(share)
        touch.touch_move(x, geld.center_y + 3)
        # The fiche is under the finger before the next frame is drawn.
        assert screen.board.fiche_center("geld")[0] == pytest.approx(x)
    target = geld.x_for(0.63)
    touch.touch_move(target, geld.center_y)
    assert recorder.commits == []  # nothing is saved while the finger moves
    touch.touch_up()
    assert len(recorder.commits) == 1
    assert session.committed.positie("geld") == pytest.approx(0.63, abs=1e-3)
    assert session.committed.positie("wonen") is None


def test_a_drag_off_the_end_of_the_bar_clamps_to_its_ends(show: object, window: object) -> None:
    screen, session, _ = show(board_with("geld", "wonen", fiches={"geld": 0.5, "wonen": 0.5}))
    geld, wonen = row(screen, "geld"), row(screen, "wonen")
    drag([(geld.x_for(0.5), geld.center_y), (geld.x_for(0.9), geld.center_y), (window.width - 1, geld.center_y + 90)])
    drag([(wonen.x_for(0.5), wonen.center_y), (wonen.x_for(0.1), wonen.center_y), (1, wonen.center_y)])
    assert session.committed.positie("geld") == 1.0
    assert session.committed.positie("wonen") == 0.0
    assert screen.board.fiche_center("geld")[0] == pytest.approx(geld.x1)


def test_two_fingers_move_two_fiches_at_the_same_time(show: object) -> None:
    screen, session, recorder = show(board_with("geld", "wonen", fiches={"geld": 0.2, "wonen": 0.8}))
    geld, wonen = row(screen, "geld"), row(screen, "wonen")
    first = touch_down(geld.x_for(0.2), geld.center_y)
    second = touch_down(wonen.x_for(0.8), wonen.center_y)
    for step in range(1, 5):
        first.touch_move(geld.x_for(0.2 + step * 0.1), geld.center_y)
        second.touch_move(wonen.x_for(0.8 - step * 0.1), wonen.center_y)
        assert screen.board.fiche_center("geld")[0] == pytest.approx(geld.x_for(0.2 + step * 0.1))
        assert screen.board.fiche_center("wonen")[0] == pytest.approx(wonen.x_for(0.8 - step * 0.1))
    first.touch_up()
    assert session.committed.positie("geld") == pytest.approx(0.6, abs=1e-3)
    assert session.committed.positie("wonen") == 0.8  # the second finger is still down
    assert screen.board.fiche_center("wonen")[0] == pytest.approx(wonen.x_for(0.4))
    second.touch_up()
    assert session.committed.positie("wonen") == pytest.approx(0.4, abs=1e-3)
    assert len(recorder.commits) == 2


def test_the_perspectief_switch_decides_whose_fiche_a_touch_places(show: object) -> None:
    screen, session, _ = show(board_with("geld", fiches={"geld": 0.2}))
    tap(screen.ids.knop_professional)
    assert screen.board.perspectief == "professional"
    geld = row(screen, "geld")
    drag([(geld.x_for(0.7), geld.center_y), (geld.x_for(0.75), geld.center_y)])
    assert session.committed.positie("geld", Perspectief.PROFESSIONAL) == pytest.approx(0.75, abs=1e-3)
    assert session.committed.positie("geld") == 0.2
    # Touching the inwoner's fiche moves that fiche, whatever the switch says.
    drag([(geld.x_for(0.2), geld.center_y), (geld.x_for(0.3), geld.center_y)])
    assert session.committed.positie("geld") == pytest.approx(0.3, abs=1e-3)
    assert session.committed.positie("geld", Perspectief.PROFESSIONAL) == pytest.approx(0.75, abs=1e-3)


def test_reorder_two_bars_by_their_handle(show: object) -> None:
    screen, session, recorder = show(board_with("geld", "wonen", "werk"))
    geld, werk = row(screen, "geld"), row(screen, "werk")
    hx = geld.handle[0] + geld.handle[2] / 2
    drag([(hx, geld.center_y), (hx, geld.center_y - 20), (hx, werk.center_y)])
    assert session.committed.gekozen == ("wonen", "werk", "geld")
    assert len(recorder.commits) == 1
    assert row(screen, "geld").rect[1] < row(screen, "werk").rect[1]  # drawn at the bottom


def test_remove_a_bar_by_dragging_it_to_the_tray_then_undo(show: object) -> None:
    screen, session, _ = show(board_with("geld", "wonen", fiches={"geld": 0.3}))
    geld, tray = row(screen, "geld"), screen.tray
    hx = geld.handle[0] + geld.handle[2] / 2
    drag([(hx, geld.center_y), (hx + 200, geld.center_y), tray.to_window(*tray.center)])
    assert session.committed.gekozen == ("wonen",)
    assert "geld" in [card.key for card in tray.cards]
    assert not screen.ids.undo.disabled
    tap(screen.ids.undo)
    assert session.committed.gekozen == ("geld", "wonen")
    assert session.committed.positie("geld") == 0.3
    assert screen.board.fiche_center("geld")[0] == pytest.approx(row(screen, "geld").x_for(0.3))
    assert "geld" not in [card.key for card in tray.cards]
    tap(screen.ids.redo)
    assert session.committed.gekozen == ("wonen",)


def test_resizing_shows_the_same_board(show: object, window: object) -> None:
    screen, _, _ = show(voorbeeld_vervolgmeting())

    def drawn() -> list[tuple[str, list[float | None]]]:
        board = screen.board
        rows = sorted(board.layout.rows, key=lambda r: -r.rect[1])
        result = []
        for r in rows:
            shares = []
            for p in Perspectief:
                center = board.fiche_center(r.key, p)
                shares.append(None if center is None else round(r.positie_at(center[0]), 6))
            result.append((r.key, shares))
        return result

    before = drawn()
    window.size = (1920, 1200)
    frames(2)
    assert screen.board.width > 1280 - 400  # it really got bigger
    assert drawn() == before


def test_a_vervolgmeting_shows_ghosts_and_arrows(show: object) -> None:
    meting = voorbeeld_vervolgmeting()
    screen, _, _ = show(meting)
    board = screen.board
    geld = row(screen, "geld")
    fiche = board.drawn_fiche("geld")
    assert fiche.vorige == meting.vorige_positie("geld") == 0.12
    assert fiche.arrow_shown
    start, _, end, _ = fiche.arrow_line.points
    ghost_x, fiche_x = geld.x_for(0.12), geld.x_for(meting.positie("geld"))
    assert start == pytest.approx(ghost_x)
    assert ghost_x < end < fiche_x  # from the ghost towards the fiche
    # On the drawn pixels: the ghost is the inwoner's colour, faint, over the bar.
    image = board.export_as_image()
    ghost = pixel(image, board, ghost_x - fiche.size * 0.2, geld.center_y)
    blue, bar = FICHE_STIJL[INWONER].kleur, BALK
    faint = [round(GHOST_ALPHA * c + (1 - GHOST_ALPHA) * b) for c, b in zip(blue, bar, strict=True)]
    assert ghost == pytest.approx(faint, abs=8)
    # Werk hardly moved: no arrow, the two fiches tell it.
    assert not board.drawn_fiche("werk").arrow_shown


def test_an_afgeronde_meting_refuses_a_touch_with_a_message(show: object) -> None:
    meting = board_with("geld", fiches={"geld": 0.5}).afronden(datetime(2026, 3, 1, 12))
    screen, session, recorder = show(meting)
    geld = row(screen, "geld")
    drag([(geld.x_for(0.5), geld.center_y), (geld.x_for(0.9), geld.center_y)])
    assert "afgerond" in screen.message
    assert session.committed.positie("geld") == 0.5
    assert screen.board.fiche_center("geld")[0] == pytest.approx(geld.x_for(0.5))
    assert recorder.commits == []


def pixel(image: object, widget: object, x: float, y: float) -> list[int]:
    """RGB of an exported widget image at window point (x, y) (its rows run top down)."""
    texture = image.texture
    data = texture.pixels
    px, py = round(x - widget.x), texture.height - 1 - round(y - widget.y)
    offset = (py * texture.width + px) * 4
    return list(data[offset : offset + 3])
