"""The verloop's time axis, by rules that need no screen (``widgets/verloop.py`` draws it).

Each meting stands at its date: a gap of fifteen months is five times as wide as one of three.
A line joins the metingen of one traject only: where a traject was closed the line stops (a
gap), a marker stands at the day of its afsluiting, and the next traject's 0-meting begins a
new line. The marker keeps some room from the points on either side (``AFSTAND``), also when a
traject is closed and a new one begun on one day. Which dates are written under the points
stays ``board/passen.axis_labels``'s rule.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from board.meting import Meting
from board.traject import Afsluiting, trajecten

# The least room, as a share of the axis, between an afsluiting's marker and the metingen on
# either side: a traject closed and a new one begun on one day would otherwise put the old
# traject's last point, the marker and the new 0-meting on one spot (seen in an outside walk).
AFSTAND = 0.05


@dataclass(frozen=True)
class TijdAs:
    """Places on the axis as shares from 0 (the first day shown) to 1 (the last)."""

    plaatsen: tuple[float, ...]  # per meting, in the order given
    lijnen: tuple[tuple[int, ...], ...]  # per traject: the indices of its metingen, oldest first
    afsluitingen: tuple[float, ...]  # the place of each afsluiting among these metingen's trajecten


def tijd_as(metingen: Sequence[Meting], afsluitingen: Iterable[Afsluiting] = (), afstand: float = AFSTAND) -> TijdAs:
    """The axis of an inwoner's ``metingen`` (oldest first) and their closed trajecten. The axis
    runs from the first meting to the last meting or afsluiting; one day alone sits in the middle.
    Where an afsluiting is closer than ``afstand`` (a share of the axis: a narrow chart asks
    more) to a meting beside it, everything after is moved on until it is not (by date
    elsewhere: the dashed marker says the axis breaks there)."""
    if not metingen:
        return TijdAs((), (), ())
    index = {m.id: i for i, m in enumerate(metingen)}
    groepen = trajecten(metingen, afsluitingen)
    # In order: each traject's metingen, then its afsluiting (True), by day.
    reeks: list[tuple[int, bool, int]] = []
    for traject in groepen:
        reeks += [(index[i], False, metingen[index[i]].datum.toordinal()) for i in traject.metingen]
        if traject.afsluiting is not None:
            reeks.append((-1, True, traject.afsluiting.datum.toordinal()))
    if any(afgesloten for _i, afgesloten, _d in reeks):
        plaatsen = _with_room(reeks, afstand)
    else:
        plaatsen = _by_date([dag for *_r, dag in reeks])
    by_meting = {i: p for (i, afgesloten, _d), p in zip(reeks, plaatsen, strict=True) if not afgesloten}
    return TijdAs(
        plaatsen=tuple(by_meting[i] for i in range(len(metingen))),
        lijnen=tuple(tuple(index[i] for i in t.metingen) for t in groepen),
        afsluitingen=tuple(p for (_i, afgesloten, _d), p in zip(reeks, plaatsen, strict=True) if afgesloten),
    )


def _by_date(dagen: list[int]) -> list[float]:
    eerste, breedte = min(dagen), max(dagen) - min(dagen)
    return [0.5 if breedte == 0 else (dag - eerste) / breedte for dag in dagen]


def _with_room(reeks: list[tuple[int, bool, int]], afstand: float) -> list[float]:
    """Places by day, each afsluiting at least ``afstand`` of the axis from the metingen beside
    it. The room is a share of the whole axis, which the room itself makes longer: found in a
    few rounds (with many afsluitingen each gets less, so the rounds always settle)."""
    dagen = [dag for *_r, dag in reeks]
    echt = max(dagen) - min(dagen)
    share = min(afstand, 0.25 / sum(afgesloten for _i, afgesloten, _d in reeks))
    lengte = float(max(echt, 1))
    for _round in range(12):
        # All on one day: any room gives the same shares (the marker midway).
        nodig = share * lengte if echt else 1.0
        plekken: list[float] = []
        schuif = 0.0
        for n, (_i, afgesloten, dag) in enumerate(reeks):
            plek = dag + schuif
            # Room before an afsluiting, and between an afsluiting and the meting after it.
            if n and (afgesloten or reeks[n - 1][1]) and plek - plekken[-1] < nodig:
                schuif += nodig - (plek - plekken[-1])
                plek = dag + schuif
            plekken.append(plek)
        nieuw = plekken[-1] - plekken[0]
        if not echt or abs(nieuw - lengte) < 1e-6:
            break
        lengte = nieuw
    return [(plek - plekken[0]) / (plekken[-1] - plekken[0]) for plek in plekken]
