"""The koelkastblad of a vervolgmeting, read back with pypdf (an outside walk found last year's doel
under "Niet behaald" and "Die dag is voorbij" in red on the fridge, and the example's page 2 holding
only the "Volgende keer / Vragen?" box):

- a doel from before that runs on is a current doel: said to go on, with its new date where it got
  one, plainly without a date where its day has passed; no verdict, no passed day;
- the sheet is one page where its content fits (the box goes tighter rather than alone on a page),
  and a stress-sized sheet keeps every doel and the box once, on its last page.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from board import Actie, Meting
from board.datums import add_months
from board.taal import vertaler
from exports.koelkastblad import koelkastblad_pdf
from samples import voorbeelden
from tests.pdftekst import all_text, contains, reader, squeeze

VERDER = "We werken verder aan dit doel."
GELD = "Ik wil overzicht over mijn rekeningen."
WONEN = "Een huis met een slaapkamer voor de kinderen."
WERK = "Twee ochtenden per week vrijwilligerswerk."


def _vervolg(datum: date) -> Meting:
    """A vervolgmeting on ``datum`` of a 0-meting of 1 October 2025 whose doelen all had 1 January 2026."""
    nul = Meting.nulmeting("inwoner-1", date(2025, 10, 1), meting_id="nul")
    for key, tekst in (("geld", GELD), ("wonen", WONEN), ("werk", WERK)):
        nul = nul.choose(key).place_fiche(key, "inwoner", 0.3).add_doel(
            key, tekst, date(2026, 1, 1), (Actie.create("inwoner", "Elke maandag de post openen"),))
    vervolg = nul.afronden(datetime(2025, 10, 1, 11)).vervolg(datum, meting_id="vervolg")
    for key in ("geld", "wonen", "werk"):
        vervolg = vervolg.place_fiche(key, "inwoner", 0.5)
    return vervolg


def test_a_doel_that_runs_on_is_a_current_doel_with_its_new_date_or_plainly_without() -> None:
    nl = vertaler("nl")
    vandaag = date(2026, 3, 2)
    vervolg = _vervolg(vandaag)
    geld, wonen, werk = (d.id for d in vervolg.doelen)
    nieuw = add_months(vandaag, 3)
    vervolg = (vervolg.evaluate_doel(geld, "niet behaald").nieuwe_streefdatum(geld, nieuw)
               .evaluate_doel(wonen, "deels behaald").evaluate_doel(werk, "behaald")
               .afronden(datetime(2026, 3, 2, 11)))
    pdf = koelkastblad_pdf(vervolg, "Wijkteam Stratum")
    text = all_text(pdf)
    assert contains(pdf, GELD, WONEN, f"Klaar op: {nl.datum(nieuw)}") == []
    assert WERK not in text  # behaald: done, off the sheet
    # no verdict and no passed day for what was talked over today
    for weg in ("Niet behaald", "Deels behaald", "voorbij", nl.datum(date(2026, 1, 1))):
        assert weg not in text, weg
    assert squeeze(text).count(squeeze(VERDER)) == 2
    # the doel with a new date says when; the one without says no date at all
    wonen_deel = squeeze(text).split(squeeze(WONEN))[1]
    assert squeeze("Klaar op:") not in wonen_deel.split(squeeze("Wie doet wat"))[0]


def test_the_example_sheet_is_one_page_with_the_box_under_the_doelen() -> None:
    vervolg = voorbeelden.vervolgmeting()
    pdf = koelkastblad_pdf(vervolg, voorbeelden.TEAM)
    pages = reader(pdf).pages
    assert len(pages) == 1
    first = squeeze(pages[0].extract_text())
    doelen = [d.tekst for d in vervolg.lopende_doelen]
    assert all(squeeze(t) in first for t in doelen)
    box = [squeeze("Volgende keer praten we weer:"), squeeze("Vragen? Neem contact op met:"), squeeze(voorbeelden.TEAM)]
    assert all(b in first for b in box)
    assert max(first.index(squeeze(t)) for t in doelen) < first.index(box[0])  # the box under the doelen


def test_a_stress_sized_sheet_keeps_every_doel_and_the_box_once_beside_the_last_doel() -> None:
    meting = voorbeelden.met_doelen(0)
    keys = meting.leefgebieden.keys[:6]
    teksten = [f"Doel {i}: " + "iets dat lang duurt en veel woorden heeft " * 4 for i in range(6)]
    for key, tekst in zip(keys, teksten, strict=True):
        if key not in meting.gekozen:
            meting = meting.choose(key)
        acties = [Actie.create("wijkteam", f"Stap {j} van een lang plan met veel kleine stappen") for j in range(4)]
        meting = meting.add_doel(key, tekst, add_months(meting.datum, 4), acties)
    meting = replace(meting, volgende_meting=add_months(meting.datum, 3))
    pdf = koelkastblad_pdf(meting, voorbeelden.TEAM)
    pages = [squeeze(p.extract_text()) for p in reader(pdf).pages]
    assert len(pages) > 2
    assert contains(pdf, *teksten) == []
    whole = "".join(pages)
    assert [whole.index(squeeze(t)) for t in teksten] == sorted(whole.index(squeeze(t)) for t in teksten)
    vragen = squeeze("Vragen? Neem contact op met:")
    assert whole.count(vragen) == 1 and vragen in pages[-1] and squeeze("Volgende keer praten we weer:") in pages[-1]
    # the box shares its page with the end of the doelen (it went tighter), never alone
    assert squeeze("Stap 3 van een lang plan") in pages[-1]
