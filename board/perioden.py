"""The periods a monitor report may cover: a fixed grid of whole calendar quarters and whole
calendar years that have ended.

Reports for periods that overlap without nesting (January-April and January-May) or a period
that grows month by month ("this year so far") can be subtracted from each other to learn
about the few inwoners in the difference. On the grid every two periods are either apart or
nested (a quarter in its year), and the nested ones are protected together
(``board.disclosure_familie``). A period still running would change between two reports, so
only periods that have ended are published.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from board.errors import BoardError
from board.i18n import _
from board.monitor_2_counts import Periode


def is_grid(periode: Periode) -> bool:
    """A whole calendar quarter or a whole calendar year."""
    year, first, last = periode.van[:4], int(periode.van[5:7]), int(periode.tot[5:7])
    if periode.tot[:4] != year:
        return False
    return (first, last) == (1, 12) or (first % 3 == 1 and last == first + 2)


def check_publishable(periode: Periode, vandaag: date) -> None:
    """Raises ``BoardError`` (plain Dutch) unless ``periode`` is on the grid and has ended."""
    if not is_grid(periode):
        raise BoardError(
            _(
                "De monitor gaat over een heel kwartaal (bijvoorbeeld 2025-04 t/m 2025-06) of een heel "
                "jaar (2025-01 t/m 2025-12). Perioden die elkaar half overlappen zouden samen iets over "
                "een paar inwoners kunnen verraden."
            )
        )
    if periode.tot >= f"{vandaag:%Y-%m}":
        raise BoardError(
            _("De periode {periode} is nog niet voorbij; de monitor gaat alleen over afgelopen perioden.").format(
                periode=periode.label
            )
        )


def jaar(year: int) -> Periode:
    return Periode(f"{year}-01", f"{year}-12")


def kwartaal_periode(year: int, q: int) -> Periode:
    return Periode(f"{year}-{3 * q - 2:02d}", f"{year}-{3 * q:02d}")


def familie(periode: Periode) -> tuple[Periode, ...]:
    """The year of a grid period and its four quarters: published together, so that what is
    hidden in one cannot be worked out from the others."""
    year = int(periode.van[:4])
    return (jaar(year), *(kwartaal_periode(year, q) for q in range(1, 5)))


def vorig_jaar(vandaag: date) -> Periode:
    return jaar(vandaag.year - 1)


def vorig_kwartaal(vandaag: date, terug: int = 1) -> Periode:
    """The ``terug``-th quarter before the one ``vandaag`` is in."""
    index = vandaag.year * 4 + (vandaag.month - 1) // 3 - terug
    return kwartaal_periode(index // 4, index % 4 + 1)


def kwartaal_naam(periode: Periode) -> str:
    """'2025-K2' for a quarter, '2025' for a year, else the period's label (for messages)."""
    if is_grid(periode) and periode.van[5:7] == "01" and periode.tot[5:7] == "12":
        return periode.van[:4]
    if is_grid(periode):
        return f"{periode.van[:4]}-K{(int(periode.van[5:7]) + 2) // 3}"
    return periode.label


def verwerkingsmaand(maand: str, vastgesteld: Collection[Periode]) -> str:
    """The month a meting of ``maand`` counts in when it arrives now: its own, unless its
    quarter or its year has been vastgesteld (reported); then the first month of the first
    later quarter that is not, and whose year is not (its 'verwerkingskwartaal', as
    statistics offices count late registrations). A year stays the sum of its quarters."""
    vast = set(vastgesteld)
    index = int(maand[:4]) * 4 + (int(maand[5:7]) - 1) // 3
    first = index

    def closed(i: int) -> bool:
        return kwartaal_periode(i // 4, i % 4 + 1) in vast or jaar(i // 4) in vast

    while closed(index):
        index += 1
    return maand if index == first else kwartaal_periode(index // 4, index % 4 + 1).van
