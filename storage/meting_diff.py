"""Write one meting's change as the rows that differ: the heart of ``Repository.save_change``;
and a new meting, written as that change from an empty concept."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import sqlalchemy as sa

from board.i18n import _
from board.meting import Meting, Status
from storage import mapping
from storage.errors import ConflictError
from storage.models import ActieRow, DoelRow, FicheRow, GekozenRow, MetingRow


def write_diff(conn: sa.Connection, before: Meting, after: Meting) -> None:
    """Write what differs between two states of one meting. Each UPDATE and DELETE must hit
    exactly one row: anything else means the database does not hold ``before``."""
    mid = after.id

    def expect_one(statement: Any, params: dict[str, Any] | None = None) -> None:
        if conn.execute(statement, params or {}).rowcount != 1:
            raise ConflictError(
                _(
                    "De opgeslagen meting is intussen veranderd (op een ander apparaat?). "
                    "Open de meting opnieuw; er is niets veranderd."
                )
            )

    # Fiches, keyed by leefgebied and perspectief.
    old_fiches = {(f.leefgebied, f.perspectief): f.positie for f in before.fiches}
    new_fiches = {(f.leefgebied, f.perspectief): f for f in after.fiches}
    for leefgebied, perspectief in old_fiches.keys() - new_fiches.keys():
        expect_one(_fiche_where(sa.delete(FicheRow), mid, leefgebied, perspectief))
    # The chosen leefgebieden and their order: after the fiches on them went, before new ones come.
    old_rang = {key: i for i, key in enumerate(before.gekozen)}
    new_rang = {key: i for i, key in enumerate(after.gekozen)}
    for key in old_rang.keys() - new_rang.keys():
        expect_one(sa.delete(GekozenRow).where((GekozenRow.meting_id == mid) & (GekozenRow.leefgebied == key)))
    for key, rang in new_rang.items():
        if key not in old_rang:
            conn.execute(sa.insert(GekozenRow), mapping.gekozen_values(mid, key, rang))
        elif old_rang[key] != rang:
            expect_one(
                sa.update(GekozenRow)
                .where((GekozenRow.meting_id == mid) & (GekozenRow.leefgebied == key))
                .values(rang=rang)
            )

    for key, fiche in new_fiches.items():
        if key not in old_fiches:
            conn.execute(sa.insert(FicheRow), mapping.fiche_values(mid, fiche))
        elif old_fiches[key] != fiche.positie:
            expect_one(
                _UPDATE_POSITIE,
                {"m": mid, "l": fiche.leefgebied, "p": str(fiche.perspectief), "positie": float(fiche.positie)},
            )

    # Doelen and their acties, keyed by the doel's id (stable across metingen).
    old_doelen = {d.id: (i, d) for i, d in enumerate(before.doelen)}
    new_doelen = {d.id: (i, d) for i, d in enumerate(after.doelen)}
    for doel_id in old_doelen.keys() - new_doelen.keys():
        expect_one(sa.delete(DoelRow).where((DoelRow.meting_id == mid) & (DoelRow.doel_id == doel_id)))
    for doel_id, (volgorde, doel) in new_doelen.items():
        acties = mapping.actie_values(mid, doel_id, doel.acties)
        if doel_id not in old_doelen:
            conn.execute(sa.insert(DoelRow), mapping.doel_values(mid, doel, volgorde))
            if acties:
                conn.execute(sa.insert(ActieRow), acties)
            continue
        old_volgorde, old = old_doelen[doel_id]
        if (old_volgorde, old) == (volgorde, doel):
            continue
        values = mapping.doel_values(mid, doel, volgorde)
        expect_one(
            sa.update(DoelRow)
            .where((DoelRow.meting_id == mid) & (DoelRow.doel_id == doel_id))
            .values({k: v for k, v in values.items() if k not in ("meting_id", "doel_id")})
        )
        if old.acties != doel.acties:
            conn.execute(sa.delete(ActieRow).where((ActieRow.meting_id == mid) & (ActieRow.doel_id == doel_id)))
            if acties:
                conn.execute(sa.insert(ActieRow), acties)

    # The meting's own fields last: once it is afgerond, the triggers refuse its children.
    # (The database's trigger, not a WHERE here, refuses a meting that is already afgerond.)
    old_values, new_values = mapping.mutable_values(before), mapping.mutable_values(after)
    if old_values != new_values:
        expect_one(sa.update(MetingRow).where(MetingRow.id == mid).values(new_values))


def _fiche_where(statement: Any, meting_id: str, leefgebied: str, perspectief: Any) -> Any:
    return statement.where(
        (FicheRow.meting_id == meting_id)
        & (FicheRow.leefgebied == leefgebied)
        & (FicheRow.perspectief == str(perspectief))
    )


# Prepared once: the statement of the most common save (a fiche dropped somewhere else).
_UPDATE_POSITIE = (
    sa.update(FicheRow)
    .where(
        (FicheRow.meting_id == sa.bindparam("m"))
        & (FicheRow.leefgebied == sa.bindparam("l"))
        & (FicheRow.perspectief == sa.bindparam("p"))
    )
    .values(positie=sa.bindparam("positie"))
)


def insert_meting(conn: sa.Connection, meting: Meting) -> None:
    """Write ``meting`` (checked) as an empty concept first, then fill it: the triggers refuse
    children of an afgeronde meting, so the status is set last."""
    empty = replace(
        meting,
        gekozen=(),
        fiches=(),
        rapportcijfer=None,
        doelen=(),
        volgende_meting=None,
        status=Status.CONCEPT,
        afgerond_op=None,
    )
    conn.execute(sa.insert(MetingRow), mapping.meting_values(empty))
    write_diff(conn, empty, meting)
