"""The inwoner, stored with as little as needed: no name, no BSN, no address."""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from board.errors import BoardError
from board.i18n import _
from board.meting_waarden import new_id
from board.taal import is_taal

_INITIALEN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿ.\- ]{1,12}$")
_DOSSIERNUMMER = re.compile(r"^[A-Za-z0-9\-_/.]{1,40}$")


def dossier_map(dossiernummer: str) -> str:
    """A folder name for one inwoner's files, one per dossiernummer: letters, digits and '-'
    stay, every other character becomes '_' and its hex code ('/' → '_2f', '.' → '_2e', '_' →
    '_5f'), so no two dossiernummers share a folder and none climbs out of it ('..')."""
    kept = (c if c.isascii() and (c.isalnum() or c == "-") else f"_{ord(c):02x}" for c in dossiernummer)
    return "inzage-" + "".join(kept)


@dataclass(frozen=True)
class Inwoner:
    id: str  # random and pseudonymous; the only key that leaves the tablet in the monitor
    dossiernummer: str  # the number in the team's own case system
    wijk: str
    initialen: str | None = None
    taal: str = "nl"  # the inwoner's language (board.taal): their screens and take-home sheet

    @staticmethod
    def create(
        dossiernummer: str, wijk: str, initialen: str | None = None, inwoner_id: str | None = None, taal: str = "nl"
    ) -> Inwoner:
        """A checked new inwoner; the messages say in Dutch what to type instead."""
        dossiernummer = (dossiernummer or "").strip()
        if not dossiernummer:
            raise BoardError(_("Vul het dossiernummer in."))
        if not _DOSSIERNUMMER.match(dossiernummer):
            raise BoardError(
                _("Het dossiernummer bestaat uit 1 tot 40 letters, cijfers of de tekens - _ / .")
            )
        wijk = (wijk or "").strip()
        if not wijk or len(wijk) > 60 or not wijk.isprintable():
            raise BoardError(_("Vul de wijk in (hoogstens 60 tekens)."))
        initialen = (initialen or "").strip() or None
        if initialen is not None and not _INITIALEN.match(initialen):
            raise BoardError(_("Initialen zijn hoogstens 12 letters, zoals 'A.B.'; geen volledige naam."))
        if not is_taal(taal):
            raise BoardError(_("Deze taal kent de app niet: {taal}.").format(taal=taal))
        return Inwoner(
            id=inwoner_id or new_id(), dossiernummer=dossiernummer, wijk=wijk, initialen=initialen, taal=taal
        )

    def met_taal(self, taal: str) -> Inwoner:
        """The same inwoner with another language (checked)."""
        if not is_taal(taal):
            raise BoardError(_("Deze taal kent de app niet: {taal}.").format(taal=taal))
        return dataclasses.replace(self, taal=taal)
