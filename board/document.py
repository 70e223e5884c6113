"""The versioned JSON form of a meting and of an inwoner's whole history.

``to_document`` / ``from_document`` work on plain dicts (what ``json`` reads and writes);
``dumps`` / ``loads`` on text. Reading never returns half a meting: a document that is
malformed, of another kind or of a newer version raises ``DocumentError``, and every
value goes through the same checks as a touch on the board.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from board.errors import BoardError, DocumentError
from board.inwoner import Inwoner
from board.meting import (
    MAX_DOEL_TEXT,
    Actie,
    Doel,
    Evaluatie,
    Fiche,
    Meting,
    MetingSoort,
    Perspectief,
    Status,
    _canonical,
)
from board.text import clean_text

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
    return _read(lambda: _to_meting(_field(body, "meting", dict)))


def history_to_document(inwoner: Inwoner, metingen: list[Meting]) -> dict[str, Any]:
    return {
        "soort_document": HISTORY_KIND,
        "versie": FORMAT_VERSION,
        "inwoner": {
            "id": inwoner.id,
            "dossiernummer": inwoner.dossiernummer,
            "wijk": inwoner.wijk,
            "initialen": inwoner.initialen,
        },
        "metingen": [_meting(m) for m in metingen],
    }


def history_from_document(document: object) -> tuple[Inwoner, list[Meting]]:
    body = _envelope(document, HISTORY_KIND)

    def read() -> tuple[Inwoner, list[Meting]]:
        data = _field(body, "inwoner", dict)
        inwoner = Inwoner.create(
            dossiernummer=_field(data, "dossiernummer", str),
            wijk=_field(data, "wijk", str),
            initialen=_field(data, "initialen", str, optional=True),
            inwoner_id=_field(data, "id", str),
        )
        metingen = [_to_meting(_as(m, dict, "metingen[]")) for m in _field(body, "metingen", list)]
        if any(m.inwoner_id != inwoner.id for m in metingen):
            raise DocumentError("Een meting in dit document hoort bij een andere inwoner.")
        return inwoner, metingen

    return _read(read)


def dumps(document: dict[str, Any]) -> str:
    """Stable text: the same meting always gives the same bytes."""
    return json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def loads(text: str | bytes) -> dict[str, Any]:
    try:
        document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as exc:
        raise DocumentError(f"Dit is geen leesbaar JSON-document ({exc}).") from exc
    if not isinstance(document, dict):
        raise DocumentError("Dit JSON-document is geen object.")
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
        raise DocumentError("Dit document is geen JSON-object.")
    found = document.get("soort_document")
    if found != kind:
        raise DocumentError(f"Dit document is van de soort {found!r}, verwacht {kind!r}.")
    version = document.get("versie")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise DocumentError("Dit document heeft geen geldige versie.")
    if version > FORMAT_VERSION:
        raise DocumentError(
            f"Dit document is van een nieuwere versie ({version}) dan deze app kan lezen "
            f"({FORMAT_VERSION}). Werk de app bij."
        )
    return document


def _read(build):  # type: ignore[no-untyped-def]
    try:
        return build()
    except DocumentError:
        raise
    except BoardError as exc:
        raise DocumentError(f"Het document bevat een ongeldige waarde: {exc}") from exc
    except (KeyError, TypeError, ValueError) as exc:
        raise DocumentError(f"Het document is onvolledig of onjuist ({exc}).") from exc


def _to_meting(data: dict[str, Any]) -> Meting:
    """Rebuild a meting by replaying it through the board's own checks."""
    lg_set = _field(data, "leefgebiedenset", dict)
    start = Meting(
        id=_field(data, "id", str),
        inwoner_id=_field(data, "inwoner_id", str),
        datum=date.fromisoformat(_field(data, "datum", str)),
        soort=MetingSoort(_field(data, "soort", str)),
        volgnummer=_field(data, "volgnummer", int),
        set_naam=_field(lg_set, "naam", str),
        set_versie=_field(lg_set, "versie", int),
        vorige=_canonical(_to_fiche(f) for f in _field(data, "vorige", list)),
        vorige_meting_id=_field(data, "vorige_meting_id", str, optional=True),
    )
    if (start.soort is MetingSoort.NULMETING) != (start.volgnummer == 0) or start.volgnummer < 0:
        raise DocumentError("Soort en volgnummer van de meting passen niet bij elkaar.")
    meting = start
    for key in _field(data, "gekozen", list):
        meting = meting.choose(_as(key, str, "gekozen[]"))
    for f in _field(data, "fiches", list):
        fiche = _to_fiche(f)
        meting = meting.place_fiche(fiche.leefgebied, fiche.perspectief, fiche.positie)
    meting = meting.set_rapportcijfer(_field(data, "rapportcijfer", int, optional=True))
    volgende = _field(data, "volgende_meting", str, optional=True)
    meting = meting.set_volgende_meting(date.fromisoformat(volgende) if volgende else None)
    doelen = []
    for d in _field(data, "doelen", list):
        d = _as(d, dict, "doelen[]")
        streef = _field(d, "streefdatum", str, optional=True)
        evaluatie = _field(d, "evaluatie", str, optional=True)
        doel = Doel(
            id=_field(d, "id", str),
            leefgebied=_field(d, "leefgebied", str),
            tekst=_field(d, "tekst", str),
            sinds_meting=_field(d, "sinds_meting", str),
            streefdatum=date.fromisoformat(streef) if streef else None,
            acties=tuple(
                Actie.create(_field(a, "wie", str), _field(a, "wat", str))
                for a in (_as(a, dict, "acties[]") for a in _field(d, "acties", list))
            ),
            evaluatie=Evaluatie(evaluatie) if evaluatie else None,
        )
        doelen.append(_checked_doel(meting, doel))
    if len({d.id for d in doelen}) != len(doelen):
        raise DocumentError("Het document bevat twee doelen met hetzelfde kenmerk.")
    meting = replace(meting, doelen=tuple(doelen))
    status = Status(_field(data, "status", str))
    afgerond_op = _field(data, "afgerond_op", str, optional=True)
    if status is Status.AFGEROND:
        if not afgerond_op:
            raise DocumentError("Een afgeronde meting zonder moment van afronden.")
        meting = meting.afronden(datetime.fromisoformat(afgerond_op))
    elif afgerond_op:
        raise DocumentError("Een concept-meting kan geen moment van afronden hebben.")
    return meting


def _checked_doel(meting: Meting, doel: Doel) -> Doel:
    """Check a doel by adding it to the meting as a touch would (own or carried over)."""
    if doel.sinds_meting == meting.id:
        if doel.evaluatie is not None:
            raise DocumentError("Een doel van deze meting kan nog geen evaluatie hebben.")
        added = meting.add_doel(doel.leefgebied, doel.tekst, doel.streefdatum, doel.acties, doel.id)
        return added.doelen[-1]
    if doel.leefgebied not in meting.leefgebieden:
        raise DocumentError(f"Onbekend leefgebied {doel.leefgebied!r} bij een doel.")
    return replace(doel, tekst=clean_text(doel.tekst, "Het doel", MAX_DOEL_TEXT))


def _to_fiche(data: object) -> Fiche:
    data = _as(data, dict, "fiche")
    positie = data.get("positie")
    if isinstance(positie, bool) or not isinstance(positie, int | float):
        raise DocumentError("Een fiche heeft een getal als positie.")
    if not 0.0 <= float(positie) <= 1.0:
        raise DocumentError("Een fiche ligt tussen 0 en 1.")
    return Fiche(
        leefgebied=_field(data, "leefgebied", str),
        perspectief=Perspectief(_field(data, "perspectief", str)),
        positie=float(positie),
    )


def _field(data: dict[str, Any], name: str, kind: type, optional: bool = False) -> Any:
    if name not in data:
        raise DocumentError(f"Het veld {name!r} ontbreekt.")
    value = data[name]
    if value is None and optional:
        return None
    return _as(value, kind, name)


def _as(value: object, kind: type, name: str) -> Any:
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise DocumentError(f"Het veld {name!r} heeft een verkeerd type.")
    return value
