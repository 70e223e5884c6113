"""Example metingen for a first look, screenshots and benchmarks (never real people).

Pure data built through the ordinary operations, so every example is a valid meting.
"""

from __future__ import annotations

from datetime import date, datetime, time

from board.meting import Meting
from board.meting_waarden import Perspectief

VOORBEELD_INWONER = "voorbeeld"

# (leefgebied, inwoner, professional, naaste) at the 0-meting; None: no fiche.
_NUL = (
    ("geld", 0.12, 0.2, None),
    ("wonen", 0.45, 0.5, 0.6),
    ("sociale_contacten", 0.3, None, 0.4),
    ("geestelijke_gezondheid", 0.25, 0.35, None),
    ("werk", 0.55, None, None),
    ("zingeving", 0.7, None, None),
)
# The inwoner's fiche at the vervolgmeting: some better, one worse, one the same.
_VERVOLG = {
    "geld": 0.42,
    "wonen": 0.72,
    "sociale_contacten": 0.58,
    "geestelijke_gezondheid": 0.2,
    "werk": 0.56,
    "zingeving": 0.84,
}


def voorbeeld_nulmeting(datum: date = date(2026, 1, 12)) -> Meting:
    """A 0-meting in progress: six leefgebieden, fiches of all three perspectieven."""
    meting = Meting.nulmeting(VOORBEELD_INWONER, datum)
    for key, *posities in _NUL:
        meting = meting.choose(key)
        for perspectief, positie in zip(Perspectief, posities, strict=True):
            if positie is not None:
                meting = meting.place_fiche(key, perspectief, positie)
    return meting


def voorbeeld_vervolgmeting(datum: date = date(2026, 6, 15)) -> Meting:
    """A vervolgmeting after the example 0-meting: ghosts, and fiches that moved."""
    nul = voorbeeld_nulmeting()
    vervolg = nul.afronden(datetime.combine(nul.datum, time(11, 0))).vervolg(datum)
    for key, positie in _VERVOLG.items():
        vervolg = vervolg.place_fiche(key, Perspectief.INWONER, positie)
    return vervolg.place_fiche("geld", Perspectief.PROFESSIONAL, 0.35)


def volle_vervolgmeting() -> Meting:
    """All leefgebieden of the set, three perspectieven each, on a vervolgmeting with
    ghosts: the heaviest board there is (benchmarks)."""
    meting = Meting.nulmeting(VOORBEELD_INWONER, date(2026, 1, 12))
    keys = meting.leefgebieden.keys
    for index, key in enumerate(keys):
        meting = meting.choose(key)
        for offset, perspectief in enumerate(Perspectief):
            meting = meting.place_fiche(key, perspectief, ((index + 3 * offset) % 10) / 10)
    vervolg = meting.afronden(datetime(2026, 1, 12, 11)).vervolg(date(2026, 6, 15))
    for index, key in enumerate(keys):
        for offset, perspectief in enumerate(Perspectief):
            vervolg = vervolg.place_fiche(key, perspectief, ((index + 3 * offset + 4) % 10) / 10)
    return vervolg
