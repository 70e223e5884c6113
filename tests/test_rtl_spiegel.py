"""Right to left in what the inwoner takes home: for an Arabic inwoner the snapshot's legend
and the koelkastblad's footer are mirrored like the board (read from the right), for a Dutch
inwoner they stay left to right. Checked on the pixels of the PNG and on the positions
pdftotext reports for the PDF's words."""

from __future__ import annotations

import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from board.taal import vertaler
from exports.koelkastblad import koelkastblad_pdf
from exports.snapshot import render_snapshot, snapshot_layout
from samples import talen, voorbeelden


def _legend_ink(taal: str, size: tuple[int, int]) -> tuple[np.ndarray, np.ndarray, int]:
    """Columns of the legend band with dark grey text ink, and with a fiche's colour."""
    meting, inwoner = talen.nulmeting(taal), talen.inwoner(taal)
    image = render_snapshot(meting, inwoner, size)
    layout = snapshot_layout(meting, inwoner, size)
    band = np.asarray(image.crop((0, size[1] - layout.legend_height, size[0], size[1])).convert("RGB")).astype(int)
    spread = band.max(axis=2) - band.min(axis=2)
    text = (band.max(axis=2) < 120) & (spread < 30)  # TEKST: dark and grey
    colour = spread > 80  # a fiche: saturated
    return np.where(text.any(axis=0))[0], np.where(colour.any(axis=0))[0], size[0]


@pytest.mark.parametrize("size", [(1920, 1200), (800, 600)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_snapshot_legend_reads_from_the_right_in_arabic_and_from_the_left_in_dutch(size: tuple[int, int]) -> None:
    ink, fiches, width = _legend_ink("nl", size)
    assert ink.size and fiches.size
    assert ink.max() < width / 2 and fiches.min() < ink.min()  # starts at the left margin, fiche before text
    ink, fiches, width = _legend_ink("ar", size)
    assert ink.size and fiches.size
    assert ink.min() > width / 2, (ink.min(), width)  # all of it in the right half
    assert fiches.max() > ink.max()  # the first fiche right of the first name
    assert width - fiches.max() < width * 0.06  # from the right margin


def test_the_legend_names_are_shaped_arabic() -> None:
    """The legend's Arabic is drawn joined (presentation forms), as every label: the ink is
    the same whether it came through board/schrift.py here or in a direct render."""
    from board import Perspectief, schrift
    from board.weergave import perspectief_naam

    naam = perspectief_naam(Perspectief.INWONER, vertaler("ar"))
    drawn = schrift.for_display(naam)
    assert schrift.has_rtl(naam) and drawn != naam
    assert all(0xFE70 <= ord(c) <= 0xFEFF or not schrift.has_rtl(c) for c in drawn)


def _footer_words(taal: str, tmp_path: Path) -> list[tuple[float, str]]:
    """(x, word) of the words pdftotext finds in the first page's footer (the bottom 2.5 cm)."""
    path = tmp_path / f"blad-{taal}.pdf"
    path.write_bytes(koelkastblad_pdf(talen.nulmeting(taal), voorbeelden.TEAM, vertaler(taal)))
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    page_h = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', html).group(1))
    words = re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>', html)
    return [(float(x), unicodedata.normalize("NFKC", w)) for x, y, w in words if float(y) > page_h - 2.5 * 28.35]


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils ontbreekt")
def test_the_koelkastblad_footer_is_mirrored_in_arabic(tmp_path: Path) -> None:
    middle = 595.27 / 2
    nl = _footer_words("nl", tmp_path)
    page_nl = [x for x, w in nl if w == "1"]
    assert page_nl and page_nl[0] > middle  # "blad 1" on the right
    assert min(x for x, _w in nl) < middle / 2  # the title on the left
    ar = _footer_words("ar", tmp_path)
    page_ar = [x for x, w in ar if w == "1"]
    assert page_ar and page_ar[0] < middle / 2, ar  # the page number on the left
    titel = [x for x, _w in ar if x > middle]
    assert titel and min(titel) > middle * 1.5, ar  # the title flush right
    assert all(x > middle * 1.5 or x < middle / 2 for x, _w in ar), ar  # nothing else between


def test_a_mirrored_snapshot_is_still_the_same_board_mirrored() -> None:
    """The board itself (between header and legend) in Arabic is the Dutch one mirrored at the
    fiches: the inwoner's fiche of the first bar lies at 1 - positie of the width."""
    size = (1280, 800)
    meting = talen.nulmeting("ar")
    layout = snapshot_layout(meting, talen.inwoner("ar"), size)
    x, _y = layout.fiche_center(0, meting.positie(meting.gekozen[0], "inwoner"))
    nl_layout = snapshot_layout(meting, talen.inwoner("nl"), size)
    nx, _ny = nl_layout.fiche_center(0, meting.positie(meting.gekozen[0], "inwoner"))
    row, nl_row = layout.board.rows[0], nl_layout.board.rows[0]
    assert row.mirrored and not nl_row.mirrored
    assert (x < size[0] / 2) != (nx < size[0] / 2) or abs(x - nx) > 20
    image = render_snapshot(meting, talen.inwoner("ar"), size)
    assert isinstance(image, Image.Image)
