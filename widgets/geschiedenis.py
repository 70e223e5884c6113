"""Geschiedenis of one inwoner: the list of metingen; any two of one traject side by side as
read-only boards with the comparison sentence (``board.traject.kies``: a new traject is a new
start, not compared with the old one's end); and the course of each leefgebied over all metingen.

The professional opens it (PIN) and shows it to the inwoner at the visit: what the inwoner looks
at (the boards, the sentence, the charts' titles) is in the inwoner's language, with the Dutch
names beneath as on the board; the screen's buttons and the list stay the professional's.

On the boards compared a name is drawn at ``MIN_TEXT`` dp or more and its Dutch beneath at
``DUTCH_LEAST`` dp or more, never bigger than the name (``board.passen.name_fonts_least``): a
board drawn at a smaller scale beside another does not shrink its text with it (names of ~7 px
under an 11 px Dutch, an outside walk at 800x600); its rows and name column get the room the
names need (``compare_layout``), else the boards stand one above the other."""

from __future__ import annotations

from dataclasses import replace

from kivy.factory import Factory
from kivy.metrics import dp, sp
from kivy.properties import (
    BooleanProperty,
    ListProperty,
    NumericProperty,
    ObjectProperty,
    OptionProperty,
    StringProperty,
)
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout

from board import BoardSession, Meting, vergelijk
from board.geometry_compare import compare_layout, sticky_caption
from board.i18n import _, format_datum
from board.passen import MIN_TEXT, name_fonts_least, sentence_font
from board.taal import Vertaler, vertaler
from board.traject import REDEN_LABEL, Afsluiting, kies, te_vergelijken, trajecten
from widgets.bar_naam import names_need
from widgets.board_widget import BoardWidget
from widgets.common import Scherm, load_kv, make
from widgets.inwoners import meting_naam
from widgets.live_session import LiveSession
from widgets.textures import label_size
from widgets.verloop import VerloopGrafiek

Factory.register("VerloopGrafiek", cls=VerloopGrafiek)

BOARD_GAP = 16  # dp between the boards (the kv's spacing)


class AlleenKijken(FloatLayout):
    """Shows what is inside and lets no touch through: a board to look at, not to change."""

    def on_touch_down(self, touch: object) -> bool:
        return self.collide_point(*touch.pos)

    def on_touch_move(self, touch: object) -> bool:
        return self.collide_point(*touch.pos)

    def on_touch_up(self, touch: object) -> bool:
        return self.collide_point(*touch.pos)


DUTCH_SHARE = 0.7  # the Dutch beneath the sentence, at this share of the sentence's font


def read_only_board(meting: Meting, caption: str, tr: Vertaler | None = None) -> BoxLayout:
    """A meting's board to look at, under its caption (which wraps in its own column), with
    the names in the inwoner's language ``tr``."""
    column = BoxLayout(orientation="vertical", spacing=dp(4))
    column.add_widget(make("Veldnaam", text=caption))
    holder = AlleenKijken()
    # read_only: no reorder handles
    board = BoardWidget(pos_hint={"x": 0, "y": 0}, read_only=True, tr=tr or vertaler("nl"))
    board.live = LiveSession(BoardSession(meting))  # after construction: it draws on its canvas
    holder.add_widget(board)
    column.add_widget(holder)
    column.board, column.holder = board, holder
    return column


def afsluiting_tekst(afsluiting: Afsluiting) -> str:
    """The history list's row after a closed traject, in the professional's language."""
    return _("Traject afgesloten op {datum}: {reden}").format(
        datum=format_datum(afsluiting.datum), reden=_(REDEN_LABEL[afsluiting.reden]).lower())


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
    # The sentence for the professional (the UI's Dutch) beneath, when the inwoner's differs: as
    # the leefgebieden's names have their Dutch beneath.
    zin_nl = StringProperty("")
    # One board above the other (a narrow window): board/geometry_compare.compare_layout.
    stacked = BooleanProperty(False)
    tr = ObjectProperty(vertaler("nl"), rebind=True)  # the inwoner's language
    # The stacked boards' captions, each also held at the top of the view while its board scrolls
    # under it (``vast``: which, -1 none): which meting a board is stays readable (an outside walk).
    # Their words are set with the layout; scrolling only shows or hides one (a label drawn anew
    # at every change slowed the frames of a fling enough to stop its bounce, test_scroll_fling).
    koppen = ListProperty(["", ""])
    vast = NumericProperty(-1)
    kop_hoogte = NumericProperty(0)

    def on_kv_post(self, base_widget: object) -> None:
        super().on_kv_post(base_widget)
        self.ids.boards_scroll.bind(size=lambda *_a: self._arrange(), scroll_y=self._stick)
        self.ids.boards.bind(height=self._stick)
        self.ids.zin.bind(width=self._fit_zin)
        self.bind(height=self._fit_zin, zin=self._fit_zin, zin_nl=self._fit_zin)

    def _fit_zin(self, *_args: object) -> None:
        """The sentence (with its Dutch beneath) at the biggest font at which it takes no more of
        the screen than a sentence needs (the rule: board/passen.sentence_font): the boards get
        the rest. The Dutch line is smaller, never below MIN_TEXT."""
        label, width = self.ids.zin, round(self.ids.zin.width)
        if width <= 1 or not self.zin:
            return

        def dutch_font(font: float) -> float:
            return max(dp(MIN_TEXT), font * DUTCH_SHARE)

        def height_at(font: float) -> float:
            high = label_size(self.zin, round(font), width, True)[1]
            if self.zin_nl:
                high += dp(4) + label_size(self.zin_nl, round(dutch_font(font)), width)[1]
            return high

        label.font_size = sentence_font(height_at, self.height, sp(24), dp(1))
        self.ids.zin_nl.font_size = dutch_font(label.font_size)

    def show(self, title: str, metingen: list[Meting], afsluitingen: list[Afsluiting] | None = None,
             tr: Vertaler | None = None) -> None:
        """``metingen`` of one inwoner, shown in the inwoner's language ``tr`` (Dutch when None)."""
        self.tr = tr or vertaler("nl")
        self.title = title
        self.metingen = metingen
        self.chosen = te_vergelijken(metingen)
        rows = self.ids.metingen
        rows.clear_widgets()
        # After a closed traject's last meting: a row (not a button) saying it was closed, when and why.
        gesloten = {t.metingen[-1]: t.afsluiting for t in trajecten(metingen, afsluitingen or ()) if t.afsluiting}
        for meting in metingen:
            text = f"{meting_naam(meting, metingen)}\n{format_datum(meting.datum)}"
            if not meting.afgerond:
                text += "  " + _("(nog niet af)")
            knop = make("Keuze", text=text, height=dp(84))
            knop.meting_id = meting.id
            knop.bind(on_release=lambda k: self.toggle(k.meting_id))
            rows.add_widget(knop)
            if meting.id in gesloten:
                rows.add_widget(make("AfsluitingRij", text=afsluiting_tekst(gesloten[meting.id])))
        self.ids.grafiek.afsluitingen = afsluitingen or []
        self.ids.grafiek.tr = self.tr
        self.ids.grafiek.metingen = metingen
        self._compare()

    def toggle(self, meting_id: str) -> None:
        self.chosen = kies(self.metingen, self.chosen, meting_id)
        self._compare()

    def _compare(self) -> None:
        for knop in self.ids.metingen.children:
            if hasattr(knop, "meting_id"):  # not an afsluiting's row
                knop.selected = knop.meting_id in self.chosen
        boards = self.ids.boards
        boards.clear_widgets()
        chosen = [m for m in self.metingen if m.id in self.chosen]
        self.zin = self.zin_nl = ""
        if len(chosen) == 1:
            boards.add_widget(read_only_board(chosen[0], self._caption(chosen[0]), self.tr))
            self.zin = self._alone(chosen[0])
        elif len(chosen) == 2:
            oud, nieuw = pair_for_display(*chosen)
            boards.add_widget(read_only_board(oud, self._caption(oud), self.tr))
            boards.add_widget(read_only_board(nieuw, self._caption(nieuw), self.tr))
            vergelijking = vergelijk(oud, nieuw)
            self.zin = vergelijking.zin_in(self.tr)
            dutch = vergelijking.zin_in(None)
            self.zin_nl = dutch if dutch != self.zin else ""
        for column in boards.children:  # a caption wraps once it has its width: arrange again
            column.children[-1].bind(height=lambda *_a: self._arrange())
            column.bind(pos=self._stick)
        self._arrange()

    def _arrange(self) -> None:
        """Side by side, or one above the other where side by side the names would be too
        small to read (the rule: board/geometry_compare.compare_layout)."""
        columns = list(reversed(self.ids.boards.children))
        if not columns:
            return
        scroll = self.ids.boards_scroll
        caption = max(c.children[-1].height for c in columns) + dp(4)
        self.kop_hoogte = caption
        self.koppen = [c.children[-1].text for c in columns] + [""] * (2 - len(columns))
        rows = max(len(c.board.live.meting.gekozen) for c in columns)
        # Each name at MIN_TEXT dp with its Dutch beneath at DUTCH_LEAST dp, as the boards draw them
        # (board/passen.name_fonts_least): the rows and the name column get the room they need.
        names = tuple(sorted({c.board.bar_names(c.board.live.meting.leefgebieden[k]) for c in columns
                              for k in c.board.live.meting.gekozen}))
        least, dutch_least = (round(font) for font in name_fonts_least(dp(1), dp(1)))
        layout = compare_layout(scroll.width, scroll.height - caption, rows, len(columns), dp(1), dp(BOARD_GAP),
                                need=lambda width: names_need(names, least, dutch_least, round(width)))
        self.stacked = layout.stacked
        for column in columns:
            column.board.scale = layout.scale
            column.board.name_least = layout.name_least
            if layout.stacked:
                column.size_hint_y, column.holder.size_hint_y = None, None
                column.holder.height = layout.board_height(len(column.board.live.meting.gekozen))
                column.height = column.children[-1].height + dp(4) + column.holder.height
            else:
                column.size_hint_y, column.holder.size_hint_y = 1, 1
        self._stick()

    def _stick(self, *_args: object) -> None:
        """The caption held at the top of the view (the rule: board/geometry_compare.sticky_caption)."""
        columns = list(reversed(self.ids.boards.children))
        if not self.stacked or not columns:
            self.vast = -1
            return
        # In the boards' own coordinates, where the view's top is: from scroll_y (the boards are
        # moved to it only in the next frame).
        scroll, boards = self.ids.boards_scroll, self.ids.boards
        view_top = boards.height - max(0.0, boards.height - scroll.height) * (1 - scroll.scroll_y)
        spans = [(c.y - boards.y, c.top - boards.y) for c in columns]
        index = sticky_caption(spans, view_top, columns[0].children[-1].height)
        self.vast = -1 if index is None else index

    def _alone(self, meting: Meting) -> str:
        """What the sentence says with one meting chosen: a new traject's 0-meting alone in its
        traject is a new start, with nothing to compare it with."""
        found = trajecten(self.metingen)
        traject = next(t for t in found if meting.id in t.metingen)
        if traject.nummer > 0 and len(traject.metingen) == 1:
            return _("Met deze 0-meting begint een nieuw traject: er is nog niets om mee te vergelijken.")
        return _("Tik op een tweede meting van hetzelfde traject om te vergelijken.")

    def _caption(self, meting: Meting) -> str:
        return f"{meting_naam(meting, self.metingen)} · {format_datum(meting.datum)}"


load_kv(__file__)
