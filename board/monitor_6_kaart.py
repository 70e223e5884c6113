"""The monitor's map: each wijk coloured by one published figure, for the screen and the PDF.

``kaart_beeld`` takes the gemeente's map (``board.kaart``), the figures and what disclosure
control lets through, and one of the trajecten's key figures (``monitor_5_view.KERNCIJFERS``:
the same numbers as the key-figure table beside it). A wijk whose figure is hidden ("<10" or
"x"), and a wijk on the map without any figures (no inwoners counted there: fewer than 10),
is hatched, never coloured: its colour would give the hidden number away. The classes are
drawn from published values only: five equal steps between the lowest and highest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from board.i18n import N_
from board.kaart import Kaart
from board.monitor_3_table import CelKey, Figuren
from board.monitor_4_disclosure import KLEIN_TEKST, Gepubliceerd
from board.monitor_5_view import KERNCIJFERS, getal, kerncijfers, procent

# ColorBrewer "Blues", five classes: light = low, dark = high (readable in grey print, and for
# colour-blind readers); text on the two darkest in white.
KLASSEN = ((239, 243, 255), (189, 215, 231), (107, 174, 214), (49, 130, 189), (8, 81, 156))
ARCERING_VLAK = (236, 236, 234)  # a hidden wijk: light grey with dark diagonal lines
ARCERING_LIJN = (96, 96, 96)
RAND = (255, 255, 255)  # between the wijken
DONKER_VANAF = 3  # classes from this index get white text
STANDAARD = "caseload"
# The screen's buttons, one per key figure: short names that fit five in a row at 800 px.
KAART_KNOPPEN: tuple[tuple[str, str], ...] = (
    ("caseload", N_("Caseload")),
    ("uitstroom", N_("Uitstroom")),
    ("doorlooptijd", N_("Doorlooptijd")),
    ("eerste_vervolg", N_("1e vervolg")),
    ("eigen_kracht", N_("Eigen kracht")),
)


@dataclass(frozen=True)
class KaartVlak:
    naam: str
    tekst: str  # the published figure, or "<10" / "x"
    klasse: int | None  # 0..4; None: hatched (hidden)


@dataclass(frozen=True)
class KaartBeeld:
    cijfer: str
    titel: str  # the figure's label (marked N_; translated where shown)
    vlakken: tuple[KaartVlak, ...]  # in the map's order
    legenda: tuple[tuple[tuple[int, int, int], str], ...]  # (colour, "10 – 25")
    niet_op_kaart: tuple[str, ...]  # wijken with figures that the map does not have

    def vlak(self, naam: str) -> KaartVlak:
        return next(v for v in self.vlakken if v.naam == naam)


def kaart_beeld(
    kaart: Kaart, figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], cijfer: str = STANDAARD
) -> KaartBeeld:
    labels = dict(KERNCIJFERS)
    if cijfer not in labels:
        raise ValueError(f"unknown figure {cijfer!r}")
    wijken = set(figuren.wijken)
    per_wijk = {w: next(k for k in kerncijfers(figuren, published, w) if k.key == cijfer) for w in wijken}
    waarden = [k.waarde for k in per_wijk.values() if k.waarde is not None]
    lo, hi = (min(waarden), max(waarden)) if waarden else (0.0, 0.0)
    stap = (hi - lo) / len(KLASSEN) if hi > lo else 0.0

    def klasse(value: float) -> int:
        return min(len(KLASSEN) - 1, int((value - lo) / stap)) if stap else len(KLASSEN) // 2

    vlakken = []
    for naam in kaart.namen:
        k = per_wijk.get(naam)
        if k is None:
            vlakken.append(KaartVlak(naam, KLEIN_TEKST, None))  # no inwoners counted there at all
        else:
            vlakken.append(KaartVlak(naam, k.tekst, None if k.waarde is None else klasse(k.waarde)))
    used = sorted({v.klasse for v in vlakken if v.klasse is not None})
    legenda = tuple((KLASSEN[i], _bereik(cijfer, lo + i * stap, lo + (i + 1) * stap) if stap else
                     _tekst(cijfer, lo)) for i in used)
    return KaartBeeld(cijfer, labels[cijfer], tuple(vlakken), legenda,
                      tuple(w for w in figuren.wijken if w not in set(kaart.namen)))


def _tekst(cijfer: str, value: float) -> str:
    return procent(value) if cijfer == "eigen_kracht" else getal(round(value, 1))


def _bereik(cijfer: str, van: float, tot: float) -> str:
    return f"{_tekst(cijfer, van)} – {_tekst(cijfer, tot)}"
