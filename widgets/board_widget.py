"""The magneetbord itself: one widget that draws the chosen leefgebieden as bars, with
their fiches, the previous meting's ghosts and arrows, all as canvas instructions.

Everything drawn comes from ``live.meting`` (a ``board.Meting``). When only fiches moved
the widget moves their instructions; it rebuilds its canvas only when the structure
changed (a bar chosen, removed or reordered, the size changed). A touch becomes a call on
the session: a live gesture while the finger moves, one commit when it is lifted.
"""

from __future__ import annotations

from collections.abc import Hashable
from dataclasses import replace

from kivy.clock import Clock
from kivy.graphics import Color, InstructionGroup, Rectangle, RoundedRectangle
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, OptionProperty
from kivy.uix.stencilview import StencilView

from board import Meting, Perspectief
from board.geometry import GHOST_SHARE, BoardLayout, RowGeometry
from board.geometry_namen import room_for_names
from board.passen import name_fonts_least
from board.taal import Vertaler, vertaler
from board.weergave import ACHTERGROND, FICHE_STIJL, GHOST_ALPHA, TEKST
from widgets.bar_naam import Names, name_fits, names_need
from widgets.bar_tekening import draw_row, draw_white_name
from widgets.fiches import DrawnFiche, FicheShape
from widgets.lang_drukken import LongPress
from widgets.live_session import LiveSession
from widgets.textures import label_texture, placed_once, rgba
from widgets.touch_guard import dialog_just_closed, watch_dialogs


def hint(tr: Vertaler) -> str:
    """What the empty board says, in the inwoner's language."""
    return tr.pgettext("inwoner", "Kies een kaartje:\ntik erop of sleep het hierheen.")


class BoardWidget(StencilView):
    """The board. ``live`` is the ``LiveSession`` it draws and changes.

    When its bars do not fit at 48 dp (fourteen at 800x600) it scrolls: a finger that starts
    beside the bars (on a name, a pictogram, between rows) slides them up and down, and a
    kaartje just put on the board is scrolled into sight. Drawing is clipped to the widget.
    A finger held still on a bar's name fires ``on_vragen(key)`` (its prompts, as on a kaartje).

    ``perspectief`` says whose fiche a touch on an empty spot of a bar places; it is a
    mode of the screen (like a pen colour), not board state. ``drop_zone`` is the widget
    (the tray) onto which a bar is dragged to take it off the board.
    """

    live = ObjectProperty(None)
    perspectief = OptionProperty(Perspectief.INWONER.value, options=[p.value for p in Perspectief])
    drop_zone = ObjectProperty(None, allownone=True)
    scale = NumericProperty(1.0)  # bigger bars and fiches on a bigger screen
    read_only = BooleanProperty(False)  # a board to look at: no reorder handles
    afgerond = BooleanProperty(False)  # an afgeronde meting: no handles; it still scrolls and shows prompts
    scroll = NumericProperty(0.0)  # how far the rows are pushed up (board.geometry.BoardLayout)
    name_least = NumericProperty(0.0)  # px the name column keeps (a stacked history board: readable_rows)
    # The inwoner's language: the names on the bars; right to left mirrors the board.
    tr = ObjectProperty(vertaler("nl"), rebind=True)
    # Read aloud: ``speaker(key)`` says whether a bar's name can be read in the inwoner's
    # language (a voice or a clip); those bars get a speaker on their pictogram, and a tap on
    # it fires ``on_voorlezen(key)``. None: no speakers.
    speaker = ObjectProperty(None, allownone=True)
    __events__ = ("on_voorlezen", "on_vragen")

    def on_voorlezen(self, key: str) -> None:
        """A tap on a bar's speaker: the screen reads the name aloud."""

    def on_vragen(self, key: str) -> None:
        """A long press on a bar's name: the screen shows the leefgebied's prompts."""

    def __init__(self, **kwargs: object) -> None:
        self.layout = BoardLayout.compute((0, 0, 1, 1), ())
        self._fiches: dict[tuple[str, Perspectief], DrawnFiche] = {}
        self._structure: tuple = ()
        self._lifted: dict[Hashable, str] = {}  # gesture -> bar moved by its handle
        self._gekozen: tuple[str, ...] = ()
        self._row_canvases: dict[tuple, tuple] = {}  # drawn rows by all they show but where (``_row_canvas``)
        self._name_canvases: dict[tuple, tuple] = {}  # their names, likewise
        self._hold = LongPress()  # a long press on a bar's name
        super().__init__(**kwargs)
        watch_dialogs()
        # A layout pass changes size and pos several times: rebuild once, before the next frame.
        self._geometry = Clock.create_trigger(self._on_geometry, -1)
        self.bind(size=self._geometry, pos=self._geometry, scale=self._geometry, read_only=self._geometry,
                  scroll=self._geometry, tr=self._geometry, speaker=self._geometry, name_least=self._geometry,
                  afgerond=self._geometry)

    # ----- drawing ----------------------------------------------------------------

    def on_live(self, _instance: object, live: LiveSession | None) -> None:
        if getattr(self, "_bound", None) is not None:
            self._bound.unbind(meting=self._on_meting)
        self._bound, self._lifted = live, {}
        if live is not None:
            live.bind(meting=self._on_meting)
            self._on_meting(live, live.meting)

    def _on_geometry(self, *_args: object) -> None:
        if self.live is not None:
            self._on_meting(self.live, self.live.meting)

    def _structure_now(self, meting: Meting) -> tuple:
        """What the bars are drawn from: a change of any of it draws them anew."""
        return (
            meting.gekozen, meting.vorige, tuple(self.pos), tuple(self.size), self.scale, self.read_only, self.afgerond,
            tuple(self._lifted.values()), self.scroll, self.tr.code, self.speaker, self.name_least,
        )

    def is_drawn(self) -> bool:
        """Whether the bars on screen are those of the meting now, at the board's size and
        language now (the benchmarks wait for this frame)."""
        return self.live is not None and self._structure == self._structure_now(self.live.meting)

    def _on_meting(self, _live: object, meting: Meting) -> None:
        structure = self._structure_now(meting)
        if structure != self._structure:
            self._rebuild(meting)
            self._structure = structure
        self._update_fiches(meting)

    def _update_fiches(self, meting: Meting) -> None:
        positions = {(f.leefgebied, f.perspectief): f.positie for f in meting.fiches}
        for key, drawn in self._fiches.items():
            positie = positions.get(key)
            if positie != drawn.positie:
                drawn.set(positie)

    def _laid_out(self, meting: Meting, unit: float, names: dict[str, Names], least: int,
                  dutch_least: int) -> BoardLayout:
        """The board's rows at its scroll; a live board's as high and its name column as wide as
        the names need at ``least`` and ``dutch_least`` px (board/geometry_namen.py), a kaartje
        just chosen scrolled into sight."""
        room = (0.0, self.name_least)  # a history board's: board/geometry_compare.py

        def compute(scroll: float) -> BoardLayout:
            return BoardLayout.compute((self.x, self.y, self.width, self.height), meting.gekozen, unit,
                                       live=not self.read_only, scroll=scroll, mirrored=self.tr.rtl,
                                       name_least=room[1], pitch_least=room[0], reorder=not self.afgerond)

        layout = compute(self.scroll)
        if not self.read_only:
            needs = tuple(sorted(names.values()))
            room = room_for_names(layout, lambda w: names_need(needs, least, dutch_least, round(w)), self.name_least,
                                  reorder=not self.afgerond)
            layout = compute(self.scroll)
        added = [key for key in meting.gekozen if key not in self._gekozen]
        self._gekozen = meting.gekozen
        if len(added) == 1 and not self._lifted:  # a kaartje just chosen: show where it went
            layout = compute(layout.scroll_to_show(added[0]))
        return layout

    def _rebuild(self, meting: Meting) -> None:
        unit = dp(1) * self.scale
        least, dutch_least = (round(font) for font in name_fonts_least(unit, dp(1)))
        names = {key: self.bar_names(meting.leefgebieden[key]) for key in meting.gekozen}
        self.layout = self._laid_out(meting, unit, names, least, dutch_least)
        self.layout = self.layout.one_name_font(
            lambda key, font: name_fits(names[key], font, self.layout.rows[0].name, dutch_least), least)
        if self.layout.scroll != self.scroll:
            self.scroll = self.layout.scroll  # clamped (fewer bars, a taller window); redraws once more
        self._fiches = {}
        self.canvas.clear()
        leefgebieden = meting.leefgebieden
        lifted = set(self._lifted.values())
        with self.canvas:
            Color(*rgba(ACHTERGROND))
            Rectangle(pos=self.pos, size=self.size)
            if not self.layout.rows:
                texture = label_texture(hint(self.tr), round(dp(26)), round(self.width * 0.8), color=rgba(TEKST, 0.7),
                                        halign="center")
                Color(1, 1, 1, 1)
                Rectangle(texture=texture, size=texture.size,
                          pos=(self.center_x - texture.width / 2, self.center_y - texture.height / 2))
        for row in self.layout.rows:
            self.canvas.add(self._row_canvas(row, leefgebieden[row.key], row.key in lifted, unit, least, dutch_least))
        ghosts, arrows, fiches = InstructionGroup(), InstructionGroup(), InstructionGroup()
        for row in self.layout.rows:
            for perspectief in Perspectief:
                vorige = meting.vorige_positie(row.key, perspectief)
                if vorige is not None:
                    ghost = FicheShape(ghosts, FICHE_STIJL[perspectief].vorm,
                                       rgba(FICHE_STIJL[perspectief].kleur, GHOST_ALPHA))
                    ghost.place(*row.fiche_center(vorige, perspectief), row.fiche_diameter(perspectief) * GHOST_SHARE)
                drawn = DrawnFiche(row, perspectief, vorige)
                arrows.add(drawn.arrow_group)
                self._fiches[(row.key, perspectief)] = drawn
            # The inwoner's fiche is drawn last: on top of the others.
            for perspectief in reversed(Perspectief):
                fiches.add(self._fiches[(row.key, perspectief)].group)
        for group in (ghosts, arrows, fiches):
            self.canvas.add(group)
        if self.layout.overflow > 0:  # a slim bar at the right edge: there is more above or below
            shown = self.height / (self.height + self.layout.overflow)
            bar_h = self.height * shown
            bar_y = self.top - bar_h - (self.height - bar_h) * self.layout.scroll / self.layout.overflow
            self.canvas.add(Color(*rgba(TEKST, 0.35)))
            self.canvas.add(RoundedRectangle(pos=(self.right - 5 * unit, bar_y), size=(3 * unit, bar_h),
                                             radius=[1.5 * unit]))

    def _row_canvas(self, row: RowGeometry, leefgebied: object, lifted: bool, unit: float, least: int,
                    dutch_least: int) -> InstructionGroup:
        """A row's card, handle, pictogram, smileys and bar, and its name: each drawn again only
        when something of it changed (a drag that lifts one bar, or the next visit with the same
        bar of the same size anywhere on the board, reuses the others' instructions). The name
        is apart: the board's one name size changes with the names on it (``one_name_font``),
        the rest of a bar does not."""
        speaks = self.speaker is not None and row.pictogram is not None and bool(self.speaker(row.key))
        local = row.at_origin()  # the same bar at another height (the next visit's order) is the same drawing
        body = (replace(local, name_font=0), lifted, unit, speaks, str(leefgebied.pictogram_path))
        names = self.bar_names(leefgebied)
        name = (local.name, local.mirrored, local.name_font, names, least, dutch_least)
        group = InstructionGroup()
        group.add(placed_once(self._row_canvases, body,
                              lambda: draw_row(local, leefgebied.pictogram_path, lifted, unit, speaks), row.rect[:2]))
        group.add(placed_once(self._name_canvases, name, lambda: draw_white_name(local, names, least, dutch_least),
                              row.rect[:2]))
        return group

    def bar_names(self, leefgebied: object) -> Names:
        """The bar's name in the inwoner's language, and the Dutch name when that is another."""
        naam = leefgebied.naam_in(self.tr.code)
        return naam, (leefgebied.naam if naam != leefgebied.naam else None)

    # ----- reading what is drawn (tests, the tray) ---------------------------------

    def drawn_fiche(self, key: str, perspectief: Perspectief | str = Perspectief.INWONER) -> DrawnFiche | None:
        return self._fiches.get((key, Perspectief(perspectief)))

    def fiche_center(
        self, key: str, perspectief: Perspectief | str = Perspectief.INWONER
    ) -> tuple[float, float] | None:
        """Where the fiche is drawn now (read from its canvas instruction), or None."""
        drawn = self.drawn_fiche(key, perspectief)
        if drawn is None or not drawn.visible:
            return None
        return drawn.fill.center

    def accepts_drop(self, window_pos: tuple[float, float]) -> bool:
        return self.collide_point(*self.to_widget(*window_pos))

    def drop_index(self, window_pos: tuple[float, float], key: str) -> int:
        """Where a card dropped at ``window_pos`` goes in the order."""
        slots = len(self.layout.rows) + (0 if self.layout.row(key) else 1)
        return self.layout.index_at(self.to_widget(*window_pos)[1], slots)

    # ----- touches ----------------------------------------------------------------

    def on_touch_down(self, touch: object) -> bool:
        if not self.collide_point(*touch.pos) or self.live is None:
            return False
        if dialog_just_closed(touch):  # the second tap of a double tap on a dialog's button
            return True
        if getattr(touch, "is_mouse_scrolling", False):  # a mouse wheel on a desktop
            # Kivy calls the wheel turned towards you "scrollup" (as its ScrollView reads it).
            step = self.layout.pitch if touch.button == "scrollup" else -self.layout.pitch
            self.scroll = min(max(self.scroll + step, 0.0), self.layout.overflow)
            return True
        row = self.layout.row_at(touch.y)
        if self.read_only:
            return True
        if row is not None and row.speaker is not None and self.speaker is not None and _inside(
                row.speaker, touch.pos) and self.speaker(row.key):
            self.dispatch("on_voorlezen", row.key)  # the speaker on the pictogram: read the name aloud
            return True
        if row is not None and row.handle is not None and _inside(row.handle, touch.pos):
            gesture = ("bar", row.key)
        elif row is not None and row.reaches(touch.x, touch.y, self._drawn_on(row)):
            gesture = ("fiche", row.key, self._perspectief_at(row, touch.x))
        elif row is not None and row.holds_name(*touch.pos):  # held still: the prompts; moved: a scroll
            gesture = ("scroll", touch.y, self.scroll) if self.layout.overflow > 0 else ("hold",)
            self._hold.start(touch, lambda key=row.key: self.dispatch("on_vragen", key))
        elif self.layout.overflow > 0:  # beside the bars: slide the board up or down
            gesture = ("scroll", touch.y, self.scroll)
        else:
            return True
        touch.grab(self)
        touch.ud[self] = gesture
        if gesture[0] == "bar":
            self._lifted[touch.uid] = row.key
            self._on_meting(self.live, self.live.meting)
        self._follow(touch, gesture)
        return True

    def on_touch_move(self, touch: object) -> bool:
        if touch.grab_current is not self:
            return super().on_touch_move(touch)
        self._hold.move(touch)
        if not self._hold.fired(touch):  # the prompts are open: the board stays
            self._follow(touch, touch.ud[self])
        return True

    def on_touch_up(self, touch: object) -> bool:
        if touch.grab_current is not self:
            return super().on_touch_up(touch)
        touch.ungrab(self)
        self._hold.stop(touch)
        if touch.ud[self][0] in ("scroll", "hold"):
            return True
        self._lifted.pop(touch.uid, None)
        self.live.finish(touch.uid)
        self._on_meting(self.live, self.live.meting)  # the lifted bar looks normal again
        return True

    def _follow(self, touch: object, gesture: tuple) -> None:
        if gesture[0] == "hold":  # a finger on a name of a board that does not scroll: only the long press
            return
        if gesture[0] == "scroll":
            _, start_y, start = gesture
            self.scroll = min(max(start + touch.y - start_y, 0.0), self.layout.overflow)
            return
        if gesture[0] == "fiche":
            _, key, perspectief = gesture
            row = self.layout.row(key)
            if row is None:  # the bar went (undo under the finger): nothing to move
                return
            positie = row.positie_at(touch.x)
            self.live.preview(touch.uid, lambda m: m.place_fiche(key, perspectief, positie, from_drag=True))
            return
        key = gesture[1]
        if self._over_drop_zone(touch):
            self.live.preview(touch.uid, lambda m: m.unchoose(key))
        else:
            index = self.layout.index_at(touch.y, len(self.layout.rows) + (0 if self.layout.row(key) else 1))
            self.live.preview(touch.uid, lambda m: m.move_leefgebied(key, index))

    def _drawn_on(self, row: RowGeometry) -> list[tuple[float, Perspectief]]:
        return [
            (drawn.positie, perspectief)
            for perspectief in Perspectief
            if (drawn := self._fiches.get((row.key, perspectief))) is not None and drawn.positie is not None
        ]

    def _perspectief_at(self, row: RowGeometry, x: float) -> Perspectief:
        """The fiche a touch picks up: the selected perspectief's if it is under the
        finger, else the nearest fiche under the finger, else the selected one (placed)."""
        selected = Perspectief(self.perspectief)
        reach = max(row.fiche_size, dp(56)) / 2
        under = []
        for perspectief in Perspectief:
            drawn = self._fiches.get((row.key, perspectief))
            if drawn is not None and drawn.positie is not None:
                distance = abs(row.x_for(drawn.positie) - x)
                if distance <= reach:
                    under.append((perspectief is not selected, distance, perspectief))
        return min(under)[2] if under else selected

    def _over_drop_zone(self, touch: object) -> bool:
        zone = self.drop_zone
        if zone is None:
            return False
        return zone.collide_point(*zone.to_widget(*self.to_window(*touch.pos)))


def _inside(rect: tuple[float, float, float, float], pos: tuple[float, float]) -> bool:
    x, y, w, h = rect
    return x <= pos[0] <= x + w and y <= pos[1] <= y + h

