"""Where each part of the board goes, as plain geometry (no Kivy): tested without a screen.

All lengths are pixels; ``unit`` is the size of one dp, so that touch targets stay at
least 48 dp on every screen. Rows are stacked from the top (most important first) and
grow with the space, up to a friendly maximum.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from board import Perspectief

Rect = tuple[float, float, float, float]  # x, y (bottom), width, height

MIN_TOUCH = 48  # dp: the smallest touch target on the board
MAX_PITCH = 112  # dp: rows do not grow beyond this on a big screen with few bars
PAD = 8  # dp: margin around the board
GAP = 4  # dp: space between rows

# Which way from the bar's middle each perspectief's fiche sits, as a share of the row
# height: the inwoner's on the line, the others just above and below, so three fiches
# at the same place stay visible.
FICHE_OFFSET = {Perspectief.INWONER: 0.0, Perspectief.PROFESSIONAL: 0.27, Perspectief.NAASTE: -0.27}
FICHE_SCALE = {Perspectief.INWONER: 1.0, Perspectief.PROFESSIONAL: 0.62, Perspectief.NAASTE: 0.62}


@dataclass(frozen=True)
class RowGeometry:
    key: str
    index: int
    rect: Rect  # the whole row (a white card)
    handle: Rect  # drag up/down to reorder, or onto the tray to remove
    pictogram: Rect
    name: Rect  # the area the name is drawn in (text wraps to its width)
    name_font: int
    sad: Rect
    happy: Rect
    track: Rect  # the bar itself
    touch_x: tuple[float, float]  # where a touch reaches the fiches: smiley to smiley
    fiche_size: float  # the inwoner's fiche diameter
    x0: float  # the fiche's centre at 0.0 (sad)
    x1: float  # the fiche's centre at 1.0 (happy)

    @property
    def center_y(self) -> float:
        return self.rect[1] + self.rect[3] / 2

    def x_for(self, positie: float) -> float:
        return self.x0 + positie * (self.x1 - self.x0)

    def positie_at(self, x: float) -> float:
        """The position under ``x``; outside 0..1 when the finger left the bar."""
        return (x - self.x0) / (self.x1 - self.x0)

    def fiche_center(self, positie: float, perspectief: Perspectief) -> tuple[float, float]:
        return self.x_for(positie), self.center_y + FICHE_OFFSET[perspectief] * self.rect[3]

    def fiche_diameter(self, perspectief: Perspectief) -> float:
        return self.fiche_size * FICHE_SCALE[perspectief]


@dataclass(frozen=True)
class BoardLayout:
    rows: tuple[RowGeometry, ...]
    area: Rect
    pitch: float
    top: float  # y of the first row's top edge

    @staticmethod
    def compute(area: Rect, keys: Sequence[str], unit: float = 1.0) -> BoardLayout:
        x, y, width, height = area
        pad, gap = PAD * unit, GAP * unit
        top = y + height - pad
        rows_height = max(0.0, height - 2 * pad)
        # Below 48 dp a row would be hard to hit; the screens we support (1280x800 and
        # up, 14 bars) stay above it. A smaller window compresses rather than clips.
        pitch = min(MAX_PITCH * unit, rows_height / max(1, len(keys)))
        row_h = max(1.0, pitch - gap)
        rows = tuple(
            _row(key, index, x + pad, top - (index + 1) * pitch + gap / 2, width - 2 * pad, row_h, unit)
            for index, key in enumerate(keys)
        )
        return BoardLayout(rows=rows, area=area, pitch=pitch, top=top)

    def row_at(self, y: float) -> RowGeometry | None:
        for row in self.rows:
            if row.rect[1] - GAP <= y <= row.rect[1] + row.rect[3] + GAP:
                return row
        return None

    def index_at(self, y: float, slots: int) -> int:
        """The place in the order for a bar dropped at height ``y`` (0 = top), of ``slots``."""
        index = int((self.top - y) // self.pitch) if self.pitch > 0 else 0
        return min(max(index, 0), max(slots - 1, 0))

    def row(self, key: str) -> RowGeometry | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None


def _row(key: str, index: int, x: float, y: float, width: float, h: float, unit: float) -> RowGeometry:
    inner = 6 * unit
    handle_w = max(MIN_TOUCH * unit, min(64 * unit, h * 0.9))
    handle = (x + inner / 2, y, handle_w, h)
    picto_size = min(h * 0.78, 72 * unit)
    picto_x = handle[0] + handle_w + inner
    pictogram = (picto_x, y + (h - picto_size) / 2, picto_size, picto_size)
    name_x = picto_x + picto_size + 2 * inner
    name_w = min(max(width * 0.2, 150 * unit), 320 * unit)
    name_font = round(min(max(h * 0.3, 15 * unit), 28 * unit))
    name = (name_x, y, name_w, h)
    smiley = min(h * 0.82, 64 * unit)
    sad = (name_x + name_w + inner, y + (h - smiley) / 2, smiley, smiley)
    happy = (x + width - inner - smiley, sad[1], smiley, smiley)
    track_x0, track_x1 = sad[0] + smiley + inner, happy[0] - inner
    track_h = max(10 * unit, h * 0.2)
    track = (track_x0, y + (h - track_h) / 2, max(0.0, track_x1 - track_x0), track_h)
    fiche = min(h * 0.84, 60 * unit)
    return RowGeometry(
        key=key,
        index=index,
        rect=(x, y, width, h),
        handle=handle,
        pictogram=pictogram,
        name=name,
        name_font=name_font,
        sad=sad,
        happy=happy,
        track=track,
        touch_x=(sad[0], happy[0] + smiley),
        fiche_size=fiche,
        x0=track_x0 + fiche / 2,
        x1=track_x1 - fiche / 2,
    )
