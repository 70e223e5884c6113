"""Build "Magneetbord Sans" (regular and bold): Noto Sans (Latin, Greek, Cyrillic), Noto Sans
Arabic and Noto Sans Ethiopic merged into one family with fontTools, so every language of the
board draws with one font on the screen, in the PDFs and in the PNG.

    python assets/fonts/build_font.py [--noto-dir /usr/share/fonts/truetype/noto]

The sources are Debian's fonts-noto-core 20201225 (``apt-get install fonts-noto-core``), all
under the SIL Open Font License 1.1 (OFL.txt beside this script). The OFL reserves no font
name for Noto, but a modified font must not be called "Noto": the merged family has its own
name. The arrows, mathematical signs and geometric shapes Noto Sans lacks (↶ ↷ − ▲ ●) come
from the DejaVu Sans beside this script (Bitstream Vera licence, DejaVu changes public domain:
see README.md). Reproducible: the same sources give byte-identical files (fixed timestamps, no
random ids). Arabic is drawn from the presentation forms (U+FB50-U+FEFF) that
board/schrift.py shapes to, so nothing here depends on OpenType shaping.
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

from fontTools.merge import Merger, Options
from fontTools.subset import Options as SubsetOptions
from fontTools.subset import Subsetter
from fontTools.ttLib import TTFont
from fontTools.ttLib.scaleUpem import scale_upem

HERE = Path(__file__).resolve().parent
FAMILY = "Magneetbord Sans"
SOURCES = ("NotoSans-{style}.ttf", "NotoSansArabic-{style}.ttf", "NotoSansEthiopic-{style}.ttf")
STYLES = {"Regular": "MagneetbordSans-Regular.ttf", "Bold": "MagneetbordSans-Bold.ttf"}
# The symbols the app draws that Noto Sans lacks (undo/redo arrows, the minus of the − button,
# the monitor's triangles and dots): taken from the DejaVu Sans beside this script.
DEJAVU = {"Regular": "DejaVuSans.ttf", "Bold": "DejaVuSans-Bold.ttf"}
SYMBOLS = [*range(0x2190, 0x2200), *range(0x2200, 0x2300), *range(0x25A0, 0x2600)]
# 2020-12-25, the sources' release: a fixed date keeps the output byte-identical.
TIMESTAMP = 3691699200
DROP = ("GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "DSIG", "STAT", "meta")


def build(noto_dir: Path, style: str, out: Path) -> str:
    sources = []
    for pattern in SOURCES:
        font = TTFont(noto_dir / pattern.format(style=style))
        for tag in DROP:  # shaping is done before the font sees the text (board/schrift.py)
            if tag in font:
                del font[tag]
        path = out.parent / f".{pattern.format(style=style)}.tmp"
        font.save(path)
        sources.append(path)
    sources.append(_symbols(style, out.parent / f".symbols-{style}.tmp"))
    try:
        merged = Merger(options=Options(drop_tables=list(DROP))).merge([str(p) for p in sources])
    finally:
        for path in sources:
            path.unlink()
    _rename(merged, style)
    merged.recalcTimestamp = False
    merged["head"].created = merged["head"].modified = TIMESTAMP
    merged.save(out, reorderTables=True)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def _symbols(style: str, path: Path) -> Path:
    """DejaVu's arrows, mathematical signs and geometric shapes, scaled to Noto's 1000 units
    per em, without hinting or layout tables (the merge keeps the first font's glyph for a
    character both have, so only what Noto lacks comes from here)."""
    font = TTFont(HERE / DEJAVU[style])
    options = SubsetOptions()
    options.hinting = False
    options.layout_features = []
    options.notdef_outline = True
    subsetter = Subsetter(options)
    subsetter.populate(unicodes=SYMBOLS)
    subsetter.subset(font)
    scale_upem(font, 1000)
    for tag in (*DROP, "kern", "fpgm", "prep", "cvt ", "gasp", "hdmx", "LTSH", "VDMX"):
        if tag in font:
            del font[tag]
    font.save(path)
    return path


def _rename(font: TTFont, style: str) -> None:
    name = font["name"]
    full = f"{FAMILY} {style}" if style != "Regular" else FAMILY
    postscript = f"MagneetbordSans-{style}"
    for record in list(name.names):
        if record.nameID in (1, 3, 4, 6, 16, 17, 21, 22):
            name.removeNames(nameID=record.nameID)
    for name_id, value in ((1, FAMILY), (2, style), (3, f"{postscript};issue17"), (4, full), (6, postscript)):
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    name.setName(
        "Merged from Noto Sans, Noto Sans Arabic and Noto Sans Ethiopic (SIL OFL 1.1) by assets/fonts/build_font.py.",
        10, 3, 1, 0x409,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--noto-dir", type=Path, default=Path("/usr/share/fonts/truetype/noto"))
    parser.add_argument("--out-dir", type=Path, default=HERE)
    args = parser.parse_args()
    for style, filename in STYLES.items():
        digest = build(args.noto_dir, style, args.out_dir / filename)
        print(f"{filename}  sha256 {digest}")


if __name__ == "__main__":
    main()
