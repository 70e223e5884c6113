"""Shared resources of the renderers: Dutch dates, fonts and pictograms."""

from __future__ import annotations

from datetime import date, datetime

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from exports.bronnen import BLIJ, PDF_FONT, PDF_FONT_BOLD, datum_nl, pictogram, pil_font, register_pdf_fonts

PDF_FONTS = {PDF_FONT, PDF_FONT_BOLD}


def test_dates_are_written_the_dutch_way() -> None:
    assert datum_nl(date(2026, 3, 1)) == "1 maart 2026"
    assert datum_nl(date(2026, 12, 31)) == "31 december 2026"
    assert datum_nl(datetime(2026, 6, 1, 23, 59)) == "1 juni 2026"


def test_pictograms_and_fonts_are_loaded_once() -> None:
    first = pictogram(BLIJ, 40)
    assert first.size == (40, 40) and first.mode == "RGBA"
    assert pictogram(BLIJ, 40) is first
    assert pil_font(20) is pil_font(20)
    register_pdf_fonts()
    registered = set(pdfmetrics.getRegisteredFontNames())
    assert registered >= PDF_FONTS  # the renderers' fonts, embedded (not a built-in Helvetica)
    assert all(isinstance(pdfmetrics.getFont(name), TTFont) for name in PDF_FONTS)  # from the font files
    register_pdf_fonts()  # a second call is harmless: the same fonts, nothing added
    assert set(pdfmetrics.getRegisteredFontNames()) == registered
