"""The koelkastblad in every language reads back (pdftotext, NFKC): the inwoner's words,
the translated headings and the date in that language's words; Arabic comes back in
reading order once the bidi reordering is undone (per line, as drawn)."""

from __future__ import annotations

import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from board.taal import TALEN, vertaler
from exports.koelkastblad import koelkastblad_pdf
from samples import talen, voorbeelden

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils ontbreekt")


def _text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "blad.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return unicodedata.normalize("NFKC", out.decode("utf-8"))


BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F])


def _words(text: str) -> set[str]:
    """The words of ``text`` without bidi controls and the punctuation around them."""
    return {word.strip(".,،؛؟:;!?()") for word in text.translate(BIDI_CONTROLS).split()} - {""}


@pytest.mark.parametrize("taal", [t.code for t in TALEN])
def test_the_koelkastblad_reads_back_in_its_language(taal: str, tmp_path: Path) -> None:
    tr = vertaler(taal)
    meting = talen.nulmeting(taal)
    text = _text(koelkastblad_pdf(meting, voorbeelden.TEAM, tr), tmp_path)
    expected = [tr.pgettext("inwoner", "Mijn doelen"), meting.leefgebieden["geld"].naam_in(taal),
                talen.DOELEN[taal][0], tr.datum(meting.doelen[0].streefdatum)]
    if tr.rtl:  # pdftotext applies the bidi algorithm itself (with embedding marks): compare words
        found = _words(text)
        for phrase in expected:
            missing = sorted(_words(unicodedata.normalize("NFKC", phrase)) - found)
            assert missing == [], (phrase, missing)
    else:
        flat = " ".join(text.split())
        for phrase in expected:
            assert " ".join(phrase.split()) in flat, phrase
    assert "Woensel-Noord" in text  # a Latin team name inside any language


@pytest.mark.parametrize("taal", ["uk", "pl", "tr"])
def test_without_a_team_contact_the_sheet_says_the_default_in_the_inwoners_language(taal: str, tmp_path: Path) -> None:
    """No contact set (MAGNEETBORD_TEAM): the default line is translated, not Dutch; and the next
    meting's date, which ends in an abbreviation's full stop in Ukrainian ("р."), gets no second."""
    from exports.koelkastblad import DEFAULT_TEAM_CONTACT

    tr = vertaler(taal)
    meting = talen.nulmeting(taal)
    text = " ".join(_text(koelkastblad_pdf(meting, DEFAULT_TEAM_CONTACT, tr), tmp_path).split())
    assert "wijkteam" not in text and "contactpersoon" not in text
    assert " ".join(tr.pgettext("inwoner", "je eigen contactpersoon van het wijkteam").split()) in text
    assert ".." not in text
