"""The board in inwoner mode: the board screen of the board issue, full screen, with the way
on to the doelen and a quiet "professional" button that asks the PIN before anything else."""

from __future__ import annotations

from kivy.metrics import dp
from kivy.uix.boxlayout import BoxLayout

from board import BoardSession
from board.i18n import _
from widgets.board_screen import BoardScreen, build_board_screen
from widgets.common import Scherm, make


class BordScreen(Scherm):
    """Hosts one ``BoardScreen`` per visit; ``board_screen`` is the current one."""

    board_screen: BoardScreen | None = None

    def show_session(self, session: BoardSession) -> BoardScreen:
        if self.board_screen is not None:  # the next visit: the same screen, another session
            self.board_screen.show_session(session)
            return self.board_screen
        self.clear_widgets()
        screen = build_board_screen(session)
        nav = BoxLayout(size_hint_y=None, height=dp(64), spacing=dp(8))
        professional = make("Stilknop", text=_("Naar professional"), width=dp(150), height=dp(64))
        professional.bind(on_release=lambda _k: self.app.ask_pin_to_leave())
        doelen = make("Hoofdknop", text=_("Doelen  ›"), height=dp(64))
        doelen.bind(on_release=lambda _k: self.app.show_meting_step("doelen"))
        nav.add_widget(professional)
        nav.add_widget(doelen)
        screen.ids.side.add_widget(nav)
        self.ids_nav = {"professional": professional, "doelen": doelen}
        self.add_widget(screen)
        self.board_screen = screen
        return screen

