"""The fixed data key the tests open their encrypted databases with (never a real one)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from storage.keyring import KdfParams, Keyring
from storage.outbox_crypto import BundleSeal

TEST_KEY = bytes.fromhex("6d61676e656574626f72642d746573742d6b65792d6e6f742d7265616c2d2121")

TEST_PIN = "482913"
FAST_KDF = KdfParams(memory_kib=64, time_cost=1)  # explicit, for speed; test_keyring uses the real cost


def add_test_professional(url: str) -> None:
    """Put a professional with ``TEST_PIN`` on the tablet whose data key is ``TEST_KEY``, so
    that subcommands (which ask for the PIN, here from MAGNEETBORD_PIN) can open it."""
    Keyring.for_database(url, kdf=FAST_KDF).add_professional("Test Professional", TEST_PIN, data_key=TEST_KEY)


TEST_SEAL = BundleSeal(TEST_KEY)  # opens the outbox of a tablet whose data key is TEST_KEY


def sealed_bytes(path: Path) -> bytes:
    """A file of a bundle in the outbox of a ``TEST_KEY`` tablet, opened."""
    return TEST_SEAL.read(path)


def sealed_json(path: Path) -> Any:
    return json.loads(sealed_bytes(path))
