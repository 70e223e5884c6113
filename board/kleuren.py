"""The board's colours, RGB tuples of 0-255 (``board.weergave`` has the rest of how it looks).

Apart from ``board.weergave`` because the lock screen's shared rules (``widgets/common.kv``)
draw in them before anything of a meting is loaded (P3).
"""

from __future__ import annotations

RGB = tuple[int, int, int]

ACHTERGROND: RGB = (250, 248, 243)
BALK: RGB = (222, 218, 208)
BALK_RAND: RGB = (170, 165, 155)
TEKST: RGB = (40, 40, 40)
PIJL: RGB = (90, 90, 90)
GHOST_ALPHA = 0.35  # how faint the previous meting's fiches are
# What went wrong (a message) and what cannot be undone (a button that throws away): white
# letters on it are 6:1 (WCAG AA asks 4.5:1).
FOUT: RGB = (184, 51, 26)

# The monitor's charts (the same as the PDF report's): better in the inwoner's blue, worse
# in Okabe-Ito vermillion, so they stay apart for every common colour-blindness.
BETER: RGB = (0, 114, 178)
SLECHTER: RGB = (213, 94, 0)
ZACHT: RGB = (115, 115, 115)
# What needs attention but is no error (a meting not finished, a planned meting overdue): the
# vermillion darkened so that text in it on white is 5.6:1 (WCAG AA asks 4.5:1).
WAARSCHUWING: RGB = (170, 75, 0)
