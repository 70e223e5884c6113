"""The koelkastblad in every language reads back (pdftotext, NFKC): the inwoner's words,
the translated headings and the date in that language's words; Arabic comes back in
reading order once the bidi reordering is undone (per line, as drawn)."""

from __future__ import annotations

import re
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


def _drawn(pdf: bytes) -> list[tuple[str, str]]:
    """(text, font) of each piece of text the PDF draws, in drawing order (pypdf's visitor)."""
    from tests.pdftekst import reader

    pieces: list[tuple[str, str]] = []

    def visit(text: str, _cm: object, _tm: object, font: object, _size: object) -> None:
        if text.strip() and font is not None:
            pieces.append((unicodedata.normalize("NFKC", text), str(font["/BaseFont"])))

    for page in reader(pdf).pages:
        page.extract_text(visitor_text=visit)
    return pieces


@pytest.mark.parametrize("taal", ["ar", "nl"])
def test_each_actie_has_a_bullet_and_its_actor_in_bold(taal: str, tmp_path: Path) -> None:
    """The Arabic sheet as the Dutch one: a bullet before every actie, and who does it in
    bold (read back: the bullets' count in the text, the actor's words in the bold font), the
    bullet on the reading side (right in Arabic, by pdftotext's -bbox positions)."""
    from board.weergave import uitvoerder_naam

    tr = vertaler(taal)
    meting = talen.nulmeting(taal)
    pdf = koelkastblad_pdf(meting, voorbeelden.TEAM, tr)
    acties = [actie for doel in meting.lopende_doelen for actie in doel.acties]
    text = _text(pdf, tmp_path)
    assert text.count("•") == len(acties) == 3
    bold = " ".join(piece for piece, font in _drawn(pdf) if font.endswith("-Bold"))
    for actie in acties:
        wie = uitvoerder_naam(actie.wie, tr)
        assert _words(wie) <= _words(unicodedata.normalize("NFKC", bold)), (wie, bold)
        assert not _words(actie.wat) <= _words(bold)  # the actie itself is not bold
    # Where the bullets stand: the rightmost on their line in Arabic, the leftmost in Dutch.
    path = tmp_path / "blad.pdf"
    html = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    words = [(float(x0), float(y0), float(x1), word) for x0, y0, x1, word in
             re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)<', html)]
    bullets = [w for w in words if w[3] == "•"]
    assert len(bullets) == 3
    for x0, y0, x1, _ in bullets:
        line = [w for w in words if w[3] != "•" and abs(w[1] - y0) < 4]
        assert line, "een opsommingsteken zonder tekst"
        if taal == "ar":
            assert x0 > max(w[2] for w in line)
        else:
            assert x1 < min(w[0] for w in line)
