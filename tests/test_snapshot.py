"""The snapshot PNG: fiches where their position says, ghosts only on a vervolgmeting,
byte-identical output and a golden reference image."""

from __future__ import annotations

import io
import os
import struct
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageChops

from board import Meting, Perspectief
from board.weergave import BALK, FICHE_STIJL, GHOST_ALPHA, PIJL
from exports.snapshot import SnapshotLayout, render_snapshot, snapshot_layout, snapshot_png
from samples import voorbeelden

GOLDEN = Path(__file__).parent / "golden" / "snapshot_vervolgmeting.png"
GOLDEN_SIZE = (960, 600)
REGENERATE = "MAGNEETBORD_REGENERATE_GOLDEN"


def one_bar(positie: float, **others: float) -> Meting:
    m = Meting.nulmeting("inwoner-ref", voorbeelden.nulmeting().datum, meting_id="een").choose("geld")
    m = m.place_fiche("geld", "inwoner", positie)
    for perspectief, value in others.items():
        m = m.place_fiche("geld", perspectief, value)
    return m


def layout_for(meting: Meting, size: tuple[int, int] = (1920, 1200)) -> SnapshotLayout:
    return snapshot_layout(meting, voorbeelden.inwoner(), size)


def blend(under: tuple[int, int, int], over: tuple[int, int, int], alpha: float) -> tuple[int, ...]:
    return tuple(round(u * (1 - alpha) + o * alpha) for u, o in zip(under, over, strict=True))


def close(pixel: tuple[int, ...], expected: tuple[int, ...], tolerance: int = 2) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel, expected, strict=True))


@pytest.mark.parametrize("positie", [0.0, 0.25, 0.5, 0.83, 1.0])
def test_the_inwoners_fiche_is_drawn_where_its_position_says(positie: float) -> None:
    meting = one_bar(positie)
    image = render_snapshot(meting, voorbeelden.inwoner())
    layout = layout_for(meting)
    assert image.getpixel(layout.fiche_center(0, positie)) == FICHE_STIJL[Perspectief.INWONER].kleur
    elsewhere = 1.0 - positie if abs(positie - 0.5) > 0.2 else 0.0
    assert image.getpixel(layout.fiche_center(0, elsewhere)) == BALK


def fiche_pixels(image: Image.Image, perspectief: Perspectief = Perspectief.INWONER) -> tuple[float, float, int]:
    """Where the fiche is, found in the picture by its colour alone (not from the layout):
    the centre of its pixels and how many there are."""
    pixels = np.asarray(image.convert("RGB"))
    ys, xs = np.nonzero(np.all(pixels == np.array(FICHE_STIJL[perspectief].kleur[:3]), axis=2))
    return float(xs.mean()), float(ys.mean()), len(xs)


def test_the_fiche_found_in_the_picture_moves_in_proportion_to_its_position() -> None:
    """Independent of the renderer's geometry: the fiche's pixels, found by colour, move
    along one line in proportion to the position, and it is drawn whole at both ends."""
    posities = [0.0, 0.1, 0.25, 0.5, 0.83, 1.0]
    found = [fiche_pixels(render_snapshot(one_bar(p), voorbeelden.inwoner())) for p in posities]
    xs = [x for x, _y, _n in found]
    assert xs == sorted(xs) and xs[-1] - xs[0] > 1920 / 4  # left (sad) to right (happy), a long way
    for positie, x in zip(posities, xs, strict=True):
        assert x == pytest.approx(xs[0] + positie * (xs[-1] - xs[0]), abs=1.0)
    assert len({round(y, 3) for _x, y, _n in found}) == 1  # on one line
    assert len({n for _x, _y, n in found}) == 1  # the same whole fiche everywhere: nothing clipped


def test_the_most_important_bar_is_drawn_highest_found_by_colour() -> None:
    meting = one_bar(0.5).choose("wonen")  # geld first, then wonen (no fiche yet)
    meting = meting.place_fiche("wonen", "inwoner", 0.5)
    _x, geld_y, _n = fiche_pixels(render_snapshot(replace(meting, fiches=meting.fiches[:1]), voorbeelden.inwoner()))
    _x, wonen_y, _n = fiche_pixels(render_snapshot(replace(meting, fiches=meting.fiches[1:]), voorbeelden.inwoner()))
    assert geld_y < wonen_y


def test_every_perspectief_has_its_own_colour_at_its_own_place() -> None:
    meting = one_bar(0.2, professional=0.5, naaste=0.8)
    image = render_snapshot(meting, voorbeelden.inwoner())
    layout = layout_for(meting)
    for perspectief, positie in [
        (Perspectief.INWONER, 0.2),
        (Perspectief.PROFESSIONAL, 0.5),
        (Perspectief.NAASTE, 0.8),
    ]:
        assert image.getpixel(layout.fiche_center(0, positie, perspectief)) == FICHE_STIJL[perspectief].kleur


def test_bars_follow_the_priority_order() -> None:
    meting = voorbeelden.nulmeting()
    # Swap the first two bars' order: their fiches must swap rows with them.
    swapped = replace(meting, gekozen=(meting.gekozen[1], meting.gekozen[0], *meting.gekozen[2:]))
    image = render_snapshot(swapped, voorbeelden.inwoner())
    layout = layout_for(swapped)
    kleur = FICHE_STIJL[Perspectief.INWONER].kleur
    assert image.getpixel(layout.fiche_center(0, meting.positie("wonen"))) == kleur
    assert image.getpixel(layout.fiche_center(1, meting.positie("geld"))) == kleur
    assert image.getpixel(layout.fiche_center(0, meting.positie("geld"))) != kleur


def test_a_vervolgmeting_shows_faint_ghosts_and_an_arrow() -> None:
    vervolg = voorbeelden.vervolgmeting()
    image = render_snapshot(vervolg, voorbeelden.inwoner())
    layout = layout_for(vervolg)
    row = vervolg.gekozen.index("geld")
    oud, nu = vervolg.vorige_positie("geld"), vervolg.positie("geld")
    ghost = blend(BALK, FICHE_STIJL[Perspectief.INWONER].kleur, GHOST_ALPHA)
    gx, gy = layout.fiche_center(row, oud)
    assert close(image.getpixel((gx, gy - 7)), ghost)  # beside the arrow, which starts at the ghost's centre
    assert image.getpixel(layout.fiche_center(row, nu)) == FICHE_STIJL[Perspectief.INWONER].kleur
    middle = layout.fiche_center(row, (oud + nu) / 2)
    assert image.getpixel(middle) == PIJL


def test_a_nulmeting_has_no_ghosts() -> None:
    vervolg = voorbeelden.vervolgmeting()
    without = replace(vervolg, vorige=())
    image = render_snapshot(without, voorbeelden.inwoner())
    layout = layout_for(without)
    row = without.gekozen.index("geld")
    assert image.getpixel(layout.fiche_center(row, vervolg.vorige_positie("geld"))) == BALK
    assert (
        image.getpixel(layout.fiche_center(row, (vervolg.vorige_positie("geld") + vervolg.positie("geld")) / 2)) == BALK
    )


def test_all_fourteen_leefgebieden_fit_at_a_smaller_size() -> None:
    meting = voorbeelden.met_doelen(0)
    image = render_snapshot(meting, voorbeelden.inwoner(), size=(1280, 800))
    assert image.size == (1280, 800)
    layout = layout_for(meting, (1280, 800))
    for row in range(14):
        assert image.getpixel(layout.fiche_center(row, 0.5)) == FICHE_STIJL[Perspectief.INWONER].kleur


def test_a_tiny_size_is_refused() -> None:
    with pytest.raises(ValueError, match="minstens"):
        render_snapshot(voorbeelden.nulmeting(), voorbeelden.inwoner(), size=(100, 100))


def png_chunks(data: bytes) -> list[bytes]:
    chunks, offset = [], 8
    while offset < len(data):
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        chunks.append(data[offset + 4 : offset + 8])
        offset += 12 + length
    return chunks


def test_the_same_meting_gives_the_same_bytes_without_a_time_stamp() -> None:
    first = snapshot_png(voorbeelden.vervolgmeting(), voorbeelden.inwoner())
    second = snapshot_png(voorbeelden.vervolgmeting(), voorbeelden.inwoner())
    assert first == second
    assert set(png_chunks(first)) <= {b"IHDR", b"IDAT", b"IEND"}  # no tIME, no text chunks
    assert Image.open(io.BytesIO(first)).size == (1920, 1200)


def test_golden_image() -> None:
    """The reference vervolgmeting, compared with tests/golden/snapshot_vervolgmeting.png.

    On the same Pillow and FreeType the pixels are identical. A different FreeType build may
    smooth letter edges differently, so a few pixels at text edges may differ a little: we
    allow 0.2% of the pixels to differ at all, and none by more than 64 of 255 (a moved bar,
    fiche, arrow or line differs far more, and on far more pixels).
    To change the picture on purpose: MAGNEETBORD_REGENERATE_GOLDEN=1 python -m pytest
    tests/test_snapshot.py -k golden, look at the new file, and commit it.
    """
    image = render_snapshot(voorbeelden.vervolgmeting(), voorbeelden.inwoner(), size=GOLDEN_SIZE)
    if os.environ.get(REGENERATE):
        GOLDEN.parent.mkdir(exist_ok=True)
        image.save(GOLDEN, format="PNG", optimize=True)
        pytest.skip(f"{GOLDEN} opnieuw gemaakt: bekijk en commit het.")
    assert GOLDEN.is_file(), f"Geen referentiebeeld; maak het met {REGENERATE}=1."
    golden = Image.open(GOLDEN).convert("RGB")
    assert golden.size == image.size
    red, green, blue = ImageChops.difference(image, golden).split()
    diff = ImageChops.lighter(ImageChops.lighter(red, green), blue)  # the largest channel difference
    histogram = diff.histogram()
    changed = sum(histogram[1:])
    assert changed <= 0.002 * image.width * image.height, f"{changed} pixels wijken af van het referentiebeeld"
    assert sum(histogram[65:]) == 0, "pixels wijken sterk af van het referentiebeeld"


def test_the_exports_font_keeps_each_text_but_draws_the_same_pixels() -> None:
    """The kept length and mask (exports/bronnen.py, for P9) are what a fresh font gives, for
    each text, anchor and fractional position apart: never another text's mask."""
    from PIL import ImageDraw, ImageFont

    from exports.bronnen import FONT_BOLD, pil_font

    fresh = ImageFont.truetype(str(FONT_BOLD), 31, layout_engine=ImageFont.Layout.BASIC)
    kept = pil_font(31, bold=True)
    cases = [("Financiën", (10, 40), "lm"), ("Financiën", (10.5, 40.25), "lm"), ("Financiën", (390, 40), "rm"),
             ("Wonen", (10, 40), "lm"), ("Financiën\nen schulden", (10, 60), "la")]  # fmt: skip
    for _ in range(2):  # the second round comes from what was kept
        for text, xy, anchor in cases:
            pictures = []
            for font in (fresh, kept):
                picture = Image.new("RGB", (400, 120), (255, 255, 255))
                ImageDraw.Draw(picture).multiline_text(xy, text, fill=(20, 20, 20), font=font, anchor=anchor)
                pictures.append(picture)
            assert pictures[0].tobytes() == pictures[1].tobytes(), (text, xy, anchor)
            assert kept.getlength(text.split("\n")[0]) == fresh.getlength(text.split("\n")[0])
