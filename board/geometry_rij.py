"""One bar of the board as plain geometry: where its handle, pictogram, name, smileys, track and
fiches go, and which touch reaches them (pure Python). The rules, and how the rows are laid out
on the board, are in board/geometry.py's docstring; import from there.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from board.meting_waarden import Perspectief

Rect = tuple[float, float, float, float]  # x, y (bottom), width, height

MIN_TOUCH = 48  # dp: the smallest touch target on the board
MIN_TRACK = 180  # dp: the shortest bar that still works as a scale
MIN_NAME = 104  # dp: a name column narrower than this wraps into single letters
MAX_NAME = 320  # dp: the widest name column (longer names wrap)
FINGER = 24  # dp: how far beside a fiche or the bar a fingertip still means it
SPEAKER_PICTO = 36  # dp: the smallest pictogram of a live board; with its gaps a 48 dp speaker
SMILEY_LEAST = 30  # dp: the smileys of a live board that keeps its speaker (40 dp otherwise)
SLACK = 0.01  # px: what a bar may be short of MIN_TRACK by floating-point rounding alone

# Which way from the bar's middle each perspectief's fiche sits, as a share of the row
# height: the inwoner's on the line, the others just above and below, so three fiches
# at the same place stay visible.
FICHE_OFFSET = {Perspectief.INWONER: 0.0, Perspectief.PROFESSIONAL: 0.27, Perspectief.NAASTE: -0.27}
FICHE_SCALE = {Perspectief.INWONER: 1.0, Perspectief.PROFESSIONAL: 0.62, Perspectief.NAASTE: 0.62}

# A fiche's drawing, as shares of its diameter: a white rim around the coloured shape; a
# square looks bigger than a circle of the same width, a diamond smaller.
FILL_SHARE = 0.8
SQUARE_SIDE = 0.86
DIAMOND_RADIUS = 0.6
GHOST_SHARE = 0.8  # a ghost (last time's fiche) is the coloured shape without its rim


@dataclass(frozen=True)
class Arrow:
    """From the ghost to today's fiche: a line, then a head whose tip touches the fiche."""

    start: tuple[float, float]
    tip: tuple[float, float]
    head: float  # length of the head along the bar
    width: float  # line width

    @property
    def direction(self) -> int:
        return 1 if self.tip[0] > self.start[0] else -1

    @property
    def line_end(self) -> tuple[float, float]:
        """Where the line stops: just inside the head, so no gap shows."""
        return self.tip[0] - self.direction * self.head * 0.8, self.tip[1]

    @property
    def head_points(self) -> tuple[tuple[float, float], ...]:
        back = self.tip[0] - self.direction * self.head
        y = self.tip[1]
        return (self.tip, (back, y + self.head * 0.6), (back, y - self.head * 0.6))


@dataclass(frozen=True)
class RowGeometry:
    key: str
    index: int
    rect: Rect  # the whole row (a white card)
    handle: Rect | None  # drag up/down to reorder, or onto the tray to remove; None: read-only
    pictogram: Rect | None  # None when the board is too narrow for it
    name: Rect  # the area the name is drawn in (text wraps to its width)
    name_font: int
    sad: Rect
    happy: Rect
    track: Rect  # the bar itself
    touch_x: tuple[float, float]  # where a touch reaches the fiches: smiley to smiley
    fiche_size: float  # the inwoner's fiche diameter
    x0: float  # the fiche's centre at 0.0 (sad)
    x1: float  # the fiche's centre at 1.0 (happy); left of x0 on a mirrored board
    unit: float = 1.0
    mirrored: bool = False  # right to left: the name on the right, sad (0.0) on the right

    @property
    def center_y(self) -> float:
        return self.rect[1] + self.rect[3] / 2

    @property
    def speaker(self) -> Rect | None:
        """Where a touch reads the name aloud: the pictogram over the row's full height,
        widened to ``MIN_TOUCH`` about its middle (a 48 dp row has a 37 dp pictogram). It
        stays clear of the handle and the name: the gaps beside the pictogram are wider."""
        if self.pictogram is None:
            return None
        px, _py, pw, _ph = self.pictogram
        width = max(pw, MIN_TOUCH * self.unit)
        return px + pw / 2 - width / 2, self.rect[1], width, self.rect[3]

    def holds_name(self, x: float, y: float) -> bool:
        """Whether a touch at (x, y) is on the bar's name or pictogram (over the row's height):
        a long press there shows the leefgebied's prompts, as on its kaartje. The fiches'
        reach, the handle and the speaker are asked first (a press on the fiche stays a drag)."""
        columns = [self.name] + ([self.pictogram] if self.pictogram is not None else [])
        left, right = min(r[0] for r in columns), max(r[0] + r[2] for r in columns)
        return left <= x <= right and self.rect[1] <= y <= self.rect[1] + self.rect[3]

    def x_for(self, positie: float) -> float:
        return self.x0 + positie * (self.x1 - self.x0)

    def at_origin(self) -> RowGeometry:
        """The same row with its corner at (0, 0) and index 0 (to 1/100 px): what it draws,
        whichever place it has on the board (the widget draws it once and moves it there)."""
        x, y = self.rect[0], self.rect[1]

        def moved(rect: Rect | None) -> Rect | None:
            return None if rect is None else (round(rect[0] - x, 2), round(rect[1] - y, 2), rect[2], rect[3])

        return replace(self, index=0, rect=moved(self.rect), handle=moved(self.handle), pictogram=moved(self.pictogram),
                       name=moved(self.name), sad=moved(self.sad), happy=moved(self.happy), track=moved(self.track),
                       touch_x=(round(self.touch_x[0] - x, 2), round(self.touch_x[1] - x, 2)),
                       x0=round(self.x0 - x, 2), x1=round(self.x1 - x, 2))

    def positie_at(self, x: float) -> float:
        """The position under ``x``; outside 0..1 when the finger left the bar."""
        return (x - self.x0) / (self.x1 - self.x0)

    def fiche_center(self, positie: float, perspectief: Perspectief | str) -> tuple[float, float]:
        return self.x_for(positie), self.center_y + FICHE_OFFSET[Perspectief(perspectief)] * self.rect[3]

    def fiche_diameter(self, perspectief: Perspectief | str) -> float:
        return self.fiche_size * FICHE_SCALE[Perspectief(perspectief)]

    def arrow(self, vorige: float | None, positie: float | None, perspectief: Perspectief) -> Arrow | None:
        """The arrow from last time's ghost to the fiche, or None: no ghost, no fiche, or a
        change smaller than about a fiche (then the ghost peeks out beside it)."""
        if vorige is None or positie is None:
            return None
        gx, cy = self.fiche_center(vorige, perspectief)
        cx, _ = self.fiche_center(positie, perspectief)
        size = self.fiche_diameter(perspectief)
        radius, head = size / 2, size * 0.32
        if abs(cx - gx) < radius + head + size * 0.12:
            return None
        direction = 1 if cx > gx else -1
        return Arrow(start=(gx, cy), tip=(cx - direction * (radius + 1), cy), head=head, width=max(1.5, size * 0.05))

    def reaches(self, x: float, y: float, fiches: Iterable[tuple[float, Perspectief]]) -> bool:
        """Whether a touch at (x, y) means this bar's fiches: on the bar's track, or on a
        fiche (``fiches``: (positie, perspectief) of those drawn), within a finger's reach."""
        reach = FINGER * self.unit
        if not self.touch_x[0] <= x <= self.touch_x[1]:
            return False
        _, ty, _, th = self.track
        if ty - reach <= y <= ty + th + reach:
            return True
        for positie, perspectief in fiches:
            fx, fy = self.fiche_center(positie, perspectief)
            radius = self.fiche_diameter(perspectief) / 2 + reach
            if (x - fx) ** 2 + (y - fy) ** 2 <= radius * radius:
                return True
        return False


def row_geometry(key: str, index: int, rect: Rect, unit: float, live: bool, name_least: float = 0.0,
                 reorder: bool = True) -> RowGeometry:
    """One bar in ``rect``: where its handle, pictogram, name, smileys and track go (the
    rules in board/geometry.py's docstring; ``live``, ``name_least`` and ``reorder`` as
    ``BoardLayout.compute``'s). The handle is drawn exactly where ``handle_w`` is not 0."""
    x, y, width, h = rect
    inner = 6 * unit
    handle_w = max(MIN_TOUCH * unit, min(64 * unit, h * 0.9)) if live and reorder else 0.0
    # A live board's pictogram stands a gap in from the handle, or from the row's edge where the
    # order is fixed (afgerond); a picture's starts at the edge.
    lead = inner if live else 0.0
    picto = min(h * 0.78, 72 * unit)
    smiley = min(h * 0.82, 64 * unit)
    name_w = max(min(max(width * 0.2, 150 * unit), MAX_NAME * unit), name_least)

    def track_length(picto: float, handle_w: float, smiley: float) -> float:
        used = inner / 2 + handle_w + lead + (picto + 2 * inner if picto else inner)
        return width - used - name_w - 2 * smiley - 4 * inner

    def short() -> float:
        return want - track_length(picto, handle_w, smiley)

    # Too narrow: first the name column, then the pictogram, then the smileys give way (the
    # smileys before the pictogram where the names need their column: ``name_least``). A live
    # board keeps a pictogram of ``SPEAKER_PICTO`` for its speaker: it, the handle and the
    # smileys (to ``SMILEY_LEAST``) shrink first, and only where that is not enough it goes.
    # ``SLACK``: a board exactly ``min_board_width`` wide (800x600) is short by a rounding error
    # only, which once took every pictogram off at eight bars.
    want = MIN_TRACK * unit
    if short() > SLACK:
        name_w = max(MIN_NAME * unit, name_least, name_w - short())
    if name_least and short() > SLACK:
        smiley = max(min(40 * unit, smiley), smiley - short() / 2)
    if live and short() > SLACK:
        kept = _keep_speaker(short(), picto, handle_w, smiley, unit)
        if track_length(*kept) >= want - SLACK:
            picto, handle_w, smiley = kept
    if short() > SLACK:
        picto = 0.0
    if short() > SLACK:
        smiley = max(min(40 * unit, smiley), smiley - short() / 2)
    start = x + inner / 2
    handle = (start, y, handle_w, h) if handle_w else None  # _keep_speaker leaves it 48 dp or more
    picto_x = start + handle_w + lead
    pictogram = (picto_x, y + (h - picto) / 2, picto, picto) if picto else None
    name_x = picto_x + (picto + 2 * inner if picto else inner)
    name_font = round(min(max(h * 0.3, 15 * unit), 28 * unit))
    name = (name_x, y, name_w, h)
    sad = (name_x + name_w + inner, y + (h - smiley) / 2, smiley, smiley)
    happy = (x + width - inner - smiley, sad[1], smiley, smiley)
    track_x0, track_x1 = sad[0] + smiley + inner, happy[0] - inner
    track_h = max(10 * unit, h * 0.2)
    fiche = min(h * 0.84, 60 * unit)
    # Never backwards: on a board narrower than min_board_width the bar is short, not reversed.
    track_x1 = max(track_x1, track_x0 + fiche + unit)
    track = (track_x0, y + (h - track_h) / 2, track_x1 - track_x0, track_h)
    return RowGeometry(
        key=key,
        index=index,
        rect=rect,
        handle=handle,
        pictogram=pictogram,
        name=name,
        name_font=name_font,
        sad=sad,
        happy=(max(happy[0], track_x1 + inner), happy[1], smiley, smiley),
        track=track,
        touch_x=(sad[0], max(happy[0], track_x1 + inner) + smiley),
        fiche_size=fiche,
        x0=track_x0 + fiche / 2,
        x1=track_x1 - fiche / 2,
        unit=unit,
    )


def _keep_speaker(short: float, picto: float, handle_w: float, smiley: float,
                  unit: float) -> tuple[float, float, float]:
    """(pictogram, handle, smiley) of a live row ``short`` px too narrow for its bar: the
    pictogram down to ``SPEAKER_PICTO``, then the handle to 48 dp, then the smileys to
    ``SMILEY_LEAST``, each only as far as needed."""
    given = min(short, max(0.0, picto - SPEAKER_PICTO * unit))
    picto, short = picto - given, short - given
    given = min(short, max(0.0, handle_w - MIN_TOUCH * unit))
    handle_w, short = handle_w - given, short - given
    given = min(short, max(0.0, 2 * (smiley - SMILEY_LEAST * unit)))
    return picto, handle_w, smiley - given / 2
