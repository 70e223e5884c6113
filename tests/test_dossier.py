"""The dossier PDF: the board picture, the comparison, the doelen with their evaluations."""

from __future__ import annotations

import pytest

from board import vergelijk
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
    # Who does what, in the words the inwoner chose in the app (it said "Ikzelf" here, "Ik zelf" there).
    tr = vertaler("nl")
    for actie in (a for d in vervolg.doelen for a in d.acties if a.wie.value in ("inwoner", "netwerk")):
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
