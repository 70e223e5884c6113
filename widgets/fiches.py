"""The fiches as the board widget draws them: a shape in one colour that moves in place, and
one perspectief's fiche on a bar with its shadow, rim and the arrow from last time's ghost.

Split from widgets/board_widget.py (the house rule on module length).
"""

from __future__ import annotations

from kivy.graphics import Color, Ellipse, InstructionGroup, Line, Mesh, RoundedRectangle, Triangle

from board import Perspectief
from board.geometry import DIAMOND_RADIUS, FILL_SHARE, SQUARE_SIDE, RowGeometry
from board.weergave import FICHE_STIJL, PIJL
from widgets.textures import rgba


class FicheShape:
    """A fiche's shape (circle, square or diamond) drawn in one colour, moved in place."""

    def __init__(self, group: InstructionGroup, vorm: str, color: tuple[float, ...]) -> None:
        self.vorm = vorm
        self.alpha = color[3]
        self.color = Color(*color)
        group.add(self.color)
        if vorm == "cirkel":
            self.shape = Ellipse(segments=48)
        elif vorm == "vierkant":
            self.shape = RoundedRectangle()
        else:
            self.shape = Mesh(mode="triangle_fan", indices=[0, 1, 2, 3])
        group.add(self.shape)
        self.center = (0.0, 0.0)

    def place(self, cx: float, cy: float, size: float) -> None:
        self.center = (cx, cy)
        if self.vorm == "cirkel":
            self.shape.pos = (cx - size / 2, cy - size / 2)
            self.shape.size = (size, size)
        elif self.vorm == "vierkant":
            side = size * SQUARE_SIDE
            self.shape.pos = (cx - side / 2, cy - side / 2)
            self.shape.size = (side, side)
            self.shape.radius = [side * 0.18]
        else:
            r = size * DIAMOND_RADIUS
            self.shape.vertices = [cx, cy + r, 0, 0, cx + r, cy, 0, 0, cx, cy - r, 0, 0, cx - r, cy, 0, 0]

    def show(self, visible: bool) -> None:
        self.color.a = self.alpha if visible else 0.0

    @property
    def visible(self) -> bool:
        return self.color.a > 0


class DrawnFiche:
    """One perspectief's fiche on one bar: a shadow, a white rim, the coloured shape,
    and the arrow from the previous meting's ghost (if there is one).

    Its instructions are made when the fiche is first placed: most bars of a visit's board
    have no fiche yet for one or more perspectieven, and a hidden shape still costs the
    canvas its building and drawing (P10: about 40 % of a board's instructions)."""

    def __init__(self, row: RowGeometry, perspectief: Perspectief, vorige: float | None) -> None:
        self.row = row
        self.perspectief = perspectief
        self.vorige = vorige
        self.positie: float | None = None
        self.size = row.fiche_diameter(perspectief)
        self.arrow_group = InstructionGroup()  # in the board's canvas from the start: its place in the order
        self.group = InstructionGroup()
        self._shapes: tuple[FicheShape, FicheShape, FicheShape] | None = None

    def _build(self) -> tuple[FicheShape, FicheShape, FicheShape]:
        vorm = FICHE_STIJL[self.perspectief].vorm
        self.arrow_color = Color(*rgba(PIJL, 0.0))
        self.arrow_line = Line(width=1.5, cap="round")
        self.arrow_head = Triangle()
        for instruction in (self.arrow_color, self.arrow_line, self.arrow_head):
            self.arrow_group.add(instruction)
        self._shapes = (
            FicheShape(self.group, vorm, (0, 0, 0, 0.22)),
            FicheShape(self.group, vorm, (1, 1, 1, 1)),
            FicheShape(self.group, vorm, rgba(FICHE_STIJL[self.perspectief].kleur)),
        )
        return self._shapes

    @property
    def fill(self) -> FicheShape | None:
        """The coloured shape, or None while the fiche was never placed."""
        return None if self._shapes is None else self._shapes[2]

    @property
    def visible(self) -> bool:
        return self._shapes is not None and self._shapes[2].visible

    @property
    def arrow_shown(self) -> bool:
        return self._shapes is not None and self.arrow_color.a > 0

    def set(self, positie: float | None) -> None:
        self.positie = positie
        if positie is None:
            if self._shapes is not None:
                for shape in self._shapes:
                    shape.show(False)
                self.arrow_color.a = 0.0
            return
        shadow, rim, fill = self._shapes or self._build()
        for shape in self._shapes:
            shape.show(True)
        cx, cy = self.row.fiche_center(positie, self.perspectief)
        lift = self.size * 0.05
        shadow.place(cx + lift, cy - 2 * lift, self.size)
        rim.place(cx, cy, self.size)
        fill.place(cx, cy, self.size * FILL_SHARE)
        self._arrow()

    def _arrow(self) -> None:
        arrow = self.row.arrow(self.vorige, self.positie, self.perspectief)
        if arrow is None:
            self.arrow_color.a = 0.0
            return
        self.arrow_line.width = arrow.width
        self.arrow_line.points = [*arrow.start, *arrow.line_end]
        self.arrow_head.points = [c for point in arrow.head_points for c in point]
        self.arrow_color.a = 0.9
