"""The snapshot's header and the dossier PDF's footer are measured: with a 40-character
dossiernummer and the longest set name nothing runs off the page or over other text."""

from __future__ import annotations

import numpy as np
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase.pdfmetrics import stringWidth

from board import Inwoner
from board.leefgebieden import available_sets, load_set
from board.weergave import ACHTERGROND
from exports.bronnen import PDF_FONT
from exports.dossier import dossier_pdf
from exports.snapshot import render_snapshot
from exports.snapshot_header import snapshot_header
from samples import voorbeelden
from tests.pdftekst import reader

LANG_DOSSIER = "WT-2026-" + "0123456789ABCDEFGHIJKLMNOPQRSTUV"  # 40 characters, no spaces


def long_inwoner() -> Inwoner:
    return Inwoner.create(LANG_DOSSIER, "Woensel-Noord", "A.B.C.D.", inwoner_id="inwoner-ref")


def longest_set_meting() -> object:
    longest = max(available_sets(), key=lambda naam: len(load_set(naam).titel))
    meting = voorbeelden.vervolgmeting()
    if meting.leefgebieden.titel != load_set(longest).titel:  # the example uses the default set
        pytest.skip(f"the example meting uses {meting.leefgebieden.titel}, the longest set is {longest}")
    return meting


def text_columns(image: object, top: int, bottom: int) -> np.ndarray:
    """Columns of the band top..bottom with anything but the background in them."""
    band = np.asarray(image, dtype=np.int16)[top:bottom, :, :3]
    return np.nonzero(np.any(np.abs(band - np.array(ACHTERGROND)).max(axis=2) > 40, axis=0))[0]


@pytest.mark.parametrize("size", [(1920, 1200), (960, 600), (640, 400)])
def test_the_snapshot_header_fits_with_a_long_dossiernummer(size: tuple[int, int]) -> None:
    meting, inwoner = longest_set_meting(), long_inwoner()
    image = render_snapshot(meting, inwoner, size)
    header = snapshot_header(meting, inwoner, *size)
    margin = header.margin
    columns = text_columns(image, 0, header.height - 4)
    assert columns.min() >= margin - 1 and columns.max() <= size[0] - margin + 1  # nothing off the edge
    y = header.top
    for line in header.lines:  # left and right text on one line keep a gap, read from the pixels
        if line.left and line.right:
            left_end = margin + line.left_font.getlength(line.left)
            right_start = size[0] - margin - line.right_font.getlength(line.right)
            assert right_start - left_end >= line.left_font.size  # measured apart ...
            gap = text_columns(image, y, y + line.height)
            assert not np.any((gap > left_end + 2) & (gap < right_start - 2))  # ... and drawn apart
        y += line.height
    shown = "".join(line.right for line in header.lines) + "".join(line.left for line in header.lines)
    assert LANG_DOSSIER in shown.replace(" ", "") or all(c in shown for c in LANG_DOSSIER)


def footer_pieces(pdf: bytes) -> list[tuple[float, float, float, str]]:
    """(x, y, width, text) of everything drawn in the bottom 2 cm of the first page."""
    pieces = []

    def visit(text: str, cm: list, tm: list, _font: object, font_size: float) -> None:
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        if text.strip() and y < 2 * 28.35:
            size = font_size * tm[0] * cm[0]
            pieces.append((x, y, stringWidth(text.strip(), PDF_FONT, size), text.strip()))

    reader(pdf).pages[0].extract_text(visitor_text=visit)
    return pieces


def test_the_dossier_pdf_footer_never_runs_into_the_page_number() -> None:
    meting, inwoner = voorbeelden.vervolgmeting(), long_inwoner()
    pdf = dossier_pdf(inwoner, meting, voorbeelden.nulmeting())
    pieces = footer_pieces(pdf)
    page = [p for p in pieces if p[3].startswith("blad")]
    assert page, pieces
    page_x = page[0][0]
    footer = [p for p in pieces if not p[3].startswith("blad")]
    assert footer and "".join(p[3] for p in footer).replace(" ", "").count(LANG_DOSSIER) == 1
    for x, _y, width, text in footer:
        assert x + width <= page_x - 5, f"{text!r} runs into 'blad'"
        assert x + width <= A4[0]
