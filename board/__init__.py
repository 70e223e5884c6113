"""The domain of the magneetbord, in pure Python (no kivy, sqlalchemy, PIL or reportlab).

Widgets, storage and exports use this package; it uses none of them.

The names below are imported when first used (PEP 562): the lock screen, which needs only
``board.lock`` and ``board.i18n``, starts without loading the meting and the leefgebieden.
"""

from __future__ import annotations

from board.lazy import lazy_names

_WHERE = {
    "Actie": "board.meting_waarden",
    "BoardError": "board.errors",
    "BoardSession": "board.session",
    "DocumentError": "board.errors",
    "Doel": "board.meting_waarden",
    "Evaluatie": "board.meting_waarden",
    "Fiche": "board.meting_waarden",
    "GELIJK_DREMPEL": "board.vergelijking",
    "Inwoner": "board.inwoner",
    "Leefgebied": "board.leefgebieden",
    "LeefgebiedenSet": "board.leefgebieden",
    "LeefgebiedenSetError": "board.errors",
    "Meting": "board.meting",
    "MetingAfgerondError": "board.errors",
    "MetingSoort": "board.meting_waarden",
    "Perspectief": "board.meting_waarden",
    "Richting": "board.vergelijking",
    "Status": "board.meting_waarden",
    "Uitvoerder": "board.meting_waarden",
    "UnknownLeefgebiedError": "board.errors",
    "UserError": "board.errors",
    "Vergelijking": "board.vergelijking",
    "available_sets": "board.leefgebieden",
    "load_set": "board.leefgebieden",
    "load_set_file": "board.leefgebieden",
    "vergelijk": "board.vergelijking",
}

__all__ = sorted(_WHERE)


__getattr__ = lazy_names("board", _WHERE, globals())
