"""How much one meting holds: the limits of the domain, in one place.

The renderers lay out anything within these limits on as many pages as it needs; a limit
that is too much for a page is never cut short in a renderer but lowered here, with a
message. ``tests/test_grenzen_export.py`` renders a meting at every limit.
"""

from __future__ import annotations

from board.errors import BoardError, meervoud, melding

MAX_DOEL_TEXT = 1000  # characters of one doel, in the inwoner's own words
MAX_ACTIE_TEXT = 300  # characters of one actie
MAX_ACTIES = 10  # acties of one doel: more is a plan, not a doel
MAX_DOELEN = 20  # doelen set in one meting (those carried over from the previous one come on top)
MAX_SET_TITEL = 120  # the title of a leefgebiedenset (in the dossier's header)
MAX_LEEFGEBIED_NAAM = 60  # the name of a leefgebied (beside its bar, above each doel, in the tables)


def check_acties(count: int) -> None:
    """Refuse a doel with more than ``MAX_ACTIES`` acties."""
    if count > MAX_ACTIES:
        raise BoardError(
            meervoud(
                "Een doel heeft hoogstens {max} actie.",
                "Een doel heeft hoogstens {max} acties. Maak er liever een tweede doel bij.",
                MAX_ACTIES,
                max=MAX_ACTIES,
            )
        )


def check_nieuw_doel(own_doelen: int) -> None:
    """Refuse a new doel when ``own_doelen`` (set in this meting) is already the most there may be."""
    if own_doelen >= MAX_DOELEN:
        raise BoardError(
            melding("Bij één meting horen hoogstens {max} nieuwe doelen. Kies samen welke het belangrijkst zijn.",
                    max=MAX_DOELEN)
        )
