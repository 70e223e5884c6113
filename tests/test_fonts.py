"""Magneetbord Sans: one family with its own name covering every character the app can show
in any of its languages (catalogues, leefgebieden, layouts), its licence beside it, and a
build script that makes the same bytes again from the Noto fonts."""

from __future__ import annotations

import hashlib
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


@pytest.mark.slow
@pytest.mark.skipif(not (NOTO / "NotoSansEthiopic-Regular.ttf").is_file(), reason="apt-get install fonts-noto-core")
def test_the_build_script_makes_the_committed_fonts_again(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(FONTS / "build_font.py"), "--out-dir", str(tmp_path)], check=True,
                   capture_output=True)
    for name in ("MagneetbordSans-Regular.ttf", "MagneetbordSans-Bold.ttf"):
        assert hashlib.sha256((tmp_path / name).read_bytes()).digest() == hashlib.sha256(
            (FONTS / name).read_bytes()).digest()
