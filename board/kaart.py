"""The gemeente's map of its wijken: read from GeoJSON, projected and hatched in pure Python,
so the monitor screen (Kivy) and the PDF (ReportLab) draw the same shapes from one place.

**The file** is what CBS publishes as its *wijk- en buurtkaart* (or PDOK's
*gebiedsindelingen*), cut down to the gemeente: a GeoJSON ``FeatureCollection`` whose
features are ``Polygon`` or ``MultiPolygon`` wijken, each named in its properties by
``wijknaam`` (CBS), ``statnaam`` (PDOK), ``naam`` or ``name`` (the first one present),
exactly as the wijk is named on the tablets. Coordinates in degrees (WGS84, longitude
first, as GeoJSON prescribes) or in metres (CBS's RD New, EPSG:28992): numbers within
±180/±90 are taken as degrees. Features with the same name form one wijk.

**Projection**: metres as they are; degrees with the longitude shortened by the cosine of the
map's middle latitude (at the size of a gemeente the difference with a real projection is
invisible). The map is fitted into a box keeping its proportions; y grows upwards (Kivy's
and ReportLab's way alike).
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from board.errors import BoardError
from board.i18n import _

Punt = tuple[float, float]
Ring = tuple[Punt, ...]
Vlak = tuple[Ring, ...]  # the outer ring, then its holes
NAAM_VELDEN = ("wijknaam", "statnaam", "naam", "name")
MAX_BYTES = 20_000_000
MAX_PUNTEN = 400_000  # a gemeente's wijken in CBS's detail are far fewer


@dataclass(frozen=True)
class KaartWijk:
    naam: str
    vlakken: tuple[Vlak, ...]


@dataclass(frozen=True)
class Kaart:
    wijken: tuple[KaartWijk, ...]
    graden: bool  # longitude/latitude in degrees (else metres)

    @property
    def namen(self) -> tuple[str, ...]:
        return tuple(w.naam for w in self.wijken)


def lees_kaart(text: str | bytes, bron: str = "de kaart") -> Kaart:
    """The wijken of a GeoJSON text, or a ``BoardError`` that says in plain Dutch what is wrong."""
    if len(text) > MAX_BYTES:
        raise _fout(bron, "het bestand is groter dan 20 MB; knip de kaart bij tot de eigen gemeente")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # UnicodeDecodeError is a ValueError
        raise _fout(bron, "het is geen GeoJSON (geen geldige JSON-tekst)") from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection" or not isinstance(
            data.get("features"), list):
        raise _fout(bron, "het is geen GeoJSON-FeatureCollection met wijken")
    vlakken: dict[str, list[Vlak]] = {}
    punten = 0
    for nummer, feature in enumerate(data["features"], start=1):
        naam = _naam(feature)
        if naam is None:
            raise _fout(bron, f"wijk {nummer} heeft geen naam (verwacht in 'wijknaam', 'statnaam', 'naam' of 'name')")
        geometry = feature.get("geometry") if isinstance(feature, dict) else None
        soort = geometry.get("type") if isinstance(geometry, dict) else None
        if soort not in ("Polygon", "MultiPolygon"):
            raise _fout(bron, f"de wijk {naam} is geen vlak (Polygon of MultiPolygon) maar {soort or 'leeg'}")
        raw = geometry.get("coordinates")
        polygons = [raw] if soort == "Polygon" else raw
        if not isinstance(polygons, list) or not polygons:
            raise _fout(bron, f"de wijk {naam} heeft geen coördinaten")
        for polygon in polygons:
            vlak = _vlak(polygon, naam, bron)
            punten += sum(len(r) for r in vlak)
            vlakken.setdefault(naam, []).append(vlak)
        if punten > MAX_PUNTEN:
            raise _fout(bron, "de kaart heeft te veel punten; vereenvoudig hem of knip hem bij tot de eigen gemeente")
    if not vlakken:
        raise _fout(bron, "er staat geen enkele wijk in")
    alle = [p for vl in vlakken.values() for v in vl for r in v for p in r]
    graden = all(abs(x) <= 180 and abs(y) <= 90 for x, y in alle)
    return Kaart(tuple(KaartWijk(n, tuple(v)) for n, v in vlakken.items()), graden)


def _naam(feature: object) -> str | None:
    properties = feature.get("properties") if isinstance(feature, dict) else None
    if not isinstance(properties, dict):
        return None
    for veld in NAAM_VELDEN:
        value = properties.get(veld)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _vlak(polygon: object, naam: str, bron: str) -> Vlak:
    if not isinstance(polygon, list) or not polygon:
        raise _fout(bron, f"een vlak van de wijk {naam} heeft geen ringen")
    rings = []
    for ring in polygon:
        if not isinstance(ring, list) or len(ring) < 4:
            raise _fout(bron, f"een rand van de wijk {naam} heeft minder dan 4 punten")
        punten = []
        for punt in ring:
            if (not isinstance(punt, list) or len(punt) < 2
                    or not all(isinstance(c, int | float) and not isinstance(c, bool) and math.isfinite(c)
                               for c in punt[:2])):
                raise _fout(bron, f"de wijk {naam} heeft een punt dat geen paar getallen is")
            punten.append((float(punt[0]), float(punt[1])))
        rings.append(tuple(punten))
    return tuple(rings)


def _fout(bron: str, wat: str) -> BoardError:
    # for the professional and the gemeente, never the inwoner: in the UI language only
    return BoardError(_("De kaart met wijken ({bron}) is niet te gebruiken: {wat}. "
                        "De monitor laat de kaart weg.").format(bron=bron, wat=wat))


@dataclass(frozen=True)
class Projectie:
    """From the file's coordinates to a box: x' = (x * kx - x0) * schaal + dx (y alike)."""

    kx: float
    x0: float
    y0: float
    schaal: float
    dx: float
    dy: float

    def punt(self, p: Punt) -> Punt:
        return ((p[0] * self.kx - self.x0) * self.schaal + self.dx, (p[1] - self.y0) * self.schaal + self.dy)

    def vlakken(self, vlakken: Sequence[Vlak]) -> tuple[Vlak, ...]:
        return tuple(tuple(tuple(self.punt(p) for p in ring) for ring in vlak) for vlak in vlakken)


def projectie(kaart: Kaart, x: float, y: float, w: float, h: float) -> Projectie:
    """Fit the whole map into the box (x, y, w, h), centred, keeping its proportions."""
    alle = [p for wijk in kaart.wijken for v in wijk.vlakken for r in v for p in r]
    ys = [p[1] for p in alle]
    kx = math.cos(math.radians((min(ys) + max(ys)) / 2)) if kaart.graden else 1.0
    xs = [p[0] * kx for p in alle]
    breed, hoog = max(max(xs) - min(xs), 1e-9), max(max(ys) - min(ys), 1e-9)
    schaal = min(w / breed, h / hoog)
    return Projectie(kx, min(xs), min(ys), schaal, x + (w - breed * schaal) / 2, y + (h - hoog * schaal) / 2)


def geprojecteerd(kaart: Kaart, x: float, y: float, w: float, h: float) -> dict[str, tuple[Vlak, ...]]:
    """Each wijk's polygons in the box's coordinates."""
    p = projectie(kaart, x, y, w, h)
    return {wijk.naam: p.vlakken(wijk.vlakken) for wijk in kaart.wijken}


def _randen(vlakken: Sequence[Vlak]) -> Iterator[tuple[Punt, Punt]]:
    for vlak in vlakken:
        for ring in vlak:
            for i in range(len(ring)):
                a, b = ring[i - 1], ring[i]
                if a != b:
                    yield a, b


def binnen(vlakken: Sequence[Vlak], px: float, py: float) -> bool:
    """Whether (px, py) lies inside (even-odd: a hole is outside)."""
    inside = False
    for (x1, y1), (x2, y2) in _randen(vlakken):
        if (y1 > py) != (y2 > py) and px < x1 + (py - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def arcering(vlakken: Sequence[Vlak], afstand: float) -> list[tuple[Punt, Punt]]:
    """Hatching at 45 degrees, lines ``afstand`` apart, clipped to the polygons (even-odd)."""
    s = math.sqrt(0.5)
    # turn the plane by 45 degrees: the lines are u = constant; v runs along them
    randen = [((x1 - y1) * s, (x1 + y1) * s, (x2 - y2) * s, (x2 + y2) * s) for (x1, y1), (x2, y2) in _randen(vlakken)]
    if not randen:
        return []
    lo = min(min(r[0], r[2]) for r in randen)
    hi = max(max(r[0], r[2]) for r in randen)
    lijnen = []
    u = math.floor(lo / afstand) * afstand + afstand / 2
    while u < hi:
        vs = sorted(v1 + (u - u1) * (v2 - v1) / (u2 - u1)
                    for u1, v1, u2, v2 in randen if (u1 <= u < u2) or (u2 <= u < u1))
        for va, vb in zip(vs[::2], vs[1::2], strict=False):
            lijnen.append((((u + va) * s, (va - u) * s), ((u + vb) * s, (vb - u) * s)))
        u += afstand
    return lijnen


def oppervlak(ring: Ring) -> float:
    """Signed area (shoelace): positive when the ring runs anticlockwise."""
    return sum(ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1] for i in range(len(ring))) / 2


def midden(vlakken: Sequence[Vlak]) -> Punt:
    """Where to write a wijk's label: the centroid of its largest outer ring if that lies inside,
    else the middle of the widest stretch of the horizontal line through its middle."""
    ring = max((v[0] for v in vlakken), key=lambda r: abs(oppervlak(r)))
    a = oppervlak(ring)
    if abs(a) > 1e-12:
        cx = sum((ring[i - 1][0] + ring[i][0]) * (ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1])
                 for i in range(len(ring))) / (6 * a)
        cy = sum((ring[i - 1][1] + ring[i][1]) * (ring[i - 1][0] * ring[i][1] - ring[i][0] * ring[i - 1][1])
                 for i in range(len(ring))) / (6 * a)
        if binnen(vlakken, cx, cy):
            return cx, cy
    ys = [p[1] for p in ring]
    y = (min(ys) + max(ys)) / 2
    xs = sorted(x1 + (y - y1) * (x2 - x1) / (y2 - y1) for (x1, y1), (x2, y2) in _randen(vlakken)
                if (y1 <= y < y2) or (y2 <= y < y1))
    pairs = list(zip(xs[::2], xs[1::2], strict=False)) or [(min(p[0] for p in ring), max(p[0] for p in ring))]
    left, right = max(pairs, key=lambda p: p[1] - p[0])
    return (left + right) / 2, y
