"""Where the shipped data lives (sets, pictogrammen, fonts, catalogues): one place, no imports,
so that both ``board.leefgebieden`` and ``board.i18n`` can use it without importing each other."""

from __future__ import annotations

from pathlib import Path

ASSETS_DIR = Path(__file__).resolve().parent.parent / "assets"
PICTOGRAM_DIR = ASSETS_DIR / "pictogrammen"
