"""The dossier PDF: the board picture, the comparison, the doelen with their evaluations."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from board import Actie, Meting, load_set, vergelijk
from board.taal import vertaler
from board.weergave import uitvoerder_naam
from exports.dossier import VorigeMetingError, dossier_pdf, positie_tekst
from samples import voorbeelden
from tests.pdftekst import all_text, contains, font_names, reader


def test_the_dossier_shows_comparison_doelen_and_rapportcijfer() -> None:
    nul, vervolg = voorbeelden.nulmeting(), voorbeelden.vervolgmeting()
    pdf = dossier_pdf(voorbeelden.inwoner(), vervolg, nul)
    v = vergelijk(nul, vervolg)
    expected = [v.zin, "D-2026-0042", "A.B.", "Rapportcijfer", "vervolgmeting 1", "1 juni 2026", "15 september 2026"]
    for row in v.leefgebieden:
        expected += [
            f"{vervolg.leefgebieden[row.leefgebied].naam}{positie_tekst(row.oud)}{positie_tekst(row.nieuw)}",
        ]
    expected += [d.tekst for d in vervolg.doelen] + ["deels behaald", "nieuw doel"]
    assert contains(pdf, *expected) == []
    text = all_text(pdf)
    assert "▲ beter" in text and "= gelijk" in text
    assert "Rapportcijfer\n7" in text  # label and value, one table row
    # Who does what, in the words the inwoner chose in the app (it said "Ikzelf" here, "Ik zelf" there;
    # "Wijkteam:" where the app says "Het wijkteam").
    tr = vertaler("nl")
    wie = {a.wie.value for d in vervolg.doelen for a in d.acties}
    assert {"inwoner", "netwerk", "wijkteam"} <= wie
    for actie in (a for d in vervolg.doelen for a in d.acties if a.wie.value in ("inwoner", "netwerk", "wijkteam")):
        assert f"{uitvoerder_naam(actie.wie, tr)}: {actie.wat}" in text.replace("\n", " ")


def test_one_or_two_pages_with_the_board_picture() -> None:
    pdf = dossier_pdf(voorbeelden.inwoner(), voorbeelden.vervolgmeting(), voorbeelden.nulmeting())
    doc = reader(pdf)
    assert 1 <= len(doc.pages) <= 2
    images = [name for name, obj in doc.pages[0]["/Resources"]["/XObject"].items() if obj["/Subtype"] == "/Image"]
    widths = sorted(doc.pages[0]["/Resources"]["/XObject"][name]["/Width"] for name in images)
    assert widths[-1] == 1920  # the snapshot at full resolution
    assert all("MagneetbordSans" in n for n in font_names(pdf))
    assert doc.trailer["/Root"]["/Lang"] == "nl-NL"


def test_a_nulmeting_says_there_is_nothing_to_compare_yet() -> None:
    pdf = dossier_pdf(voorbeelden.inwoner(), voorbeelden.nulmeting())
    assert contains(pdf, "nog geen vorige meting", "Rapportcijfer5") == []


def test_a_previous_meting_that_does_not_belong_is_refused() -> None:
    with pytest.raises(VorigeMetingError, match="niet de vorige meting"):
        dossier_pdf(voorbeelden.inwoner(), voorbeelden.vervolgmeting(), voorbeelden.vervolgmeting())


def test_positions_read_as_marks_with_a_dutch_comma() -> None:
    assert positie_tekst(0.45) == "4,5"
    assert positie_tekst(1.0) == "10,0"
    assert positie_tekst(None) == "–"


def test_the_same_input_gives_the_same_bytes() -> None:
    args = (voorbeelden.inwoner(), voorbeelden.vervolgmeting(), voorbeelden.nulmeting())
    assert dossier_pdf(*args) == dossier_pdf(*args)


def _met_nieuwe_leefgebieden(eerst: int, erbij: int) -> tuple:
    """A 0-meting with ``eerst`` leefgebieden and its vervolgmeting with ``erbij`` more: a long
    comparison whose "Nieuw op het bord" line ends page 1 just where the Doelen heading falls."""
    keys = load_set().keys
    nul = Meting.nulmeting("inwoner-ref", date(2026, 3, 2), meting_id="meting-0")
    for key in keys[:eerst]:
        nul = nul.choose(key).place_fiche(key, "inwoner", 0.5)
    nul = nul.set_rapportcijfer(5).afronden(datetime(2026, 3, 2, 11, 0))
    vervolg = nul.vervolg(date(2026, 6, 1), meting_id="meting-1")
    for key in keys[eerst:eerst + erbij]:
        vervolg = vervolg.choose(key).place_fiche(key, "inwoner", 0.6)
    vervolg = vervolg.add_doel(keys[0], "Elke week de post openen", None, [Actie.create("inwoner", "Brieven")],
                               doel_id="doel-post")
    return nul, vervolg


@pytest.mark.parametrize(("eerst", "erbij"), [(6, 4), (8, 3), (10, 4), (1, 0), (14, 0)])
def test_a_heading_is_never_the_last_text_on_its_page(eerst: int, erbij: int) -> None:
    nul, vervolg = _met_nieuwe_leefgebieden(eerst, erbij)
    doc = reader(dossier_pdf(voorbeelden.inwoner(), vervolg, nul))
    koppen = {"Doelen", "Vergelijking met de vorige meting"}  # the title heads page 1
    gezien = set()
    for number, page in enumerate(doc.pages, 1):
        footer = f"Dossier {voorbeelden.inwoner().dossiernummer}"
        lines = [line.strip() for line in page.extract_text().splitlines()
                 if line.strip() and not line.startswith(footer)]
        gezien |= koppen & set(lines)
        assert lines[-1] not in koppen, f"page {number} ends with the heading {lines[-1]!r}"
    assert gezien == koppen  # the headings were read back, so the check above looked at them
