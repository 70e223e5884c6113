"""The verloop's time axis, by rules that need no screen (``widgets/verloop.py`` draws it).

Each meting stands at its date: a gap of fifteen months is five times as wide as one of three.
A line joins the metingen of one traject only: where a traject was closed the line stops (a
gap), a marker stands at the day of its afsluiting, and the next traject's 0-meting begins a
new line. Which dates are written under the points stays ``board/passen.axis_labels``'s rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from board.meting import Meting
from board.traject import Afsluiting, trajecten


@dataclass(frozen=True)
class TijdAs:
    """Places on the axis as shares from 0 (the first day shown) to 1 (the last)."""

    plaatsen: tuple[float, ...]  # per meting, in the order given
    lijnen: tuple[tuple[int, ...], ...]  # per traject: the indices of its metingen, oldest first
    afsluitingen: tuple[float, ...]  # the place of each afsluiting among these metingen's trajecten


def tijd_as(metingen: Sequence[Meting], afsluitingen: Iterable[Afsluiting] = ()) -> TijdAs:
    """The axis of an inwoner's ``metingen`` (oldest first) and their closed trajecten. The axis
    runs from the first meting to the last meting or afsluiting; one day alone sits in the middle."""
    if not metingen:
        return TijdAs((), (), ())
    index = {m.id: i for i, m in enumerate(metingen)}
    groepen = trajecten(metingen, afsluitingen)
    eindes = [t.afsluiting.datum for t in groepen if t.afsluiting is not None]
    dagen = [m.datum.toordinal() for m in metingen]
    eerste, laatste = min(dagen), max([*dagen, *(d.toordinal() for d in eindes)])
    breedte = laatste - eerste

    def plaats(dag: int) -> float:
        return 0.5 if breedte == 0 else (dag - eerste) / breedte

    return TijdAs(
        plaatsen=tuple(plaats(d) for d in dagen),
        lijnen=tuple(tuple(index[i] for i in t.metingen) for t in groepen),
        afsluitingen=tuple(plaats(d.toordinal()) for d in eindes),
    )
