"""Which wijken each wijkteam serves: a small file the gemeente supplies (``wijkteams.toml``).

The monitor counts per wijk (the wijk is in every record); a wijkteam's figures are the sum
of its wijken, made in ``monitor_3_figures`` with a ``Som`` per cell, so disclosure control
protects them together with the wijken and the gemeente. The file, in TOML::

    # Welke wijken elk wijkteam bedient. Een wijk hoort bij hoogstens één wijkteam.
    gemeente = "Voorbeeldstad"  # optional: the name on the report
    [wijkteams]
    "Wijkteam Noord" = ["Woensel-Noord", "Tongelre"]
    "Wijkteam Zuid" = ["Stratum", "Gestel"]

Names are written exactly as the wijk is on the tablets. A wijk that is in no team still has
its own figures (and counts in the gemeente); a team whose wijken have no figures at all in
a period shows "<10".
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Mapping

from board.errors import BoardError
from board.i18n import _

Wijkteams = Mapping[str, tuple[str, ...]]  # team -> its wijken, in the file's order
MAX_BYTES = 100_000
MAX_NAAM = 80


def lees_wijkteams(text: str, bron: str = "wijkteams.toml") -> dict[str, tuple[str, ...]]:
    """The wijkteams of ``text`` (the file's contents), or a ``BoardError`` in plain Dutch."""
    if len(text) > MAX_BYTES:
        raise _fout(bron, "het bestand is te groot voor een lijst van wijkteams")
    try:
        data = tomllib.loads(text)
    except (tomllib.TOMLDecodeError, RecursionError) as exc:
        raise _fout(bron, "het is geen geldig TOML-bestand") from exc
    teams = data.get("wijkteams")
    if not isinstance(teams, dict) or not teams:
        raise _fout(bron, "er staat geen blok [wijkteams] in met minstens één wijkteam")
    result: dict[str, tuple[str, ...]] = {}
    eigenaar: dict[str, str] = {}
    for team, wijken in teams.items():
        naam = team.strip()
        if not naam or len(naam) > MAX_NAAM:
            raise _fout(bron, f"een wijkteam heeft een lege of te lange naam ({MAX_NAAM} tekens hoogstens)")
        if not isinstance(wijken, list) or not wijken or not all(isinstance(w, str) and w.strip() for w in wijken):
            raise _fout(bron, f"bij {naam} hoort een lijst van wijknamen, zoals [\"Noord\", \"Oost\"]")
        for wijk in wijken:
            if wijk.strip() in eigenaar:
                raise _fout(bron, f"de wijk {wijk.strip()} staat bij {eigenaar[wijk.strip()]} en bij {naam}; "
                                  "een wijk hoort bij één wijkteam")
            eigenaar[wijk.strip()] = naam
        result[naam] = tuple(dict.fromkeys(w.strip() for w in wijken))
    return result


def lees_gemeente(text: str, bron: str = "wijkteams.toml") -> str | None:
    """The gemeente's name the file gives (``gemeente = "..."``, before ``[wijkteams]``), if it
    gives one: the name on the monitor report. A file that is not TOML is ``lees_wijkteams``'s to refuse."""
    try:
        naam = tomllib.loads(text).get("gemeente") if len(text) <= MAX_BYTES else None
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    if naam is None:
        return None
    if not isinstance(naam, str) or not naam.strip() or len(naam.strip()) > MAX_NAAM:
        raise _fout(bron, f"de naam van de gemeente is leeg, geen tekst of te lang ({MAX_NAAM} tekens hoogstens)")
    return naam.strip()


def teams_van(wijkteams: Wijkteams | None, wijken: Iterable[str], gemeente: str) -> dict[str, tuple[str, ...]]:
    """Each team with those of its wijken that have figures (in the order of ``wijken``).
    A team named like a wijk or like the gemeente would make two gebieden of one name."""
    wijken = tuple(wijken)
    result = {}
    for team, eigen in (wijkteams or {}).items():
        if team in wijken or team == gemeente:
            raise BoardError(_("Het wijkteam {team} heeft dezelfde naam als een wijk of de gemeente. "
                               "Geef het wijkteam een andere naam in het bestand met wijkteams.").format(team=team))
        result[team] = tuple(w for w in wijken if w in eigen)
    return result


def _fout(bron: str, wat: str) -> BoardError:
    # for the professional and the gemeente, never the inwoner: in the UI language only
    return BoardError(_("Het bestand met wijkteams ({bron}) klopt niet: {wat}. Er is niets veranderd.").format(
        bron=bron, wat=wat))
