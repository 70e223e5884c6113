"""Fonts, pictograms and Dutch wording shared by every renderer, loaded once per process.

The fonts ship with the app (assets/fonts), so a PNG or PDF comes out the same on every
machine; caching them is honest: they are read-only files.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from babel.dates import format_date
from PIL import Image, ImageFont
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from board.leefgebieden import ASSETS_DIR, PICTOGRAM_DIR
from board.meting import Evaluatie, Uitvoerder

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

# How the koelkastblad and the dossier name who takes an actie.
UITVOERDER_LABEL: dict[Uitvoerder, str] = {
    Uitvoerder.INWONER: "Ikzelf",
    Uitvoerder.NETWERK: "Mijn netwerk",
    Uitvoerder.ALGEMENE_VOORZIENING: "Algemene voorziening",
    Uitvoerder.WIJKTEAM: "Wijkteam",
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


@cache
def pil_font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    # BASIC layout: the text arrives shaped and ordered (board/schrift.py). A desktop Pillow with
    # raqm would reorder right-to-left text a second time; the tablet's Pillow has no raqm.
    return ImageFont.truetype(str(FONT_BOLD if bold else FONT_REGULAR), size, layout_engine=ImageFont.Layout.BASIC)


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
