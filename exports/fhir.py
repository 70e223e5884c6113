"""FHIR R4 resources of a meting: the Questionnaire of a leefgebiedenset and the
QuestionnaireResponse of one afgeronde meting, as plain JSON-ready dicts.

Only elements that exist unchanged in R4 (4.0.1) are used; R4B (4.3.0) has the same
Questionnaire and QuestionnaireResponse, which is what the tests validate against.
The inwoner appears only as a pseudonymous identifier, never by name.
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from board.leefgebieden import LeefgebiedenSet
from board.meting import Meting
from board.meting_waarden import Doel, Evaluatie, Perspectief, Uitvoerder
from board.set_versies import set_in_versie
from exports.bronnen import EVALUATIE_LABEL, UITVOERDER_LABEL

BASE = "https://magneetbord.nl/fhir"
INWONER_SYSTEM = f"{BASE}/inwoner-id"
METING_SYSTEM = f"{BASE}/meting-id"
LEEFGEBIED_SYSTEM = f"{BASE}/CodeSystem/leefgebied"
UITVOERDER_SYSTEM = f"{BASE}/CodeSystem/uitvoerder"
EVALUATIE_SYSTEM = f"{BASE}/CodeSystem/evaluatie"
MIN_VALUE = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE = "http://hl7.org/fhir/StructureDefinition/maxValue"
TAAL = "nl-NL"
_ID = re.compile(r"[A-Za-z0-9.\-]{1,64}")
# A moment stored without a time zone was taken on a tablet in the Netherlands.
LOCAL_ZONE = "Europe/Amsterdam"

FicheLabel = {
    Perspectief.INWONER: "fiche van de inwoner",
    Perspectief.PROFESSIONAL: "fiche van de professional",
    Perspectief.NAASTE: "fiche van de naaste",
}


def questionnaire_url(set_naam: str) -> str:
    return f"{BASE}/Questionnaire/{quote(set_naam, safe='')}"


def fhir_id(*parts: str) -> str:
    """A valid FHIR id ([A-Za-z0-9-.]{1,64}) for any text: the text itself when it is one,
    else its letters and digits with a short hash of the whole, so two names never share one."""
    raw = "-".join(parts)
    if _ID.fullmatch(raw):
        return raw
    clean = re.sub(r"[^A-Za-z0-9.\-]+", "-", raw).strip("-")[:48]
    digest = hashlib.sha256(raw.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return f"{clean}-{digest}" if clean else digest


def questionnaire_canonical(set_naam: str, versie: int) -> str:
    """The versioned canonical reference: '<url>|<versie>'."""
    return f"{questionnaire_url(set_naam)}|{versie}"


def questionnaire(leefgebieden: LeefgebiedenSet) -> dict[str, Any]:
    """The Questionnaire for a leefgebiedenset: one group per leefgebied (priority and a
    0..1 position per perspectief), the rapportcijfer and the doelen."""
    items = [_leefgebied_item(leefgebieden, key) for key in leefgebieden.keys]
    items.append(
        {
            "linkId": "rapportcijfer",
            "text": "Rapportcijfer voor het leven als geheel (1 tot en met 10)",
            "type": "integer",
            "extension": _range("Integer", 1, 10),
        }
    )
    items.append({"linkId": "volgende-meting", "text": "Datum van de volgende meting", "type": "date"})
    items.append(_doelen_item(leefgebieden))
    return {
        "resourceType": "Questionnaire",
        "id": fhir_id("magneetbord", leefgebieden.naam, str(leefgebieden.versie)),
        "language": TAAL,
        "url": questionnaire_url(leefgebieden.naam),
        "version": str(leefgebieden.versie),
        "name": _computer_name(leefgebieden.naam),
        "title": f"Wat telt-magneetbord: {leefgebieden.titel}",
        "status": "active",
        "subjectType": ["Patient"],
        "publisher": "Magneetbord",
        "item": items,
    }


def questionnaire_response(meting: Meting, inwoner_id: str) -> dict[str, Any]:
    """The QuestionnaireResponse of an afgeronde meting, referring to its set's Questionnaire."""
    if not meting.afgerond or meting.afgerond_op is None:
        raise ValueError("Alleen een afgeronde meting heeft een QuestionnaireResponse.")
    if inwoner_id != meting.inwoner_id:
        raise ValueError("Deze meting hoort bij een andere inwoner.")
    items: list[dict[str, Any]] = []
    # In the Questionnaire's order (the set's), as the validator wants; the priority is an answer.
    used = set_in_versie(meting.set_naam, meting.set_versie) or meting.leefgebieden
    in_order = [k for k in used.keys if k in meting.gekozen] + [k for k in meting.gekozen if k not in used.keys]
    for key in in_order:
        prioriteit = meting.gekozen.index(key) + 1
        answers = [_answered(f"leefgebied.{key}.prioriteit", {"valueInteger": prioriteit})]
        for perspectief in Perspectief:
            positie = meting.positie(key, perspectief)
            if positie is not None:
                answers.append(_answered(f"leefgebied.{key}.{perspectief.value}", {"valueDecimal": positie}))
        items.append({"linkId": f"leefgebied.{key}", "item": answers})
    if meting.rapportcijfer is not None:
        items.append(_answered("rapportcijfer", {"valueInteger": meting.rapportcijfer}))
    if meting.volgende_meting is not None:
        items.append(_answered("volgende-meting", {"valueDate": meting.volgende_meting.isoformat()}))
    items += [_doel_answer(meting, doel) for doel in meting.doelen]
    return {
        "resourceType": "QuestionnaireResponse",
        "id": fhir_id(meting.id),
        "language": TAAL,
        "identifier": {"system": METING_SYSTEM, "value": meting.id},
        "questionnaire": questionnaire_canonical(meting.set_naam, meting.set_versie),
        "status": "completed",
        "subject": {"identifier": {"system": INWONER_SYSTEM, "value": meting.inwoner_id}},
        "authored": fhir_datetime(meting.afgerond_op),
        "item": items,
    }


def fhir_dumps(resource: dict[str, Any]) -> str:
    """Stable JSON text of a resource (same resource, same bytes)."""
    return json.dumps(resource, ensure_ascii=False, indent=2) + "\n"


def fhir_datetime(moment: datetime) -> str:
    """FHIR needs a time zone on a dateTime with a time; a naive moment is Dutch time."""
    if moment.tzinfo is None:
        try:
            moment = moment.replace(tzinfo=ZoneInfo(LOCAL_ZONE))
        except ZoneInfoNotFoundError:  # no time zone data on this machine: the machine's own
            moment = moment.astimezone()
    return moment.isoformat(timespec="seconds") if moment.tzinfo else moment.replace(tzinfo=UTC).isoformat()


# ----- building blocks ------------------------------------------------------------


def _leefgebied_item(leefgebieden: LeefgebiedenSet, key: str) -> dict[str, Any]:
    naam = leefgebieden[key].naam
    children: list[dict[str, Any]] = [
        {
            "linkId": f"leefgebied.{key}.prioriteit",
            "text": f"{naam}: plaats in de volgorde van belangrijkheid (1 = belangrijkst)",
            "type": "integer",
            "extension": _range("Integer", 1, len(leefgebieden.keys)),
        }
    ]
    for perspectief in Perspectief:
        children.append(
            {
                "linkId": f"leefgebied.{key}.{perspectief.value}",
                "text": f"{naam}: {FicheLabel[perspectief]} (0 = verdrietig, 1 = blij)",
                "type": "decimal",
                "required": False,
                "extension": _range("Decimal", 0, 1),
            }
        )
    return {
        "linkId": f"leefgebied.{key}",
        "code": [{"system": LEEFGEBIED_SYSTEM, "code": key, "display": naam}],
        "text": naam,
        "type": "group",
        "required": False,
        "item": children,
    }


def _doelen_item(leefgebieden: LeefgebiedenSet) -> dict[str, Any]:
    return {
        "linkId": "doel",
        "text": "Doel",
        "type": "group",
        "repeats": True,
        "item": [
            {"linkId": "doel.id", "text": "Kenmerk van het doel", "type": "string", "required": True},
            {
                "linkId": "doel.leefgebied",
                "text": "Leefgebied",
                "type": "choice",
                "required": True,
                "answerOption": [{"valueCoding": _leefgebied_coding(leefgebieden, key)} for key in leefgebieden.keys],
            },
            {"linkId": "doel.tekst", "text": "Het doel in de woorden van de inwoner", "type": "text", "required": True},
            {"linkId": "doel.streefdatum", "text": "Streefdatum", "type": "date"},
            {
                "linkId": "doel.evaluatie",
                "text": "Evaluatie",
                "type": "choice",
                "answerOption": [{"valueCoding": _evaluatie_coding(e)} for e in Evaluatie],
            },
            {
                "linkId": "doel.actie",
                "text": "Actie",
                "type": "group",
                "repeats": True,
                "item": [
                    {
                        "linkId": "doel.actie.wie",
                        "text": "Wie doet het",
                        "type": "choice",
                        "required": True,
                        "answerOption": [{"valueCoding": _uitvoerder_coding(u)} for u in Uitvoerder],
                    },
                    {"linkId": "doel.actie.wat", "text": "Wat", "type": "string", "required": True},
                ],
            },
        ],
    }


def _doel_answer(meting: Meting, doel: Doel) -> dict[str, Any]:
    children = [
        _answered("doel.id", {"valueString": doel.id}),
        _answered("doel.leefgebied", {"valueCoding": _leefgebied_coding(meting.leefgebieden, doel.leefgebied)}),
        _answered("doel.tekst", {"valueString": doel.tekst}),
    ]
    if doel.streefdatum:
        children.append(_answered("doel.streefdatum", {"valueDate": doel.streefdatum.isoformat()}))
    if doel.evaluatie:
        children.append(_answered("doel.evaluatie", {"valueCoding": _evaluatie_coding(doel.evaluatie)}))
    for actie in doel.acties:
        children.append(
            {
                "linkId": "doel.actie",
                "item": [
                    _answered("doel.actie.wie", {"valueCoding": _uitvoerder_coding(actie.wie)}),
                    _answered("doel.actie.wat", {"valueString": actie.wat}),
                ],
            }
        )
    return {"linkId": "doel", "item": children}


def _answered(link_id: str, value: dict[str, Any]) -> dict[str, Any]:
    return {"linkId": link_id, "answer": [value]}


def _range(kind: str, low: int, high: int) -> list[dict[str, Any]]:
    return [{"url": MIN_VALUE, f"value{kind}": low}, {"url": MAX_VALUE, f"value{kind}": high}]


def _computer_name(set_naam: str) -> str:
    """The Questionnaire's name: letters, digits and _ after a capital (the rule que-0)."""
    parts = re.split(r"[^A-Za-z0-9]+", set_naam)
    return ("Magneetbord" + "".join(part.capitalize() for part in parts))[:255]


def _code(value: str) -> str:
    return value.replace(" ", "-")


def _leefgebied_coding(leefgebieden: LeefgebiedenSet, key: str) -> dict[str, str]:
    return {"system": LEEFGEBIED_SYSTEM, "code": key, "display": leefgebieden[key].naam}


def _uitvoerder_coding(wie: Uitvoerder) -> dict[str, str]:
    return {"system": UITVOERDER_SYSTEM, "code": _code(wie.value), "display": UITVOERDER_LABEL[wie]}


def _evaluatie_coding(evaluatie: Evaluatie) -> dict[str, str]:
    return {"system": EVALUATIE_SYSTEM, "code": _code(evaluatie.value), "display": EVALUATIE_LABEL[evaluatie]}
