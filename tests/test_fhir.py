"""The FHIR resources validate as R4 (fhir.resources' R4B models: Questionnaire and
QuestionnaireResponse are the same in R4 and R4B; no fhir.resources release on pydantic 2
ships 4.0.1 itself), and every answer fits the question it answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse
from pydantic import BaseModel

from board import Meting, Perspectief, load_set
from exports.fhir import (
    INWONER_SYSTEM,
    fhir_datetime,
    questionnaire,
    questionnaire_canonical,
    questionnaire_response,
)
from samples import voorbeelden

ANSWER_TYPE = {
    "decimal": "valueDecimal",
    "integer": "valueInteger",
    "date": "valueDate",
    "string": "valueString",
    "text": "valueString",
    "choice": "valueCoding",
}


def check_codes(model: BaseModel) -> list[str]:
    """fhir.resources knows each code's allowed values but does not enforce them: we do."""
    wrong = []
    for name, field in type(model).model_fields.items():
        value = getattr(model, name, None)
        allowed = (
            (field.json_schema_extra or {}).get("enum_values") if isinstance(field.json_schema_extra, dict) else None
        )
        # A list ending in "+" is abridged by fhir.resources ("and more"): it cannot judge.
        if allowed and "+" not in allowed and value is not None and value not in allowed:
            wrong.append(f"{name}={value!r}")
        for child in value if isinstance(value, list) else [value]:
            if isinstance(child, BaseModel):
                wrong += check_codes(child)
    return wrong


def questions(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    found = {}
    for item in items:
        found[item["linkId"]] = item
        found.update(questions(item.get("item", [])))
    return found


def answers_that_do_not_fit(response: dict[str, Any], q: dict[str, Any]) -> list[str]:
    """Each answered linkId exists in the Questionnaire with a matching type and range;
    each chosen coding is one of the question's options."""
    known, wrong = questions(q["item"]), []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            question = known.get(item["linkId"])
            if question is None:
                wrong.append(f"{item['linkId']}: geen vraag")
                continue
            for answer in item.get("answer", []):
                (kind,) = answer
                if kind != ANSWER_TYPE[question["type"]]:
                    wrong.append(f"{item['linkId']}: {kind} op een {question['type']}-vraag")
                limits = {
                    e["url"].rsplit("/", 1)[1]: next(iter(v for k, v in e.items() if k != "url"))
                    for e in question.get("extension", [])
                }
                if "minValue" in limits and not limits["minValue"] <= answer[kind] <= limits["maxValue"]:
                    wrong.append(f"{item['linkId']}: {answer[kind]} buiten het bereik")
                if kind == "valueCoding" and {"valueCoding": answer[kind]} not in question["answerOption"]:
                    wrong.append(f"{item['linkId']}: {answer[kind]} is geen keuze")
            walk(item.get("item", []))

    walk(response["item"])
    return wrong


@pytest.mark.parametrize("set_naam", ["volwassenen", "jeugd"])
def test_the_questionnaire_of_each_set_validates(set_naam: str) -> None:
    leefgebieden = load_set(set_naam)
    q = questionnaire(leefgebieden)
    model = Questionnaire.model_validate(q)
    assert check_codes(model) == []
    assert f"{model.url}|{model.version}" == questionnaire_canonical(set_naam, leefgebieden.versie)
    groups = [i for i in q["item"] if i["linkId"].startswith("leefgebied.")]
    assert [g["text"] for g in groups] == [lg.naam for lg in leefgebieden.leefgebieden]
    for group in groups:
        kinds = {child["linkId"].rsplit(".", 1)[1]: child["type"] for child in group["item"]}
        assert kinds == {"prioriteit": "integer", "inwoner": "decimal", "professional": "decimal", "naaste": "decimal"}
    rapport = questions(q["item"])["rapportcijfer"]
    assert rapport["type"] == "integer" and [e["valueInteger"] for e in rapport["extension"]] == [1, 10]
    assert questions(q["item"])["doel"]["repeats"] is True


@pytest.mark.parametrize("meting", [voorbeelden.nulmeting(), voorbeelden.vervolgmeting()], ids=["nul", "vervolg"])
def test_the_response_validates_and_fits_its_questionnaire(meting: Meting) -> None:
    response = questionnaire_response(meting, meting.inwoner_id)
    model = QuestionnaireResponse.model_validate(response)
    assert check_codes(model) == []
    assert model.status == "completed"
    assert model.questionnaire == questionnaire_canonical(meting.set_naam, meting.set_versie)
    assert answers_that_do_not_fit(response, questionnaire(meting.leefgebieden)) == []


def test_the_response_holds_the_board_and_the_doelen() -> None:
    meting = voorbeelden.vervolgmeting()
    response = questionnaire_response(meting, meting.inwoner_id)
    groups = [i for i in response["item"] if i["linkId"].startswith("leefgebied.")]
    # The Questionnaire's order (the validator's rule), not the priority order; the priority is an answer.
    assert [g["linkId"] for g in groups] == [f"leefgebied.{k}" for k in meting.leefgebieden.keys if k in meting.gekozen]
    assert list(meting.gekozen) != [g["linkId"].split(".")[1] for g in groups]
    prioriteit = {g["linkId"].split(".")[1]: g["item"][0]["answer"][0]["valueInteger"] for g in groups}
    assert sorted(prioriteit, key=prioriteit.get) == list(meting.gekozen)
    geld = {a["linkId"]: a["answer"][0] for a in next(g for g in groups if g["linkId"] == "leefgebied.geld")["item"]}
    assert geld["leefgebied.geld.prioriteit"] == {"valueInteger": 1}
    assert geld["leefgebied.geld.inwoner"] == {"valueDecimal": meting.positie("geld")}
    assert geld["leefgebied.geld.professional"] == {"valueDecimal": meting.positie("geld", Perspectief.PROFESSIONAL)}
    assert "leefgebied.geld.naaste" not in geld  # no fiche, no answer
    doelen = [i for i in response["item"] if i["linkId"] == "doel"]
    teksten = [a["answer"][0]["valueString"] for d in doelen for a in d["item"] if a["linkId"] == "doel.tekst"]
    assert teksten == [d.tekst for d in meting.doelen]
    rapport = next(i for i in response["item"] if i["linkId"] == "rapportcijfer")
    assert rapport["answer"] == [{"valueInteger": 7}]


def test_the_inwoner_is_only_a_pseudonymous_identifier() -> None:
    meting = voorbeelden.vervolgmeting()
    response = questionnaire_response(meting, meting.inwoner_id)
    assert response["subject"] == {"identifier": {"system": INWONER_SYSTEM, "value": "inwoner-ref"}}
    text = str(response)
    inwoner = voorbeelden.inwoner()
    assert inwoner.dossiernummer not in text and inwoner.initialen not in text


def test_authored_is_the_moment_of_afronden_with_a_time_zone() -> None:
    meting = voorbeelden.vervolgmeting()  # afgerond 2026-06-01 10:30, Dutch summer time
    model = QuestionnaireResponse.model_validate(questionnaire_response(meting, meting.inwoner_id))
    assert model.authored == datetime(2026, 6, 1, 10, 30, tzinfo=timezone(timedelta(hours=2)))
    assert fhir_datetime(datetime(2026, 1, 5, 9, 0)) == "2026-01-05T09:00:00+01:00"
    assert fhir_datetime(datetime(2026, 1, 5, 9, 0, tzinfo=UTC)) == "2026-01-05T09:00:00+00:00"


def test_a_concept_meting_has_no_response() -> None:
    concept = voorbeelden.met_doelen(1)
    with pytest.raises(ValueError, match="afgeronde"):
        questionnaire_response(concept, concept.inwoner_id)
    with pytest.raises(ValueError, match="andere inwoner"):
        questionnaire_response(voorbeelden.nulmeting(), "iemand-anders")


def test_the_episode_of_a_traject_validates_open_and_closed() -> None:
    from fhir.resources.R4B.episodeofcare import EpisodeOfCare

    from board.traject import afsluiten, trajecten
    from exports.fhir_traject import AFSLUITREDEN_SYSTEM, episode_of_care, episode_reference

    nul = voorbeelden.nulmeting()
    [lopend] = trajecten([nul])
    model = EpisodeOfCare.model_validate(episode_of_care(lopend))
    assert check_codes(model) == [] and model.status == "active" and model.period.end is None
    assert str(model.period.start) == nul.datum.isoformat()
    afsluiting = afsluiten([nul], [], nul.datum + timedelta(days=30), "verhuisd", datetime(2026, 6, 1, 9))
    [klaar] = trajecten([nul], [afsluiting])
    resource = episode_of_care(klaar)
    model = EpisodeOfCare.model_validate(resource)
    assert check_codes(model) == [] and model.status == "finished"
    assert str(model.period.end) == afsluiting.datum.isoformat()
    assert resource["extension"][0]["valueCoding"]["system"] == AFSLUITREDEN_SYSTEM
    assert resource["extension"][0]["valueCoding"]["code"] == "verhuisd"
    assert resource["patient"]["identifier"]["value"] == nul.inwoner_id  # pseudonymous: the random id only
    response = questionnaire_response(nul, nul.inwoner_id)
    response["extension"] = [episode_reference(klaar.inwoner_id, klaar.nummer)]
    QuestionnaireResponse.model_validate(response)
