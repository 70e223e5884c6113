"""Pseudonymous monitoring records: what of an afgeronde meting may leave the tablet.

A record holds no text and no direct identifier. The inwoner is a keyed hash
(HMAC-SHA256, one secret key per gemeente) of the inwoner id, so the gemeente can follow
one inwoner over time without knowing who it is, and a record from another gemeente (or
one made with another key) cannot be linked. The record id is a keyed hash of the meting
id: a central store keeps one row per record id, so sending twice stores once.

Positions are rounded to 1/1000 of the bar: far below what a finger can place, and it
stops a float with 17 digits from acting as a fingerprint of one board.

Version 2 adds what the monitor of trajecten needs, and nothing more: each record's traject
number (0 for the inwoner's first, ``board.traject``; its volgnummer counts within the
traject, so a traject's 0-meting is always volgnummer 0), and per doel who takes its acties
(the ``Uitvoerder`` values only, never the text). Version 1 records still read (traject 0, no
actors known). The end of a traject is a record of its own (``AfsluitingRecord``): its start
and end month and the reason, keyed by a hash of inwoner and traject.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from typing import Any

from board.document import read_checked, require_field, require_type
from board.errors import BoardError, DocumentError
from board.i18n import _
from board.inwoner import Inwoner
from board.meting import Meting
from board.meting_waarden import Evaluatie, MetingSoort, Uitvoerder
from board.traject import Afsluiting, Afsluitreden

RECORD_KIND = "magneetbord.monitorrecord"
RECORD_VERSION = 2  # 2: traject number, and the actors of each doel's acties
AFSLUITING_KIND = "magneetbord.monitorafsluiting"
AFSLUITING_VERSION = 1
MIN_KEY_BYTES = 16
POSITIE_DECIMALEN = 3

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
_MAAND = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")
_KEY = re.compile(r"^[a-z0-9_]{1,60}$")


@dataclass(frozen=True)
class LeefgebiedScore:
    leefgebied: str
    rang: int  # 1 = most important
    positie: float  # the inwoner's fiche, 0.0 (sad) .. 1.0 (happy)


@dataclass(frozen=True)
class DoelUitkomst:
    """One doel: the leefgebied, and its evaluation if it was evaluated in this meting
    (``None``: the doel was set in this meting)."""

    leefgebied: str
    evaluatie: Evaluatie | None
    # who takes its acties, in Uitvoerder order; None: not known (version 1 records)
    actoren: tuple[Uitvoerder, ...] | None = None


@dataclass(frozen=True)
class MonitorRecord:
    record_id: str  # HMAC of the meting id
    pseudoniem: str  # HMAC of the inwoner id
    wijk: str
    maand: str  # "2026-03"
    soort: MetingSoort
    volgnummer: int
    set_naam: str
    set_versie: int
    leefgebieden: tuple[LeefgebiedScore, ...]  # in priority order, rang 1..n
    rapportcijfer: int | None
    doelen: tuple[DoelUitkomst, ...]
    traject: int = 0  # the inwoner's traject this meting belongs to (0: the first)

    def score(self, leefgebied: str) -> LeefgebiedScore | None:
        for score in self.leefgebieden:
            if score.leefgebied == leefgebied:
                return score
        return None


def keyed_hash(key: bytes, purpose: str, value: str) -> str:
    """HMAC-SHA256 of ``value``; ``purpose`` keeps the inwoner and meting hashes apart."""
    if not isinstance(key, bytes) or len(key) < MIN_KEY_BYTES:
        raise ValueError(f"De sleutel van de gemeente moet bytes zijn, minstens {MIN_KEY_BYTES} lang.")
    return hmac.new(key, f"{purpose}\x00{value}".encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class AfsluitingRecord:
    """The end of one traject: no text, no identifier; the pseudonym as in ``MonitorRecord``."""

    record_id: str  # HMAC of inwoner id and traject number
    pseudoniem: str
    wijk: str
    traject: int
    begin_maand: str  # the month of the traject's 0-meting
    eind_maand: str  # the month it was closed
    reden: Afsluitreden


def actoren(meting: Meting, doel_index: int) -> tuple[Uitvoerder, ...]:
    """Who takes the acties of the doel, each once, in ``Uitvoerder`` order."""
    wie = {a.wie for a in meting.doelen[doel_index].acties}
    return tuple(u for u in Uitvoerder if u in wie)


def afsluiting_record(afsluiting: Afsluiting, inwoner: Inwoner, begin: Meting, key: bytes) -> AfsluitingRecord:
    """The record of a closed traject; ``begin`` is its 0-meting."""
    if afsluiting.inwoner_id != inwoner.id or begin.inwoner_id != inwoner.id:
        raise BoardError(_("Deze meting hoort niet bij deze inwoner."))
    return AfsluitingRecord(
        record_id=keyed_hash(key, "afsluiting", f"{inwoner.id}\x00{afsluiting.traject}"),
        pseudoniem=keyed_hash(key, "inwoner", inwoner.id),
        wijk=inwoner.wijk,
        traject=afsluiting.traject,
        begin_maand=begin.datum.strftime("%Y-%m"),
        eind_maand=afsluiting.datum.strftime("%Y-%m"),
        reden=afsluiting.reden,
    )


def monitor_record(meting: Meting, inwoner: Inwoner, key: bytes, traject: int = 0, start: int = 0) -> MonitorRecord:
    """The record of one afgeronde meting of ``inwoner`` in their traject number ``traject``,
    pseudonymised with ``key``. ``start`` is the volgnummer of that traject's 0-meting: a
    record counts its metingen within the traject (its 0-meting is volgnummer 0)."""
    if not meting.afgerond:
        raise BoardError(_("Alleen een afgeronde meting gaat naar de monitor, geen concept."))
    if meting.inwoner_id != inwoner.id:
        raise BoardError(_("Deze meting hoort niet bij deze inwoner."))
    return MonitorRecord(
        record_id=keyed_hash(key, "meting", meting.id),
        pseudoniem=keyed_hash(key, "inwoner", inwoner.id),
        wijk=inwoner.wijk,
        maand=meting.datum.strftime("%Y-%m"),
        soort=meting.soort,
        volgnummer=meting.volgnummer - start,
        set_naam=meting.set_naam,
        set_versie=meting.set_versie,
        leefgebieden=tuple(
            LeefgebiedScore(key_, rang, round(meting.positie(key_) or 0.0, POSITIE_DECIMALEN))
            for rang, key_ in enumerate(meting.gekozen, start=1)
        ),
        rapportcijfer=meting.rapportcijfer,
        doelen=tuple(
            DoelUitkomst(d.leefgebied, d.evaluatie if meting.is_overgenomen(d) else None, actoren(meting, i))
            for i, d in enumerate(meting.doelen)
        ),
        traject=traject,
    )


def record_to_dict(record: MonitorRecord) -> dict[str, Any]:
    return {
        "soort_document": RECORD_KIND,
        "versie": RECORD_VERSION,
        "record": {
            "record_id": record.record_id,
            "pseudoniem": record.pseudoniem,
            "wijk": record.wijk,
            "maand": record.maand,
            "soort": record.soort.value,
            "volgnummer": record.volgnummer,
            "leefgebiedenset": {"naam": record.set_naam, "versie": record.set_versie},
            "leefgebieden": [
                {"leefgebied": s.leefgebied, "rang": s.rang, "positie": s.positie} for s in record.leefgebieden
            ],
            "rapportcijfer": record.rapportcijfer,
            "doelen": [
                {"leefgebied": d.leefgebied, "evaluatie": d.evaluatie.value if d.evaluatie else None,
                 "actoren": None if d.actoren is None else [a.value for a in d.actoren]}
                for d in record.doelen
            ],
            "traject": record.traject,
        },
    }


def afsluiting_to_dict(record: AfsluitingRecord) -> dict[str, Any]:
    return {
        "soort_document": AFSLUITING_KIND,
        "versie": AFSLUITING_VERSION,
        "afsluiting": {
            "record_id": record.record_id,
            "pseudoniem": record.pseudoniem,
            "wijk": record.wijk,
            "traject": record.traject,
            "begin_maand": record.begin_maand,
            "eind_maand": record.eind_maand,
            "reden": record.reden.value,
        },
    }


def afsluiting_from_dict(document: object) -> AfsluitingRecord:
    """Read an afsluiting record back; anything malformed raises DocumentError."""
    if not isinstance(document, dict) or document.get("soort_document") != AFSLUITING_KIND:
        raise DocumentError(_("Dit is geen monitorrecord (verwacht soort {kind!r}).").format(kind=AFSLUITING_KIND))
    if document.get("versie") != AFSLUITING_VERSION:
        raise DocumentError(_("Monitorrecord van onbekende versie {version!r}; deze app leest tot {known}.").format(
            version=document.get("versie"), known=AFSLUITING_VERSION))

    def read() -> AfsluitingRecord:
        data = require_field(document, "afsluiting", dict)
        record = AfsluitingRecord(
            record_id=_matching(data, "record_id", _HEX64),
            pseudoniem=_matching(data, "pseudoniem", _HEX64),
            wijk=_wijk(data),
            traject=_traject(data),
            begin_maand=_matching(data, "begin_maand", _MAAND),
            eind_maand=_matching(data, "eind_maand", _MAAND),
            reden=Afsluitreden(require_field(data, "reden", str)),
        )
        if record.eind_maand < record.begin_maand:
            raise DocumentError(_("Een traject eindigt niet voor het begint."))
        return record

    return read_checked(read)


def record_from_dict(document: object) -> MonitorRecord:
    """Read a record back; anything malformed or of a newer version raises DocumentError."""
    if not isinstance(document, dict) or document.get("soort_document") != RECORD_KIND:
        raise DocumentError(
            _("Dit is geen monitorrecord (verwacht soort {kind!r}).").format(kind=RECORD_KIND)
        )
    version = document.get("versie")
    if not isinstance(version, int) or isinstance(version, bool) or not 1 <= version <= RECORD_VERSION:
        raise DocumentError(
            _("Monitorrecord van onbekende versie {version!r}; deze app leest tot {known}.").format(
                version=version, known=RECORD_VERSION
            )
        )
    return read_checked(lambda: _to_record(require_field(document, "record", dict)))


def _to_record(data: dict[str, Any]) -> MonitorRecord:
    lg_set = require_field(data, "leefgebiedenset", dict)
    soort = MetingSoort(require_field(data, "soort", str))
    volgnummer = require_field(data, "volgnummer", int)
    if (soort is MetingSoort.NULMETING) != (volgnummer == 0) or volgnummer < 0:
        raise DocumentError(_("Soort en volgnummer van de meting passen niet bij elkaar."))
    scores = tuple(
        LeefgebiedScore(_leefgebied(s), require_field(s, "rang", int), _positie(s))
        for s in (require_type(s, dict, "leefgebieden[]") for s in require_field(data, "leefgebieden", list))
    )
    if [s.rang for s in scores] != list(range(1, len(scores) + 1)):
        raise DocumentError(_("De rangen van de leefgebieden lopen niet van 1 tot en met het aantal."))
    if len({s.leefgebied for s in scores}) != len(scores):
        raise DocumentError(_("Een leefgebied komt twee keer voor in het record."))
    cijfer = require_field(data, "rapportcijfer", int, optional=True)
    if cijfer is not None and not 1 <= cijfer <= 10:
        raise DocumentError(_("Het rapportcijfer ligt tussen 1 en 10."))
    doelen = []
    for d in require_field(data, "doelen", list):
        d = require_type(d, dict, "doelen[]")
        evaluatie = require_field(d, "evaluatie", str, optional=True)
        doelen.append(DoelUitkomst(_leefgebied(d), Evaluatie(evaluatie) if evaluatie else None, _actoren(d)))
    wijk = _wijk(data)
    return MonitorRecord(
        record_id=_matching(data, "record_id", _HEX64),
        pseudoniem=_matching(data, "pseudoniem", _HEX64),
        wijk=wijk,
        maand=_matching(data, "maand", _MAAND),
        soort=soort,
        volgnummer=volgnummer,
        set_naam=_matching(lg_set, "naam", _KEY),
        set_versie=require_field(lg_set, "versie", int),
        leefgebieden=scores,
        rapportcijfer=cijfer,
        doelen=tuple(doelen),
        traject=_traject(data) if "traject" in data else 0,  # version 1: one traject
    )


def _actoren(doel: dict[str, Any]) -> tuple[Uitvoerder, ...] | None:
    raw = doel.get("actoren")
    if raw is None:
        return None  # version 1, or not known
    wie = [Uitvoerder(require_type(a, str, "actoren[]")) for a in require_type(raw, list, "actoren")]
    if wie != sorted(set(wie), key=list(Uitvoerder).index):
        raise DocumentError(_("De actoren van een doel staan er elk één keer, in vaste volgorde."))
    return tuple(wie)


def _wijk(data: dict[str, Any]) -> str:
    wijk = require_field(data, "wijk", str)
    if not wijk.strip() or len(wijk) > 60 or not wijk.isprintable():
        raise DocumentError(_("De wijk in het record is leeg, te lang of bevat vreemde tekens."))
    return wijk


def _traject(data: dict[str, Any]) -> int:
    nummer = require_field(data, "traject", int)
    if nummer < 0:
        raise DocumentError(_("Het nummer van het traject is een geheel getal vanaf 0."))
    return nummer


def _matching(data: dict[str, Any], name: str, pattern: re.Pattern[str]) -> str:
    value = require_field(data, name, str)
    if not pattern.match(value):
        raise DocumentError(_("Het veld {name!r} heeft niet de juiste vorm.").format(name=name))
    return value


def _leefgebied(data: dict[str, Any]) -> str:
    return _matching(data, "leefgebied", _KEY)


def _positie(data: dict[str, Any]) -> float:
    value = require_field(data, "positie", float | int)
    if isinstance(value, bool) or not 0.0 <= float(value) <= 1.0:
        raise DocumentError(_("Een positie ligt tussen 0 en 1."))
    return float(value)
