"""The board screen: the board, the tray of kaartjes, the perspectief switch and undo/redo.

``build_board_screen(session)`` is all a host needs: it wraps the ``BoardSession`` in a
``LiveSession`` and wires the parts together. Messages (a ``BoardError``) show as a toast.
"""

from __future__ import annotations

from pathlib import Path

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.factory import Factory
from kivy.graphics import Color, Line, Triangle
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.modalview import ModalView
from kivy.uix.widget import Widget

import widgets.common  # noqa: F401  (common.kv defines Knop, Titel and Uitleg, used here too)
from board import BoardSession, MetingAfgerondError, Perspectief, UserError
from board.geometry import min_board_width
from board.taal import vertaler
from board.weergave import FICHE_STIJL, GHOST_ALPHA, PIJL, TEKST, perspectief_naam
from services.voorlezen import kan_voorlezen, voorlezen
from services.voorlezen import stop as stop_voorlezen
from widgets.board_widget import BoardWidget
from widgets.common import set_direction
from widgets.fiches import FicheShape
from widgets.live_session import LiveSession
from widgets.textures import FONT_BOLD, FONT_REGULAR, rgba
from widgets.tray import Tray

Factory.register("BoardWidget", cls=BoardWidget)
Factory.register("Tray", cls=Tray)
Builder.load_file(str(Path(__file__).with_suffix(".kv")))

MESSAGE_SECONDS = 5
KORT = 1000  # dp (of the panel's scale): a lower side panel leaves out the "Kaartjes" heading


def ui_scale(width: float, height: float) -> float:
    """How much bigger than at 1280x800 (density 1) the side panel is drawn."""
    return min(max(min(width / dp(1280), height / dp(800)), 1.0), 1.5)


def side_panel(width: float, height: float, scale: float) -> tuple[bool, float, float]:
    """(portrait, width, height) of the panel with the perspectief switch and the tray: below
    the board on a portrait screen, else beside it, never leaving the board narrower than
    its bars need (board/geometry.min_board_width)."""
    if height > width:
        return True, width, max(dp(330), height * 0.4)
    board = min_board_width(dp(1) * scale)
    return False, max(dp(300), min(dp(360) * scale, width - board)), height


class PerspectiefKnop(ButtonBehavior, Widget):
    """One choice of the perspectief switch: the fiche's shape and colour, and its name."""

    perspectief = StringProperty(Perspectief.INWONER.value)
    label = StringProperty("")
    selected = BooleanProperty(False)
    scale = NumericProperty(1.0)
    tr = ObjectProperty(vertaler("nl"), rebind=True)

    def __init__(self, **kwargs: object) -> None:
        self._rim = self._fill = None
        super().__init__(**kwargs)
        self.bind(pos=self._place, size=self._place, scale=self._place, perspectief=self._style, tr=self._style)
        self._style()

    def _style(self, *_args: object) -> None:
        stijl = FICHE_STIJL[Perspectief(self.perspectief)]
        self.label = perspectief_naam(Perspectief(self.perspectief), self.tr)
        self.canvas.after.clear()
        self._rim = FicheShape(self.canvas.after, stijl.vorm, (1, 1, 1, 1))
        self._fill = FicheShape(self.canvas.after, stijl.vorm, rgba(stijl.kleur))
        self._place()

    def _place(self, *_args: object) -> None:
        if self._fill is None:
            return
        size = min(dp(36) * self.scale, self.height * 0.45)
        cy = self.top - dp(10) * self.scale - size / 2
        self._rim.place(self.center_x, cy, size)
        self._fill.place(self.center_x, cy, size * 0.8)


class GhostLegend(Widget):
    """A faint fiche, an arrow and a fiche: how the board shows a change since last time
    (``mirrored``, right to left: the arrow points left, as on the mirrored board)."""

    mirrored = BooleanProperty(False)

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        stijl = FICHE_STIJL[Perspectief.INWONER]
        self._ghost = FicheShape(self.canvas, stijl.vorm, rgba(stijl.kleur, GHOST_ALPHA))
        self.canvas.add(Color(*rgba(PIJL)))
        self._line = Line(width=dp(1.5))
        self._head = Triangle()
        self.canvas.add(self._line)
        self.canvas.add(self._head)
        self._fiche = FicheShape(self.canvas, stijl.vorm, rgba(stijl.kleur))
        self.bind(pos=self._place, size=self._place, mirrored=self._place)

    def _place(self, *_args: object) -> None:
        size = min(dp(26), self.height * 0.8)
        cy = self.center_y
        step = -1 if self.mirrored else 1  # the direction the arrow points
        start, end = self.x + size / 2, self.right - size / 2
        if self.mirrored:
            start, end = end, start
        self._ghost.place(start, cy, size)
        self._fiche.place(end, cy, size)
        tip = end - step * (size / 2 + dp(2))
        self._line.points = [start + step * (size / 2 + dp(2)), cy, tip - step * dp(6), cy]
        back = tip - step * dp(9)
        self._head.points = [tip, cy, back, cy + dp(6), back, cy - dp(6)]


class VragenView(ModalView):
    """The conversation prompts of one leefgebied, big and plain."""

    naam = StringProperty("")
    nederlands = StringProperty("")  # the Dutch name beneath, when the inwoner reads another language
    pictogram = StringProperty("")
    vragen = ListProperty([])
    tr = ObjectProperty(vertaler("nl"), rebind=True)
    kan_voorlezen = BooleanProperty(False)  # no button where there is no voice or clip
    voorlezen = ObjectProperty(None, allownone=True)  # called when the speaker button is tapped


class BoardScreen(FloatLayout):
    """Hosts the board. ``live`` is the LiveSession; ``message`` the last toast shown."""

    live = ObjectProperty(None, rebind=True)  # kv reads root.live.can_undo: follow the next visit's session
    message = StringProperty("")
    vervolg = BooleanProperty(False)
    # An afgeronde meting: the side panel says so (with its date) instead of offering the
    # perspectief switch, undo and the tray; the board keeps no handles (``_side_rows``).
    afgerond = BooleanProperty(False)
    afgerond_op = ObjectProperty(None, allownone=True)  # the date it was afgerond
    # A bar with last time's fiche (a ghost) still without the inwoner's: the panel says to place each again.
    opnieuw_zetten = BooleanProperty(False)
    alles_gekozen = BooleanProperty(False)  # every kaartje on the board: the hint is about the bars only
    # Bigger screens get a bigger side panel and text (1.0 at 1280x800, up to 1.5).
    scale = NumericProperty(1.0)
    portrait = BooleanProperty(False)  # the tray below the board
    kort = BooleanProperty(False)  # a low side panel: no "Kaartjes" heading, its room for the kaartjes
    side_width = NumericProperty(dp(360))
    side_height = NumericProperty(dp(400))
    font_regular = StringProperty(FONT_REGULAR)
    font_bold = StringProperty(FONT_BOLD)
    text_color = ListProperty(rgba(TEKST))
    # The inwoner's language (board.taal): the board, the tray and the prompts follow it; set
    # by the app from the inwoner, switched without a restart.
    tr = ObjectProperty(vertaler("nl"), rebind=True)

    def __init__(self, live: LiveSession, **kwargs: object) -> None:
        self._hide = None
        self._bound: LiveSession | None = None
        super().__init__(live=live, **kwargs)
        self.bind(size=self._on_size, vervolg=self._side_rows, kort=self._side_rows, afgerond=self._side_rows,
                  opnieuw_zetten=self._side_rows)
        # Rows the side panel shows only at times, kept here while out of it (ids are weak).
        self._rows = {name: self.ids[name].__self__ for name in SIDE_ROWS}
        self._side_rows()
        self.ids.tray.bind(on_vragen=lambda _tray, key: self.show_vragen(key))
        self.ids.board.bind(on_vragen=lambda _board, key: self.show_vragen(key))
        self.ids.board.speaker = self.can_read
        self.ids.board.bind(on_voorlezen=lambda _board, key: self.read_aloud(key, met_vragen=False))
        self._sound: object = None  # the last recorded clip played (Kivy's Sound)
        self.spoken: object = None  # the last thing read aloud (an espeak-ng process or a clip): tests look

    def can_read(self, key: str) -> bool:
        """Whether ``key`` can be read aloud in the inwoner's language (board/voorlezen.py)."""
        return kan_voorlezen(self.live.meting.leefgebieden.naam, key, self.tr.code)

    def read_aloud(self, key: str, met_vragen: bool = True) -> object:
        """Read the leefgebied (and its prompts) aloud in the inwoner's language; a recorded
        clip is played with Kivy's audio. What was still being said stops first: one voice at
        a time (as Android's QUEUE_FLUSH), never two leefgebieden over each other."""
        self.stop_reading()
        meting = self.live.meting
        spoken = voorlezen(meting.leefgebieden.naam, meting.leefgebieden[key], self.tr.code, met_vragen)
        if isinstance(spoken, Path):
            from kivy.core.audio import SoundLoader  # Kivy's audio loads with the first clip, not with the board (P8)

            self._sound = SoundLoader.load(str(spoken))
            if self._sound is not None:
                self._sound.play()
        self.spoken = spoken
        return spoken

    def stop_reading(self) -> None:
        """The screen is locked (or the app stops): what is being read aloud stops, the
        voice (services/voorlezen.py) and a clip."""
        stop_voorlezen()
        if self._sound is not None:
            self._sound.stop()

    def on_tr(self, _instance: object, tr: object) -> None:
        """Right to left: the side panel's rows are mirrored (the title right, the language
        button left; the inwoner's perspectief first from the right; Stap terug right of
        Opnieuw), and the tray goes to the left of the board (``_order``)."""
        self._order()
        for row in ("titel_rij", "perspectief_rij", "undo_rij", "legenda_rij"):
            set_direction(self.ids[row], tr.rtl)

    def on_portrait(self, _instance: object, _portrait: bool) -> None:
        self._order()

    def _order(self) -> None:
        """Right to left: the tray goes to the left of the board; on a portrait screen it
        stays below the board, whatever the language."""
        side_first = self.tr.rtl and not self.portrait
        reverse_children(self.ids.board.parent, first=self.ids.side if side_first else self.ids.board)

    def on_live(self, _instance: object, live: LiveSession) -> None:
        if self._bound is not None:
            self._bound.unbind(on_error=self._on_error, meting=self._on_meting)
        live.bind(on_error=self._on_error, meting=self._on_meting)
        self._bound = live
        self._on_meting(live, live.meting)

    def show_session(self, session: BoardSession) -> None:
        """The next visit on this same screen (building a new one costs a frame or two): its
        session, the inwoner's fiche selected, no message, the tray's first page."""
        self.live = LiveSession(session)
        self.ids.board.perspectief = Perspectief.INWONER.value
        self.ids.tray.close_up()
        self.ids.tray.page = 0
        self.message = ""
        self.ids.toast.opacity = 0

    def _on_error(self, _live: object, error: UserError) -> None:
        if isinstance(error, MetingAfgerondError):  # said to the inwoner: only the professional can go on
            self.show_message(self.tr.pgettext(
                "inwoner", "Deze meting is afgerond. De professional kan een vervolgmeting beginnen."))
            return
        self.show_message(error.in_taal(self.tr))

    @property
    def board(self) -> Widget:
        return self.ids.board

    @property
    def tray(self) -> Widget:
        return self.ids.tray

    def _on_size(self, _instance: object, size: tuple[float, float]) -> None:
        self.scale = ui_scale(*size)
        self.portrait, self.side_width, self.side_height = side_panel(*size, self.scale)
        self.kort = (self.side_height if self.portrait else size[1]) < dp(KORT) * self.scale

    def _side_rows(self, *_args: object) -> None:
        """The rows below the title: the ghosts' legend only at a vervolgmeting (and, while a bar
        has no fiche of the inwoner yet, that each is placed again), the "Kaartjes"
        heading only on a high panel; an afgeronde meting's panel says it is afgerond instead of
        the perspectief switch, undo, the hint and the tray (nothing that invites a change).
        Out of the side panel, not just empty (each row there costs its spacing too, and at
        800x600 the tray had room for two rows of kaartjes)."""
        side, rows = self.ids.side, self._rows
        if self.afgerond:
            wanted = ["legenda_rij"] * self.vervolg + ["afgerond_uitleg"]
        else:
            # A low panel with the vervolgmeting's hint leaves out the tray's (a vervolgmeting's
            # inwoner has used the tray before): at 800x600 both left one kaartje a page.
            wanted = ["perspectief_rij", "undo_rij", *["legenda_rij"] * self.vervolg,
                      *["opnieuw_uitleg"] * self.opnieuw_zetten, *["kaartjes_titel"] * (not self.kort),
                      *["kaartjes_uitleg"] * (not (self.kort and self.opnieuw_zetten)), "tray"]
        # Only what changes goes out or in: a row taken out and put back (the tray with its
        # kaartjes) is laid out and drawn again, on every visit that starts another kind of meting (P10).
        for name, row in rows.items():
            if row.parent is not None and name not in wanted:
                side.remove_widget(row)
        above = self.ids.titel_rij
        for name in wanted:  # each below the one before; those still there are in this order
            if rows[name].parent is None:
                if name == "opnieuw_uitleg":  # its height (lines) known before the tray is laid out below it
                    rows[name].width = side.width - side.padding[0] - side.padding[2]
                    rows[name].texture_update()
                side.add_widget(rows[name], index=side.children.index(above))
            above = rows[name]

    def _on_meting(self, _live: object, meting: object) -> None:
        self.vervolg = bool(meting.vorige)
        self.alles_gekozen = not meting.niet_gekozen
        self.opnieuw_zetten = bool(meting.opnieuw_te_zetten)
        op = meting.afgerond_op.date() if meting.afgerond_op else meting.datum
        self.afgerond_op = op if meting.afgerond else None
        self.afgerond = meting.afgerond

    def show_message(self, text: str) -> None:
        self.message = text
        toast = self.ids.toast.__self__  # a real reference: the hide may run after the screen is gone
        Animation.cancel_all(toast, "opacity")
        toast.opacity = 1
        if self._hide is not None:
            self._hide.cancel()
        self._hide = Clock.schedule_once(lambda _dt: Animation(opacity=0, d=0.4).start(toast), MESSAGE_SECONDS)

    def show_vragen(self, key: str) -> VragenView:
        leefgebied = self.live.meting.leefgebieden[key]
        naam = leefgebied.naam_in(self.tr.code)
        view = VragenView(
            naam=naam, nederlands="" if naam == leefgebied.naam else leefgebied.naam,
            pictogram=str(leefgebied.pictogram_path), vragen=list(leefgebied.vragen_in(self.tr.code)), tr=self.tr,
            kan_voorlezen=self.can_read(key), voorlezen=lambda: self.read_aloud(key),
        )
        set_direction(view.ids.kop, self.tr.rtl)  # right to left: the pictogram right of the name
        if not view.kan_voorlezen:  # no voice and no clip: no button at all
            view.ids.voorlezen.parent.remove_widget(view.ids.voorlezen)
        view.open(animation=False)
        return view


# The side panel's rows below its title, in order, each shown at times (``BoardScreen._side_rows``).
SIDE_ROWS = ("perspectief_rij", "undo_rij", "legenda_rij", "opnieuw_uitleg", "kaartjes_titel", "kaartjes_uitleg",
             "tray", "afgerond_uitleg")


def reverse_children(box: Widget, first: Widget) -> None:
    """Make ``first`` the first (left or top) of the two children of ``box``."""
    if box.children and box.children[-1] is not first:
        box.remove_widget(first)
        box.add_widget(first, index=len(box.children))


def build_board_screen(session: BoardSession) -> BoardScreen:
    """The whole board screen for one session (the one place a host needs to call)."""
    return BoardScreen(LiveSession(session))
