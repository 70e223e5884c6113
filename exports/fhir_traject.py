"""The FHIR R4 EpisodeOfCare of a traject: its status (active while open, finished once
afgesloten), its period (0-meting to afsluiting) and the reason it ended.

The inwoner appears only as a pseudonymous identifier, as in ``exports.fhir``. The reason has
no element of its own in R4's EpisodeOfCare: it is an extension coded in Magneetbord's own
code system. Each QuestionnaireResponse of the traject can point at the episode with the
standard ``workflow-episodeOfCare`` extension (``episode_reference``).
"""

from __future__ import annotations

from typing import Any

from board.traject import REDEN_LABEL, Traject
from exports.fhir import BASE, INWONER_SYSTEM, TAAL

TRAJECT_SYSTEM = f"{BASE}/traject-id"
AFSLUITREDEN_SYSTEM = f"{BASE}/CodeSystem/afsluitreden"
AFSLUITREDEN_EXTENSION = f"{BASE}/StructureDefinition/afsluitreden"
EPISODE_EXTENSION = "http://hl7.org/fhir/StructureDefinition/workflow-episodeOfCare"


def traject_id(traject: Traject) -> str:
    """Stable and pseudonymous: the inwoner's random id and the traject's number."""
    return _traject_id(traject.inwoner_id, traject.nummer)


def _traject_id(inwoner_id: str, nummer: int) -> str:
    return f"{inwoner_id}-{nummer}"


def episode_of_care(traject: Traject) -> dict[str, Any]:
    period = {"start": traject.begin.isoformat()}
    if traject.eind is not None:
        period["end"] = traject.eind.isoformat()
    resource: dict[str, Any] = {
        "resourceType": "EpisodeOfCare",
        "id": traject_id(traject),
        "language": TAAL,
        "identifier": [{"system": TRAJECT_SYSTEM, "value": traject_id(traject)}],
        "status": "active" if traject.open else "finished",
        "patient": {"identifier": {"system": INWONER_SYSTEM, "value": traject.inwoner_id}},
        "period": period,
    }
    if traject.reden is not None:
        resource["extension"] = [{
            "url": AFSLUITREDEN_EXTENSION,
            "valueCoding": {
                "system": AFSLUITREDEN_SYSTEM,
                "code": traject.reden.name.lower(),
                "display": REDEN_LABEL[traject.reden],
            },
        }]
    return resource


def episode_reference(inwoner_id: str, nummer: int) -> dict[str, Any]:
    """The extension that ties a QuestionnaireResponse to the EpisodeOfCare of the inwoner's
    traject ``nummer``: a meting of a new traject points at the new episode, not the closed one."""
    return {
        "url": EPISODE_EXTENSION,
        "valueReference": {
            "type": "EpisodeOfCare",
            "identifier": {"system": TRAJECT_SYSTEM, "value": _traject_id(inwoner_id, nummer)},
        },
    }
