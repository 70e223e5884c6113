"""The domain of the magneetbord, in pure Python (no kivy, sqlalchemy, PIL or reportlab).

Widgets, storage and exports use this package; it uses none of them.
"""

from board.errors import (
    BoardError,
    DocumentError,
    LeefgebiedenSetError,
    MetingAfgerondError,
    UnknownLeefgebiedError,
    UserError,
)
from board.inwoner import Inwoner
from board.leefgebieden import Leefgebied, LeefgebiedenSet, available_sets, load_set, load_set_file
from board.meting import (
    Actie,
    Doel,
    Evaluatie,
    Fiche,
    Meting,
    MetingSoort,
    Perspectief,
    Status,
    Uitvoerder,
)
from board.session import BoardSession
from board.vergelijking import GELIJK_DREMPEL, Richting, Vergelijking, vergelijk

__all__ = [
    "GELIJK_DREMPEL",
    "Actie",
    "BoardError",
    "BoardSession",
    "DocumentError",
    "Doel",
    "Evaluatie",
    "Fiche",
    "Inwoner",
    "Leefgebied",
    "LeefgebiedenSet",
    "LeefgebiedenSetError",
    "Meting",
    "MetingAfgerondError",
    "MetingSoort",
    "Perspectief",
    "Richting",
    "Status",
    "Uitvoerder",
    "UnknownLeefgebiedError",
    "UserError",
    "Vergelijking",
    "available_sets",
    "load_set",
    "load_set_file",
    "vergelijk",
]
