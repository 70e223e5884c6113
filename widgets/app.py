"""The Kivy application object."""

from __future__ import annotations

from kivy.app import App
from kivy.core.window import Window

from board import BoardSession
from board.voorbeeld_bord import voorbeeld_nulmeting
from widgets.board_screen import BoardScreen, build_board_screen


class MagneetbordApp(App):
    title = "Magneetbord"

    def build(self) -> BoardScreen:
        # No storage yet: an example 0-meting in memory. The lead wires storage in here
        # (a session whose on_commit saves).
        Window.clearcolor = (0.98, 0.97, 0.95, 1)
        return build_board_screen(BoardSession(voorbeeld_nulmeting()))
