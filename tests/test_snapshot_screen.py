"""The snapshot is the board: the same meting on the screen (the window's pixels) and in the
PNG puts every fiche and every arrow at the same place, found by colour, not by asking the
geometry both share."""

from __future__ import annotations

import pytest

from board import Perspectief
from board.weergave import FICHE_STIJL
from exports.snapshot import render_board, render_snapshot, snapshot_layout
from samples import voorbeelden
from samples.voorbeeld_bord import volle_vervolgmeting, voorbeeld_vervolgmeting
from tests.kivy_helpers import frames, show_fixture, window_fixture, window_pixels  # noqa: F401
from tests.pixels import (
    Blob,
    Head,
    arrow_heads,
    blobs,
    colour_mask,
    grey_mask,
    unmatched,
    unmatched_heads,
    worst_offset,
)

TOLERANCE = 2  # px


def fiches(image: object) -> dict[str, list[Blob]]:
    return {p.value: blobs(colour_mask(image, FICHE_STIJL[p].kleur), min_area=12) for p in Perspectief}


def arrows(image: object) -> list[Head]:
    # PIJL grey (the screen draws it at 90% over the bar); nothing else on the board is that
    # neutral a grey in pieces that big (text is darker, the bar's rim lighter).
    return arrow_heads(grey_mask(image, 75, 118))


def assert_same_places(screen: object, snapshot: object) -> dict[str, float]:
    """Every fiche (its pixels' edges and centre) and every arrow (its tip and its line's
    height) within TOLERANCE px; returns the counts and the worst offset seen."""
    on_screen, in_png = fiches(screen), fiches(snapshot)
    found: dict[str, float] = {}
    for kind in on_screen:
        assert unmatched(on_screen[kind], in_png[kind], TOLERANCE) == [], f"{kind}: on screen, not in the PNG"
        assert unmatched(in_png[kind], on_screen[kind], TOLERANCE) == [], f"{kind}: in the PNG, not on screen"
        found[kind] = len(on_screen[kind])
        found[f"{kind} px"] = max(
            worst_offset(on_screen[kind], in_png[kind]), worst_offset(in_png[kind], on_screen[kind])
        )
    screen_arrows, png_arrows = arrows(screen), arrows(snapshot)
    assert unmatched_heads(screen_arrows, png_arrows, TOLERANCE) == [], "an arrow on screen, not in the PNG"
    assert unmatched_heads(png_arrows, screen_arrows, TOLERANCE) == [], "an arrow in the PNG, not on screen"
    found["pijl"] = len(screen_arrows)
    assert found["inwoner"] and found["pijl"], found  # the test looked at something
    return found


@pytest.mark.parametrize("example", [voorbeeld_vervolgmeting, volle_vervolgmeting])
def test_the_live_board_and_its_picture_agree(show: object, window: object, example: object) -> None:
    meting = example()
    screen, _, _ = show(meting)
    board = screen.board
    height = window.height
    shot = window_pixels().crop(
        (round(board.x), round(height - board.top), round(board.right), round(height - board.y))
    )
    from kivy.metrics import dp

    picture = render_board(meting, board.size, dp(1) * board.scale, live=True)
    found = assert_same_places(shot, picture)
    print(f"{example.__name__}: {found}")  # the figures for the README (pytest -s)
    assert found["pijl"] >= 4  # the example's arrows were found


def test_the_snapshot_png_is_the_read_only_board_at_the_same_size(window: object) -> None:
    from kivy.metrics import dp

    from board import BoardSession
    from widgets.board_widget import BoardWidget
    from widgets.live_session import LiveSession

    meting, inwoner = voorbeeld_vervolgmeting(), voorbeelden.inwoner()
    size = (int(window.width), int(window.height))
    layout = snapshot_layout(meting, inwoner, size)
    x, y, w, h = layout.board.area
    board = BoardWidget(
        size_hint=(None, None), pos=(x, y), size=(w, h), read_only=True, scale=layout.board.rows[0].unit / dp(1)
    )
    board.live = LiveSession(BoardSession(meting))
    window.add_widget(board)
    frames(2)
    top = round(size[1] - y - h)
    box = (round(x), top, round(x + w), round(top + h))
    assert_same_places(window_pixels().crop(box), render_snapshot(meting, inwoner, size).crop(box))


def test_a_moved_fiche_is_seen_as_a_difference(show: object, window: object) -> None:
    """The comparison can fail: the picture of another meting does not pass."""
    meting = voorbeeld_vervolgmeting()
    screen, _, _ = show(meting)
    board = screen.board
    shot = window_pixels().crop(
        (round(board.x), round(window.height - board.top), round(board.right), round(window.height - board.y))
    )
    from kivy.metrics import dp

    moved = meting.place_fiche("werk", Perspectief.INWONER, 0.6)
    with pytest.raises(AssertionError, match="inwoner"):
        assert_same_places(shot, render_board(moved, board.size, dp(1) * board.scale, live=True))


def test_a_mirrored_board_and_its_picture_agree(show: object, window: object) -> None:
    """For a right-to-left inwoner the screen and the PNG mirror alike (one geometry): every
    fiche and arrow at the same pixels, and the fiches of low positions on the right."""
    from kivy.metrics import dp

    from board.taal import vertaler

    meting = voorbeeld_vervolgmeting()
    screen, _, _ = show(meting)
    screen.tr = vertaler("ar")
    frames(3)
    board = screen.board
    assert board.layout.rows[0].mirrored
    height = window.height
    shot = window_pixels().crop(
        (round(board.x), round(height - board.top), round(board.right), round(height - board.y))
    )
    picture = render_board(meting, board.size, dp(1) * board.scale, live=True, tr=vertaler("ar"))
    found = assert_same_places(shot, picture)
    assert found["pijl"] >= 4
    plain = render_board(meting, board.size, dp(1) * board.scale, live=True)
    assert unmatched(fiches(picture)["inwoner"], fiches(plain)["inwoner"], TOLERANCE)  # it did mirror
