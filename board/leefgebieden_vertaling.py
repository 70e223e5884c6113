"""The leefgebieden in the inwoner's other languages: files beside the set.

``assets/leefgebieden/<set>/<taal>.toml`` holds, per leefgebied key, its name and prompts::

    taal = "en"
    gecontroleerd_door = ""      # who checked it as a native speaker; empty: nobody yet

    [leefgebied.wonen]
    naam = "Home"
    vragen = ["What is it like to live here?", "Do you feel at home and safe?"]

A file must translate every leefgebied of its set, with as many prompts as the Dutch; a
field it does not know is refused, like in the set file itself. A set without such a
folder is Dutch only.
"""

from __future__ import annotations

import dataclasses
import tomllib
from collections.abc import Sequence
from pathlib import Path

from board.errors import LeefgebiedenSetError
from board.i18n import _
from board.taal import is_taal

_FILE_FIELDS = {"taal", "gecontroleerd_door", "leefgebied"}
_ENTRY_FIELDS = {"naam", "vragen"}


def with_translations(leefgebieden: Sequence, folder: Path) -> list:
    """``leefgebieden`` with the translations found in ``folder`` attached."""
    if not folder.is_dir():
        return list(leefgebieden)
    found: dict[str, list[tuple[str, str, tuple[str, ...]]]] = {lg.key: [] for lg in leefgebieden}
    for path in sorted(folder.glob("*.toml")):
        for key, entry in _read(path, leefgebieden).items():
            found[key].append(entry)
    return [dataclasses.replace(lg, vertalingen=tuple(found[lg.key])) for lg in leefgebieden]


def checked_by(folder: Path, taal: str) -> str:
    """Who checked ``taal``'s file as a native speaker ('' when nobody has yet)."""
    path = folder / f"{taal}.toml"
    if not path.is_file():
        return ""
    return str(tomllib.loads(path.read_text("utf-8")).get("gecontroleerd_door", ""))


def _read(path: Path, leefgebieden: Sequence) -> dict[str, tuple[str, str, tuple[str, ...]]]:
    where = str(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LeefgebiedenSetError(
            _("{where}: het bestand is niet te lezen ({exc}).").format(where=where, exc=exc)
        ) from exc
    _no_unknown(data, _FILE_FIELDS, where)
    taal = data.get("taal")
    if taal != path.stem or not is_taal(taal):
        raise LeefgebiedenSetError(
            _("{where}: veld 'taal' moet gelijk zijn aan de bestandsnaam {stem!r}.").format(where=where, stem=path.stem)
        )
    entries = data.get("leefgebied")
    if not isinstance(entries, dict):
        raise _missing(where, "leefgebied")
    result = {}
    for lg in leefgebieden:
        at = f"{where}: {lg.key}"
        entry = entries.get(lg.key)
        if not isinstance(entry, dict):
            raise _missing(where, lg.key)
        _no_unknown(entry, _ENTRY_FIELDS, at)
        naam, vragen = entry.get("naam"), entry.get("vragen")
        if not isinstance(naam, str) or not naam.strip():
            raise _missing(at, "naam")
        if (
            not isinstance(vragen, list)
            or len(vragen) != len(lg.vragen)
            or not all(isinstance(v, str) and v.strip() for v in vragen)
        ):
            raise LeefgebiedenSetError(
                _("{at}: veld 'vragen' moet twee of drie gespreksvragen bevatten.").format(at=at)
            )
        result[lg.key] = (taal, naam, tuple(vragen))
    unknown = sorted(set(entries) - set(result))
    if unknown:
        raise LeefgebiedenSetError(_("{where}: onbekend veld {field!r}.").format(where=where, field=unknown[0]))
    return result


def _no_unknown(data: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise LeefgebiedenSetError(_("{where}: onbekend veld {field!r}.").format(where=where, field=unknown[0]))


def _missing(where: str, field: str) -> LeefgebiedenSetError:
    return LeefgebiedenSetError(_("{where}: veld {field!r} ontbreekt of is leeg.").format(where=where, field=field))
