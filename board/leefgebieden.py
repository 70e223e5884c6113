"""Leefgebiedensets: data files under ``assets/leefgebieden/``, one TOML file per set.

A set file looks like::

    naam = "volwassenen"          # the set's key, equal to the file name
    titel = "Volwassenen"
    versie = 1                    # raise when a leefgebied is added or reworded

    [[leefgebied]]
    key = "zingeving"             # never changes: metingen refer to it
    naam = "Zingeving"
    pictogram = "zingeving"       # assets/pictogrammen/<pictogram>.png
    vragen = ["Wat maakt jou gelukkig?", "Wat vind je belangrijk in het leven?"]

The names and prompts in the inwoner's other languages lie beside the set, one file per
language: ``assets/leefgebieden/<set>/<taal>.toml`` (``board.leefgebieden_vertaling``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from board.assets import ASSETS_DIR
from board.errors import LeefgebiedenSetError, UnknownLeefgebiedError
from board.i18n import _

SETS_DIR = ASSETS_DIR / "leefgebieden"
PICTOGRAM_DIR = ASSETS_DIR / "pictogrammen"
DEFAULT_SET = "volwassenen"

_SET_FIELDS = {"naam", "titel", "versie", "leefgebied"}
_LEEFGEBIED_FIELDS = {"key", "naam", "pictogram", "vragen"}


@dataclass(frozen=True)
class Leefgebied:
    key: str
    naam: str
    pictogram: str
    vragen: tuple[str, ...]
    # (taal, naam, vragen) in the inwoner's other languages; Dutch is naam and vragen
    vertalingen: tuple[tuple[str, str, tuple[str, ...]], ...] = field(default=(), compare=False, repr=False)

    def naam_in(self, taal: str) -> str:
        """The name in ``taal``; Dutch where the set has no translation."""
        return next((naam for code, naam, _v in self.vertalingen if code == taal), self.naam)

    def vragen_in(self, taal: str) -> tuple[str, ...]:
        return next((vragen for code, _n, vragen in self.vertalingen if code == taal), self.vragen)

    @property
    def pictogram_path(self) -> Path:
        return PICTOGRAM_DIR / f"{self.pictogram}.png"


@dataclass(frozen=True)
class LeefgebiedenSet:
    naam: str
    titel: str
    versie: int
    leefgebieden: tuple[Leefgebied, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {lg.key: lg for lg in self.leefgebieden})

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(lg.key for lg in self.leefgebieden)

    def __contains__(self, key: object) -> bool:
        return key in self._by_key  # type: ignore[attr-defined]

    def __getitem__(self, key: str) -> Leefgebied:
        try:
            return self._by_key[key]  # type: ignore[attr-defined]
        except KeyError:
            raise UnknownLeefgebiedError(key, self.naam) from None


def available_sets() -> list[str]:
    return sorted(p.stem for p in SETS_DIR.glob("*.toml"))


@cache
def load_set(naam: str = DEFAULT_SET) -> LeefgebiedenSet:
    """The shipped set called ``naam``. Cached: sets are read-only data."""
    path = SETS_DIR / f"{naam}.toml"
    if not path.is_file():
        raise LeefgebiedenSetError(
            _("Er is geen leefgebiedenset {naam!r} (gezocht: {path}). Beschikbaar: {sets}.").format(
                naam=naam, path=path, sets=", ".join(available_sets())
            )
        )
    return load_set_file(path)


def load_set_file(path: Path) -> LeefgebiedenSet:
    """Read and check one set file; every problem names the file and the field."""
    where = str(path)
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise LeefgebiedenSetError(
            _("{where}: het bestand is niet te lezen ({exc}).").format(where=where, exc=exc)
        ) from exc

    _no_unknown_fields(data, _SET_FIELDS, where)
    naam = _text(data, "naam", where)
    if naam != path.stem:
        raise LeefgebiedenSetError(
            _("{where}: veld 'naam' is {naam!r} maar moet gelijk zijn aan de bestandsnaam {stem!r}.").format(
                where=where, naam=naam, stem=path.stem
            )
        )
    versie = data.get("versie")
    if not isinstance(versie, int) or isinstance(versie, bool) or versie < 1:
        raise LeefgebiedenSetError(_("{where}: veld 'versie' moet een geheel getal vanaf 1 zijn.").format(where=where))
    entries = data.get("leefgebied")
    if not isinstance(entries, list) or not entries:
        raise LeefgebiedenSetError(
            _("{where}: veld 'leefgebied' moet minstens één leefgebied bevatten.").format(where=where)
        )

    leefgebieden: list[Leefgebied] = []
    seen: set[str] = set()
    for index, entry in enumerate(entries, start=1):
        at = _("{where}: leefgebied {index}").format(where=where, index=index)
        if not isinstance(entry, dict):
            raise LeefgebiedenSetError(_("{at}: moet een tabel zijn.").format(at=at))
        _no_unknown_fields(entry, _LEEFGEBIED_FIELDS, at)
        key = _text(entry, "key", at)
        if not key.isascii() or not key.replace("_", "").isalnum() or not key.islower():
            raise LeefgebiedenSetError(
                _("{at}: veld 'key' ({key!r}) mag alleen kleine letters, cijfers en _ bevatten.").format(at=at, key=key)
            )
        if key in seen:
            raise LeefgebiedenSetError(_("{at}: veld 'key' ({key!r}) komt dubbel voor.").format(at=at, key=key))
        seen.add(key)
        vragen = entry.get("vragen", [])
        if (
            not isinstance(vragen, list)
            or not 2 <= len(vragen) <= 3
            or not all(isinstance(v, str) and v.strip() for v in vragen)
        ):
            raise LeefgebiedenSetError(
                _("{at}: veld 'vragen' moet twee of drie gespreksvragen bevatten.").format(at=at)
            )
        leefgebieden.append(
            Leefgebied(
                key=key,
                naam=_text(entry, "naam", at),
                pictogram=_text(entry, "pictogram", at),
                vragen=tuple(vragen),
            )
        )
    from board.leefgebieden_vertaling import with_translations

    leefgebieden = with_translations(leefgebieden, path.parent / path.stem)
    return LeefgebiedenSet(
        naam=naam, titel=_text(data, "titel", where), versie=versie, leefgebieden=tuple(leefgebieden)
    )


def _no_unknown_fields(data: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise LeefgebiedenSetError(_("{where}: onbekend veld {field!r}.").format(where=where, field=unknown[0]))


def _text(data: dict, field: str, where: str) -> str:
    value = data.get(field)
    if not isinstance(value, str) or not value.strip():
        raise LeefgebiedenSetError(_("{where}: veld {field!r} ontbreekt of is leeg.").format(where=where, field=field))
    return value
