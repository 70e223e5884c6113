"""The fixed data key the tests open their encrypted databases with (never a real one)."""

from __future__ import annotations

TEST_KEY = bytes.fromhex("6d61676e656574626f72642d746573742d6b65792d6e6f742d7265616c2d2121")
