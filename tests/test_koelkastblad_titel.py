"""The koelkastblad's title stands clear of the line under it in every language (a new user
found the Arabic title's "ي" touching "كتبناها معا في ..."). Found on the printed page: pdftotext
-bbox says where the title's and the subtitle's lines are, pdftoppm's pixels where their ink is;
the white band between the title's baseline and the subtitle's must be wide enough."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from board.taal import TALEN, vertaler
from exports.koelkastblad import TITEL_WIT, koelkastblad_pdf
from samples import talen, voorbeelden

DPI = 144
# pdftotext's box of a word runs from the font's ascent to its descent (Magneetbord Sans: 1374
# and 738 of 1000 units): the baseline lies 1374/2112 of the box down.
BASELINE = 1374 / 2112

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
                                reason="poppler-utils ontbreekt")


def _lines(pdf: Path) -> list[tuple[float, float, float]]:
    """The first page's first two lines of text: (baseline, left, right) in pt from the top."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", "1", "-l", "1", str(pdf), "-"], capture_output=True,
                          check=True).stdout.decode("utf-8")
    words = [tuple(float(v) for v in m) for m in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">', html)]
    lines: list[list[tuple[float, ...]]] = []
    for word in words:
        if lines and abs(word[1] - lines[-1][0][1]) < 1:
            lines[-1].append(word)
        else:
            lines.append([word])
    return [(line[0][1] + (line[0][3] - line[0][1]) * BASELINE, min(w[0] for w in line), max(w[2] for w in line))
            for line in lines[:2]]


def white_between_title_and_subtitle(pdf: Path, tmp_path: Path) -> float:
    """The widest band of rows (pt) without ink between the title's baseline and the
    subtitle's, over both lines' width."""
    (title, t_left, t_right), (sub, s_left, s_right) = _lines(pdf)
    assert sub - title > 10, (title, sub)
    out = tmp_path / "blad"
    subprocess.run(["pdftoppm", "-r", str(DPI), "-f", "1", "-l", "1", "-png", "-singlefile", str(pdf), str(out)],
                   check=True)
    pixels = np.asarray(Image.open(f"{out}.png").convert("L"))
    scale = DPI / 72
    band = pixels[round(title * scale):round(sub * scale),
                  round(min(t_left, s_left) * scale):round(max(t_right, s_right) * scale)]
    assert (band < 160).any(), "no ink between the two baselines at all"
    widest = run = 0
    for empty in ~(band < 160).any(axis=1):
        run = run + 1 if empty else 0
        widest = max(widest, run)
    return widest / scale


@pytest.mark.parametrize("taal", [t.code for t in TALEN])
def test_the_title_stands_clear_of_the_line_under_it(taal: str, tmp_path: Path) -> None:
    pdf = tmp_path / f"blad-{taal}.pdf"
    pdf.write_bytes(koelkastblad_pdf(talen.nulmeting(taal), voorbeelden.TEAM, vertaler(taal)))
    white = white_between_title_and_subtitle(pdf, tmp_path)
    # A pixel row of rounding either way (1 px at 144 dpi is 0.5 pt).
    assert white >= TITEL_WIT - 1, f"{taal}: {white:.1f} pt of white between title and subtitle"
    assert white <= 14, f"{taal}: {white:.1f} pt: the title drifts away from its line"
