"""The Kivy application object."""

from __future__ import annotations

from datetime import date

from kivy.app import App
from kivy.uix.label import Label

from board import Meting


class MagneetbordApp(App):
    title = "Magneetbord"

    def build(self) -> Label:
        meting = Meting.nulmeting("voorbeeld", date.today())
        return Label(
            text=f"Magneetbord\n{len(meting.leefgebieden.leefgebieden)} leefgebieden",
            font_size="32sp",
            halign="center",
        )
