"""A bar of the board widget drawn at the origin (``BoardWidget`` puts it in place): its card,
reorder handle, pictogram with the speaker, smileys and track; its name apart, because the
board's one name size changes with the names on it while the rest of a bar does not (P10).

Split from widgets/board_widget.py (the house rule on module length).
"""

from __future__ import annotations

from pathlib import Path

from kivy.graphics import Color, Line, Rectangle, RoundedRectangle

from board.geometry import RowGeometry
from board.weergave import BALK, BALK_RAND
from widgets.bar_naam import Names, draw_name, speaker_badge
from widgets.textures import CORNER, HAPPY, SAD, pictogram_texture, rgba

HANDLE = (0.93, 0.92, 0.89, 1.0)  # the grip's background: quieter than the bar
GRIP = (0.55, 0.53, 0.5, 1.0)
CARD = (1.0, 1.0, 1.0, 1.0)
CARD_LIFTED = (1.0, 0.97, 0.86, 1.0)  # a bar that is being moved by its handle


def draw_row(row: RowGeometry, pictogram: Path, lifted: bool, unit: float, speaks: bool) -> None:
    """All of a bar but its name, into the current canvas; ``lifted``: moved by its handle;
    ``speaks``: a speaker on its pictogram (read aloud)."""
    x, y, w, h = row.rect
    Color(0, 0, 0, 0.06)
    RoundedRectangle(pos=(x, y - 2 * unit), size=(w, h), radius=[10 * unit])
    Color(*(CARD_LIFTED if lifted else CARD))
    RoundedRectangle(pos=(x, y), size=(w, h), radius=[10 * unit])
    if row.handle is not None:
        hx, hy, hw, hh = row.handle
        Color(*HANDLE)
        RoundedRectangle(pos=(hx + 4 * unit, hy + 4 * unit), size=(hw - 8 * unit, hh - 8 * unit), radius=[8 * unit])
        Color(*GRIP)
        grip_w, grip_h = hw * 0.42, max(2.0, 3 * unit)
        for step in (-1, 0, 1):
            gy = hy + hh / 2 + step * max(5 * unit, hh * 0.14) - grip_h / 2
            RoundedRectangle(pos=(hx + (hw - grip_w) / 2, gy), size=(grip_w, grip_h), radius=[grip_h / 2])
    Color(1, 1, 1, 1)
    if row.pictogram is not None:
        Rectangle(texture=pictogram_texture(pictogram), pos=row.pictogram[:2], size=row.pictogram[2:])
        if speaks:
            speaker_badge(row.pictogram, unit)
            Color(1, 1, 1, 1)
    Rectangle(texture=pictogram_texture(SAD), pos=row.sad[:2], size=row.sad[2:])
    Rectangle(texture=pictogram_texture(HAPPY), pos=row.happy[:2], size=row.happy[2:])
    tx, ty, tw, th = row.track
    Color(*rgba(BALK))
    RoundedRectangle(pos=(tx, ty), size=(tw, th), radius=[th / 2])
    Color(*rgba(BALK_RAND))
    Line(rounded_rectangle=(tx, ty, tw, th, th / 2, CORNER), width=max(1.0, unit))


def draw_white_name(row: RowGeometry, names: Names, least: int, dutch_least: int) -> None:
    """A bar's name (``widgets.bar_naam.draw_name``) in a group of its own: white first, the
    name's own colours are in its textures."""
    Color(1, 1, 1, 1)
    draw_name(row, names, least, dutch_least)
