"""The inwoner chooses their language: one big button per language, its name written in its
own script (no flags: a flag is a country, not a language), the Dutch name small beneath
for the professional. Chosen on the board, with the inwoner; stored with the inwoner."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from kivy.graphics import Color, RoundedRectangle
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.modalview import ModalView

from board.i18n import _
from board.passen import MIN_TEXT, TEXT_PAD, biggest_font
from board.schrift import has_rtl
from board.taal import TALEN, Taal, Vertaler, uitlijning
from widgets.common import make
from widgets.textures import FONT_BOLD, label_size, rtl_text


class TaalKiezer(ModalView):
    """``on_choose(code)`` is called with the chosen language; the view closes itself."""

    def __init__(self, tr: Vertaler, on_choose: Callable[[str], None], **kwargs: object) -> None:
        kwargs.setdefault("size_hint", (0.8, 0.96))  # the title's room not taken from the tiles
        # A light card like the app's other dialogs (Kivy's own ModalView frame is dark grey).
        kwargs.setdefault("background_color", (0, 0, 0, 0))
        kwargs.setdefault("overlay_color", (0, 0, 0, 0.45))
        super().__init__(**kwargs)
        self.knoppen: dict[str, object] = {}
        box = BoxLayout(orientation="vertical", padding=dp(20), spacing=dp(14))
        with box.canvas.before:
            Color(1, 1, 1, 1)
            card = RoundedRectangle(radius=[dp(18)])
        box.bind(pos=lambda w, _v: setattr(card, "pos", w.pos), size=lambda w, _v: setattr(card, "size", w.size))
        # The title as the other dialogs have one: the inwoner's words in their language, and
        # beneath it what the list is in the professional's words; each flush by its own script.
        titel = tr.pgettext("inwoner", "Kies je taal")
        uitleg = _("Taal van de inwoner: het bord, de doelen en het koelkastblad")
        kop = BoxLayout(orientation="vertical", spacing=dp(2), size_hint_y=None)
        kop.bind(minimum_height=kop.setter("height"))
        kop.add_widget(make("Groot", text=rtl_text(titel, None, FONT_BOLD, sp(30)),
                            halign=uitlijning("left", has_rtl(titel))))
        kop.add_widget(make("Tekst", text=uitleg, font_size=sp(16), halign=uitlijning("left", has_rtl(uitleg))))
        box.add_widget(kop)
        grid = GridLayout(cols=2, spacing=dp(12))
        for taal in TALEN:
            knop = make("Keuze", markup=True, height=dp(96), size_hint_y=1, selected=taal.code == tr.code)
            knop.taal = taal.code
            knop.bind(size=partial(_fit_tile, taal))
            _fit_tile(taal, knop, knop.size)
            knop.bind(on_release=lambda k: self._choose(k.taal, on_choose))
            grid.add_widget(knop)
            self.knoppen[taal.code] = knop
        box.add_widget(grid)
        sluiten = make("Knop", text=rtl_text(tr.pgettext("inwoner", "Sluiten"), None, FONT_BOLD, sp(18)))
        sluiten.bind(on_release=lambda _k: self.dismiss(animation=False))
        box.add_widget(sluiten)
        self.add_widget(box)

    def _choose(self, code: str, on_choose: Callable[[str], None]) -> None:
        self.dismiss(animation=False)
        on_choose(code)


def _fit_tile(taal: Taal, knop: object, size: tuple[float, float]) -> None:
    """The language's name (up to 30 sp) and its Dutch name beneath (half as big, not below
    ``MIN_TEXT``) as big as they fit the tile ``TEXT_PAD`` clear of its border (the rule:
    board/passen.biggest_font); measured in bold, as a chosen tile draws them."""
    pad = dp(TEXT_PAD)
    room_w, room_h = size[0] - 2 * pad, size[1] - 2 * pad
    naam = rtl_text(taal.naam, None, FONT_BOLD, sp(30))

    def small(font: float) -> int:
        return round(max(dp(MIN_TEXT), font / 2))

    def fits(font: float) -> bool:
        naam_w, naam_h = label_size(naam, round(font), None, True)
        dutch_w, dutch_h = label_size(taal.nederlands, small(font), None, True)
        return max(naam_w, dutch_w) <= room_w and naam_h + dutch_h <= room_h

    font = biggest_font(fits, round(sp(30)), round(sp(18)))
    knop.font_size = font
    knop.text = f"{naam}\n[size={small(font)}]{taal.nederlands}[/size]"
