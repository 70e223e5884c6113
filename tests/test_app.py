"""The app shows a real board screen on an example meting."""

from __future__ import annotations

from tests.kivy_helpers import window_fixture  # noqa: F401


def test_the_app_builds_the_board_screen(window: object) -> None:
    from widgets.app import MagneetbordApp
    from widgets.board_screen import BoardScreen

    root = MagneetbordApp().build()
    assert isinstance(root, BoardScreen)
    assert root.live.meting.gekozen  # the example meting has bars to touch
    assert root.board.live is root.live and root.tray.board is root.board
