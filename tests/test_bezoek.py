"""Which meting is due when a visit starts (board/bezoek.py): no fixtures, plain metingen."""

from __future__ import annotations

from datetime import date, datetime

from board.bezoek import Stap, volgende_meting
from tests.factories import nulmeting


def afgerond(meting):  # type: ignore[no-untyped-def]
    return meting.afronden(datetime.combine(meting.datum, datetime.min.time()))


def test_nothing_yet_means_the_0_meting() -> None:
    assert volgende_meting([]).stap is Stap.NULMETING


def test_an_open_concept_is_carried_on_exactly_as_it_was() -> None:
    concept = nulmeting()
    assert volgende_meting([concept]).stap is Stap.VERDER and volgende_meting([concept]).concept == concept
    eerste = afgerond(nulmeting())
    vervolg = eerste.vervolg(date(2026, 4, 20), meting_id="m1")
    volgende = volgende_meting([eerste, vervolg])
    assert (volgende.stap, volgende.concept, volgende.laatste_afgerond) == (Stap.VERDER, vervolg, eerste)


def test_after_an_afgeronde_meting_a_vervolgmeting_is_due() -> None:
    eerste = afgerond(nulmeting())
    vervolg = eerste.vervolg(date(2026, 4, 20), meting_id="m1")
    for key in vervolg.gekozen:
        vervolg = vervolg.place_fiche(key, "inwoner", 0.5)
    tweede = afgerond(vervolg)
    volgende = volgende_meting([eerste, tweede])
    assert (volgende.stap, volgende.laatste_afgerond, volgende.concept) == (Stap.VERVOLGMETING, tweede, None)
