"""The monitor's map: each wijk coloured by one published figure, for the screen and the PDF.

``kaart_beeld`` takes the gemeente's map (``board.kaart``), the figures and what disclosure
control lets through, and one of the trajecten's key figures (``monitor_5_view.KERNCIJFERS``:
the same numbers as the key-figure table beside it). A wijk whose figure is hidden ("<10" or
"x"), and a wijk on the map without any figures (no inwoners counted there: fewer than 10),
is hatched, never coloured: its colour would give the hidden number away. The classes are
drawn from published values only: five equal steps between the lowest and highest, counted in
the figure's own unit as it is written (a whole number, a tenth of a month, a whole percent),
so the classes join without a gap or an overlap and every value is in exactly one ("10 – 51",
"52 – 93", ...). The legend shows every class that can hold a value, with a wijk in it or not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from board.i18n import N_
from board.kaart import Kaart
from board.monitor_3_table import CelKey, Figuren
from board.monitor_4_disclosure import Gepubliceerd
from board.monitor_5_view import KERNCIJFERS, getal, kerncijfers, procent

# ColorBrewer "Blues", five classes: light = low, dark = high (readable in grey print, and for
# colour-blind readers); text on the two darkest in white.
KLASSEN = ((239, 243, 255), (189, 215, 231), (107, 174, 214), (49, 130, 189), (8, 81, 156))
ARCERING_VLAK = (236, 236, 234)  # a hidden wijk: light grey with dark diagonal lines
ARCERING_LIJN = (96, 96, 96)
RAND = (255, 255, 255)  # between the wijken
DONKER_VANAF = 3  # classes from this index get white text
STANDAARD = "caseload"
# The unit each key figure is written in (board.monitor_5_view): the classes are made of these.
EENHEID = {"caseload": 1.0, "uitstroom": 1.0, "doorlooptijd": 0.1, "eerste_vervolg": 0.1, "eigen_kracht": 0.01}
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
    klassen: tuple[tuple[int, float, float], ...] = ()  # (class, lowest, highest value) of each legend row

    def vlak(self, naam: str) -> KaartVlak:
        return next(v for v in self.vlakken if v.naam == naam)


def kaart_beeld(
    kaart: Kaart, figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], cijfer: str = STANDAARD
) -> KaartBeeld:
    labels = dict(KERNCIJFERS)
    if cijfer not in labels:
        raise ValueError(f"unknown figure {cijfer!r}")
    wijken = set(figuren.wijken) | set(kaart.namen)  # a wijk of the map without inwoners: "<10" (te_weinig)
    per_wijk = {w: next(k for k in kerncijfers(figuren, published, w) if k.key == cijfer) for w in wijken}
    eenheid = EENHEID[cijfer]
    waarden = [round(k.waarde / eenheid) for k in per_wijk.values() if k.waarde is not None]
    indeling = klasse_grenzen(min(waarden), max(waarden)) if waarden else ()

    def klasse(value: float) -> int:
        units = round(value / eenheid)
        return next(i for i, first, last in indeling if first <= units <= last)

    vlakken = [KaartVlak(naam, k.tekst, None if k.waarde is None else klasse(k.waarde))
               for naam in kaart.namen for k in (per_wijk[naam],)]
    legenda = tuple((KLASSEN[i], _tekst(cijfer, first * eenheid) if first == last else
                     _bereik(cijfer, first * eenheid, last * eenheid)) for i, first, last in indeling)
    return KaartBeeld(cijfer, labels[cijfer], tuple(vlakken), legenda,
                      tuple(w for w in figuren.wijken if w not in set(kaart.namen)),
                      tuple((i, first * eenheid, last * eenheid) for i, first, last in indeling))


def klasse_grenzen(lo: int, hi: int, count: int = len(KLASSEN)) -> tuple[tuple[int, int, int], ...]:
    """(class, first, last) of each class of the whole numbers ``lo`` .. ``hi`` (in a figure's
    unit): ``count`` equal steps, each class beginning one after the last one ends (no gap, no
    overlap: every value from ``lo`` to ``hi`` in exactly one); a class that would hold no whole
    number is left out, with its colour. One value alone: the middle class."""
    if hi <= lo:
        return ((count // 2, lo, hi),)
    begins = [lo - (-i * (hi - lo) // count) for i in range(count)]  # lo + ceil(i * (hi - lo) / count)
    ends = [b - 1 for b in begins[1:]] + [hi]
    return tuple((i, first, last) for i, (first, last) in enumerate(zip(begins, ends, strict=True)) if first <= last)


def _tekst(cijfer: str, value: float) -> str:
    return procent(value) if cijfer == "eigen_kracht" else getal(round(value, 1))


def _bereik(cijfer: str, van: float, tot: float) -> str:
    return f"{_tekst(cijfer, van)} – {_tekst(cijfer, tot)}"
