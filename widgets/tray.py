"""The tray of kaartjes: every leefgebied of the set that is not on the board yet.

Tap a card or drag it onto the board to choose it; long-press it to see its conversation
prompts (the ``on_vragen`` event). One widget draws all cards on its canvas, each as
``widgets.kaartje`` draws it. A card taken leaves a gap: the others stay where they are until
no finger is on the tray for ``CLOSE_UP_DELAY`` (a quick second tap lands on the card that was
under the finger, as on a phone's home screen). While a card is dragged over the board, the
board already shows it as a bar (a live gesture of the session); lifting the finger there
commits it.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

from kivy.clock import Clock
from kivy.graphics import Canvas, Color, InstructionGroup, PopMatrix, PushMatrix, Rectangle, Translate
from kivy.metrics import dp
from kivy.properties import NumericProperty, ObjectProperty
from kivy.uix.widget import Widget

from board import Meting
from board.geometry import Rect
from board.geometry_tray import (
    MORE,
    Card,
    card_rects,
    card_size,
    card_width,
    more_rect,
    page_name_font,
    shown_page,
    tray_page,
)
from board.leefgebieden import Leefgebied
from board.taal import vertaler
from board.weergave import TEKST
from widgets.kaartje import MIN_CARD_FONT, card_height, draw_card, draw_more_card, more_card_height, name_font
from widgets.lang_drukken import LONG_PRESS, LongPress
from widgets.live_session import LiveSession
from widgets.textures import label_texture, placed_once, rgba
from widgets.touch_guard import dialog_just_closed

CLOSE_UP_DELAY = 0.4  # s without a finger on the tray before the cards close up a gap
# Drawn kaartjes kept for the next visit: the cards' height follows how many are left (five or
# six heights in a day's visits), so all fourteen at each of them, in a language or two (P10)
KEEP_CARDS = 14 * 6 * 2


@cache
def _set_font(names: tuple[str, ...], w: float, h: float, unit: float) -> int:
    """The one name size of kaartjes ``w`` x ``h`` of a set with ``names`` (``page_name_font``)."""
    return page_name_font(names, lambda naam: name_font(naam, w, h, unit), MIN_CARD_FONT * unit)


class Tray(Widget):
    """``live``: the LiveSession; ``board``: the BoardWidget that cards are dropped on."""

    live = ObjectProperty(None)
    board = ObjectProperty(None, allownone=True)
    long_press = NumericProperty(LONG_PRESS)  # seconds, as a long press on a bar's name
    scale = NumericProperty(1.0)  # bigger cards on a bigger screen
    page = NumericProperty(0)  # which page of kaartjes, when not all fit
    tr = ObjectProperty(vertaler("nl"), rebind=True)  # the inwoner's language

    __events__ = ("on_vragen",)

    def __init__(self, **kwargs: object) -> None:
        self.cards: list[Card] = []
        self.pages = 1  # how many pages of kaartjes there are now
        self.name_font: int | None = None  # the one size of the names on the page shown
        self._shown: tuple = ()
        self._card_canvases: dict[tuple, tuple] = {}  # drawn kaartjes by all they show but where (``_card_canvas``)
        self._name_rect_of: dict[tuple, Rect] = {}  # and where each one's name went
        self._presses: dict[int, dict] = {}
        self._long = LongPress()  # a long press on a kaartje: its prompts (as on a bar's name)
        self._hold: tuple[tuple[str, ...], tuple] | None = None  # the kaartjes as laid out before a card was taken
        self._close_up_event = None
        self._lifted = 0.0  # when the last finger left the tray (``now``)
        self.now: Callable[[], float] = Clock.time  # the time the gap waits by (a test's moved clock)
        super().__init__(**kwargs)
        # A layout pass changes size and pos several times: draw once, before the next frame.
        self._geometry = Clock.create_trigger(self._redraw, -1)
        self.bind(size=self._redraw_later, pos=self._redraw_later, scale=self._redraw_later,
                  page=self._redraw_later, tr=self._redraw_later)

    def on_vragen(self, key: str) -> None:
        """A long press on a card: the screen shows the leefgebied's prompts."""

    def on_live(self, _instance: object, live: LiveSession | None) -> None:
        if getattr(self, "_bound", None) is not None:
            self._bound.unbind(meting=self._redraw)
        self._bound = live
        if live is not None:
            live.bind(meting=self._redraw)
            self._redraw_later()

    def _redraw_later(self, *_args: object) -> None:
        """Draw once before the next frame, behind the layout passes still to come: each change
        of size puts the drawing at the back of the queue. A new visit changes the panel above
        the tray (the ghosts' legend, the texts in another language): drawn at once, every
        kaartje was drawn at the last visit's size and then again at the new one (P10)."""
        self._geometry.cancel()
        self._geometry()

    # ----- drawing ----------------------------------------------------------------

    def _redraw(self, *_args: object) -> None:
        if self.live is None:
            return
        meting: Meting = self.live.meting
        layout = self._hold[0] if self._hold is not None else None
        # A kaartje came back (undo), or another size, page or language: laid out afresh, no gap.
        if layout is not None and (not set(meting.niet_gekozen) <= set(layout)
                                   or self._hold[1] != self._geometry_now()):
            layout = self._hold = None
        shown = (meting.niet_gekozen, layout, *self._geometry_now())
        if shown == self._shown:
            return
        self._shown = shown
        unit = dp(1) * self.scale
        area = (self.x, self.y, self.width, self.height)
        by_name = self._card_need(meting, card_width(self.width, unit), unit)
        need, rows = card_size(meting.leefgebieden.keys, area, unit, by_name)
        keys, pages = tray_page(layout or meting.niet_gekozen, area, unit, int(self.page), need)
        self.pages = pages
        rects = card_rects(area, len(keys), unit, self.tr.rtl, max(map(need, keys), default=0), rows)
        if keys and keys[-1] == MORE:
            rects[-1] = more_rect(area, unit, by_name(MORE), self.tr.rtl)
        left = set(meting.niet_gekozen)
        self.cards = [Card(k, r) for k, r in zip(keys, rects, strict=True) if k == MORE or k in left]
        self.name_rects: dict[str, Rect] = {}  # where each card's name went: tests check it stays on the card
        self.canvas.clear()
        with self.canvas:
            if not self.cards:
                empty = self.tr.pgettext("inwoner", "Alle kaartjes liggen op het bord.")
                texture = label_texture(empty, round(dp(16)), round(self.width), color=rgba(TEKST, 0.6),
                                        halign="center")
                Color(1, 1, 1, 1)
                Rectangle(texture=texture, size=texture.size,
                          pos=(self.center_x - texture.width / 2, self.top - texture.height - dp(16)))
            for card in self.cards:
                if card.key == MORE:
                    draw_more_card(card.rect, unit, shown_page(int(self.page), pages) + 1, pages, self.tr)
        self.name_font = self._page_font(meting, unit)
        for card in self.cards:
            if card.key != MORE:
                self.canvas.add(self._card_canvas(meting.leefgebieden[card.key], card.rect, unit))

    def _page_font(self, meting: Meting, unit: float) -> int:
        """The one name size of the kaartjes: that of every name of the set on a card of this
        page's size (every card on a page is as big; ``card_size`` keeps it while cards go)."""
        card = next((c for c in self.cards if c.key != MORE), None)
        if card is None:
            return round(MIN_CARD_FONT * unit)
        _x, _y, w, h = card.rect

        names = self._names(meting)
        return _set_font(tuple(names.values()), w, h, unit)

    def _names(self, meting: Meting) -> dict[str, str]:
        """The set's kaartjes' names in the inwoner's language, by key."""
        leefgebieden = meting.leefgebieden
        return {key: leefgebieden[key].naam_in(self.tr.code) for key in leefgebieden.keys}

    def _card_need(self, meting: Meting, width: float, unit: float) -> Callable[[str], float]:
        """How high a card ``width`` wide must be for its name at ``MIN_CARD_FONT``, by key
        (measured once a redraw: the pages are tried with it many times over)."""
        needs = {key: card_height(naam, width, unit) for key, naam in self._names(meting).items()}
        needs[MORE] = more_card_height(width, unit, self.tr)
        return needs.__getitem__

    def _card_canvas(self, leefgebied: Leefgebied, rect: tuple, unit: float) -> InstructionGroup:
        """One kaartje's instructions, drawn again only when it shows something else (a card
        that stays where it was when another is taken onto the board is reused)."""
        x, y, w, h = rect
        key = (leefgebied.key, leefgebied.naam, leefgebied.naam_in(self.tr.code), str(leefgebied.pictogram_path),
               (w, h), unit, self.tr.code, self.name_font)

        def draw() -> None:
            self._name_rect_of[key] = draw_card(leefgebied, (0, 0, w, h), unit, self.tr, self.name_font)

        canvas = placed_once(self._card_canvases, key, draw, (x, y), keep=KEEP_CARDS)
        nx, ny, nw, nh = self._name_rect_of[key]
        self.name_rects[leefgebied.key] = (x + nx, y + ny, nw, nh)
        if len(self._name_rect_of) > 2 * len(self._card_canvases):  # forget what the cache forgot
            self._name_rect_of = {k: self._name_rect_of[k] for k in self._card_canvases}
        return canvas

    # ----- touches ----------------------------------------------------------------

    def is_drawn(self) -> bool:
        """Whether the kaartjes on screen are those of the meting now, at the tray's size,
        page and language now (the benchmarks wait for this frame)."""
        return (self.live is not None and bool(self._shown) and self._shown[0] == self.live.meting.niet_gekozen
                and self._shown[2:] == self._geometry_now())

    def _geometry_now(self) -> tuple:
        return tuple(self.pos), tuple(self.size), self.scale, self.page, self.tr.code

    def hold_gap(self) -> None:
        """A card is about to leave: the others keep their places until ``close_up``."""
        if self.live is not None and self._hold is None:
            self._hold = (self.live.meting.niet_gekozen, self._geometry_now())
        self._close_up_later()

    def _close_up_later(self, delay: float = CLOSE_UP_DELAY) -> None:
        if self._close_up_event is not None:
            self._close_up_event.cancel()
        if delay == CLOSE_UP_DELAY:
            self._lifted = self.now()  # from now: Kivy counts from the last frame, maybe a slow one
        self._close_up_event = Clock.schedule_once(self._close_up, delay) if self._hold else None

    def _close_up(self, _dt: float = 0) -> None:
        if self._presses:  # a finger is still on the tray: after it is lifted
            return
        waited = self.now() - self._lifted
        if waited < CLOSE_UP_DELAY:
            self._close_up_later(CLOSE_UP_DELAY - waited)
            return
        self.close_up()

    def close_up(self) -> None:
        """The cards close up the gaps now (a new session, the delay after the last tap)."""
        if self._close_up_event is not None:
            self._close_up_event.cancel()
        self._close_up_event = None
        if self._hold is not None:
            self._hold = None
            self._redraw()

    def card_at(self, pos: tuple[float, float]) -> Card | None:
        for card in self.cards:
            x, y, w, h = card.rect
            if x <= pos[0] <= x + w and y <= pos[1] <= y + h:
                return card
        return None

    def on_touch_down(self, touch: object) -> bool:
        if not self.collide_point(*touch.pos) or self.live is None:
            return False
        if dialog_just_closed(touch):  # the second tap of a double tap on a dialog's button
            return True
        card = self.card_at(touch.pos)
        if card is None:
            return True  # a gap left by a card just taken, or between cards: nothing
        touch.grab(self)
        if card.key == MORE:
            self._presses[touch.uid] = {"key": MORE}
            return True
        press = {"key": card.key, "moved": False, "done": False, "float": None}
        self._long.seconds = self.long_press
        self._long.start(touch, lambda: self._long_press(press))
        self._presses[touch.uid] = press
        return True

    def on_touch_move(self, touch: object) -> bool:
        if touch.grab_current is not self:
            return super().on_touch_move(touch)
        press = self._presses.get(touch.uid)
        if press is None or press["key"] == MORE or press["done"]:
            return True
        if not press["moved"]:
            self._long.move(touch)  # beyond the slop the press is off: a drag
            if self._long.waiting(touch):
                return True
            press["moved"] = True
        window_pos = self.to_window(*touch.pos)
        key = press["key"]
        if self.board is not None and self.board.accepts_drop(window_pos):
            index = self.board.drop_index(window_pos, key)
            self.live.preview(touch.uid, lambda m: m.choose(key, index))
            self._float(press, None)
        else:
            self.live.cancel(touch.uid)
            self._float(press, touch.pos)
        return True

    def on_touch_up(self, touch: object) -> bool:
        if touch.grab_current is not self:
            return super().on_touch_up(touch)
        touch.ungrab(self)
        press = self._presses.pop(touch.uid, None)
        if press is None:
            return True
        if press["key"] == MORE:
            if self.card_at(touch.pos) is not None and self.card_at(touch.pos).key == MORE:
                # The next page, after the last the first: counted within the pages there are, so
                # a page turned to stays the page shown when cards are taken and pages go away.
                self.page = (shown_page(int(self.page), self.pages) + 1) % self.pages
            return True
        self._long.stop(touch)
        self._float(press, None)
        if press["done"]:
            self._close_up_later()
            return True
        if self.live.is_live(touch.uid):
            self.hold_gap()
            self.live.finish(touch.uid)
        elif not press["moved"]:
            key = press["key"]
            self.hold_gap()
            self.live.apply(lambda m: m.choose(key))
        else:
            self.live.cancel(touch.uid)
        self._close_up_later()
        return True

    def _long_press(self, press: dict) -> None:
        press["done"] = True  # held still (``LongPress`` fires only then): the finger does nothing more
        self.dispatch("on_vragen", press["key"])

    def _float(self, press: dict, pos: tuple[float, float] | None) -> None:
        """The card under a finger that drags it (not over the board: there it is a bar)."""
        if pos is None:
            if press["float"] is not None:
                self.canvas.after.remove(press["float"][0])
                press["float"] = None
            return
        if press["float"] is None:
            card = next((c for c in self.cards if c.key == press["key"]), None)
            w, h = (card.rect[2], card.rect[3]) if card else (dp(180), dp(60))
            move, drawing, group = Translate(), Canvas(), InstructionGroup()
            with drawing:
                draw_card(self.live.meting.leefgebieden[press["key"]], (-w / 2, -h / 2, w, h), dp(1), self.tr,
                          self.name_font)
            for instruction in (PushMatrix(), move, drawing, PopMatrix()):
                group.add(instruction)
            self.canvas.after.add(group)
            press["float"] = (group, move)
        press["float"][1].xy = pos
