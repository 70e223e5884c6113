"""The monitor PDF's map legend read back (pdftotext's word boxes) at the report's size and at
very small widths, in Dutch and in English: every entry's words there (the hatching's through
the catalogue), none past the drawing's edge nor over another word."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from board.i18n import set_language
from board.monitor_6_kaart import kaart_beeld
from tests.test_monitor_kaart import _words, demo_report  # noqa: F401


@pytest.mark.parametrize("taal", ["nl", "en"])
@pytest.mark.parametrize("size", [(510, 330), (220, 180), (150, 160)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_map_legend_fits_its_width_in_the_ui_language(demo_report: tuple, tmp_path: Path,  # noqa: F811
                                                          size: tuple[int, int], taal: str) -> None:
    from reportlab.graphics import renderPDF

    from exports.monitor_kaart import kaart_tekening

    figuren, published, kaart, _out = demo_report
    set_language(taal)
    try:
        beeld = kaart_beeld(kaart, figuren, published)
        pdf = tmp_path / "kaart.pdf"
        renderPDF.drawToFile(kaart_tekening(kaart, beeld, *size), str(pdf))
    finally:
        set_language("nl")
    words = _words(pdf, 1)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                                   check=True).stdout.split())
    verborgen = {"nl": "verborgen: <10 of x", "en": "hidden: <10 or x"}[taal]
    assert verborgen in text, text
    for _rgb, tekst in beeld.legenda:
        assert tekst in text, (tekst, text)
    width = size[0]
    outside = [(w, box) for w, box in words if box[0] < -0.5 or box[2] > width + 0.5]
    assert outside == [], (size, taal)
    # pdftotext's boxes hold the font's ascent and descent: the letters lie 1 pt within
    boxes = [(w, (b[0], b[1] + 1, b[2], b[3] - 1)) for w, b in words]
    together = [(a, b) for i, (a, ra) in enumerate(boxes) for b, rb in boxes[i + 1:]
                if min(ra[2], rb[2]) - max(ra[0], rb[0]) > 0.3 and min(ra[3], rb[3]) - max(ra[1], rb[1]) > 0.3]
    assert together == [], (size, taal)
