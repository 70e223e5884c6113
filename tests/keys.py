"""The fixed data key the tests open their encrypted databases with (never a real one)."""

from __future__ import annotations

from services.unlock import DEMO_NAAM
from storage.keyring import KdfParams, Keyring

TEST_KEY = bytes.fromhex("6d61676e656574626f72642d746573742d6b65792d6e6f742d7265616c2d2121")

TEST_PIN = "482913"
FAST_KDF = KdfParams(memory_kib=64, time_cost=1)  # explicit, for speed; test_keyring uses the real cost


def add_test_professional(url: str) -> None:
    """Put a professional with ``TEST_PIN`` on the tablet whose data key is ``TEST_KEY``, so
    that subcommands (which ask for the PIN, here from MAGNEETBORD_PIN) can open it. The demo's
    own professional: a test tablet holds sample data, so ``demo`` may fill it."""
    Keyring.for_database(url, kdf=FAST_KDF).add_professional(DEMO_NAAM, TEST_PIN, data_key=TEST_KEY)
