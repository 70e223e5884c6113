"""A traject: begins with a 0-meting, ends by afsluiten with a reason (after an eindmeting or
not), is reopened by a new 0-meting. The rule (board/traject.py), stored and audited
(storage/trajecten.py), the use case (services/traject.py) and the visit that follows it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from board import BoardError, Inwoner
from board.bezoek import Stap, volgende_meting
from board.document import history_from_document, history_to_document
from board.traject import Afsluitreden, afsluiten, reden, trajecten
from services.traject import sluit_traject, trajecten_van
from services.visit import meting_for_visit, open_storage
from storage import audit
from storage.errors import ConflictError
from storage.repository import Repository
from tests.factories import nulmeting

MOMENT = datetime(2026, 5, 1, 10, 0)


@pytest.fixture
def repository(tmp_path: Path) -> Repository:
    repository = open_storage(f"sqlite:///{tmp_path / 'db.sqlite3'}", b"\0" * 32, "professional")
    yield repository
    repository.close()


def _afgerond(repository: Repository, inwoner_id: str, dag: date) -> None:
    meting = meting_for_visit(repository, inwoner_id, dag)
    after = meting
    if not meting.gekozen:
        after = after.choose("geld")
    after = after.place_fiche("geld", "inwoner", 0.4).afronden(datetime.combine(dag, datetime.min.time()))
    repository.save_change(meting, after)


def test_the_reasons_are_the_fixed_list_and_anything_else_is_refused_in_dutch() -> None:
    assert [r.value for r in Afsluitreden] == [
        "doelen bereikt", "overgedragen aan specialistische zorg", "verhuisd", "gestopt op eigen verzoek",
        "overleden", "anders",
    ]
    assert reden("Doelen bereikt") is Afsluitreden.DOELEN_BEREIKT
    assert reden("gestopt") is Afsluitreden.GESTOPT
    with pytest.raises(BoardError, match="Kies een reden"):
        reden("geen zin meer")


def test_afsluiten_needs_an_open_traject_without_a_concept_and_not_before_its_last_meting() -> None:
    concept = nulmeting()
    with pytest.raises(BoardError, match="nog geen traject"):
        afsluiten([], [], date(2026, 2, 1), "verhuisd", MOMENT)
    with pytest.raises(BoardError, match="Rond eerst de meting af"):
        afsluiten([concept], [], date(2026, 2, 1), "verhuisd", MOMENT)
    nul = concept.afronden(datetime(2026, 1, 12, 12))
    with pytest.raises(BoardError, match="niet eerder afsluiten"):
        afsluiten([nul], [], date(2026, 1, 11), "verhuisd", MOMENT)
    eind = nul.vervolg(date(2026, 4, 1))  # the eindmeting
    for key in eind.gekozen:
        eind = eind.place_fiche(key, "inwoner", 0.7)
    eind = eind.afronden(datetime(2026, 4, 1, 12))
    afsluiting = afsluiten([nul, eind], [], date(2026, 4, 2), "doelen bereikt", MOMENT)
    assert (afsluiting.traject, afsluiting.laatste_meting_id, afsluiting.reden) == (
        0, eind.id, Afsluitreden.DOELEN_BEREIKT)
    with pytest.raises(BoardError, match="al afgesloten"):
        afsluiten([nul, eind], [afsluiting], date(2026, 4, 3), "anders", MOMENT)
    [traject] = trajecten([eind, nul], [afsluiting])
    assert (traject.begin, traject.eind, traject.metingen, traject.open) == (nul.datum, date(2026, 4, 2),
                                                                             (nul.id, eind.id), False)


def test_closed_stored_audited_and_a_new_0_meting_reopens(repository: Repository) -> None:
    inwoner = Inwoner.create("T-1", "Gestel")
    repository.add_inwoner(inwoner)
    _afgerond(repository, inwoner.id, date(2026, 1, 5))
    _afgerond(repository, inwoner.id, date(2026, 3, 5))  # the eindmeting
    afsluiting = sluit_traject(repository, inwoner.id, "verhuisd", date(2026, 3, 6), MOMENT)
    assert repository.afsluitingen(inwoner.id) == [afsluiting]
    last = repository.audit_log(inwoner.id)[-1]
    assert (last.actie, last.resultaat, last.professional_id) == (audit.AFGESLOTEN, audit.GELUKT, "professional")
    # after afsluiten no vervolgmeting: the next visit is a new 0-meting, the next traject
    history = repository.history(inwoner.id)
    assert volgende_meting(history, repository.afsluitingen(inwoner.id)).stap is Stap.NULMETING
    with pytest.raises(ConflictError, match="afgesloten"):
        repository.start_vervolgmeting(inwoner.id, date(2026, 4, 1))
    nieuw = meting_for_visit(repository, inwoner.id, date(2026, 9, 1))
    assert (nieuw.label, nieuw.volgnummer, nieuw.vorige) == ("0-meting", 2, ())
    eerste, tweede = trajecten_van(repository, inwoner.id)
    assert (eerste.open, eerste.reden, tweede.open, tweede.nummer, tweede.metingen) == (
        False, Afsluitreden.VERHUISD, True, 1, (nieuw.id,))
    # a second 0-meting while the new traject is open is refused
    with pytest.raises(ConflictError, match="lopend traject"):
        repository.start_nulmeting(inwoner.id, date(2026, 9, 2))
    # the reopened traject can be closed again, once its 0-meting is afgerond
    with pytest.raises(BoardError, match="Rond eerst"):
        sluit_traject(repository, inwoner.id, "anders", date(2026, 9, 1), MOMENT)
    _afgerond(repository, inwoner.id, date(2026, 9, 1))
    tweede_afsluiting = sluit_traject(repository, inwoner.id, "overleden", date(2026, 10, 1), MOMENT)
    assert tweede_afsluiting.traject == 1
    assert [a.traject for a in repository.afsluitingen(inwoner.id)] == [0, 1]


def test_a_stale_or_forged_afsluiting_is_refused_by_storage_and_changes_nothing(repository: Repository) -> None:
    inwoner = Inwoner.create("T-2", "Gestel")
    repository.add_inwoner(inwoner)
    _afgerond(repository, inwoner.id, date(2026, 1, 5))
    afsluiting = afsluiten(repository.history(inwoner.id), [], date(2026, 2, 1), "anders", MOMENT)
    with pytest.raises(ConflictError):
        repository.sluit_traject(replace(afsluiting, traject=3))
    repository.sluit_traject(afsluiting)
    with pytest.raises(ConflictError):  # closed twice (two screens at once)
        repository.sluit_traject(afsluiting)
    assert repository.afsluitingen(inwoner.id) == [afsluiting]
    failed = repository.audit_log(inwoner.id)[-1]
    assert (failed.actie, failed.resultaat) == (audit.AFGESLOTEN, audit.MISLUKT)


def test_erasing_the_inwoner_takes_the_afsluiting_with_it(repository: Repository) -> None:
    inwoner = Inwoner.create("T-3", "Gestel")
    repository.add_inwoner(inwoner)
    _afgerond(repository, inwoner.id, date(2026, 1, 5))
    sluit_traject(repository, inwoner.id, "gestopt op eigen verzoek", date(2026, 2, 1), MOMENT)
    repository.erase_inwoner(inwoner.id)
    with repository.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM traject_afsluiting").scalar() == 0


def test_a_reopening_0_meting_survives_the_json_round_trip() -> None:
    nul = nulmeting().afronden(datetime(2026, 1, 12, 12))
    reopened = replace(nulmeting(), id="m9", volgnummer=4).afronden(datetime(2026, 8, 1, 12))
    inwoner = Inwoner.create("T-4", "Gestel", inwoner_id="inw-1")
    _, metingen = history_from_document(history_to_document(inwoner, [nul, reopened]))
    assert metingen == [nul, reopened]
