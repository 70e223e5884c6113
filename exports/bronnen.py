"""Fonts, pictograms and Dutch wording shared by every renderer, loaded once per process.

The fonts ship with the app (assets/fonts), so a PNG or PDF comes out the same on every
machine; caching them is honest: they are read-only files.
"""

from __future__ import annotations

import threading
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

from babel.dates import format_date
from PIL import Image, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from board.leefgebieden import ASSETS_DIR, PICTOGRAM_DIR
from board.meting_waarden import Evaluatie, Uitvoerder

FONT_DIR = ASSETS_DIR / "fonts"
# Magneetbord Sans: Latin, Cyrillic, Arabic and Ethiopic (assets/fonts/build_font.py), as on screen.
FONT_REGULAR = FONT_DIR / "MagneetbordSans-Regular.ttf"
FONT_BOLD = FONT_DIR / "MagneetbordSans-Bold.ttf"
PDF_FONT = "MagneetbordSans"
PDF_FONT_BOLD = "MagneetbordSans-Bold"
# DejaVu stays for the monitor charts and report (the professional's, Dutch), which name it.
DEJAVU, DEJAVU_BOLD = FONT_DIR / "DejaVuSans.ttf", FONT_DIR / "DejaVuSans-Bold.ttf"
BLIJ = PICTOGRAM_DIR / "blij.png"
VERDRIETIG = PICTOGRAM_DIR / "verdrietig.png"

# How the dossier (and FHIR's display) name who takes an actie: the inwoner, the netwerk and the
# wijkteam in the words the app shows them by (board/weergave.uitvoerder_naam: "Het wijkteam", where
# the dossier said "Wijkteam"), the rest as the professional says them.
UITVOERDER_LABEL: dict[Uitvoerder, str] = {
    Uitvoerder.INWONER: "Ik zelf",
    Uitvoerder.NETWERK: "Familie of vrienden",
    Uitvoerder.ALGEMENE_VOORZIENING: "Algemene voorziening",
    Uitvoerder.WIJKTEAM: "Het wijkteam",
    Uitvoerder.SPECIALISTISCHE_ZORG: "Specialistische zorg",
}

EVALUATIE_LABEL: dict[Evaluatie, str] = {
    Evaluatie.BEHAALD: "behaald",
    Evaluatie.DEELS_BEHAALD: "deels behaald",
    Evaluatie.NIET_BEHAALD: "niet behaald",
    Evaluatie.VERVALLEN: "vervallen",
}


def datum_nl(value: date) -> str:
    """A date as people write it: '1 maart 2026'."""
    return format_date(value, format="long", locale="nl_NL")


class _Font(ImageFont.FreeTypeFont):
    """A Pillow font that measures and rasterises each text once: Magneetbord Sans is hinted,
    and FreeType runs a glyph's hinting program every time it loads it (about 0.1 ms a glyph,
    20 times DejaVu's), so the same leefgebied names on every snapshot of an export cost the
    most of drawing it (P9). Same pixels: the mask Pillow would draw is kept, not changed."""

    KEEP = 512  # texts per font; the oldest go first

    def __init__(self, path: Path, size: int) -> None:
        # BASIC layout: the text arrives shaped and ordered (board/schrift.py). A desktop Pillow with
        # raqm would reorder right-to-left text a second time; the tablet's Pillow has no raqm.
        super().__init__(str(path), size, layout_engine=ImageFont.Layout.BASIC)
        self._lengths: dict[tuple, float] = {}
        self._masks: dict[tuple, tuple] = {}

    def getlength(self, text: str | bytes, mode: str = "", *args: Any, **kwargs: Any) -> float:
        key = (text, mode, args, _frozen(kwargs))
        if key not in self._lengths:
            _keep(self._lengths, key, super().getlength(text, mode, *args, **kwargs), self.KEEP)
        return self._lengths[key]

    def getmask2(self, text: str | bytes, mode: str = "", *args: Any, **kwargs: Any) -> tuple:
        if mode == "RGBA":  # Pillow changes an RGBA mask after drawing it: not kept
            return super().getmask2(text, mode, *args, **kwargs)
        key = (text, mode, args, _frozen(kwargs))
        if key not in self._masks:
            _keep(self._masks, key, super().getmask2(text, mode, *args, **kwargs), self.KEEP)
        return self._masks[key]


def _frozen(kwargs: dict[str, Any]) -> tuple:
    return tuple(sorted((k, tuple(v) if isinstance(v, list | tuple) else v) for k, v in kwargs.items()))


_KEEPING = threading.Lock()  # an export's thread and the app's may draw at the same time


def _keep(store: dict, key: tuple, value: object, most: int) -> None:
    with _KEEPING:
        if len(store) >= most:
            del store[next(iter(store))]
        store[key] = value


@cache
def pil_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    return _Font(FONT_BOLD if bold else FONT_REGULAR, size)


@cache
def pictogram(path: Path, size: int) -> Image.Image:
    """An RGBA pictogram scaled to ``size`` pixels square (callers must not change it)."""
    with Image.open(path) as image:
        return image.convert("RGBA").resize((size, size), Image.Resampling.LANCZOS)


@cache
def register_pdf_fonts() -> None:
    """Register the fonts with ReportLab once; PDFs embed the subset they use."""
    pdfmetrics.registerFont(TTFont(PDF_FONT, str(FONT_REGULAR)))
    pdfmetrics.registerFont(TTFont(PDF_FONT_BOLD, str(FONT_BOLD)))
    pdfmetrics.registerFontFamily(PDF_FONT, normal=PDF_FONT, bold=PDF_FONT_BOLD)
    pdfmetrics.registerFont(TTFont("DejaVuSans", str(DEJAVU)))
    pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(DEJAVU_BOLD)))
    pdfmetrics.registerFontFamily("DejaVuSans", normal="DejaVuSans", bold="DejaVuSans-Bold")
