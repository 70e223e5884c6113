"""The FHIR export follows the rules the HL7 validator applies: the QuestionnaireResponse's
items in the Questionnaire's order (over the whole demo), the ``questionnaire`` canonical
naming the set version the meting used (and the bundle holding that version, or none), and
ids valid for any set file name. Parsed back from JSON and validated with fhir.resources."""

from __future__ import annotations

import itertools
import json
import re
from datetime import date, datetime
from pathlib import Path

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from board import Meting
from board.leefgebieden import load_set
from board.set_versies import VERSIES
from exports.bundle import QUESTIONNAIRE, render_bundle
from exports.fhir import questionnaire, questionnaire_canonical, questionnaire_response
from samples import voorbeelden
from samples.voorbeeld import voorbeeld
from tests.grenzen import sets_fixture  # noqa: F401

FHIR_ID = re.compile(r"[A-Za-z0-9\-\.]{1,64}")
RESPONSE = "fhir-questionnaireresponse.json"


def out_of_order(response: dict, q: dict) -> int:
    """Items of the response that come before an item the Questionnaire puts earlier."""
    position = {item["linkId"]: n for n, item in enumerate(q["item"])}
    places = [position[item["linkId"]] for item in response["item"]]
    return sum(1 for a, b in itertools.pairwise(places) if b < a)


def test_every_response_of_the_demo_is_in_the_questionnaires_order() -> None:
    checked = 0
    for _inwoner, metingen in voorbeeld():
        for meting in (m for m in metingen if m.afgerond):
            response = json.loads(json.dumps(questionnaire_response(meting, meting.inwoner_id)))
            assert out_of_order(response, questionnaire(meting.leefgebieden)) == 0
            QuestionnaireResponse.model_validate(response)
            checked += 1
    assert checked >= 30


def raise_versie(folder: Path, naam: str = "volwassenen", keep: bool = False) -> None:
    """The team raises the set to version 2 (and renames a leefgebied); ``keep``: the old file is kept."""
    path = folder / f"{naam}.toml"
    text = path.read_text(encoding="utf-8")
    if keep:
        (folder / VERSIES / "1").mkdir(parents=True)
        (folder / VERSIES / "1" / path.name).write_text(text, encoding="utf-8")
    path.write_text(text.replace("versie = 1", "versie = 2").replace('naam = "Geld"', 'naam = "Geldzaken"'), "utf-8")
    load_set.cache_clear()


def bundle_of(meting: Meting) -> dict[str, dict]:
    files = render_bundle(voorbeelden.inwoner(), meting)
    return {name: json.loads(data) for name, data in files.items() if name.startswith("fhir-")}


@pytest.mark.parametrize("keep", [True, False], ids=["version-kept", "version-gone"])
def test_an_older_meting_names_the_version_it_used(sets: Path, keep: bool) -> None:
    meting = voorbeelden.nulmeting()
    assert meting.set_versie == 1
    raise_versie(sets, keep=keep)
    assert load_set("volwassenen").versie == 2
    fhir = bundle_of(meting)
    response = QuestionnaireResponse.model_validate(fhir[RESPONSE])
    assert response.questionnaire == questionnaire_canonical("volwassenen", 1)
    if keep:  # the bundle holds the Questionnaire the response names: version 1, "Geld"
        q = Questionnaire.model_validate(fhir[QUESTIONNAIRE])
        assert f"{q.url}|{q.version}" == response.questionnaire
        assert "Geld" in [item.text for item in q.item] and "Geldzaken" not in json.dumps(fhir[QUESTIONNAIRE])
    else:  # never version 2 beside a response that names version 1
        assert QUESTIONNAIRE not in fhir
    nieuw = Meting.nulmeting("inwoner-ref", date(2026, 9, 1), meting_id="meting-nieuw")
    nieuw = nieuw.choose("geld").place_fiche("geld", "inwoner", 0.5).afronden(datetime(2026, 9, 1, 10, 0))
    fhir = bundle_of(nieuw)
    assert fhir[RESPONSE]["questionnaire"] == questionnaire_canonical("volwassenen", 2)
    assert fhir[QUESTIONNAIRE]["version"] == "2" and "Geldzaken" in json.dumps(fhir[QUESTIONNAIRE])


# Every kind of name a set file may have (board.leefgebieden.SET_NAME: up to 64 of a-z 0-9 _ -);
# FHIR ids allow no '_' and at most 64 characters.
NAMEN = ["volwassenen_2026", "wijk_oost-proef", "zorg__welzijn", "ouderen-" + "x" * 56, "a-b_c", "9"]


def test_ids_are_valid_for_any_set_file_name(sets: Path) -> None:
    ids = set()
    for naam in NAMEN:
        text = (sets / "volwassenen.toml").read_text(encoding="utf-8")
        text = text.replace('naam = "volwassenen"', f"naam = {json.dumps(naam)}")  # a TOML string as well
        (sets / f"{naam}.toml").write_text(text, encoding="utf-8")
        load_set.cache_clear()
        meting = Meting.nulmeting("inwoner-ref", date(2026, 3, 2), set_naam=naam, meting_id=f"meting {naam}")
        meting = meting.choose("wonen").place_fiche("wonen", "inwoner", 0.3).afronden(datetime(2026, 3, 2, 9, 0))
        fhir = bundle_of(meting)
        q = Questionnaire.model_validate(fhir[QUESTIONNAIRE])
        r = QuestionnaireResponse.model_validate(fhir[RESPONSE])
        assert FHIR_ID.fullmatch(q.id) and FHIR_ID.fullmatch(r.id)
        assert re.fullmatch(r"[A-Z][A-Za-z0-9_]{0,254}", q.name)
        assert r.questionnaire == f"{q.url}|{q.version}"
        ids.add(q.id)
    assert len(ids) == len(NAMEN)  # two names never share an id
