"""Export figures: the snapshot PNG (P4), the koelkastblad PDF (P5) and a whole dossier bundle
(P9), each as a ratio against the least a PNG or a PDF of the same size costs, measured in
the same run.

Cached, honestly: the fonts (Pillow and ReportLab register them once per process), the
scaled pictograms and the fiche sprites (a few sizes, read-only). A warm-up call fills
those caches before timing, as the app's first export would.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.platypus import Paragraph, SimpleDocTemplate

from bench.common import BENCH_KEY, Figure, benchmark, interleaved, median
from board.weergave import ACHTERGROND
from exports.bronnen import PDF_FONT, register_pdf_fonts
from exports.bundle import write_bundle
from exports.koelkastblad import koelkastblad_pdf
from exports.pdf import style
from exports.snapshot import DEFAULT_SIZE, render_snapshot, snapshot_png
from samples import voorbeelden
from storage.outbox_crypto import BundleSeal

RUNS = 30
P9_RUNS = 15  # a bundle writes seven files with fsync each


def blank_png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", DEFAULT_SIZE, ACHTERGROND).save(buffer, format="PNG")
    return buffer.getvalue()


@benchmark("P4", "snapshot PNG 1920x1200 vs encoding a blank PNG of that size")
def snapshot_figures() -> list[Figure]:
    inwoner, meting = voorbeelden.inwoner(), voorbeelden.vervolgmeting()
    snapshot_png(meting, inwoner)  # warm-up: fonts, pictograms, sprites
    runs, base = interleaved(lambda: snapshot_png(meting, inwoner), blank_png, RUNS)
    draw_runs, draw_base = interleaved(lambda: render_snapshot(meting, inwoner), blank_png, RUNS)
    picture = render_snapshot(meting, inwoner)
    encode_runs, encode_base = interleaved(lambda: picture.save(io.BytesIO(), format="PNG"), blank_png, RUNS)
    value, base_value = median(runs) * 1e3, median(base) * 1e3
    draw_value, draw_base_value = median(draw_runs) * 1e3, median(draw_base) * 1e3
    encode_value, encode_base_value = median(encode_runs) * 1e3, median(encode_base) * 1e3
    return [
        Figure(
            "P4",
            "snapshot PNG 1920x1200, vervolgmeting 7 bars + ghosts (median)",
            value,
            "ms",
            goal="<= 2x",
            baseline=base_value,
            ratio=value / base_value,
            note="baseline: Image.new + PNG save of a blank 1920x1200 image, same settings",
        ),
        Figure(
            "P4.draw",
            "of which drawing only, no PNG encoding (median)",
            draw_value,
            "ms",
            baseline=draw_base_value,
            ratio=draw_value / draw_base_value,
            note="what the renderer itself adds",
        ),
        Figure(
            "P4.encode",
            "of which PNG encoding of the finished picture only (median)",
            encode_value,
            "ms",
            baseline=encode_base_value,
            ratio=encode_value / encode_base_value,
            note="the floor: compressing a busy picture vs a blank one, same settings",
        ),
    ]


def one_paragraph_pdf() -> bytes:
    register_pdf_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, invariant=1, initialFontName=PDF_FONT)
    doc.build([Paragraph("Eén alinea in DejaVu Sans, ingebed, om de kosten van een PDF te meten.", style("tekst"))])
    return buffer.getvalue()


@benchmark("P5", "koelkastblad with 5 doelen vs a one-paragraph A4 in the same font")
def koelkastblad_figures() -> list[Figure]:
    meting = voorbeelden.met_doelen(5)
    koelkastblad_pdf(meting, voorbeelden.TEAM)  # warm-up: fonts registered, styles built
    one_paragraph_pdf()
    runs, base = interleaved(lambda: koelkastblad_pdf(meting, voorbeelden.TEAM), one_paragraph_pdf, RUNS)
    value, base_value = median(runs) * 1e3, median(base) * 1e3
    return [
        Figure(
            "P5",
            "koelkastblad PDF, 5 doelen with acties and pictograms (median)",
            value,
            "ms",
            goal="<= 2x",
            baseline=base_value,
            ratio=value / base_value,
            note="baseline: SimpleDocTemplate, one Paragraph, DejaVu embedded, invariant=1",
        )
    ]


@benchmark("P9", "one dossier bundle written durably vs one PNG encode of the same snapshot")
def bundle_figures() -> list[Figure]:
    """The whole bundle (snapshot PNG, dossier PDF with that same PNG inside, koelkastblad,
    JSON, FHIR, manifest; each file sealed and fsynced, the folder renamed into place) against
    the one thing it cannot avoid: compressing the 1920x1200 snapshot once."""
    inwoner, nul = voorbeelden.inwoner(), voorbeelden.nulmeting()
    meting = voorbeelden.vervolgmeting(nul)
    seal = BundleSeal(BENCH_KEY)
    picture = render_snapshot(meting, inwoner)
    with tempfile.TemporaryDirectory(prefix="magneetbord-p9-") as tmp:
        counter = iter(range(10**6))

        def one_bundle() -> None:
            outbox = Path(tmp) / str(next(counter))
            outbox.mkdir()
            write_bundle(outbox, inwoner, meting, nul, seal=seal)

        one_bundle()  # warm-up: fonts, pictograms, sprites
        runs, base = interleaved(one_bundle, lambda: picture.save(io.BytesIO(), format="PNG"), P9_RUNS)
    value, base_value = median(runs) * 1e3, median(base) * 1e3
    return [
        Figure(
            "P9",
            "dossier bundle of a vervolgmeting, sealed and fsynced (median)",
            value,
            "ms",
            goal="<= 2x",
            baseline=base_value,
            ratio=value / base_value,
            note="baseline: PNG encoding of the same rendered 1920x1200 snapshot, same settings",
        )
    ]
