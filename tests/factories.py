"""Small builders of realistic metingen for tests (through board/ operations, so valid)."""

from __future__ import annotations

from datetime import date, datetime

from board import Actie, Meting, Uitvoerder

DAG = date(2026, 1, 12)


def nulmeting(posities: dict[str, float] | None = None, inwoner_id: str = "inw-1") -> Meting:
    """A concept 0-meting with the given inwoner positions, in this priority order."""
    meting = Meting.nulmeting(inwoner_id, DAG, meting_id="m0")
    for key, positie in (posities or {"geld": 0.2, "wonen": 0.6, "zingeving": 0.4}).items():
        meting = meting.choose(key).place_fiche(key, "inwoner", positie)
    return meting


def afgeronde_nulmeting_met_doelen() -> Meting:
    meting = nulmeting()
    meting = meting.add_doel(
        "geld",
        "Ik wil mijn post weer openmaken",
        date(2026, 3, 1),
        [Actie.create(Uitvoerder.INWONER, "Elke maandag de post openen"), Actie.create("wijkteam", "Budgetcoach")],
        doel_id="d1",
    )
    meting = meting.add_doel("zingeving", "Eén keer per week naar de moestuin", doel_id="d2")
    meting = meting.add_doel("wonen", "Mijn kamer opruimen", doel_id="d3")
    return meting.set_rapportcijfer(5).afronden(datetime(2026, 1, 12, 11, 30))
