from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from board import BoardError, DocumentError, Evaluatie, Inwoner, Meting, MetingSoort
from board.meting_waarden import Actie, Uitvoerder
from board.monitor_1_record import monitor_record, record_from_dict, record_to_dict

KEY = b"gemeente-eindhoven-geheime-sleutel"
OTHER_KEY = b"gemeente-utrecht-andere-sleutel!!"


@pytest.fixture
def inwoner() -> Inwoner:
    return Inwoner.create("DOS-4711/b", "Woensel-Zuid", initialen="Q.Z.", inwoner_id="inwoner-secret-id-77")


@pytest.fixture
def metingen(inwoner: Inwoner) -> tuple[Meting, Meting]:
    nul = (
        Meting.nulmeting(inwoner.id, date(2026, 1, 14), meting_id="meting-zero-id")
        .choose("geld")
        .choose("wonen")
        .place_fiche("geld", "inwoner", 0.2)
        .place_fiche("wonen", "inwoner", 0.61234567)
        .place_fiche("geld", "professional", 0.1)
        .set_rapportcijfer(5)
        .add_doel(
            "geld",
            "Mijn schulden bij de Zilverreiger afbetalen",
            acties=[Actie.create(Uitvoerder.WIJKTEAM, "Bellen met Kwakkelbank")],
        )
        .afronden(datetime(2026, 1, 14, 11, 0))
    )
    vervolg = nul.vervolg(date(2026, 4, 2), meting_id="meting-one-id")
    vervolg = (
        vervolg.place_fiche("geld", "inwoner", 0.5)
        .place_fiche("wonen", "inwoner", 0.6)
        .move_up("wonen")
        .set_rapportcijfer(7)
        .evaluate_doel(vervolg.doelen[0].id, Evaluatie.DEELS_BEHAALD)
        .add_doel("wonen", "Een eigen plek vinden bij Oranjeboom")
        .afronden(datetime(2026, 4, 2, 10, 0))
    )
    return nul, vervolg


def test_record_holds_the_figures(inwoner, metingen):
    _, vervolg = metingen
    record = monitor_record(vervolg, inwoner, KEY)
    assert record.wijk == "Woensel-Zuid"
    assert record.maand == "2026-04"
    assert (record.soort, record.volgnummer) == (MetingSoort.VERVOLGMETING, 1)
    assert (record.set_naam, record.set_versie) == ("volwassenen", 1)
    assert [(s.leefgebied, s.rang, s.positie) for s in record.leefgebieden] == [("wonen", 1, 0.6), ("geld", 2, 0.5)]
    assert record.rapportcijfer == 7
    # the carried-over doel with its evaluation, the new one without
    assert [(d.leefgebied, d.evaluatie) for d in record.doelen] == [
        ("geld", Evaluatie.DEELS_BEHAALD),
        ("wonen", None),
    ]


def test_positions_are_rounded_to_a_thousandth(inwoner, metingen):
    record = monitor_record(metingen[0], inwoner, KEY)
    assert record.score("wonen").positie == 0.612


def test_no_text_or_identifier_leaves_the_tablet(inwoner, metingen):
    for meting in metingen:
        text = json.dumps(record_to_dict(monitor_record(meting, inwoner, KEY)), ensure_ascii=False)
        for secret in (
            "Zilverreiger", "Kwakkelbank", "Oranjeboom", "schulden",  # doel and actie text
            "Q.Z.", "DOS-4711", "inwoner-secret-id-77", "meting-zero-id", "meting-one-id",
            "2026-01-14", "2026-04-02",  # the exact date
        ):
            assert secret not in text


def test_same_key_same_pseudonym_other_key_other_pseudonym(inwoner, metingen):
    nul, vervolg = metingen
    a, b = monitor_record(nul, inwoner, KEY), monitor_record(vervolg, inwoner, KEY)
    assert a.pseudoniem == b.pseudoniem  # one inwoner followed over time
    assert a.record_id != b.record_id
    assert monitor_record(nul, inwoner, KEY).record_id == a.record_id  # stable: deduplicable
    other = monitor_record(nul, inwoner, OTHER_KEY)
    assert other.pseudoniem != a.pseudoniem and other.record_id != a.record_id
    assert a.pseudoniem != a.record_id  # inwoner and meting hashes are kept apart


def test_concept_meting_is_refused(inwoner):
    concept = Meting.nulmeting(inwoner.id, date(2026, 1, 1)).choose("geld").place_fiche("geld", "inwoner", 0.3)
    with pytest.raises(BoardError, match="concept"):
        monitor_record(concept, inwoner, KEY)


def test_meting_of_another_inwoner_is_refused(metingen):
    stranger = Inwoner.create("X1", "Centrum")
    with pytest.raises(BoardError):
        monitor_record(metingen[0], stranger, KEY)


@pytest.mark.parametrize("key", [b"", b"short", "a text key of enough length"])
def test_weak_or_wrong_key_is_refused(inwoner, metingen, key):
    with pytest.raises(ValueError, match="sleutel"):
        monitor_record(metingen[0], inwoner, key)


def test_dict_form_round_trips_through_json(inwoner, metingen):
    for meting in metingen:
        record = monitor_record(meting, inwoner, KEY)
        assert record_from_dict(json.loads(json.dumps(record_to_dict(record)))) == record


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(versie=3),
        lambda d: d["record"].update(traject=-1),
        lambda d: d["record"]["doelen"][0].update(actoren=["wijkteam", "inwoner"]),  # not in fixed order
        lambda d: d["record"]["doelen"][0].update(actoren=["buurman Piet"]),  # text, not an actor
        lambda d: d.update(soort_document="magneetbord.meting"),
        lambda d: d["record"].update(pseudoniem="Jan Jansen"),
        lambda d: d["record"].update(maand="2026-13"),
        lambda d: d["record"].update(rapportcijfer=11),
        lambda d: d["record"].update(volgnummer=0),
        lambda d: d["record"]["leefgebieden"][0].update(positie=1.5),
        lambda d: d["record"]["leefgebieden"][0].update(rang=3),
        lambda d: d["record"]["doelen"][0].update(evaluatie="misschien"),
        lambda d: d["record"]["doelen"][0].update(leefgebied="Mijn schulden afbetalen"),
        lambda d: d["record"].pop("wijk"),
    ],
)
def test_malformed_dicts_are_refused(inwoner, metingen, change):
    document = record_to_dict(monitor_record(metingen[1], inwoner, KEY))
    change(document)
    with pytest.raises(DocumentError):
        record_from_dict(document)


def test_version_2_carries_the_traject_and_each_doels_actors_but_no_text(inwoner, metingen):
    record = monitor_record(metingen[1], inwoner, KEY, traject=2)
    document = record_to_dict(record)
    assert document["versie"] == 2 and document["record"]["traject"] == 2
    for doel, uitkomst in zip(metingen[1].doelen, document["record"]["doelen"], strict=True):
        assert set(uitkomst) == {"leefgebied", "evaluatie", "actoren"}
        assert uitkomst["actoren"] == [u.value for u in Uitvoerder if u in {a.wie for a in doel.acties}]
    assert record_from_dict(json.loads(json.dumps(document))) == record


def test_version_1_records_still_read_as_the_first_traject_with_actors_unknown(inwoner, metingen):
    document = record_to_dict(monitor_record(metingen[1], inwoner, KEY))
    document["versie"] = 1
    del document["record"]["traject"]
    for doel in document["record"]["doelen"]:
        del doel["actoren"]
    record = record_from_dict(document)
    assert record.traject == 0 and all(d.actoren is None for d in record.doelen)


def test_the_afsluiting_record_has_months_and_reason_only(inwoner, metingen):
    from board.monitor_1_record import afsluiting_from_dict, afsluiting_record, afsluiting_to_dict
    from board.traject import afsluiten

    eind = date(2026, 9, 14)
    afsluiting = afsluiten(metingen, [], eind, "overgedragen aan specialistische zorg", datetime(2026, 9, 14, 10))
    record = afsluiting_record(afsluiting, inwoner, metingen[0], KEY)
    document = afsluiting_to_dict(record)
    assert set(document["afsluiting"]) == {"record_id", "pseudoniem", "wijk", "traject", "begin_maand",
                                           "eind_maand", "reden"}
    assert (record.begin_maand, record.eind_maand) == (metingen[0].datum.strftime("%Y-%m"), "2026-09")
    assert record.pseudoniem == monitor_record(metingen[0], inwoner, KEY).pseudoniem
    assert inwoner.id not in json.dumps(document) and inwoner.dossiernummer not in json.dumps(document)
    assert afsluiting_from_dict(json.loads(json.dumps(document))) == record
    document["afsluiting"]["eind_maand"] = "2020-01"
    with pytest.raises(DocumentError):
        afsluiting_from_dict(document)
