"""The monitor PDF's map read back. Its legend (pdftotext's word boxes) at the report's size and
at very small widths, in Dutch and in English: every entry's words there (the hatching's through
the catalogue), none past the drawing's edge nor over another word. Its labels' plates (pixels
by pdftoppm): none over a wijk's border."""

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


@pytest.mark.parametrize("size", [(510, 330), (300, 230)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_no_label_s_plate_hides_a_wijk_s_border_in_the_pdf(demo_report: tuple, tmp_path: Path,  # noqa: F811
                                                            size: tuple[int, int]) -> None:
    """Along every wijk's border, just inside it (1.5 pt: past the white border line, short of
    any label inside the wijk), the page shows the wijk's colour or hatching: never a plate's
    pure white, which would hide where the border runs (Waterhoek's plate did, at 510 x 330)."""
    import math

    from PIL import Image
    from reportlab.graphics import renderPDF

    from board.kaart import binnen, geprojecteerd
    from exports.monitor_kaart import kaart_kader, kaart_tekening

    figuren, published, kaart, _out = demo_report
    beeld = kaart_beeld(kaart, figuren, published)
    pdf = tmp_path / "kaart.pdf"
    renderPDF.drawToFile(kaart_tekening(kaart, beeld, *size), str(pdf))
    dpi = 200
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-singlefile", str(pdf), str(tmp_path / "kaart")], check=True)
    image = Image.open(tmp_path / "kaart.png").convert("RGB")
    scale = dpi / 72
    vormen = geprojecteerd(kaart, *kaart_kader(beeld, *size))
    white = []
    for naam, vlakken in vormen.items():
        for ring in (r for v in vlakken for r in v):
            for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
                length = math.hypot(x2 - x1, y2 - y1)
                if length < 4:
                    continue
                nx, ny = -(y2 - y1) / length * 1.5, (x2 - x1) / length * 1.5
                for i in range(1, math.ceil(length / 1.0)):  # a point every point, corners left out
                    t = i / math.ceil(length / 1.0)
                    if min(t, 1 - t) * length < 3:
                        continue
                    px, py = x1 + (x2 - x1) * t, y1 + (y2 - y1) * t
                    for sx, sy in ((px + nx, py + ny), (px - nx, py - ny)):
                        if binnen(vlakken, sx, sy):
                            pixel = image.getpixel((round(sx * scale), round((size[1] - sy) * scale)))
                            if min(pixel) >= 250:
                                white.append((naam, round(sx), round(sy)))
    assert white == [], (size, len(white), white[:6])
