"""The monitor report for the gemeente: count a central database (by SQL) or a tablet's own
afgeronde metingen (in Python), protect the figures (``disclosure.beveilig``) and write
``monitor.pdf`` and one CSV per table (``python3 main.py monitor --db URL --out MAP``)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy.exc import DBAPIError

from board.i18n import _
from board.leefgebieden import DEFAULT_SET
from board.monitor_2_counts import Periode
from board.monitor_3_figures import figuren, figuren_uit_records
from board.monitor_3_table import Figuren
from board.monitor_4_disclosure import beveilig
from exports.monitor_report import write_published
from services.monitor import local_records
from storage.central import describe, is_central, open_central
from storage.central_counts import tel_sql
from storage.errors import StorageError
from storage.repository import Repository
from storage.urls import is_sqlite, resolve_url, sqlite_path

DEFAULT_GEMEENTE = "Gemeente"


def default_periode(today: date | None = None) -> Periode:
    """The last twelve months up to and including this one."""
    today = today or date.today()
    start_year, start_month = (today.year, 1) if today.month == 12 else (today.year - 1, today.month + 1)
    return Periode(f"{start_year}-{start_month:02d}", f"{today.year}-{today.month:02d}")


def count(
    url: str, periode: Periode, open_local: Callable[[], Repository], set_naam: str = DEFAULT_SET
) -> tuple[Figuren, str]:
    """The figures from ``url`` and where they came from (for the message). A central
    database is counted by SQL; a tablet's own (encrypted) database is opened with
    ``open_local`` (which asks for the PIN) and counted from its afgeronde metingen."""
    path = sqlite_path(url) if is_sqlite(url) else None
    if is_sqlite(url) and (path is None or not Path(path).is_file()):
        raise StorageError(_("Het bestand {bestand} bestaat niet; er is niets geschreven.").format(bestand=path or url))
    try:
        central = is_central(url)
    except DBAPIError as exc:
        if path is None:
            raise StorageError(
                _("De database {database} is niet bereikbaar. ({fout})").format(database=describe(url), fout=exc.orig)
            ) from exc
        central = False  # not a plain SQLite file: perhaps the tablet's own (encrypted) one
    if central:
        engine = open_central(url)
        try:
            return figuren(tel_sql(engine, periode, set_naam)), "de centrale database"
        finally:
            engine.dispose()
    repository = open_local()
    try:
        return figuren_uit_records(local_records(repository), periode, set_naam), "de metingen op deze tablet"
    finally:
        repository.close()


@dataclass(frozen=True)
class Report:
    bron: str  # where the figures came from, for the message
    wijken: int
    paths: list[Path]  # monitor.pdf and the CSV files


def write_report(
    db: str | None,
    periode: Periode,
    out: Path,
    open_local: Callable[[], Repository],
    gemeente: str = DEFAULT_GEMEENTE,
    set_naam: str = DEFAULT_SET,
) -> Report:
    """Count ``db`` (or the default database), protect the figures and write them into ``out``."""
    figures, bron = count(resolve_url(db), periode, open_local, set_naam)
    paths = write_published(figures, beveilig(figures), out, periode, gemeente)
    return Report(bron, len(figures.tabel("overzicht").gebieden) - 1, paths)
