"""Right-to-left text, shaped and ordered by one pure-Python path for the screen, the PDF and
the PNG (python-for-android has neither HarfBuzz nor Pillow's raqm).

Arabic letters are put in their joined forms (``arabic_reshaper``) and each line is put in
the order it is drawn (``python-bidi``, the Unicode bidi algorithm, base direction right to
left). Lines are broken here, in logical order and measured on the shaped words, before
each line is reordered: a wrapped paragraph mixed with Latin words and numbers reads right.
``measure`` is the renderer's own width function (Kivy's, ReportLab's or Pillow's).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache

Measure = Callable[[str], float]

_BREAKS = re.compile(r"[ \t]+")  # where a line may break (str.split() would break at a no-break space too)

# Hebrew, Arabic and their presentation forms: one search in C, not a loop per letter (every
# text the board measures is asked this, P10)
_RTL = re.compile("[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")


def has_rtl(text: str) -> bool:
    """Whether ``text`` holds right-to-left letters (Hebrew, Arabic)."""
    return _RTL.search(text) is not None


@lru_cache(maxsize=4096)
def shaped(text: str) -> str:
    """``text`` with Arabic letters in their joined forms, still in logical order."""
    if not has_rtl(text):
        return text
    import arabic_reshaper

    return arabic_reshaper.reshape(text)


@lru_cache(maxsize=4096)
def visual(line: str) -> str:
    """One line as it is drawn left to right: shaped, then reordered (bidi, base RTL)."""
    if not has_rtl(line):
        return line
    from bidi.algorithm import get_display

    return get_display(shaped(line), base_dir="R")


def wrap(text: str, width: float, measure: Measure) -> list[str]:
    """``text`` broken into lines (logical order) no wider than ``width`` by ``measure`` of
    the shaped text; between words only, a word wider than ``width`` stands alone. Only at
    a plain space: a no-break space holds what must stay on one line (a date, "2\u00a0mei\u00a02026")."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in _BREAKS.split(paragraph.strip(" \t")):
            candidate = f"{line} {word}" if line else word
            if line and measure(shaped(candidate)) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def visual_lines(text: str, width: float | None, measure: Measure) -> list[str]:
    """``text`` wrapped at ``width`` (None: only at new lines), each line in drawing order."""
    lines = text.split("\n") if width is None else wrap(text, width, measure)
    return [visual(line) for line in lines]


def for_display(text: str) -> str:
    """A single line (a label that does not wrap) ready to draw."""
    return "\n".join(visual(line) for line in text.split("\n"))
