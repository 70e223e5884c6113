"""Security figures: how long the PIN takes to unlock the data key (Argon2id at the real cost)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

from bench.common import Figure, benchmark, interleaved, median
from storage.keyring import DEFAULT_KDF, Keyring

PIN = "482913"


def argon2id(pin: str) -> bytes:
    """One Argon2id at the app's cost: what an unlock, or one offline guess, costs."""
    return hash_secret_raw(
        pin.encode(),
        b"0123456789abcdef",
        time_cost=DEFAULT_KDF.time_cost,
        memory_cost=DEFAULT_KDF.memory_kib,
        parallelism=DEFAULT_KDF.parallelism,
        hash_len=32,
        type=Type.ID,
    )


@benchmark("K1", "security: unlock the data key with the PIN (Argon2id 19 MiB, 2 passes) vs the bare Argon2id")
def unlock() -> list[Figure]:
    with tempfile.TemporaryDirectory() as folder:
        keyring = Keyring.for_database(f"sqlite:///{Path(folder) / 'k.sqlite3'}")
        professional, _ = keyring.add_professional("Bench", PIN)

        subject, base = interleaved(lambda: keyring.unlock(professional, PIN), lambda: argon2id(PIN), 40)
    value, base_value = median(subject) * 1e3, median(base) * 1e3
    return [
        Figure(
            "K1",
            "unlock with the right PIN (median)",
            value,
            "ms",
            goal="(none given; well under a second on a tablet)",
            baseline=base_value,
            ratio=value / base_value,
            note="baseline: argon2-cffi hash_secret_raw alone, same parameters; 40 interleaved runs. "
            "Every try writes the keyring once: its outcome (count up, or back to 0), durably, before the "
            "answer (issue 14: a full disk gets no answer, so it cannot lift the back-off)",
        )
    ]


@benchmark("K2", "security: offline PIN guessing with a copied keyring: Argon2id per guess x 10^6 PINs, one core")
def offline_guessing() -> list[Figure]:
    """What a thief with the database and the keyring file pays to try every 6-digit PIN:
    one Argon2id at the stored cost per guess (checking the GCM tag is negligible)."""

    times = []
    for pin in range(60):
        start = time.perf_counter()
        argon2id(f"{pin:06d}")
        times.append(time.perf_counter() - start)
    per_guess = median(times)
    return [
        Figure("K2", "one offline PIN guess (median, one core)", per_guess * 1e3, "ms",
               goal="(see docs/security.md: raise it with a hardware-backed key)",
               note="argon2-cffi hash_secret_raw at DEFAULT_KDF (19 MiB, 2 passes, 1 lane), 60 guesses"),
        Figure("K2.alle", "all 10^6 six-digit PINs, one core", per_guess * 1e6 / 3600, "hours",
               goal="(n cores divide it by n; 19 MiB per guess slows GPUs, does not stop them)",
               note="median per guess x 10^6; half of it on average to find the PIN"),
    ]  # fmt: skip
