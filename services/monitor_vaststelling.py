"""A central database's monitor report, published once per period: the period's figures are
vastgesteld at its first report (``storage.central_vaststelling``) and every later report of
it shows the very same cells, or is refused.

Each report is counted and protected with its year and quarters (``beveilig_familie``); the
members vastgesteld before go in as given (what they showed stays shown, what they hid stays
hidden), so a quarterly rhythm never changes what an earlier quarter published. A record that
comes in after its period was vastgesteld counts in a later quarter (its verwerkingskwartaal),
so a late sync changes nothing published. Only an erasure can change a vastgesteld period;
a second, different version would then tell what the erased inwoner's records were, so the
report is refused with the period and the date it was vastgesteld.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from board.disclosure_familie import afwijkingen, beveilig_familie
from board.i18n import _, ngettext
from board.monitor_2_counts import Periode
from board.monitor_3_figures import figuren
from board.monitor_3_table import CelKey, Figuren
from board.monitor_4_disclosure import Gepubliceerd
from board.perioden import familie, kwartaal_naam
from board.wijkteams import Wijkteams
from storage.central_counts import tel_sql
from storage.central_vaststelling import (
    Vaststelling,
    laat_binnen,
    stand,
    vastleggen,
    vaststellen,
    vaststellingen,
)
from storage.errors import StorageError

POGINGEN = 3  # a sync, an erasure or another report that lands while the report is counted: count again

Schrijver = Callable[[Figuren, dict[CelKey, Gepubliceerd]], list[Path]]


class VastgesteldError(StorageError):
    """A vastgesteld period would now be reported differently (after an erasure). Nothing is written."""


@dataclass(frozen=True)
class CentraalRapport:
    figuren: Figuren
    paths: list[Path]
    laat: int  # metingen that came in after an earlier period was vastgesteld and count in this one


def publiceer(
    engine: Engine, periode: Periode, set_naam: str, wijkteams: Wijkteams | None, schrijf: Schrijver
) -> CentraalRapport:
    """Count, protect and write (``schrijf``) the report of ``periode``, and fix its figures
    the first time, in one transaction that no sync or erasure can change in between."""
    for _poging in range(POGINGEN):
        with engine.connect() as connection:
            voor = stand(connection)
        found = {p: figuren(tel_sql(engine, p, set_naam), wijkteams=wijkteams) for p in familie(periode)}
        vast = vaststellingen(engine, set_naam)
        eerder = vast.get(periode)
        if eerder is not None and (changed := afwijkingen(found[periode], eerder.cellen)):
            raise VastgesteldError(
                ngettext(
                    "De cijfers over {periode} zijn vastgesteld op {datum}, bij het eerste rapport. Sindsdien "
                    "is er iets veranderd (metingen gewist, of een andere indeling in wijkteams), en {n} "
                    "gepubliceerd cijfer zou nu anders zijn. Een tweede, andere versie kan iets over enkele "
                    "inwoners verraden; gebruik het rapport van {datum}. Er is niets geschreven.",
                    "De cijfers over {periode} zijn vastgesteld op {datum}, bij het eerste rapport. Sindsdien "
                    "is er iets veranderd (metingen gewist, of een andere indeling in wijkteams), en {n} "
                    "gepubliceerde cijfers zouden nu anders zijn. Een tweede, andere versie kan iets over enkele "
                    "inwoners verraden; gebruik het rapport van {datum}. Er is niets geschreven.",
                    len(changed),
                ).format(periode=kwartaal_naam(periode), datum=f"{eerder.op:%d-%m-%Y}", n=len(changed))
            )
        leden = {p: _zoals_toen(f, vast[p]) if p in vast else f for p, f in found.items()}
        published = beveilig_familie(leden, vastgesteld={p: v.cellen for p, v in vast.items()})[periode]
        laat = laat_binnen(engine, set_naam, periode)
        if eerder is not None:  # the same cells as then: nothing new to fix
            return CentraalRapport(found[periode], schrijf(found[periode], published), laat)
        paths: list[Path] = []
        try:
            with vastleggen(engine) as connection:
                if stand(connection) != voor:
                    continue  # a sync or an erasure came in while counting
                vaststellen(connection, set_naam, periode, found[periode], published)
                paths = schrijf(found[periode], published)  # inside the transaction: a failed write fixes nothing
        except IntegrityError:  # another report fixed this period meanwhile: the next round shows its cells
            continue
        except BaseException:
            for path in paths:  # written, but the commit failed: not published either
                path.unlink(missing_ok=True)
            raise
        return CentraalRapport(found[periode], paths, laat)
    raise StorageError(
        _("De centrale database veranderde steeds terwijl de monitor werd gemaakt (tablets die synchroniseren). "
          "Probeer het over een paar minuten opnieuw; er is niets geschreven.")
    )


def _zoals_toen(figures: Figuren, vaststelling: Vaststelling) -> Figuren:
    """A vastgesteld member's figures with the groups its published cells were about (after an
    erasure they are smaller now): a statistic of another member is compared with those."""
    return replace(figures, cellen={k: replace(c, inwoners=vaststelling.groepen.get(k, c.inwoners))
                                    for k, c in figures.cellen.items()})
