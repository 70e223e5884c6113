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
