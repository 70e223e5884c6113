"""The koelkastblad PDF: every goal exactly as typed, the acties, the dates, large type,
embedded fonts, metadata, and the same bytes every time."""

from __future__ import annotations

from dataclasses import replace

from board import Actie
from board.taal import vertaler
from board.weergave import uitvoerder_naam
from exports.koelkastblad import koelkastblad_pdf
from samples import voorbeelden
from tests.pdftekst import all_text, contains, font_names, reader, squeeze


def test_every_goal_actie_and_date_is_on_the_sheet() -> None:
    meting = voorbeelden.nulmeting()
    pdf = koelkastblad_pdf(meting, voorbeelden.TEAM)
    expected = ["Mijn doelen", "1 mei 2026", "15 april 2026", "1 juni 2026", voorbeelden.TEAM]
    for doel in meting.doelen:
        expected.append(doel.tekst)
        expected.append(meting.leefgebieden[doel.leefgebied].naam)
        expected += [f"{uitvoerder_naam(a.wie, vertaler('nl'))}: {a.wat}" for a in doel.acties]
    assert contains(pdf, *expected) == []


def test_a_500_character_goal_with_a_long_word_and_diacritics_survives() -> None:
    meting = voorbeelden.met_doelen(1, lang=True)
    assert len(meting.doelen[0].tekst) == 500
    pdf = koelkastblad_pdf(meting, voorbeelden.TEAM)
    assert contains(pdf, voorbeelden.LANG_DOEL, voorbeelden.LANG_WOORD) == []
    assert "één" in all_text(pdf)


def test_diacritics_and_the_curly_apostrophe_come_out_as_typed() -> None:
    pdf = koelkastblad_pdf(voorbeelden.nulmeting(), voorbeelden.TEAM)
    assert contains(pdf, voorbeelden.DIAKRIET) == []
    for fragment in ("één", "ë", "ij", "’t is oké"):  # a line may break between words
        assert squeeze(fragment) in squeeze(all_text(pdf))


def test_markup_characters_in_a_goal_are_text_not_markup() -> None:
    meting = voorbeelden.met_doelen(0).add_doel(
        "geld", "Minder dan <b>100</b> & meer dan 5 > 3 euro\nper week", acties=[Actie.create("inwoner", "A & B")]
    )
    pdf = koelkastblad_pdf(meting, "Team <Noord> & Zuid")
    assert contains(pdf, "Minder dan <b>100</b> & meer dan 5 > 3 euro per week", "A & B", "Team <Noord> & Zuid") == []


def test_zero_doelen_gives_a_friendly_single_sheet() -> None:
    pdf = koelkastblad_pdf(voorbeelden.met_doelen(0), voorbeelden.TEAM)
    assert len(reader(pdf).pages) == 1
    assert contains(pdf, "nog geen doelen", "1 juni 2026", voorbeelden.TEAM) == []


def test_ten_doelen_flow_onto_a_second_page() -> None:
    meting = voorbeelden.met_doelen(10)
    pdf = koelkastblad_pdf(meting, voorbeelden.TEAM)
    assert len(reader(pdf).pages) >= 2
    assert contains(pdf, *(d.tekst for d in meting.doelen)) == []
    assert squeeze(voorbeelden.TEAM) in squeeze(reader(pdf).pages[-1].extract_text())


def test_body_text_is_at_least_14_points() -> None:
    pdf = koelkastblad_pdf(voorbeelden.met_doelen(3, lang=True), voorbeelden.TEAM)
    sizes: list[tuple[float, str]] = []

    def visit(text, cm, tm, font, size) -> None:  # type: ignore[no-untyped-def]
        if text.strip():
            sizes.append((size * tm[0], text.strip()))

    for page in reader(pdf).pages:
        page.extract_text(visitor_text=visit)
    small = [text for size, text in sizes if size < 14 and not text.startswith(("Mijn doelen", "blad"))]
    assert sizes and small == []  # only the page footer is smaller


def test_fonts_are_embedded_and_metadata_is_set() -> None:
    pdf = koelkastblad_pdf(voorbeelden.nulmeting(), voorbeelden.TEAM)
    doc = reader(pdf)
    assert doc.metadata.title == "Mijn doelen"
    assert doc.trailer["/Root"]["/Lang"] == "nl-NL"
    names = font_names(pdf)
    assert names and all("MagneetbordSans" in n for n in names)
    for page in doc.pages:
        for font in page["/Resources"]["/Font"].values():
            descriptor = font.get_object()["/FontDescriptor"]
            assert "/FontFile2" in descriptor  # the TrueType program itself is in the file


def test_the_same_meting_gives_the_same_bytes() -> None:
    assert koelkastblad_pdf(voorbeelden.nulmeting(), voorbeelden.TEAM) == koelkastblad_pdf(
        voorbeelden.nulmeting(), voorbeelden.TEAM
    )


def test_a_doel_without_streefdatum_or_acties_and_no_next_meting() -> None:
    meting = replace(voorbeelden.met_doelen(0), volgende_meting=None).add_doel("werk", "Een baan vinden")
    pdf = koelkastblad_pdf(meting, voorbeelden.TEAM)
    text = all_text(pdf)
    assert "Een baan vinden" in text
    assert "Klaar op" not in text and "Volgende keer" not in text


def test_a_vervolgmeting_shows_the_doelen_that_go_on_and_not_those_done() -> None:
    """New doelen and those from before that went deels or niet behaald are worked on: on the
    sheet, those from before said to go on (no verdict: since 2026-12-04 not "Niet behaald" on the
    fridge); behaald and vervallen are not (``Doel.loopt``)."""
    vervolg = voorbeelden.vervolgmeting()
    for nieuwe in ("niet behaald", "vervallen"):  # one more of each, carried over and evaluated
        doel = replace(vervolg.doelen[0], id=f"doel-{nieuwe}", tekst=f"Een doel dat {nieuwe} is.", evaluatie=nieuwe)
        vervolg = replace(vervolg, doelen=(*vervolg.doelen, doel))
    pdf = koelkastblad_pdf(vervolg, voorbeelden.TEAM)
    gaan_door = ["Vrijwilligerswerk bij de kringloop, twee ochtenden per week.", "Een doel dat niet behaald is.",
                 *(d.tekst for d in vervolg.doelen if d.evaluatie == "deels behaald")]
    klaar = [d.tekst for d in vervolg.doelen if d.evaluatie in ("behaald", "vervallen")]
    assert len(gaan_door) == 3 and contains(pdf, *gaan_door) == []
    assert len(klaar) == 2 and contains(pdf, *klaar) == klaar
    text = all_text(pdf)
    assert "Deels behaald" not in text and "Niet behaald" not in text and "Vervallen" not in text
    assert squeeze(text).count(squeeze("We werken verder aan dit doel.")) == 2  # the two from before


def test_the_doelen_agreed_today_come_before_those_that_run_on() -> None:
    """The sheet opens with what was just agreed (an outside walk found it opening with last
    time's goal, niet behaald, and its passed date, the new one on page 2)."""
    vervolg = voorbeelden.vervolgmeting()
    nieuw = [d.tekst for d in vervolg.doelen if not vervolg.is_overgenomen(d)]
    lopend = [d.tekst for d in vervolg.lopende_doelen if vervolg.is_overgenomen(d)]
    assert nieuw and lopend
    # the example lists a carried-over doel first: the sheet puts it after
    assert vervolg.doelen.index(next(d for d in vervolg.doelen if d.tekst == lopend[0])) < \
        vervolg.doelen.index(next(d for d in vervolg.doelen if d.tekst == nieuw[0]))
    text = squeeze(all_text(koelkastblad_pdf(vervolg, voorbeelden.TEAM)))
    places = [text.find(squeeze(tekst)[:40]) for tekst in (*nieuw, *lopend)]
    assert -1 not in places and places == sorted(places), places


def test_the_next_meeting_sentence_keeps_the_dates_own_period_in_every_language() -> None:
    """Ukrainian writes a date with "р." at its end and its sentence after it adds none: the
    sheet printed "4 березня 2027 р Тоді …" when the date's own period was taken off as well
    (an outside walk read it in the PDF)."""
    from board.taal import TALEN

    meting = voorbeelden.met_doelen(0)
    assert meting.volgende_meting is not None
    for taal in TALEN:
        tr = vertaler(taal.code)
        datum = tr.datum(meting.volgende_meting)
        zin = tr.pgettext("inwoner", "{datum}. Dan kijken we samen hoe het gaat.").format(datum=datum)
        if tr.rtl:  # the PDF holds Arabic in drawing order: checked by the catalogue's test
            continue
        assert contains(koelkastblad_pdf(meting, "Wijkteam Stratum", tr), zin) == [], (taal.code, zin)
