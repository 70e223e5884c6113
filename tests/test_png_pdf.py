"""P9's shortcut: the snapshot PNG goes into the dossier PDF with its own compressed pixels.
The PDF's image stream is the PNG's IDAT data byte for byte, and it decodes (pypdf, poppler)
to exactly the PNG's pixels; a PNG the shortcut cannot take still goes in, the ordinary way."""

from __future__ import annotations

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from exports.dossier import dossier_pdf
from exports.png_pdf import PngFlowable, parse_png, png_image
from exports.snapshot import snapshot_png
from samples import voorbeelden


def image_streams(pdf: bytes) -> list[tuple[bytes, Image.Image]]:
    """(raw stream bytes, decoded picture) of every image XObject in the PDF."""
    found = []
    for page in PdfReader(io.BytesIO(pdf)).pages:
        xobjects = page["/Resources"].get("/XObject") or {}
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj.get("/Subtype") == "/Image":
                found.append((obj._data, page.images[0].image))
    return found


def test_the_dossier_pdf_holds_the_snapshots_png_pixels_as_they_are() -> None:
    inwoner, nul = voorbeelden.inwoner(), voorbeelden.nulmeting()
    meting = voorbeelden.vervolgmeting(nul)
    png = snapshot_png(meting, inwoner)
    pdf = dossier_pdf(inwoner, meting, nul, snapshot=png)
    [(raw, picture)] = image_streams(pdf)
    info = parse_png(png)
    assert info is not None and raw == info.idat  # not compressed again
    assert picture.size == (1920, 1200)
    assert picture.convert("RGB").tobytes() == Image.open(io.BytesIO(png)).convert("RGB").tobytes()


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils (pdftoppm) ontbreekt")
def test_poppler_draws_it_as_well(tmp_path: Path) -> None:
    inwoner, meting = voorbeelden.inwoner(), voorbeelden.nulmeting()
    png = snapshot_png(meting, inwoner, (480, 300))
    (tmp_path / "d.pdf").write_bytes(dossier_pdf(inwoner, meting, None, snapshot=png))
    subprocess.run(["pdfimages", "-png", "-f", "1", "-l", "1", str(tmp_path / "d.pdf"), str(tmp_path / "i")],
                   check=True, timeout=60)  # fmt: skip
    [extracted] = sorted(tmp_path.glob("i-*.png"))
    assert Image.open(extracted).convert("RGB").tobytes() == Image.open(io.BytesIO(png)).convert("RGB").tobytes()


@pytest.mark.parametrize("mode", ["RGBA", "P", "L"])
def test_other_pngs_go_in_too(mode: str) -> None:
    picture = Image.new("RGB", (64, 40), (200, 30, 60)).convert(mode)
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    flowable = png_image(buffer.getvalue(), 200)
    assert isinstance(flowable, PngFlowable) == (mode == "L")  # grey goes as it is; alpha, palette re-encoded
    assert flowable.wrap(500, 500)[1] == pytest.approx(125)
