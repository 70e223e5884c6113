"""The inwoner chooses their language: one big button per language, its name written in its
own script (no flags: a flag is a country, not a language), the Dutch name small beneath
for the professional. Chosen on the board, with the inwoner; stored with the inwoner."""

from __future__ import annotations

from collections.abc import Callable

from kivy.graphics import Color, RoundedRectangle
from kivy.metrics import dp, sp
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.gridlayout import GridLayout
from kivy.uix.modalview import ModalView

from board.taal import TALEN, Vertaler
from widgets.common import make
from widgets.textures import FONT_BOLD, rtl_text


class TaalKiezer(ModalView):
    """``on_choose(code)`` is called with the chosen language; the view closes itself."""

    def __init__(self, tr: Vertaler, on_choose: Callable[[str], None], **kwargs: object) -> None:
        kwargs.setdefault("size_hint", (0.8, 0.9))
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
        grid = GridLayout(cols=2, spacing=dp(12))
        for taal in TALEN:
            naam = rtl_text(taal.naam, None, FONT_BOLD, sp(30))
            knop = make("Keuze", text=f"{naam}\n[size={int(sp(15))}]{taal.nederlands}[/size]", markup=True,
                        font_size=sp(30), height=dp(96), size_hint_y=1, selected=taal.code == tr.code)
            knop.taal = taal.code
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
