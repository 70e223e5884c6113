"""Geschiedenis of one inwoner: the list of metingen; any two side by side as read-only boards
with the comparison sentence; and the course of each leefgebied over all metingen."""

from __future__ import annotations

from dataclasses import replace

from kivy.factory import Factory
from kivy.metrics import dp
from kivy.properties import ListProperty, OptionProperty, StringProperty
from kivy.uix.floatlayout import FloatLayout

from board import BoardSession, Meting, vergelijk
from board.i18n import _, format_datum
from widgets.board_widget import BoardWidget
from widgets.common import Scherm, load_kv, make
from widgets.inwoners import meting_naam
from widgets.live_session import LiveSession
from widgets.verloop import VerloopGrafiek

Factory.register("VerloopGrafiek", cls=VerloopGrafiek)

COMPARE_SCALE = 0.62


class AlleenKijken(FloatLayout):
    """Shows what is inside and lets no touch through: a board to look at, not to change."""

    def on_touch_down(self, touch: object) -> bool:
        return self.collide_point(*touch.pos)

    def on_touch_move(self, touch: object) -> bool:
        return self.collide_point(*touch.pos)

    def on_touch_up(self, touch: object) -> bool:
        return self.collide_point(*touch.pos)


def read_only_board(meting: Meting) -> AlleenKijken:
    holder = AlleenKijken()
    # Half a screen wide: smaller names and pictograms leave the bars their length.
    board = BoardWidget(pos_hint={"x": 0, "y": 0}, scale=COMPARE_SCALE, read_only=True)  # no reorder handles
    board.live = LiveSession(BoardSession(meting))  # after construction: it draws on its canvas
    holder.add_widget(board)
    holder.board = board
    return holder


def pair_for_display(oud: Meting, nieuw: Meting) -> tuple[Meting, Meting]:
    """The older meting as it was, and the newer one with the older's fiches as ghosts."""
    if (oud.datum, oud.volgnummer) > (nieuw.datum, nieuw.volgnummer):
        oud, nieuw = nieuw, oud
    return replace(oud, vorige=()), replace(nieuw, vorige=oud.fiches)


class GeschiedenisScreen(Scherm):
    title = StringProperty("")
    view = OptionProperty("vergelijken", options=["vergelijken", "verloop"])
    metingen = ListProperty([])
    chosen = ListProperty([])  # ids of the (at most) two metingen compared
    zin = StringProperty("")
    left_title = StringProperty("")
    right_title = StringProperty("")

    def show(self, title: str, metingen: list[Meting]) -> None:
        self.title = title
        self.metingen = metingen
        self.chosen = [m.id for m in metingen[-2:]]
        rows = self.ids.metingen
        rows.clear_widgets()
        for meting in metingen:
            text = f"{meting_naam(meting)}\n{format_datum(meting.datum)}"
            if not meting.afgerond:
                text += "  " + _("(nog niet af)")
            knop = make("Keuze", text=text, height=dp(84))
            knop.meting_id = meting.id
            knop.bind(on_release=lambda k: self.toggle(k.meting_id))
            rows.add_widget(knop)
        self.ids.grafiek.metingen = metingen
        self._compare()

    def toggle(self, meting_id: str) -> None:
        chosen = [c for c in self.chosen if c != meting_id]
        if len(chosen) == len(self.chosen):
            chosen = [*chosen, meting_id][-2:]
        self.chosen = chosen
        self._compare()

    def _compare(self) -> None:
        for knop in self.ids.metingen.children:
            knop.selected = knop.meting_id in self.chosen
        boards = self.ids.boards
        boards.clear_widgets()
        chosen = [m for m in self.metingen if m.id in self.chosen]
        self.zin, self.left_title, self.right_title = "", "", ""
        if len(chosen) == 1:
            boards.add_widget(read_only_board(chosen[0]))
            self.left_title = self._caption(chosen[0])
            self.zin = _("Tik op een tweede meting om te vergelijken.")
        elif len(chosen) == 2:
            oud, nieuw = pair_for_display(*chosen)
            boards.add_widget(read_only_board(oud))
            boards.add_widget(read_only_board(nieuw))
            self.left_title, self.right_title = self._caption(oud), self._caption(nieuw)
            self.zin = vergelijk(oud, nieuw).zin

    @staticmethod
    def _caption(meting: Meting) -> str:
        return f"{meting_naam(meting)} · {format_datum(meting.datum)}"


load_kv(__file__)
