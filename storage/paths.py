"""Where the app keeps its files on this device: the user data folder."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "magneetbord"
DATA_DIR_ENV = "MAGNEETBORD_DATA_DIR"  # tests and kiosks that keep data elsewhere


def data_dir() -> Path:
    configured = os.environ.get(DATA_DIR_ENV)
    return Path(configured) if configured else Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


KOELKASTBLAD_ENV = "MAGNEETBORD_KOELKASTBLAD_MAP"  # where a saved koelkastblad goes, when not the default
KOELKASTBLAD_MAP = "koelkastblad"


def koelkastblad_dir() -> Path:
    """Where a saved koelkastblad goes: ``koelkastblad`` in the app's data folder (0700, beside
    the encrypted database: no other user or app of a shared tablet reads the plain PDF, and
    ``MAGNEETBORD_DATA_DIR`` moves it with the rest), or the folder ``MAGNEETBORD_KOELKASTBLAD_MAP``
    names. Either way it is emptied of sheets from before today (``services.koelkastblad_map``)."""
    configured = os.environ.get(KOELKASTBLAD_ENV)
    return Path(configured) if configured else data_dir() / KOELKASTBLAD_MAP
