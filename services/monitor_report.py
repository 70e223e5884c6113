"""The monitor report for the gemeente: count a central database (by SQL) or a tablet's own
afgeronde metingen (in Python), protect the figures together with their year and quarters
(``disclosure_familie``) and write ``monitor.pdf`` and one CSV per table
(``python3 main.py monitor --db URL --out MAP``). From a central database a period's figures
are vastgesteld at its first report (``monitor_vaststelling``)."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from board.disclosure_familie import beveilig_familie
from board.i18n import _
from board.leefgebieden import DEFAULT_SET
from board.monitor_2_counts import Periode
from board.monitor_3_figures import figuren_uit_records
from board.monitor_3_table import CelKey, Figuren
from board.monitor_4_disclosure import Gepubliceerd
from board.monitor_6_kaart import STANDAARD
from board.perioden import familie, vorig_jaar
from board.redenen import technical
from board.wijkteams import Wijkteams
from exports.monitor_report import write_published
from services.monitor import local_afsluitingen, local_records
from services.monitor_gebieden import lees_gebieden
from services.monitor_vaststelling import publiceer
from storage.central import describe, is_central, open_central
from storage.errors import StorageError
from storage.opening import check_present, where_of
from storage.repository import Repository
from storage.urls import is_sqlite, missing_sqlite_file, resolve_url, sqlite_path

DEFAULT_GEMEENTE = "Gemeente"
CENTRAAL, LOKAAL = "de centrale database", "de metingen op deze tablet"  # where the figures came from
log = logging.getLogger(__name__)  # error codes only


def default_periode(today: date | None = None) -> Periode:
    """The last calendar year that has ended (the grid of ``board.perioden``)."""
    return vorig_jaar(today or date.today())


def _central_source(url: str) -> bool:
    """Whether ``url`` is a central database (else a tablet's own); raises ``StorageError``
    (plain Dutch) for a file that is missing or a server that cannot be reached."""
    path = sqlite_path(url) if is_sqlite(url) else None
    if path is not None:
        check_present(path, where_of(url))  # a folder, or a missing or empty database beside its keyring
    missing = missing_sqlite_file(url)
    if missing is not None:
        raise StorageError(_("Het bestand {bestand} bestaat niet; er is niets geschreven.").format(bestand=missing))
    try:
        return is_central(url)
    except DBAPIError as exc:
        if path is None:
            log.warning("monitor source not reachable (%s)", technical(exc))
            raise StorageError(
                _("De database {database} is niet bereikbaar. Controleer het adres en de verbinding.").format(
                    database=describe(url)
                )
            ) from exc
        return False  # not a plain SQLite file: perhaps the tablet's own (encrypted) one


def _count_local(
    perioden: Sequence[Periode], open_local: Callable[[], Repository], set_naam: str, wijkteams: Wijkteams | None
) -> dict[Periode, Figuren]:
    repository = open_local()
    try:
        records, einden = local_records(repository), local_afsluitingen(repository)
        return {p: figuren_uit_records(records, p, set_naam, afsluitingen=einden, wijkteams=wijkteams)
                for p in perioden}
    finally:
        repository.close()


@dataclass(frozen=True)
class Report:
    bron: str  # where the figures came from, for the message
    wijken: int
    paths: list[Path]  # monitor.pdf and the CSV files
    wijkteams: int = 0
    kaart_melding: str = ""  # why the supplied map was left out, if it was
    laat: int = 0  # metingen that came in after their own period was vastgesteld and count in this one


def write_report(
    db: str | None,
    periode: Periode,
    out: Path,
    open_local: Callable[[], Repository],
    gemeente: str | None = None,
    set_naam: str = DEFAULT_SET,
    wijkteams: Path | None = None,
    kaart: Path | None = None,
    kaartcijfer: str = STANDAARD,
) -> Report:
    """Count ``db`` (or the default database), protect the figures and write them into ``out``.

    Counted and protected as one family with the period's year and quarters: what one report
    hides, another cannot give away (``board.disclosure_familie``). From a central database the
    period's figures are vastgesteld at its first report: a later report shows the same cells
    or is refused (``services.monitor_vaststelling``). The wijkteams and the map come from the
    given files or the data folder (``services.monitor_gebieden``)."""
    gebieden = lees_gebieden(wijkteams, kaart)
    gemeente = gemeente or gebieden.gemeente or DEFAULT_GEMEENTE  # --gemeente, else the wijkteams file's
    url = resolve_url(db)

    def schrijf(figures: Figuren, published: dict[CelKey, Gepubliceerd]) -> list[Path]:
        return write_published(figures, published, out, periode, gemeente, gebieden.kaart, kaartcijfer)

    if _central_source(url):
        engine = open_central(url)
        try:
            done = publiceer(engine, periode, set_naam, gebieden.wijkteams, schrijf)
        finally:
            engine.dispose()
        return Report(CENTRAAL, len(done.figuren.wijken), done.paths, len(done.figuren.wijkteams),
                      gebieden.kaart_melding, done.laat)
    found = _count_local(familie(periode), open_local, set_naam, gebieden.wijkteams)
    figures = found[periode]
    paths = schrijf(figures, beveilig_familie(found)[periode])
    return Report(LOKAAL, len(figures.wijken), paths, len(figures.wijkteams), gebieden.kaart_melding)
