"""The gemeente's own description of its area for the monitor: which wijken each wijkteam
serves (``wijkteams.toml``, ``board.wijkteams``) and the wijk boundaries (``wijken.geojson``,
``board.kaart``).

Neither is secret (unlike the monitor key, which lives in the encrypted database): they are
two plain files the gemeente hands out with the key, kept in the folder ``gemeente`` of the
app's data folder (beside the database), where the monitor screen and ``monitor --out``
find them. ``monitor --wijkteams FILE --kaart FILE`` reads others for one report (a
central database has no data folder of its own). ``demo`` puts Voorbeeldstad's there.
Without the files the monitor is as before: no wijkteams, no map.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from board.errors import UserError
from board.i18n import _
from board.kaart import Kaart, lees_kaart
from board.redenen import reden
from board.wijkteams import Wijkteams, lees_gemeente, lees_wijkteams
from storage.paths import data_dir

MAP = "gemeente"
WIJKTEAMS = "wijkteams.toml"
KAART = "wijken.geojson"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"
VOORBEELD_WIJKTEAMS = SAMPLES / "voorbeeldstad_wijkteams.toml"
VOORBEELD_KAART = SAMPLES / "voorbeeldstad_wijken.geojson"


@dataclass(frozen=True)
class Gebieden:
    wijkteams: Wijkteams | None = None
    kaart: Kaart | None = None
    kaart_melding: str = ""  # why a supplied map is not used, in plain Dutch
    gemeente: str | None = None  # the gemeente's name, where the wijkteams file gives one


def gemeente_map() -> Path:
    return data_dir() / MAP


def lees_gebieden(wijkteams: Path | None = None, kaart: Path | None = None) -> Gebieden:
    """The wijkteams and the map: from the given files, else from the data folder if there.
    A bad wijkteams file is refused (``UserError``: the figures would be wrong); a bad map
    only leaves the map out, with ``kaart_melding`` saying why."""
    teams_pad = wijkteams if wijkteams is not None else _if_there(WIJKTEAMS)
    kaart_pad = kaart if kaart is not None else _if_there(KAART)
    tekst = _read(teams_pad) if teams_pad is not None else None
    teams = lees_wijkteams(tekst, teams_pad.name) if tekst is not None else None
    naam = lees_gemeente(tekst, teams_pad.name) if tekst is not None else None
    if kaart_pad is None:
        return Gebieden(teams, gemeente=naam)
    try:
        return Gebieden(teams, lees_kaart(_read_bytes(kaart_pad), kaart_pad.name), gemeente=naam)
    except UserError as exc:
        return Gebieden(teams, None, str(exc), gemeente=naam)


def zet_voorbeeld() -> list[Path]:
    """Put Voorbeeldstad's wijkteams and map in the data folder (``demo``), unless the gemeente's
    own are there already; returns what was written."""
    folder = gemeente_map()
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for bron, naam in ((VOORBEELD_WIJKTEAMS, WIJKTEAMS), (VOORBEELD_KAART, KAART)):
        if not (folder / naam).exists():
            shutil.copyfile(bron, folder / naam)
            written.append(folder / naam)
    return written


def _if_there(naam: str) -> Path | None:
    path = gemeente_map() / naam
    return path if path.is_file() else None


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(_("Het bestand {path} kan niet worden gelezen ({reden}).").format(
            path=path, reden=reden(exc, "een bestand lezen"))) from exc


def _read(path: Path) -> str:
    try:
        return _read_bytes(path).decode("utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(_("Het bestand {path} is geen UTF-8-tekst.").format(path=path)) from exc
