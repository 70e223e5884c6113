"""The retention rule (bewaartermijn): which afgeronde metingen leave the tablet.

A meting may go once its bundle reached the dossier more than the bewaartermijn ago, except
each inwoner's latest afgeronde meting (the next vervolgmeting starts from it) and, on a
tablet that takes part in the gemeente's monitor, a meting whose monitor record no central
database has yet (it would be lost). Erasure at the inwoner's request (AVG art. 17) knows no
exception: the inwoner and every meting go, the audit log keeps only that it happened.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

BEWAARTERMIJN_DAGEN = 90  # days after delivery to the dossier


@dataclass(frozen=True)
class Bewaard:
    """What the rule needs to know of one afgeronde meting on the tablet."""

    meting_id: str
    inwoner_id: str
    volgnummer: int
    geleverd_op: datetime | None  # when its bundle reached the dossier; None: not yet
    bij_centrale: bool = False  # its monitor record is in a central database


def grens(nu: datetime, dagen: int = BEWAARTERMIJN_DAGEN) -> datetime:
    """Metingen delivered before this moment are past the bewaartermijn."""
    return nu - timedelta(days=dagen)


def verlopen(metingen: Iterable[Bewaard], geleverd_voor: datetime, in_monitor: bool) -> list[str]:
    """The ids of the metingen that must go, the longest delivered first."""
    metingen = list(metingen)
    laatste: dict[str, int] = {}
    for meting in metingen:
        laatste[meting.inwoner_id] = max(laatste.get(meting.inwoner_id, meting.volgnummer), meting.volgnummer)
    weg = [
        meting
        for meting in metingen
        if meting.geleverd_op is not None
        and _utc(meting.geleverd_op) < _utc(geleverd_voor)
        and meting.volgnummer < laatste[meting.inwoner_id]
        and (meting.bij_centrale or not in_monitor)
    ]
    return [m.meting_id for m in sorted(weg, key=lambda m: _utc(m.geleverd_op))]  # type: ignore[arg-type]


def _utc(moment: datetime) -> datetime:
    """A moment without a time zone is taken as UTC (as the app stores it)."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def koelkastblad_verlopen(gemaakt: datetime, nu: datetime) -> bool:
    """A plain (unencrypted) koelkastblad on the tablet is kept until the end of the day it was
    made, in local time: it is printed or handed on during the visit, and a sheet left over
    holds an inwoner's doelen in the clear on a shared tablet. A day, not an hour: the sheet
    saved when the printer refused can still be printed later that day."""
    return gemaakt.date() < nu.date()
