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


DOCUMENTS_ENV = "MAGNEETBORD_KOELKASTBLAD_MAP"  # where a saved koelkastblad goes, when not the default


def documents_dir() -> Path:
    """Where the professional can reach a saved koelkastblad: ``Magneetbord`` in the user's
    documents folder (Linux: ``~/Documents`` or its XDG name, e.g. ``~/Documenten``; Android:
    the shared ``Documents`` folder), or the folder ``MAGNEETBORD_KOELKASTBLAD_MAP`` names."""
    configured = os.environ.get(DOCUMENTS_ENV)
    return Path(configured) if configured else Path(platformdirs.user_documents_dir()) / "Magneetbord"
