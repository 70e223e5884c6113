"""Fitting a line of text into a width, for any renderer (Pillow, ReportLab): measured,
shrunk down to a readable minimum, and only then wrapped. A word without spaces that is
still too wide (a dossiernummer) wraps between its characters.
"""

from __future__ import annotations

from collections.abc import Callable

Measure = Callable[[str, float], float]  # (text, size) -> width


def fitting_size(text: str, width: float, size: float, least: float, measure: Measure, step: float = 1.0) -> float:
    """The biggest size from ``size`` down to ``least`` at which ``text`` fits ``width``."""
    while size - step >= least and measure(text, size) > width:
        size -= step
    return size


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``text`` in lines no wider than ``width``: between words where it can, else between
    characters (an identifier without spaces)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        current = ""
        for char in word:
            if current and measure(current + char) > width:
                lines.append(current)
                current = ""
            current += char
    if current:
        lines.append(current)
    return lines


def fit(text: str, width: float, size: float, least: float, measure: Measure) -> tuple[float, list[str]]:
    """(size, lines): one line at the biggest size that fits, else lines at ``least``."""
    size = fitting_size(text, width, size, least, measure)
    return size, wrap(text, width, lambda part: measure(part, size))
