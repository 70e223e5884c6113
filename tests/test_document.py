"""The JSON form of a meting and a history: exact round trips, clear refusals, never half a meting."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime

import pytest

from board import DocumentError, Inwoner
from board.document import (
    FORMAT_VERSION,
    dumps,
    history_from_document,
    history_to_document,
    loads,
    meting_from_document,
    meting_to_document,
)
from tests.factories import afgeronde_nulmeting_met_doelen, nulmeting


def test_a_vervolgmeting_round_trips_exactly() -> None:
    vervolg = afgeronde_nulmeting_met_doelen().vervolg(date(2026, 4, 20), meting_id="m1")
    vervolg = vervolg.place_fiche("geld", "inwoner", 0.55).place_fiche("geld", "naaste", 0.3)
    vervolg = vervolg.evaluate_doel("d1", "behaald").add_doel("geld", "Sparen voor een fiets", doel_id="n")
    text = dumps(meting_to_document(vervolg))
    assert meting_from_document(loads(text)) == vervolg
    assert dumps(meting_to_document(vervolg)) == text  # stable bytes


def test_an_afgeronde_meting_round_trips_and_stays_afgerond() -> None:
    meting = afgeronde_nulmeting_met_doelen()
    again = meting_from_document(loads(dumps(meting_to_document(meting))))
    assert again == meting and again.afgerond and again.afgerond_op == datetime(2026, 1, 12, 11, 30)


def test_a_history_round_trips() -> None:
    inwoner = Inwoner.create("DOS-2026-0042", "Woensel-Noord", "A.B.", inwoner_id="inw-1")
    nul = afgeronde_nulmeting_met_doelen()
    history = [nul, nul.vervolg(date(2026, 5, 1), meting_id="m1")]
    document = json.loads(dumps(history_to_document(inwoner, history)))
    assert history_from_document(document) == (inwoner, history)


def test_a_newer_version_is_refused_clearly() -> None:
    document = meting_to_document(nulmeting())
    document["versie"] = FORMAT_VERSION + 1
    with pytest.raises(DocumentError, match="nieuwere versie"):
        meting_from_document(document)


@pytest.mark.parametrize(
    "mutate, match",
    [
        (lambda d: d.update(soort_document="iets anders"), "soort"),
        (lambda d: d["meting"].pop("gekozen"), "'gekozen' ontbreekt"),
        (lambda d: d["meting"]["fiches"][0].update(positie="hoog"), "getal"),
        (lambda d: d["meting"]["fiches"][0].update(positie=2.5), "tussen 0 en 1"),
        (lambda d: d["meting"]["fiches"][0].update(leefgebied="ruimtevaart"), "ruimtevaart"),
        (lambda d: d["meting"].update(rapportcijfer=11), "rapportcijfer"),
        (lambda d: d["meting"]["doelen"][0].update(tekst="x" * 1_000_000), "te lang"),
        (lambda d: d["meting"]["doelen"][0].update(tekst="\x07\x08"), "teken"),
        (lambda d: d["meting"].update(datum="31-02-2026"), "onjuist"),
        (lambda d: d["meting"].update(status="afgerond", afgerond_op=None), "afgeronde"),
        (lambda d: d["meting"]["doelen"].append(d["meting"]["doelen"][0]), "hetzelfde kenmerk"),
    ],
)
def test_malformed_documents_are_refused_with_a_clear_error(mutate, match: str) -> None:
    meting = nulmeting().add_doel("geld", "Rondkomen", doel_id="d")
    document = copy.deepcopy(meting_to_document(meting))
    mutate(document)
    with pytest.raises(DocumentError, match=match):
        meting_from_document(document)


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", b"\xff\xfe"])
def test_unreadable_text_is_refused(text: str | bytes) -> None:
    with pytest.raises(DocumentError):
        loads(text)
