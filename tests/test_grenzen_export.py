"""Every meting the domain accepts, the renderers render: a meting at every limit of
board/grenzen.py and board/inwoner.py (the longest doel, the longest acties by the longest
'wie', the most acties, the most doelen, new and carried over, the longest dossiernummer,
wijk and initialen) lays out on as many pages as it needs, and reading the PDFs back finds
every word. Before the rows could split, ReportLab refused a doel of ~960 characters."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pytest
from fhir.resources.R4B.questionnaire import Questionnaire
from fhir.resources.R4B.questionnaireresponse import QuestionnaireResponse

from board import Actie, BoardError, Meting
from board.errors import LeefgebiedenSetError
from board.grenzen import MAX_ACTIE_TEXT, MAX_ACTIES, MAX_DOEL_TEXT, MAX_DOELEN, MAX_LEEFGEBIED_NAAM, MAX_SET_TITEL
from board.leefgebieden import load_set
from board.meting_waarden import Evaluatie
from board.taal import vertaler
from board.weergave import uitvoerder_naam
from exports.bronnen import UITVOERDER_LABEL
from exports.dossier import dossier_pdf
from exports.fhir import questionnaire, questionnaire_response
from exports.koelkastblad import koelkastblad_pdf
from tests.grenzen import (
    LANGSTE_WIE,
    NUL,
    Woorden,
    inwoner_op_de_grens,
    nulmeting_op_de_grens,
    sets_fixture,  # noqa: F401
    vervolgmeting_op_de_grens,
)
from tests.pdftekst import all_text, reader, squeeze

WIE = squeeze(UITVOERDER_LABEL[LANGSTE_WIE]) + ":"  # the dossier's word for who does it
WIE_INWONER = squeeze(uitvoerder_naam(LANGSTE_WIE, vertaler("nl"))) + ":"  # the koelkastblad's, in the inwoner's words


def words_in(data: bytes, prefix: str) -> set[str]:
    return set(re.findall(rf"{prefix}\d+", all_text(data)))


@pytest.fixture(scope="module")
def op_de_grens() -> tuple[Meting, Meting, Woorden, Woorden]:
    nul_woorden, vervolg_woorden = Woorden("n"), Woorden("v")
    nul = nulmeting_op_de_grens(nul_woorden)
    return nul, vervolgmeting_op_de_grens(nul, vervolg_woorden), nul_woorden, vervolg_woorden


def test_the_meting_is_at_every_limit(op_de_grens: tuple) -> None:
    nul, vervolg, _, _ = op_de_grens
    assert len(vervolg.doelen) == 2 * MAX_DOELEN and len(nul.doelen) == MAX_DOELEN
    assert {len(d.tekst) for d in vervolg.doelen} == {MAX_DOEL_TEXT}
    assert {len(d.acties) for d in vervolg.doelen} == {MAX_ACTIES}
    assert {(a.wie, len(a.wat)) for d in vervolg.doelen for a in d.acties} == {(LANGSTE_WIE, MAX_ACTIE_TEXT)}
    assert set(vervolg.gekozen) == set(vervolg.leefgebieden.keys)
    # One more is refused by the domain, not by a renderer: the doelen carried over do not count...
    assert len(nul.vervolg(NUL).add_doel(nul.gekozen[0], "nog een").doelen) == MAX_DOELEN + 1
    concept = vervolg.vervolg(vervolg.datum)
    for number in range(MAX_DOELEN):
        concept = concept.add_doel(concept.gekozen[0], f"doel {number}")
    with pytest.raises(BoardError, match="hoogstens 20 nieuwe doelen"):  # ... new ones do
        concept.add_doel(concept.gekozen[0], "nog een")
    with pytest.raises(BoardError, match="hoogstens 10 acties"):
        concept.edit_doel(concept.doelen[-1].id, acties=[Actie.create("inwoner", "x")] * (MAX_ACTIES + 1))


def test_the_koelkastblad_holds_every_word_of_every_doel(op_de_grens: tuple) -> None:
    """Every doel that runs on: the vervolgmeting's 20 new ones, and those carried over that went
    deels or niet behaald; at most all 40 of them (every carried one deels behaald)."""
    nul, vervolg, nul_woorden, vervolg_woorden = op_de_grens
    alle_deels = replace(vervolg, doelen=tuple(
        replace(d, evaluatie=Evaluatie.DEELS_BEHAALD) if d.evaluatie else d for d in vervolg.doelen))
    assert len(vervolg.lopende_doelen) > MAX_DOELEN and len(alle_deels.lopende_doelen) == 2 * MAX_DOELEN
    for meting, woorden in ((nul, nul_woorden), (vervolg, vervolg_woorden), (alle_deels, vervolg_woorden)):
        data = koelkastblad_pdf(meting, "Wijkteam Gestel, 040 123 45 67")
        assert len(reader(data).pages) > 1
        assert words_in(data, woorden.prefix) == set(woorden.used)
        text = squeeze(all_text(data))
        assert text.count(WIE_INWONER) == len(meting.lopende_doelen) * MAX_ACTIES
        assert "Wijkteam Gestel, 040 123 45 67".replace(" ", "") in text  # the afspraak after it all


def test_the_dossier_holds_every_doel_new_and_carried_over(op_de_grens: tuple) -> None:
    nul, vervolg, nul_woorden, vervolg_woorden = op_de_grens
    inwoner = inwoner_op_de_grens()
    data = dossier_pdf(inwoner, vervolg, nul)
    pages = reader(data).pages
    assert len(pages) > 1
    assert words_in(data, "n") == set(nul_woorden.used) and words_in(data, "v") == set(vervolg_woorden.used)
    text = squeeze(all_text(data))
    assert text.count(WIE) == 2 * MAX_DOELEN * MAX_ACTIES
    assert text.count("nieuwdoel") == MAX_DOELEN
    assert text.count(inwoner.dossiernummer) >= len(pages)  # the 40 characters in every footer
    assert inwoner.wijk in text and inwoner.initialen in text


def _met_doel(tekst: str, acties: list[Actie]) -> Meting:
    meting = Meting.nulmeting("inw-grens", NUL, meting_id="m-vorm").choose("geld").place_fiche("geld", "inwoner", 0.5)
    meting = meting.add_doel("geld", tekst, None, acties)
    return meting.afronden(datetime(2026, 1, 12, 11, 30))


VORMEN = {
    # the longest doel as one line per character: 500 lines, many pages of one paragraph
    "regels": ("Q\n" * 500).strip(),
    # the longest doel as one word: broken between its characters
    "woord": "Q" * MAX_DOEL_TEXT,
    # the longest doel without a single space after punctuation, mixed scripts and marks
    "tekens": ("Één,Ωmega;<b>&amp;" * 100)[:MAX_DOEL_TEXT],
}


@pytest.mark.parametrize("vorm", sorted(VORMEN))
def test_a_doel_of_any_shape_at_the_limit_is_on_both_pdfs(vorm: str) -> None:
    tekst = VORMEN[vorm]
    acties = [Actie.create(LANGSTE_WIE, "R" * MAX_ACTIE_TEXT) for _ in range(MAX_ACTIES)]
    meting = _met_doel(tekst, acties)
    assert len(meting.doelen[0].tekst) >= MAX_DOEL_TEXT - 1
    inwoner = inwoner_op_de_grens()
    footers = {
        koelkastblad_pdf(meting, "het wijkteam"): ["Mijn doelen"],
        dossier_pdf(inwoner, meting): [f"Dossier {inwoner.dossiernummer} · {meting.label} · 12 januari 2026",
                                       "Leefgebied Doel en acties Klaar op Evaluatie",  # on every page
                                       "– nieuw doel"],  # the doel's other cells, read between its lines
    }
    for data, furniture in footers.items():
        assert len(reader(data).pages) > 1
        text = re.sub(r"blad\d+", "", squeeze(all_text(data)))
        for part in furniture:  # what each page repeats, between the parts of a doel going on over pages
            text = text.replace(squeeze(part), "")
        assert squeeze(tekst) in text
        assert text.count("R") >= MAX_ACTIES * MAX_ACTIE_TEXT


def test_the_longest_set_title_and_leefgebied_names_are_in_every_export(sets: Path) -> None:
    titel, namen = Woorden("t"), Woorden("l")
    naam = "wijkteam_" + "l" * 55  # the longest set file name (64): only FHIR and the meting.json carry it
    text = (sets / "volwassenen.toml").read_text(encoding="utf-8")
    text = text.replace('naam = "volwassenen"', f'naam = "{naam}"').replace(
        'titel = "Volwassenen"', f'titel = "{titel.text(MAX_SET_TITEL)}"'
    )
    text = re.sub(r'^naam = "(?!wijkteam_)[^"]*"', lambda _m: f'naam = "{namen.text(MAX_LEEFGEBIED_NAAM)}"', text,
                  flags=re.MULTILINE)
    (sets / f"{naam}.toml").write_text(text, encoding="utf-8")
    nul = nulmeting_op_de_grens(Woorden("n"), set_naam=naam)
    vervolg = vervolgmeting_op_de_grens(nul, Woorden("v"))
    assert {len(lg.naam) for lg in nul.leefgebieden.leefgebieden} == {MAX_LEEFGEBIED_NAAM}
    dossier = dossier_pdf(inwoner_op_de_grens(), vervolg, nul)
    assert words_in(dossier, "t") == set(titel.used)  # the title, in the dossier's header
    for data in (koelkastblad_pdf(vervolg, "het wijkteam"), dossier):
        assert words_in(data, "l") == set(namen.used)
    q = Questionnaire.model_validate(questionnaire(nul.leefgebieden))
    r = QuestionnaireResponse.model_validate(questionnaire_response(vervolg, vervolg.inwoner_id))
    assert r.questionnaire == f"{q.url}|{q.version}" and len(q.id) <= 64
    (sets / "te_lang.toml").write_text(
        text.replace(f'naam = "{naam}"', 'naam = "te_lang"').replace('titel = "', 'titel = "x'), encoding="utf-8"
    )
    with pytest.raises(LeefgebiedenSetError, match=f"hoogstens {MAX_SET_TITEL} tekens"):
        load_set("te_lang")  # one character more is refused where the set is read, with a message
