"""Where each wijk's label (its name and figure) goes on the map: one rule for the monitor
screen (Kivy) and the PDF (ReportLab), each measuring its text in its own engine.

Labels never overlap each other. A label goes inside its own wijk where it fits (the box and a
margin around it, so the chosen wijk's outline does not run through the text), as near to the
wijk's middle as it can; the most cramped wijken (the smallest) choose first. A wijk too small
for its label gets it near it, off the map where there is room close by, on a plate (readable
over any colour) with a line to the wijk where the box does not cover the wijk's middle. A plate
lies clear of every wijk's border (``marge`` too): whichever wijk is chosen, its outline (drawn
thicker) stays whole; where no such place is left, clear of its own wijk's border at least (the
wijk chosen by a tap on the plate); only then over it. A label with
no free place at all is left out: the wijk is still drawn, tappable and named on its button.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from board.kaart import Punt, Vlak, binnen, midden, oppervlak

Vak = tuple[float, float, float, float]  # x, y, width, height (y upwards)
MAX_KANDIDATEN = 900  # grid points tried per wijk: enough for a label's place, cheap on a CBS map
OP_KAART = 3.0  # label heights: what a label outside its wijk may move to stay off the map


@dataclass(frozen=True)
class Etiket:
    naam: str
    vak: Vak  # the label's box
    binnen: bool  # inside its own wijk (drawn in the wijk's text colour); else on a plate
    lijn: tuple[Punt, Punt] | None = None  # from the wijk's middle to a box that does not cover it


def etiketten(vormen: Mapping[str, Sequence[Vlak]], maten: Mapping[str, tuple[float, float]],
              kader: Vak, marge: float) -> dict[str, Etiket]:
    """Each wijk's label box (``maten``: its width and height, as the renderer measured them)
    within ``kader``, ``marge`` clear of its wijk's border and of the other labels."""
    midden_van = {naam: midden(vlakken) for naam, vlakken in vormen.items()}
    vormen = {naam: _eenvoudig(vlakken, max(marge / 2, 0.5)) for naam, vlakken in vormen.items()}
    namen = list(vormen)
    randen = [(_omvang(vormen[naam]), _zijden(vormen[naam])) for naam in namen]
    volgorde = sorted(vormen, key=lambda n: (sum(abs(oppervlak(v[0])) for v in vormen[n]), n))
    gezet: dict[str, Etiket] = {}
    for naam in volgorde:  # first every label that fits inside its own wijk
        w, h = maten[naam]
        vak = _eerste(_rond(midden_van[naam], _omvang(vormen[naam]), w, h), w, h, kader, gezet, marge,
                      lambda v, naam=naam: _past_in(vormen[naam], v, marge))
        if vak is not None:
            gezet[naam] = Etiket(naam, vak, True)
    for naam in volgorde:  # then the others, near their wijk, off the map where they can
        if naam in gezet:
            continue
        w, h = maten[naam]
        punt = midden_van[naam]
        centra = _rond(punt, kader, w, h)
        vak = _naast(centra, w, h, kader, gezet, marge, vormen, randen) \
            or _naast(centra, w, h, kader, gezet, marge, vormen, [randen[namen.index(naam)]],
                      [r for n, r in zip(namen, randen, strict=True) if n != naam]) \
            or _naast(centra, w, h, kader, gezet, marge, vormen)
        if vak is not None:
            gezet[naam] = Etiket(naam, vak, False, None if _in_vak(vak, *punt) else (punt, _naaste(vak, punt)))
    return {naam: gezet[naam] for naam in vormen if naam in gezet}


def _eenvoudig(vlakken: Sequence[Vlak], stap: float) -> tuple[Vlak, ...]:
    """The rings without corners closer than ``stap`` to the last one kept: a CBS map has
    thousands per wijk, far more than the screen shows, and each place tried tests them."""
    def ring(r: tuple) -> tuple:
        kept = [r[0]]
        for p in r[1:]:
            if abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= stap:
                kept.append(p)
        return tuple(kept) if len(kept) >= 3 else r
    return tuple(tuple(ring(r) for r in vlak) for vlak in vlakken)


def _omvang(vlakken: Sequence[Vlak]) -> Vak:
    xs = [p[0] for v in vlakken for p in v[0]]
    ys = [p[1] for v in vlakken for p in v[0]]
    return min(xs), min(ys), max(xs) - min(xs), max(ys) - min(ys)


def _rond(punt: Punt, gebied: Vak, w: float, h: float) -> list[Punt]:
    """Centres to try within ``gebied`` (spread over it on a grid), nearest to ``punt`` first."""
    x, y, gw, gh = gebied
    stap = max(h / 3, math.sqrt(max(gw * gh, 1.0) / MAX_KANDIDATEN), 1.0)
    punten = [punt] + [(x + i * stap, y + j * stap) for i in range(int(gw / stap) + 1)
                       for j in range(int(gh / stap) + 1)]
    return sorted(punten, key=lambda p: math.hypot(p[0] - punt[0], p[1] - punt[1]))


def _eerste(centra: list[Punt], w: float, h: float, kader: Vak, gezet: Mapping[str, Etiket], marge: float,
            goed: object) -> Vak | None:
    for cx, cy in centra:
        vak = _geklemd((cx - w / 2, cy - h / 2, w, h), kader)
        if vak is not None and not any(_raakt(vak, e.vak, marge) for e in gezet.values()) and goed(vak):
            return vak
    return None


def _naast(centra: list[Punt], w: float, h: float, kader: Vak, gezet: Mapping[str, Etiket], marge: float,
           vormen: Mapping[str, Sequence[Vlak]], randen: Sequence[Rand] | None = None,
           mijden: Sequence[Rand] = ()) -> Vak | None:
    """The free place that costs least: its distance, and OP_KAART box heights more for a box
    wholly over the map (a label there hides a wijk's colour or hatching), in proportion. With
    ``randen``: only a place ``marge`` clear of those borders; each of ``mijden`` it crosses
    costs OP_KAART box heights more."""
    omvang = {naam: _omvang(v) for naam, v in vormen.items()}
    beste, kosten = None, math.inf
    punt = centra[0]
    for cx, cy in centra:  # nearest first: stop where the distance alone costs more than the best
        afstand = math.hypot(cx - punt[0], cy - punt[1])
        if afstand >= kosten:
            break
        vak = _geklemd((cx - w / 2, cy - h / 2, w, h), kader)
        if vak is None or any(_raakt(vak, e.vak, marge) for e in gezet.values()):
            continue
        proeven = [(vak[0] + vak[2] * i / 2, vak[1] + vak[3] * j / 2) for i in range(3) for j in range(3)]
        op = sum(any(_in_vak(omvang[n], *p) and binnen(v, *p) for n, v in vormen.items()) for p in proeven)
        prijs = math.hypot(vak[0] + w / 2 - punt[0], vak[1] + h / 2 - punt[1]) + OP_KAART * h * op / len(proeven)
        if mijden and prijs < kosten:
            prijs += OP_KAART * h * sum(_over_rand(vak, marge, [rand]) for rand in mijden)
        if prijs < kosten and (randen is None or not _over_rand(vak, marge, randen)):
            beste, kosten = vak, prijs
    return beste


Rand = tuple[Vak, tuple[tuple[Punt, Punt], ...]]  # a wijk's extent and the sides of its rings


def _zijden(vlakken: Sequence[Vlak]) -> tuple[tuple[Punt, Punt], ...]:
    return tuple((r[i - 1], r[i]) for v in vlakken for r in v for i in range(len(r)))


def _over_rand(vak: Vak, marge: float, randen: Sequence[Rand]) -> bool:
    """Whether a wijk's border runs through the box or within ``marge`` of it."""
    x0, y0, x1, y1 = vak[0] - marge, vak[1] - marge, vak[0] + vak[2] + marge, vak[1] + vak[3] + marge
    for (ox, oy, ow, oh), zijden in randen:
        if ox > x1 or oy > y1 or ox + ow < x0 or oy + oh < y0:
            continue
        if any(_snijdt(a, b, x0, y0, x1, y1) for a, b in zijden):
            return True
    return False


def _snijdt(a: Punt, b: Punt, x0: float, y0: float, x1: float, y1: float) -> bool:
    """Whether the side a-b meets the rectangle (Liang-Barsky: the side clipped to it is not empty)."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    t0, t1 = 0.0, 1.0
    for p, q in ((-dx, a[0] - x0), (dx, x1 - a[0]), (-dy, a[1] - y0), (dy, y1 - a[1])):
        if p == 0:
            if q < 0:
                return False
            continue
        r = q / p
        if p < 0:
            if r > t1:
                return False
            t0 = max(t0, r)
        else:
            if r < t0:
                return False
            t1 = min(t1, r)
    return True


def _geklemd(vak: Vak, kader: Vak) -> Vak | None:
    """The box moved into the frame where it sticks out (None: it is bigger than the frame)."""
    x, y, w, h = vak
    if w > kader[2] or h > kader[3]:
        return None
    return (min(max(x, kader[0]), kader[0] + kader[2] - w), min(max(y, kader[1]), kader[1] + kader[3] - h), w, h)


def _raakt(a: Vak, b: Vak, marge: float) -> bool:
    return a[0] < b[0] + b[2] + marge and b[0] < a[0] + a[2] + marge \
        and a[1] < b[1] + b[3] + marge and b[1] < a[1] + a[3] + marge


def _past_in(vlakken: Sequence[Vlak], vak: Vak, marge: float) -> bool:
    """The box, ``marge`` around it too, inside the wijk: points along its edge (no more than
    ``marge`` apart, so no border of the wijk crosses it unseen) and its middle."""
    x, y, w, h = vak[0] - marge, vak[1] - marge, vak[2] + 2 * marge, vak[3] + 2 * marge
    if not all(binnen(vlakken, px, py) for px, py in ((x + w / 2, y + h / 2), (x, y), (x + w, y + h),
                                                      (x + w, y), (x, y + h))):
        return False  # most places fail here, at five points
    nx, ny = max(1, math.ceil(w / max(marge, 1.0))), max(1, math.ceil(h / max(marge, 1.0)))
    rand = [(x + w * i / nx, yy) for i in range(nx + 1) for yy in (y, y + h)]
    rand += [(xx, y + h * j / ny) for j in range(1, ny) for xx in (x, x + w)]
    return all(binnen(vlakken, px, py) for px, py in rand)


def _in_vak(vak: Vak, px: float, py: float) -> bool:
    return vak[0] <= px <= vak[0] + vak[2] and vak[1] <= py <= vak[1] + vak[3]


def _naaste(vak: Vak, punt: Punt) -> Punt:
    return (min(max(punt[0], vak[0]), vak[0] + vak[2]), min(max(punt[1], vak[1]), vak[1] + vak[3]))


def raakt(a: Vak, b: Vak) -> bool:
    """Whether two boxes overlap (touching edges do not count)."""
    return _raakt(a, b, 0.0)
