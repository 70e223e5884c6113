"""The fixed data key the tests open their encrypted databases with (never a real one)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from services.unlock import DEMO_NAAM
from storage.keyring import KdfParams, Keyring
from storage.outbox_crypto import BundleSeal

TEST_KEY = bytes.fromhex("6d61676e656574626f72642d746573742d6b65792d6e6f742d7265616c2d2121")

TEST_PIN = "482913"
FAST_KDF = KdfParams(memory_kib=64, time_cost=1)  # explicit, for speed; test_keyring uses the real cost


def add_test_professional(url: str) -> None:
    """Put a professional with ``TEST_PIN`` on the tablet whose data key is ``TEST_KEY``, so
    that subcommands (which ask for the PIN, here from MAGNEETBORD_PIN) can open it. The
    database is made too when it is not there yet (see ``tablet_with_professional``). The
    demo's own professional: a test tablet holds sample data, so ``demo`` may fill it."""
    from storage.repository import Repository

    Keyring.for_database(url, kdf=FAST_KDF).add_professional(DEMO_NAAM, TEST_PIN, data_key=TEST_KEY)
    Repository.open(url, TEST_KEY, create=True).close()


def tablet_with_professional(
    url: str, naam: str = "Sanne de Vries", pin: str = TEST_PIN, *, kdf: KdfParams = FAST_KDF
) -> tuple[str, bytes]:
    """A tablet as its first start leaves it: a professional in the keyring and the (encrypted)
    database beside it. A keyring with professionals but no database is refused at opening
    (``storage.opening``), so a test that needs a tablet makes both. Returns (id, data key)."""
    from storage.repository import Repository

    professional_id, key = Keyring.for_database(url, kdf=kdf).add_professional(naam, pin)
    Repository.open(url, key, actor=professional_id, create=True).close()
    return professional_id, key


TEST_SEAL = BundleSeal(TEST_KEY)  # opens the outbox of a tablet whose data key is TEST_KEY


def sealed_bytes(path: Path) -> bytes:
    """A file of a bundle in the outbox of a ``TEST_KEY`` tablet, opened."""
    return TEST_SEAL.read(path)


def sealed_json(path: Path) -> Any:
    return json.loads(sealed_bytes(path))
