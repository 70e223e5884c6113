"""The benchmark registry: each ``bench/bench_*.py`` registers its figures here.

A benchmark measures a ratio against a baseline run in the same process, because the
machine is shared and noisy; absolute times are reported for information.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

# The data key of the benchmarks' encrypted tablet databases (never a real one).
BENCH_KEY = bytes.fromhex("62656e63682d6b65792d6e6f742d7265616c2d6d61676e656574626f72642121")


@dataclass
class Figure:
    id: str  # P1, P2, ... as the issues name them; a suffix for extra rows (P1.p95)
    what: str
    value: float
    unit: str
    goal: str = ""
    baseline: float | None = None
    ratio: float | None = None
    note: str = ""

    def as_dict(self) -> dict:
        return asdict(self)


@dataclass
class Benchmark:
    id: str
    what: str
    run: Callable[[], list[Figure]]


BENCHMARKS: dict[str, Benchmark] = {}


def benchmark(figure_id: str, what: str) -> Callable[[Callable[[], list[Figure]]], Callable[[], list[Figure]]]:
    """Register a function that returns the figures of one benchmark."""

    def register(func: Callable[[], list[Figure]]) -> Callable[[], list[Figure]]:
        BENCHMARKS[figure_id] = Benchmark(figure_id, what, func)
        return func

    return register


def time_runs(func: Callable[[], object], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` calls of ``func``."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return times


def interleaved(subject: Callable[[], object], baseline: Callable[[], object], runs: int) -> tuple[
    list[float], list[float]
]:
    """Time subject and baseline alternately, so that noise hits both alike."""
    subject_times: list[float] = []
    baseline_times: list[float] = []
    for _ in range(runs):
        baseline_times += time_runs(baseline, 1)
        subject_times += time_runs(subject, 1)
    return subject_times, baseline_times


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]
