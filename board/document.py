"""The versioned JSON form of a meting and of an inwoner's whole history.

``to_document`` / ``from_document`` work on plain dicts (what ``json`` reads and writes);
``dumps`` / ``loads`` on text. Reading never returns half a meting: a document that is
malformed, of another kind or of a newer version raises ``DocumentError``, and every
value goes through the same checks as a touch on the board.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date, datetime
from typing import Any, TypeVar

from board import safe_json
from board.errors import BoardError, DocumentError, melding
from board.grenzen import MAX_DOEL_TEXT
from board.i18n import _
from board.inwoner import Inwoner
from board.meting import Meting, _canonical
from board.meting_waarden import Actie, Doel, Evaluatie, Fiche, MetingSoort, Perspectief, Status
from board.text import clean_text
from board.traject import Traject

log = logging.getLogger(__name__)  # error classes only, never a value

T = TypeVar("T")

FORMAT_VERSION = 1
METING_KIND = "magneetbord.meting"
HISTORY_KIND = "magneetbord.geschiedenis"


def meting_to_document(meting: Meting) -> dict[str, Any]:
    return {
        "soort_document": METING_KIND,
        "versie": FORMAT_VERSION,
        "meting": _meting(meting),
    }


def meting_from_document(document: object) -> Meting:
    body = _envelope(document, METING_KIND)
    return read_checked(lambda: _to_meting(require_field(body, "meting", dict)))


def history_to_document(inwoner: Inwoner, metingen: list[Meting], trajecten: Iterable[Traject] = ()) -> dict[str, Any]:
    """The inwoner, every meting, and (since trajecten could be closed) each traject: its
    begin, its end and why; readers of older documents find no ``trajecten`` and lose nothing."""
    return {
        "soort_document": HISTORY_KIND,
        "versie": FORMAT_VERSION,
        "inwoner": {
            "id": inwoner.id,
            "dossiernummer": inwoner.dossiernummer,
            "wijk": inwoner.wijk,
            "initialen": inwoner.initialen,
            "taal": inwoner.taal,
        },
        "metingen": [_meting(m) for m in metingen],
        "trajecten": [
            {
                "nummer": t.nummer,
                "begin": t.begin.isoformat(),
                "eind": t.eind.isoformat() if t.eind else None,
                "reden": t.reden.value if t.reden else None,
                "metingen": list(t.metingen),
            }
            for t in trajecten
        ],
    }


def history_from_document(document: object) -> tuple[Inwoner, list[Meting]]:
    body = _envelope(document, HISTORY_KIND)

    def read() -> tuple[Inwoner, list[Meting]]:
        data = require_field(body, "inwoner", dict)
        inwoner = Inwoner.create(
            dossiernummer=require_field(data, "dossiernummer", str),
            wijk=require_field(data, "wijk", str),
            initialen=require_field(data, "initialen", str, optional=True),
            inwoner_id=require_field(data, "id", str),
            # The inwoner's language (issue 17); a document from before it is Dutch.
            taal=require_field(data, "taal", str) if "taal" in data else "nl",
        )
        metingen = [_to_meting(require_type(m, dict, "metingen[]")) for m in require_field(body, "metingen", list)]
        if any(m.inwoner_id != inwoner.id for m in metingen):
            raise DocumentError(_("Een meting in dit document hoort bij een andere inwoner."))
        return inwoner, metingen

    return read_checked(read)


def dumps(document: dict[str, Any]) -> str:
    """Stable text: the same meting always gives the same bytes."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def loads(text: str | bytes) -> dict[str, Any]:
    """The document in ``text``, parsed within ``board.safe_json``'s bounds; only ``DocumentError``."""
    try:
        document = safe_json.loads(text)
    except safe_json.SafeJsonError as exc:
        raise DocumentError(_("Dit is geen leesbaar JSON-document: {reden}").format(reden=exc)) from exc
    if not isinstance(document, dict):
        raise DocumentError(_("Dit JSON-document is geen object."))
    return document


# ----- writing --------------------------------------------------------------------


def _meting(m: Meting) -> dict[str, Any]:
    return {
        "id": m.id,
        "inwoner_id": m.inwoner_id,
        "datum": m.datum.isoformat(),
        "soort": m.soort.value,
        "volgnummer": m.volgnummer,
        "leefgebiedenset": {"naam": m.set_naam, "versie": m.set_versie},
        "gekozen": list(m.gekozen),
        "fiches": [_fiche(f) for f in m.fiches],
        "vorige": [_fiche(f) for f in m.vorige],
        "vorige_meting_id": m.vorige_meting_id,
        "rapportcijfer": m.rapportcijfer,
        "doelen": [_doel(d) for d in m.doelen],
        "volgende_meting": m.volgende_meting.isoformat() if m.volgende_meting else None,
        "status": m.status.value,
        "afgerond_op": m.afgerond_op.isoformat() if m.afgerond_op else None,
    }


def _fiche(f: Fiche) -> dict[str, Any]:
    return {"leefgebied": f.leefgebied, "perspectief": f.perspectief.value, "positie": f.positie}


def _doel(d: Doel) -> dict[str, Any]:
    return {
        "id": d.id,
        "leefgebied": d.leefgebied,
        "tekst": d.tekst,
        "sinds_meting": d.sinds_meting,
        "streefdatum": d.streefdatum.isoformat() if d.streefdatum else None,
        "acties": [{"wie": a.wie.value, "wat": a.wat} for a in d.acties],
        "evaluatie": d.evaluatie.value if d.evaluatie else None,
    }


# ----- reading --------------------------------------------------------------------


def _envelope(document: object, kind: str) -> dict[str, Any]:
    if not isinstance(document, dict):
        raise DocumentError(_("Dit document is geen JSON-object."))
    found = document.get("soort_document")
    if found != kind:
        raise DocumentError(
            _("Dit document is van de soort {found!r}, verwacht {kind!r}.").format(found=found, kind=kind)
        )
    version = document.get("versie")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DocumentError(_("Dit document heeft geen geldige versie."))
    if version > FORMAT_VERSION:
        raise DocumentError(
            _(
                "Dit document is van een nieuwere versie ({version}) dan deze app kan lezen ({leesbaar}). "
                "Werk de app bij."
            ).format(version=version, leesbaar=FORMAT_VERSION)
        )
    return document


def read_checked(build: Callable[[], T]) -> T:
    """Run ``build``; any malformed value becomes a DocumentError, never half an object."""
    try:
        return build()
    except DocumentError:
        raise
    except BoardError as exc:  # the board's own Dutch message
        raise DocumentError(_("Het document bevat een ongeldige waarde: {exc}").format(exc=exc)) from exc
    except (KeyError, TypeError, ValueError, OverflowError, AttributeError) as exc:
        # A library's English text (a date, an enum) stays out of the message: the log gets its class.
        log.warning("document refused (%s)", type(exc).__name__)
        raise DocumentError(
            _("Het document is onvolledig of onjuist: een veld heeft een waarde die de app niet kent.")
        ) from exc


def _to_meting(data: dict[str, Any]) -> Meting:
    """Rebuild a meting by replaying it through the board's own checks."""
    lg_set = require_field(data, "leefgebiedenset", dict)
    start = Meting(
        id=require_field(data, "id", str),
        inwoner_id=require_field(data, "inwoner_id", str),
        datum=date.fromisoformat(require_field(data, "datum", str)),
        soort=MetingSoort(require_field(data, "soort", str)),
        volgnummer=require_field(data, "volgnummer", int),
        set_naam=require_field(lg_set, "naam", str),
        set_versie=require_field(lg_set, "versie", int),
        vorige=_canonical(_to_fiche(f) for f in require_field(data, "vorige", list)),
        vorige_meting_id=require_field(data, "vorige_meting_id", str, optional=True),
    )
    if start.volgnummer < 0 or (start.volgnummer == 0 and start.soort is not MetingSoort.NULMETING):
        raise DocumentError(_("Soort en volgnummer van de meting passen niet bij elkaar."))
    meting = start
    for key in require_field(data, "gekozen", list):
        meting = meting.choose(require_type(key, str, "gekozen[]"))
    for f in require_field(data, "fiches", list):
        fiche = _to_fiche(f)
        meting = meting.place_fiche(fiche.leefgebied, fiche.perspectief, fiche.positie)
    meting = meting.set_rapportcijfer(require_field(data, "rapportcijfer", int, optional=True))
    volgende = require_field(data, "volgende_meting", str, optional=True)
    meting = meting.set_volgende_meting(date.fromisoformat(volgende) if volgende else None)
    doelen = []
    for d in require_field(data, "doelen", list):
        d = require_type(d, dict, "doelen[]")
        streef = require_field(d, "streefdatum", str, optional=True)
        evaluatie = require_field(d, "evaluatie", str, optional=True)
        doel = Doel(
            id=require_field(d, "id", str),
            leefgebied=require_field(d, "leefgebied", str),
            tekst=require_field(d, "tekst", str),
            sinds_meting=require_field(d, "sinds_meting", str),
            streefdatum=date.fromisoformat(streef) if streef else None,
            acties=tuple(
                Actie.create(require_field(a, "wie", str), require_field(a, "wat", str))
                for a in (require_type(a, dict, "acties[]") for a in require_field(d, "acties", list))
            ),
            evaluatie=Evaluatie(evaluatie) if evaluatie else None,
        )
        doelen.append(_checked_doel(meting, doel))
    if len({d.id for d in doelen}) != len(doelen):
        raise DocumentError(_("Het document bevat twee doelen met hetzelfde kenmerk."))
    meting = replace(meting, doelen=tuple(doelen))
    status = Status(require_field(data, "status", str))
    afgerond_op = require_field(data, "afgerond_op", str, optional=True)
    if status is Status.AFGEROND:
        if not afgerond_op:
            raise DocumentError(_("Een afgeronde meting zonder moment van afronden."))
        meting = meting.afronden(datetime.fromisoformat(afgerond_op))
    elif afgerond_op:
        raise DocumentError(_("Een concept-meting kan geen moment van afronden hebben."))
    return meting


def _checked_doel(meting: Meting, doel: Doel) -> Doel:
    """Check a doel by adding it to the meting as a touch would (own or carried over)."""
    if doel.sinds_meting == meting.id:
        if doel.evaluatie is not None:
            raise DocumentError(_("Een doel van deze meting kan nog geen evaluatie hebben."))
        added = meting.add_doel(doel.leefgebied, doel.tekst, doel.streefdatum, doel.acties, doel.id)
        return added.doelen[-1]
    if doel.leefgebied not in meting.leefgebieden:
        raise DocumentError(_("Onbekend leefgebied {key!r} bij een doel.").format(key=doel.leefgebied))
    return replace(doel, tekst=clean_text(doel.tekst, melding("Het doel"), MAX_DOEL_TEXT))


def _to_fiche(data: object) -> Fiche:
    data = require_type(data, dict, "fiche")
    positie = data.get("positie")
    if isinstance(positie, bool) or not isinstance(positie, int | float):
        raise DocumentError(_("Een fiche heeft een getal als positie."))
    if not 0 <= positie <= 1:  # compared before float(): 10**400 has no float
        raise DocumentError(_("Een fiche ligt tussen 0 en 1."))
    return Fiche(
        leefgebied=require_field(data, "leefgebied", str),
        perspectief=Perspectief(require_field(data, "perspectief", str)),
        positie=float(positie),
    )


def require_field(data: dict[str, Any], name: str, kind: type, optional: bool = False) -> Any:
    if name not in data:
        raise DocumentError(_("Het veld {name!r} ontbreekt.").format(name=name))
    value = data[name]
    if value is None and optional:
        return None
    return require_type(value, kind, name)


def require_type(value: object, kind: type, name: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DocumentError(_("Het veld {name!r} heeft een verkeerd type.").format(name=name))
    return value
