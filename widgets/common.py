"""What every screen of the app shares: its kv rules (big buttons, panels, the top bar),
the ``Scherm`` base class and a helper that loads a module's own .kv file."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from kivy.factory import Factory
from kivy.input.motionevent import MotionEvent
from kivy.lang import Builder
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ObjectProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.label import Label
from kivy.uix.layout import Layout
from kivy.uix.progressbar import ProgressBar
from kivy.uix.screenmanager import Screen
from kivy.uix.scrollview import ScrollView
from kivy.uix.stacklayout import StackLayout
from kivy.uix.textinput import TextInput
from kivy.uix.widget import Widget

from board.passen import TEXT_PAD
from board.taal import uitlijning, vertaler
from widgets.kopregel import Kopregel
from widgets.passend import PassendLabel

Factory.register("Kopregel", cls=Kopregel)
Factory.register("PassendLabel", cls=PassendLabel)


def load_kv(module_file: str) -> None:
    """Load the .kv file beside a module (``screens.py`` -> ``screens.kv``), once."""
    path = str(Path(module_file).with_suffix(".kv"))
    if path not in Builder.files:
        Builder.load_file(path)


class Scherm(Screen):
    """A screen of the app; ``app`` is the MagneetbordApp that navigates between them."""

    app = ObjectProperty(None)

    # Kivy passes a parent's disabled count to a screen it adds or removes and on to every
    # widget beneath it, also when that count is 0 and nothing changes: leaving the list
    # walked its 300 widgets at each tap on a row (P10).
    def inc_disabled(self, count: int = 1) -> None:
        if count:
            super().inc_disabled(count)

    def dec_disabled(self, count: int = 1) -> None:
        if count:
            super().dec_disabled(count)


class MetingScherm(Scherm):
    """A screen that shows the meting of the visit: it redraws whenever ``live.meting`` changes."""

    live = ObjectProperty(None, allownone=True)
    # The inwoner's language (board.taal.Vertaler): set by the app, switched without a restart.
    tr = ObjectProperty(vertaler("nl"), rebind=True)

    def on_tr(self, _instance: object, tr: object) -> None:
        """Redrawn in the new language; right to left, the top bar is mirrored (the way back
        on the right, the way on at the left)."""
        for kopregel in (w for w in self.walk(restrict=True) if isinstance(w, Kopregel)):
            set_direction(kopregel, tr.rtl)
        if self.live is not None:
            self.refresh()

    def on_live(self, _instance: object, live: object) -> None:
        if live is not None:
            live.bind(meting=lambda *_a: self._meting_changed())
            self._meting_changed()

    def _meting_changed(self) -> None:
        self.refresh()
        scroll = self.ids.get("scroll")
        meting_id = self.live.meting.id
        if scroll is not None and meting_id != getattr(self, "_shown_meting", None):
            to_top(scroll)  # another meting (the next visit, a new vervolgmeting): from its top
        self._shown_meting = meting_id

    def vandaag(self) -> date:
        """Today, as the app counts it (a test's moved clock); the system's date without an app."""
        return self.app.today() if self.app is not None else date.today()

    def refresh(self) -> None:
        raise NotImplementedError


def set_direction(box: Widget, rtl: bool) -> None:
    """Lay the children of the horizontal ``box`` out right to left (``rtl``) or in the order
    the .kv gave them (left to right): the same widgets, only their order changes."""
    logical = box.__dict__.setdefault("_logical_order", list(reversed(box.children)))
    order = list(reversed(logical)) if rtl else logical
    if list(reversed(box.children)) != order:
        for child in list(box.children):
            box.remove_widget(child)
        for child in order:
            box.add_widget(child)


_ORIENTATION = {"lr-tb": "rl-tb", "lr-bt": "rl-bt", "tb-lr": "tb-rl", "bt-lr": "bt-rl"}
_ORIENTATION.update({v: k for k, v in _ORIENTATION.items()})


def mirror(root: Widget, rtl: bool) -> None:
    """Everything under ``root`` laid out for a reader right to left (``rtl``, the language's
    ``Taal.rtl``) or as built: horizontal rows in reverse order, grids and stacks filled from
    the right, padding and scroll bars on the other side, text lined up by ``uitlijning``.
    Each widget remembers how it was built, so calling it again (after a refresh added widgets,
    or with the other direction) changes only what is not yet right. A label whose text lines
    up by its own script (``own_direction``) keeps its alignment."""
    for widget in root.walk(restrict=True):
        built = widget.__dict__.setdefault("_built_ltr", {})
        if isinstance(widget, BoxLayout) and widget.orientation == "horizontal":
            set_direction(widget, rtl)
        if isinstance(widget, GridLayout | StackLayout):
            orientation = built.setdefault("orientation", widget.orientation)
            widget.orientation = _ORIENTATION.get(orientation, orientation) if rtl else orientation
        if isinstance(widget, Layout) and hasattr(widget, "padding"):
            left, top, right, bottom = built.setdefault("padding", list(widget.padding))
            widget.padding = [right, top, left, bottom] if rtl else [left, top, right, bottom]
        if isinstance(widget, ScrollView):
            widget.bar_pos_y = uitlijning(built.setdefault("bar_pos_y", widget.bar_pos_y), rtl)
        if isinstance(widget, Voortgang):
            widget.rtl = rtl
        if isinstance(widget, Label | TextInput) and not widget.__dict__.get("_own_direction"):
            widget.halign = uitlijning(built.setdefault("halign", widget.halign), rtl)


def own_direction(label: Widget) -> Widget:
    """``label`` lines up by its own text (Arabic flush right on any screen): ``mirror`` leaves it."""
    label.__dict__["_own_direction"] = True
    return label


class Voortgang(ProgressBar):
    """A progress bar that fills the way its reader reads: from the right when ``rtl`` (set by
    ``mirror``), so an Arabic inwoner sees it grow from where a sentence begins."""

    rtl = BooleanProperty(False)


class Rijen(GridLayout):
    """The rows of a list in a ScrollView. A ScrollView hands the start, every move and the
    end of a touch to each widget beneath it that does not take scroll events itself, in
    search of a ScrollView inside: rows hold none, so the search stops here (it walked the
    inwoner list's 300 widgets twice at each tap on a row, P10)."""

    __events__ = ("on_scroll_start", "on_scroll_move", "on_scroll_stop")

    def on_scroll_start(self, *_args: object, **_kwargs: object) -> bool:
        return False

    def on_scroll_move(self, *_args: object, **_kwargs: object) -> bool:
        return False

    def on_scroll_stop(self, *_args: object, **_kwargs: object) -> bool:
        return False


class Rij(ButtonBehavior, BoxLayout):
    """A tappable row of a list (an inwoner, a meting). Its children only show text, so a touch
    outside the row is not handed down to them: Kivy passes every touch to every child, and the
    list's 50 rows passed each tap to some 350 labels (a tenth of the tap's time, P10)."""

    def on_touch_down(self, touch: MotionEvent) -> bool:
        return self.collide_point(*touch.pos) and super().on_touch_down(touch)

    def on_touch_move(self, touch: MotionEvent) -> bool:
        return (touch.grab_current is self or self.collide_point(*touch.pos)) and super().on_touch_move(touch)

    def on_touch_up(self, touch: MotionEvent) -> bool:
        return (touch.grab_current is self or self.collide_point(*touch.pos)) and super().on_touch_up(touch)


def to_top(scroll: Widget) -> None:
    """A ScrollView shown again for other content starts at its top: a glide or bounce still
    running from the last time is stopped first (it would move the new page on, or spring it
    back to where the last page was left)."""
    effect = scroll.effect_y
    if effect is not None:
        effect.velocity = 0
        effect.value = effect.max  # the top (ScrollView: value = max * scroll_y): no bounce left to spring back
        effect.cancel()
    scroll.scroll_y = 1
    scroll.update_from_scroll()


def make(kind: str, **props: object) -> Widget:
    """A widget of a kv class with ``props`` set after its rules ran (a rule such as
    ``height: dp(60) * self.scale`` would otherwise override a constructor argument)."""
    widget = Factory.get(kind)()
    for name, value in props.items():
        setattr(widget, name, value)
    return widget


def padded_button(knop: Widget) -> Widget:
    """A button in a row of buttons: as high as the row (``size_hint_y`` 1, its own height rule
    off), its text wrapped ``TEXT_PAD`` clear of its sides."""
    for name in ("height", "text_size"):
        Builder.unbind_property(knop, name)
    knop.size_hint_y = 1
    knop.bind(width=lambda k, width: setattr(k, "text_size", (max(1.0, width - 2 * dp(TEXT_PAD)), None)))
    knop.text_size = (max(1.0, knop.width - 2 * dp(TEXT_PAD)), None)
    return knop


def buttons_in(widget: Widget) -> list[Widget]:
    """Every button under ``widget`` (tests and the screenshots try them all)."""
    return [w for w in widget.walk(restrict=True) if isinstance(w, ButtonBehavior)]


load_kv(__file__)
