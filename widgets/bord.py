"""The board in inwoner mode: the board screen of the board issue, full screen, with the way
on to the doelen and a quiet "professional" button that asks the PIN before anything else."""

from __future__ import annotations

from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout

from board import BoardSession
from board.taal import Vertaler, vertaler
from widgets.board_screen import BoardScreen, build_board_screen, reverse_children
from widgets.common import Scherm, make
from widgets.taal_kiezer import TaalKiezer
from widgets.textures import FONT_BOLD, rtl_text


class BordScreen(Scherm):
    """Hosts one ``BoardScreen`` per visit; ``board_screen`` is the current one."""

    board_screen: BoardScreen | None = None

    def show_session(self, session: BoardSession, tr: Vertaler | None = None) -> BoardScreen:
        if self.board_screen is not None:  # the next visit: the same screen, another session
            # The language first: the board and the tray then draw the new session once, in it.
            self.set_tr(tr or vertaler("nl"))
            self.board_screen.show_session(session)
            return self.board_screen
        self.clear_widgets()
        screen = build_board_screen(session)
        nav = BoxLayout(size_hint_y=None, height=dp(64), spacing=dp(8))
        # The language: a quiet button beside the side panel's title, with the language's own name.
        taal = make("Stilknop", text="", width=dp(140), height=dp(48), font_size=sp(15))
        taal.bind(on_release=lambda _k: self.choose_taal())
        screen.ids.taal_slot.width = dp(140)
        screen.ids.taal_slot.add_widget(taal)
        professional = make("Stilknop", text="", width=dp(150), height=dp(64))
        professional.bind(on_release=lambda _k: self.app.ask_pin_to_leave())
        doelen = make("Hoofdknop", text="", height=dp(64))
        doelen.bind(on_release=lambda _k: self.app.show_meting_step("doelen"))
        nav.add_widget(professional)
        nav.add_widget(doelen)
        screen.ids.side.add_widget(nav)
        self.ids_nav = {"professional": professional, "taal": taal, "doelen": doelen}
        self.add_widget(screen)
        self.board_screen = screen
        self.set_tr(tr or vertaler("nl"))
        return screen

    def set_tr(self, tr: Vertaler) -> None:
        """The inwoner's language on the board, the tray and these buttons (no restart)."""
        assert self.board_screen is not None
        self.board_screen.tr = tr
        nav = self.ids_nav
        nav["professional"].text = rtl_text(tr.pgettext("inwoner", "Naar professional"), None, FONT_BOLD, sp(16))
        nav["taal"].text = rtl_text(tr.taal.naam, None, FONT_BOLD, sp(15))
        nav["doelen"].text = rtl_text(tr.met_pijl(tr.pgettext("inwoner", "Doelen"), "verder"), None, FONT_BOLD, sp(18))
        # Right to left: the way on (Doelen) on the left, the quiet button on the right.
        reverse_children(nav["professional"].parent, first=nav["doelen"] if tr.rtl else nav["professional"])

    def choose_taal(self) -> TaalKiezer:
        """The language list, opened with the inwoner; a choice is stored at once."""
        assert self.board_screen is not None
        kiezer = TaalKiezer(self.board_screen.tr, self.app.choose_taal)
        kiezer.open(animation=False)
        return kiezer

