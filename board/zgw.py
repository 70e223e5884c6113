"""Delivery to the dossier through the ZGW Documenten API, the rules without the network.

Which files of a bundle become which enkelvoudig informatieobject (and their titles), the
``identificatie`` each gets (derived from the meting id, so a resumed upload finds what it
sent before), the upload status a bundle can have, the gemeente's configuration and what is
missing from it, the back-off between retries, and the server's ``invalidParams`` in Dutch.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, fields
from enum import StrEnum

from board.i18n import N_, _

MAX_IDENTIFICATIE = 40  # the Documenten API's limit
VERTROUWELIJKHEDEN = ("openbaar", "beperkt_openbaar", "intern", "zaakvertrouwelijk", "vertrouwelijk",
                      "confidentieel", "geheim", "zeer_geheim")  # fmt: skip
DEFAULT_VERTROUWELIJKHEID = "vertrouwelijk"  # a social-domain file: personal and sensitive
TAAL = "nld"  # ISO 639-2/B


class UploadStatus(StrEnum):
    WACHT = "wacht"  # in the outbox, not sent yet
    BEZIG = "bezig"  # being sent (or interrupted while it was: the next send resumes it)
    AFGELEVERD = "afgeleverd"  # every document accepted; the tablet's copy is gone
    MISLUKT = "mislukt"  # refused or unreachable; ``reden`` says why


STATUS_WOORDEN = {
    UploadStatus.WACHT: N_("wacht"),
    UploadStatus.BEZIG: N_("bezig met versturen"),
    UploadStatus.AFGELEVERD: N_("afgeleverd"),
    UploadStatus.MISLUKT: N_("mislukt"),
}


@dataclass(frozen=True)
class DocumentSoort:
    """One file of a bundle that goes into the dossier as an enkelvoudig informatieobject."""

    bestand: str  # the file in the bundle
    code: str  # the end of its identificatie
    titel: str  # marked with N_; the gemeente's dossier shows it
    formaat: str  # the MIME type


DOCUMENTEN = (
    DocumentSoort("dossier.pdf", "pdf", N_("Wat telt: verslag {soort} {datum}"), "application/pdf"),
    DocumentSoort("snapshot.png", "png", N_("Wat telt: foto van het bord {soort} {datum}"), "image/png"),
    DocumentSoort("koelkastblad.pdf", "kkb", N_("Wat telt: koelkastblad {soort} {datum}"), "application/pdf"),
    DocumentSoort(
        "fhir-questionnaireresponse.json", "fhir", N_("Wat telt: FHIR-antwoorden {soort} {datum}"),
        "application/fhir+json",
    ),
)


def identificatie(meting_id: str, soort: DocumentSoort) -> str:
    """``MB-<meting id>-<code>``, at most 40 characters; a long or unusual meting id is hashed."""
    base = meting_id
    if not re.fullmatch(r"[0-9A-Za-z]{1,32}", meting_id):
        base = hashlib.sha256(meting_id.encode()).hexdigest()[:32]
    return f"MB-{base}-{soort.code}"


def titel(soort: DocumentSoort, meting_soort: str, datum: str) -> str:
    return _(soort.titel).format(soort=meting_soort, datum=datum)[:200]


@dataclass(frozen=True)
class ZgwConfig:
    """Where and as whom the tablet delivers: the gemeente sets it once."""

    url: str = ""  # the Documenten API's root, e.g. https://openzaak.gemeente.nl/documenten/api/v1
    client_id: str = ""
    secret: str = ""
    rsin: str = ""  # bronorganisatie: the gemeente's RSIN
    informatieobjecttype: str = ""  # the URL of the type in the Catalogi API
    vertrouwelijkheid: str = DEFAULT_VERTROUWELIJKHEID

    def missing(self) -> list[str]:
        """The settings still empty, by name (``outbox config --<naam>``)."""
        return [f.name for f in fields(self) if not getattr(self, f.name)]

    def problems(self, *, complete: bool = True) -> list[str]:
        """What is missing (with ``complete``) or wrong, in Dutch; empty when the tablet can deliver."""
        missing = self.missing() if complete else []
        found = [_("{naam} ontbreekt").format(naam=naam.replace("_", "-")) for naam in missing]
        if self.url and not re.match(r"https?://", self.url):
            found.append(_("url moet met http:// of https:// beginnen"))
        if self.informatieobjecttype and not re.match(r"https?://", self.informatieobjecttype):
            found.append(_("informatieobjecttype moet een URL zijn (het type in de Catalogi API)"))
        if self.rsin and not re.fullmatch(r"\d{9}", self.rsin):
            found.append(_("rsin moet uit 9 cijfers bestaan"))
        if self.vertrouwelijkheid and self.vertrouwelijkheid not in VERTROUWELIJKHEDEN:
            found.append(
                _("vertrouwelijkheid moet een van deze zijn: {keuzes}").format(keuzes=", ".join(VERTROUWELIJKHEDEN))
            )
        return found


def backoff(attempt: int, base: float = 0.5, cap: float = 8.0) -> float:
    """Seconds to wait before retry ``attempt`` (1, 2, ...): doubling from ``base``, at most ``cap``."""
    return min(cap, base * 2 ** (attempt - 1))


# The codes Open Zaak and the reference implementations give in invalidParams, in plain Dutch.
_CODES = {
    "required": N_("is verplicht"),
    "blank": N_("mag niet leeg zijn"),
    "null": N_("mag niet leeg zijn"),
    "invalid": N_("is ongeldig"),
    "max_length": N_("is te lang"),
    "min_length": N_("is te kort"),
    "unique": N_("bestaat al"),
    "bad-url": N_("is geen bereikbare URL"),
    "invalid-resource": N_("verwijst niet naar het juiste soort object"),
    "no_match": N_("past niet bij het verwachte patroon"),
    "invalid_choice": N_("is geen toegestane keuze"),
}


def invalid_params_tekst(invalid_params: object) -> str:
    """The server's ``invalidParams`` as one Dutch line: 'titel is te lang (Ensure this ...)'."""
    if not isinstance(invalid_params, list) or not invalid_params:
        return ""
    parts = []
    for item in invalid_params:
        if not isinstance(item, dict):
            continue
        name = str(item.get("name") or _("het verzoek"))
        code = str(item.get("code") or "")
        reason = str(item.get("reason") or "")
        known = _CODES.get(code)
        if known:
            parts.append(f"{name} {_(known)}" + (f" ({reason})" if reason else ""))
        else:
            parts.append(f"{name}: {reason or code}")
    return "; ".join(parts)
