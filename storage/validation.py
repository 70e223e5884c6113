"""The one place where storage checks what it is asked to write.

The checks are the board's own: a meting is rebuilt through ``board.document`` (which
replays every value through the operations a touch would use) and must come out equal.
A value the board would refuse (NaN, 1.5, an unknown leefgebied, a 1 MB goal, control
characters) is refused here too, before anything is written. The common case, a fiche
that moved, is checked by replaying just that drop.
"""

from __future__ import annotations

from dataclasses import fields, replace

from board.document import meting_from_document, meting_to_document
from board.errors import BoardError
from board.i18n import _
from board.inwoner import Inwoner
from board.meting import Meting
from board.meting_waarden import Status
from storage.errors import AfgerondError, InvalidValueError
from storage.models import MAX_ID

# What a meting is; never changed by an operation on the board.
IDENTITY = ("id", "inwoner_id", "datum", "soort", "volgnummer", "set_naam", "set_versie", "vorige", "vorige_meting_id")


def check_id(value: object, what: str) -> str:
    if not isinstance(value, str) or not 0 < len(value) <= MAX_ID or not value.isprintable():
        raise InvalidValueError(
            _("{what} is geen geldig kenmerk (tekst van 1 tot {n} tekens).").format(what=what, n=MAX_ID)
        )
    return value


def check_inwoner(inwoner: Inwoner) -> Inwoner:
    if not isinstance(inwoner, Inwoner):
        raise InvalidValueError(_("Dit is geen inwoner."))
    check_id(inwoner.id, _("Het kenmerk van de inwoner"))
    try:
        checked = Inwoner.create(inwoner.dossiernummer, inwoner.wijk, inwoner.initialen, inwoner.id, inwoner.taal)
    except (BoardError, TypeError, AttributeError) as exc:
        raise InvalidValueError(_("Deze inwoner kan niet worden opgeslagen: {exc}").format(exc=exc)) from exc
    if checked != inwoner:
        raise InvalidValueError(_("Deze inwoner kan niet worden opgeslagen: spaties rond een veld horen er niet bij."))
    return inwoner


def check_meting(meting: Meting) -> Meting:
    """The whole meting, as the board would build it; raises ``InvalidValueError``."""
    if not isinstance(meting, Meting):
        raise InvalidValueError(_("Dit is geen meting."))
    check_id(meting.id, _("Het kenmerk van de meting"))
    check_id(meting.inwoner_id, _("Het kenmerk van de inwoner"))
    if meting.vorige_meting_id is not None:
        check_id(meting.vorige_meting_id, _("Het kenmerk van de vorige meting"))
    for doel in meting.doelen if isinstance(meting.doelen, tuple) else ():
        check_id(getattr(doel, "id", None), "Het kenmerk van een doel")
        check_id(getattr(doel, "sinds_meting", None), "Het kenmerk van de meting van een doel")
    try:
        rebuilt = meting_from_document(meting_to_document(meting))
    except BoardError as exc:
        raise InvalidValueError(_("Deze meting kan niet worden opgeslagen: {exc}").format(exc=exc)) from exc
    except Exception as exc:  # a field of the wrong type breaks the document itself
        raise InvalidValueError(
            _("Deze meting kan niet worden opgeslagen: een veld heeft een verkeerd type ({soort}).").format(
                soort=type(exc).__name__
            )
        ) from exc
    if rebuilt != meting:
        different = [f.name for f in fields(Meting) if getattr(rebuilt, f.name) != getattr(meting, f.name)]
        raise InvalidValueError(
            _("Deze meting kan niet worden opgeslagen: {velden} wijkt af van wat het bord zou maken.").format(
                velden=", ".join(different)
            )
        )
    return meting


def check_change(before: Meting, after: Meting) -> None:
    """``after`` may follow ``before`` on the board. Raises ``AfgerondError`` or ``InvalidValueError``."""
    if not isinstance(after, Meting) or not isinstance(before, Meting):
        raise InvalidValueError(_("Dit is geen meting."))
    if before.status is Status.AFGEROND:
        raise AfgerondError()
    for name in IDENTITY:
        if getattr(before, name) != getattr(after, name):
            raise InvalidValueError(
                _("Deze wijziging kan niet worden opgeslagen: {name} van een meting verandert nooit.").format(name=name)
            )
    if replace(before, fiches=after.fiches) == after and _fiche_moves_valid(before, after):
        return
    check_meting(after)


def _fiche_moves_valid(before: Meting, after: Meting) -> bool:
    """True when every changed fiche is a drop the board accepts (the hot path: one drag)."""
    try:
        old = set(before.fiches)
        changed = [f for f in after.fiches if f not in old]
        if len(changed) != 1 or len(after.fiches) not in (len(before.fiches), len(before.fiches) + 1):
            return False  # anything else takes the full check
        fiche = changed[0]
        return after.place_fiche(fiche.leefgebied, fiche.perspectief, fiche.positie).fiches == after.fiches
    except (BoardError, TypeError, AttributeError):
        return False
