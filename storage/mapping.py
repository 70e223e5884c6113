"""Between ``board/`` objects and table rows, both ways. No database access here."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

from board.inwoner import Inwoner
from board.meting import Meting
from board.meting_waarden import (
    PERSPECTIEF_ORDER,
    Actie,
    Doel,
    Evaluatie,
    Fiche,
    MetingSoort,
    Perspectief,
    Status,
    Uitvoerder,
)
from storage.models import ActieRow, DoelRow, FicheRow, GekozenRow, InwonerRow, MetingRow

# The meting row's columns that operations on the board change.
MUTABLE = ("rapportcijfer", "volgende_meting", "status", "afgerond_op")


def inwoner_values(inwoner: Inwoner) -> dict[str, Any]:
    return {
        "id": inwoner.id,
        "dossiernummer": inwoner.dossiernummer,
        "wijk": inwoner.wijk,
        "initialen": inwoner.initialen,
        "taal": inwoner.taal,
    }


def to_inwoner(row: Any) -> Inwoner:
    return Inwoner(id=row.id, dossiernummer=row.dossiernummer, wijk=row.wijk, initialen=row.initialen, taal=row.taal)


INWONER_COLUMNS = (InwonerRow.id, InwonerRow.dossiernummer, InwonerRow.wijk, InwonerRow.initialen, InwonerRow.taal)


def meting_values(meting: Meting) -> dict[str, Any]:
    return {
        "id": meting.id,
        "inwoner_id": meting.inwoner_id,
        "datum": meting.datum,
        "soort": meting.soort.value,
        "volgnummer": meting.volgnummer,
        "set_naam": meting.set_naam,
        "set_versie": meting.set_versie,
        "vorige_meting_id": meting.vorige_meting_id,
        **mutable_values(meting),
    }


def mutable_values(meting: Meting) -> dict[str, Any]:
    return {
        "rapportcijfer": meting.rapportcijfer,
        "volgende_meting": meting.volgende_meting,
        "status": Status(meting.status).value,
        "afgerond_op": meting.afgerond_op,
    }


def gekozen_values(meting_id: str, leefgebied: str, rang: int) -> dict[str, Any]:
    return {"meting_id": meting_id, "leefgebied": leefgebied, "rang": rang}


def fiche_values(meting_id: str, fiche: Fiche) -> dict[str, Any]:
    return {
        "meting_id": meting_id,
        "leefgebied": fiche.leefgebied,
        "perspectief": Perspectief(fiche.perspectief).value,
        "positie": float(fiche.positie),
    }


def doel_values(meting_id: str, doel: Doel, volgorde: int) -> dict[str, Any]:
    return {
        "meting_id": meting_id,
        "doel_id": doel.id,
        "volgorde": volgorde,
        "leefgebied": doel.leefgebied,
        "tekst": doel.tekst,
        "sinds_meting": doel.sinds_meting,
        "streefdatum": doel.streefdatum,
        "evaluatie": None if doel.evaluatie is None else Evaluatie(doel.evaluatie).value,
    }


def actie_values(meting_id: str, doel_id: str, acties: Sequence[Actie]) -> list[dict[str, Any]]:
    return [
        {"meting_id": meting_id, "doel_id": doel_id, "volgorde": i, "wie": Uitvoerder(a.wie).value, "wat": a.wat}
        for i, a in enumerate(acties)
    ]


def to_metingen(
    metingen: Iterable[MetingRow],
    gekozen: Iterable[GekozenRow],
    fiches: Iterable[FicheRow],
    doelen: Iterable[DoelRow],
    acties: Iterable[ActieRow],
) -> list[Meting]:
    """Assemble metingen from their rows (in the order of ``metingen``). ``fiches`` also holds
    the fiches of each previous meting: they are the ghosts (``vorige``); ``doelen`` may hold
    the previous meting's doelen: a carried-over doel's earlier date."""
    by_meting: dict[str, list[Any]] = defaultdict(list)
    for row in gekozen:
        by_meting[row.meting_id].append(row)
    fiches_of: dict[str, list[Fiche]] = defaultdict(list)
    for row in fiches:
        fiches_of[row.meting_id].append(Fiche(row.leefgebied, Perspectief(row.perspectief), row.positie))
    acties_of: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in acties:
        acties_of[(row.meting_id, row.doel_id)].append(row)
    doelen_of: dict[str, list[Any]] = defaultdict(list)
    for row in doelen:
        doelen_of[row.meting_id].append(row)

    result = []
    for row in metingen:
        eerder = {d.doel_id: d.streefdatum for d in doelen_of[row.vorige_meting_id]} if row.vorige_meting_id else {}
        result.append(
            Meting(
                id=row.id,
                inwoner_id=row.inwoner_id,
                datum=row.datum,
                soort=MetingSoort(row.soort),
                volgnummer=row.volgnummer,
                set_naam=row.set_naam,
                set_versie=row.set_versie,
                gekozen=tuple(g.leefgebied for g in sorted(by_meting[row.id], key=lambda g: g.rang)),
                fiches=canonical(fiches_of[row.id]),
                vorige=canonical(fiches_of[row.vorige_meting_id]) if row.vorige_meting_id else (),
                vorige_meting_id=row.vorige_meting_id,
                rapportcijfer=row.rapportcijfer,
                doelen=tuple(
                    _to_doel(d, acties_of[(row.id, d.doel_id)], eerder.get(d.doel_id))
                    for d in sorted(doelen_of[row.id], key=lambda d: d.volgorde)
                ),
                volgende_meting=row.volgende_meting,
                status=Status(row.status),
                afgerond_op=row.afgerond_op,
            )
        )
    return result


def canonical(fiches: Iterable[Fiche]) -> tuple[Fiche, ...]:
    """The board's order: by leefgebied key, then perspectief."""
    return tuple(sorted(fiches, key=lambda f: (f.leefgebied, PERSPECTIEF_ORDER[f.perspectief])))


def _to_doel(row: Any, acties: list[Any], eerdere_streefdatum: date | None = None) -> Doel:
    return Doel(
        id=row.doel_id,
        leefgebied=row.leefgebied,
        tekst=row.tekst,
        sinds_meting=row.sinds_meting,
        streefdatum=row.streefdatum,
        acties=tuple(Actie(Uitvoerder(a.wie), a.wat) for a in sorted(acties, key=lambda a: a.volgorde)),
        evaluatie=None if row.evaluatie is None else Evaluatie(row.evaluatie),
        eerdere_streefdatum=eerdere_streefdatum,
    )
