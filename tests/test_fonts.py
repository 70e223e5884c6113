"""Magneetbord Sans: one family with its own name covering every character the app can show
in any of its languages (catalogues, leefgebieden, layouts), its licence beside it, and a
build script that makes the same font again from the Noto fonts."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from board import schrift

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "assets" / "fonts"
NOTO = Path("/usr/share/fonts/truetype/noto")


def _texts() -> str:
    paths = [*(ROOT / "assets" / "locale").glob("*/LC_MESSAGES/magneetbord.po"),
             *(ROOT / "assets" / "leefgebieden").rglob("*.toml"), *(ROOT / "widgets").glob("*.kv")]
    return "".join(path.read_text("utf-8") for path in paths)


@pytest.mark.parametrize("style", ["Regular", "Bold"])
def test_every_character_the_app_shows_is_in_the_font(style: str) -> None:
    font = TTFont(FONTS / f"MagneetbordSans-{style}.ttf")
    cmap = font.getBestCmap()
    text = _texts()
    needed = {c for c in text + schrift.shaped(text) + "0123456789٠١٢٣٤٥٦٧٨٩،؛؟።፣፧" if ord(c) > 32}
    missing = sorted(c for c in needed if ord(c) not in cmap and c not in "\u200e\u200f")
    assert missing == []


def test_the_family_has_its_own_name_and_its_licence() -> None:
    names = TTFont(FONTS / "MagneetbordSans-Regular.ttf")["name"]
    assert names.getDebugName(1) == "Magneetbord Sans" and "Noto" not in names.getDebugName(4)
    licence = (FONTS / "OFL.txt").read_text("utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence and "Google" in licence


def font_content(path: Path) -> list[str]:
    """What a font holds, as fontTools reads it (every table decompiled, as ttx shows it), not
    how it lays it out in bytes: without the fontTools version the dump names and the
    checksum over the file's bytes."""
    dump = io.StringIO()
    TTFont(path).saveXML(dump)
    lines = dump.getvalue().splitlines()
    lines[1] = re.sub(r' ttLibVersion="[^"]*"', "", lines[1])
    return [line for line in lines if "<checkSumAdjustment " not in line]


@pytest.mark.slow
@pytest.mark.skipif(not (NOTO / "NotoSansEthiopic-Regular.ttf").is_file(), reason="apt-get install fonts-noto-core")
def test_the_build_script_makes_the_committed_fonts_again(tmp_path: Path) -> None:
    """Compared by content, not by bytes: another fontTools release may write the same tables
    in another order or padding (as a Babel release did with the .mo files, issue 11)."""
    subprocess.run([sys.executable, str(FONTS / "build_font.py"), "--out-dir", str(tmp_path)], check=True,
                   capture_output=True)
    for name in ("MagneetbordSans-Regular.ttf", "MagneetbordSans-Bold.ttf"):
        built, committed = font_content(tmp_path / name), font_content(FONTS / name)
        differ = next((n for n, (a, b) in enumerate(zip(built, committed, strict=False)) if a != b), None)
        assert differ is None and len(built) == len(committed), (
            f"{name}: built and committed differ at line {differ} of the ttx dump: "
            f"{built[differ] if differ is not None else len(built)!r} / "
            f"{committed[differ] if differ is not None else len(committed)!r}"
        )


def test_the_font_comparison_sees_content_not_bytes(tmp_path: Path) -> None:
    """The same font laid out in other bytes (each glyph padded to 4 bytes instead of 1) is the
    same content; one changed glyph advance is not."""
    font = TTFont(FONTS / "MagneetbordSans-Regular.ttf")
    font.recalcTimestamp = False  # as build_font.py writes it
    font["glyf"].padding = 4
    font.save(tmp_path / "anders.ttf")
    again = (tmp_path / "anders.ttf").read_bytes()
    assert again != (FONTS / "MagneetbordSans-Regular.ttf").read_bytes()
    assert font_content(tmp_path / "anders.ttf") == font_content(FONTS / "MagneetbordSans-Regular.ttf")
    width, lsb = font["hmtx"]["A"]
    font["hmtx"]["A"] = (width + 1, lsb)
    font.save(tmp_path / "breder.ttf")
    assert font_content(tmp_path / "breder.ttf") != font_content(FONTS / "MagneetbordSans-Regular.ttf")
