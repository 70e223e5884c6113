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

import logging
import re
import tomllib
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from board.assets import ASSETS_DIR, PICTOGRAM_DIR
from board.errors import LeefgebiedenSetError, UnknownLeefgebiedError
from board.grenzen import MAX_LEEFGEBIED_NAAM, MAX_SET_TITEL
from board.i18n import _
from board.taal import opsomming
from board.text import is_blank, kort

SETS_DIR = ASSETS_DIR / "leefgebieden"
DEFAULT_SET = "volwassenen"

_SET_FIELDS = {"naam", "titel", "versie", "leefgebied"}
_LEEFGEBIED_FIELDS = {"key", "naam", "pictogram", "vragen"}
SET_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")  # a set's name and a pictogram's: they become file names
MAX_SET_BYTES = 256_000  # the shipped sets are ~3 kB
MAX_SET_BRACKETS = 2_000  # bounds TOML's nesting before parsing (tomllib recurses per level)
MAX_SET_TEXT = 2_000
MAX_VERSIE = 1_000_000
log = logging.getLogger(__name__)  # error classes only


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

    @cached_property
    def pictogram_path(self) -> Path:  # remembered: every bar and kaartje drawn asks it (P10)
        return PICTOGRAM_DIR / f"{self.pictogram}.png"


@dataclass(frozen=True)
class Namen:
    """Leefgebieden named in a message (``board.errors.Melding``), in the reader's language;
    separated by semicolons (the language's own: Arabic "؛"), for a name may hold commas itself."""

    leefgebieden: tuple[Leefgebied, ...]

    def in_taal(self, code: str) -> str:
        return opsomming((leefgebied.naam_in(code) for leefgebied in self.leefgebieden), code)


@dataclass(frozen=True)
class Doelnamen:
    """Doelen named in a message: each by the inwoner's words (``board.text.kort``: the start,
    enough to recognise them) and its leefgebied in the reader's language, "“Ik wil …” (Geld)"."""

    doelen: tuple[tuple[str, Leefgebied], ...]  # (the doel's words, its leefgebied)

    def in_taal(self, code: str) -> str:
        return opsomming((f"“{kort(tekst)}” ({leefgebied.naam_in(code)})" for tekst, leefgebied in self.doelen), code)


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
    """The shipped set called ``naam``. Cached: sets are read-only data. A name that is not
    a plain set name (``../leefgebieden/volwassenen``, a path, a very long name) is refused
    before it becomes a path."""
    if not isinstance(naam, str) or not SET_NAME.fullmatch(naam):
        raise LeefgebiedenSetError(
            _("{naam!r} is geen naam van een leefgebiedenset (kleine letters, cijfers, - en _). Beschikbaar: {sets}.")
            .format(naam=str(naam)[:40], sets=", ".join(available_sets()))
        )
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
        data = parse_set_text(Path(path).read_bytes(), where)
    except OSError as exc:
        log.warning("set file not read (%s errno %s)", type(exc).__name__, exc.errno)
        raise LeefgebiedenSetError(
            _("{where}: het bestand is niet te lezen. Controleer of het er is en of de app het mag lezen.").format(
                where=where
            )
        ) from exc
    return check_set(data, path, where)


def parse_set_text(raw: bytes, where: str) -> dict:
    """A set file's TOML, with its size and nesting bounded before parsing; only ``LeefgebiedenSetError``."""
    if len(raw) > MAX_SET_BYTES:
        raise LeefgebiedenSetError(_("{where}: het bestand is te groot voor een leefgebiedenset.").format(where=where))
    try:
        text = raw.decode("utf-8")
        if text.count("[") + text.count("{") > MAX_SET_BRACKETS:
            raise ValueError("too many brackets")
        return tomllib.loads(text)
    except (ValueError, RecursionError) as exc:  # TOMLDecodeError and UnicodeDecodeError are ValueErrors
        log.warning("set file not parsed (%s)", type(exc).__name__)
        raise LeefgebiedenSetError(
            _("{where}: het bestand is geen leesbare TOML (of niet in UTF-8). Vergelijk het met volwassenen.toml.")
            .format(where=where)
        ) from exc


def check_set(data: dict, path: Path, where: str) -> LeefgebiedenSet:
    """The set ``data`` describes, checked field by field."""

    _no_unknown_fields(data, _SET_FIELDS, where)
    naam = _text(data, "naam", where)
    if naam != path.stem:
        raise LeefgebiedenSetError(
            _("{where}: veld 'naam' is {naam!r} maar moet gelijk zijn aan de bestandsnaam {stem!r}.").format(
                where=where, naam=naam, stem=path.stem
            )
        )
    versie = data.get("versie")
    if not isinstance(versie, int) or isinstance(versie, bool) or not 1 <= versie <= MAX_VERSIE:
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
            or not all(isinstance(v, str) and not is_blank(v) and len(v) <= MAX_SET_TEXT for v in vragen)
        ):
            raise LeefgebiedenSetError(
                _("{at}: veld 'vragen' moet twee of drie gespreksvragen bevatten.").format(at=at)
            )
        leefgebieden.append(
            Leefgebied(
                key=key,
                naam=_text(entry, "naam", at),
                pictogram=_pictogram(entry, at),
                vragen=tuple(vragen),
            )
        )
    titel = _text(data, "titel", where)
    _check_lengths(where, titel, [lg.naam for lg in leefgebieden])
    from board.leefgebieden_vertaling import with_translations

    leefgebieden = with_translations(leefgebieden, path.parent / path.stem)
    return LeefgebiedenSet(naam=naam, titel=titel, versie=versie, leefgebieden=tuple(leefgebieden))


def _check_lengths(where: str, titel: str, namen: list[str]) -> None:
    """A title and names that fit the board, the sheets and the dossier (board/grenzen.py)."""
    if len(titel) > MAX_SET_TITEL:
        raise LeefgebiedenSetError(
            _("{where}: veld 'titel' is hoogstens {max} tekens.").format(where=where, max=MAX_SET_TITEL)
        )
    te_lang = [naam for naam in namen if len(naam) > MAX_LEEFGEBIED_NAAM]
    if te_lang:
        raise LeefgebiedenSetError(
            _("{where}: de naam van een leefgebied is hoogstens {max} tekens ({naam!r}).").format(
                where=where, max=MAX_LEEFGEBIED_NAAM, naam=te_lang[0][:20] + "…"
            )
        )


def _no_unknown_fields(data: dict, allowed: set[str], where: str) -> None:
    unknown = sorted(set(data) - allowed)
    if unknown:
        raise LeefgebiedenSetError(_("{where}: onbekend veld {field!r}.").format(where=where, field=unknown[0]))


def _text(data: dict, field: str, where: str) -> str:
    value = data.get(field)
    if not isinstance(value, str) or is_blank(value) or len(value) > MAX_SET_TEXT:
        raise LeefgebiedenSetError(_("{where}: veld {field!r} ontbreekt of is leeg.").format(where=where, field=field))
    return value


def _pictogram(entry: dict, at: str) -> str:
    value = _text(entry, "pictogram", at)
    if not SET_NAME.fullmatch(value):
        raise LeefgebiedenSetError(
            _("{at}: veld 'pictogram' ({value!r}) mag alleen kleine letters, cijfers, - en _ bevatten.").format(
                at=at, value=value[:40]
            )
        )
    return value
