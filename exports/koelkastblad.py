"""The koelkastblad: 'Mijn doelen', an A4 sheet the inwoner hangs on the fridge.

Every doel that runs on (new in this meting, first, then those from an earlier one that are
neither behaald nor vervallen: ``Meting.lopende_doelen``, how it went so far beneath it) with its pictogram and
leefgebied, the goal exactly as the inwoner typed it, when it should be done, who does what,
the next meting and how to reach the team. Large type and plenty of white space; it reads as a
letter to the inwoner, not as a form. It is written in the inwoner's language (``tr``,
board/taal.py), dates in that language's words; right-to-left text is shaped, broken into lines
and ordered by board/schrift.py (ReportLab can do neither) and set flush right, with the
pictograms on the right.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Image, Paragraph, Spacer, Table

from board import schrift
from board.meting import Meting
from board.meting_waarden import Doel
from board.taal import Vertaler, vertaler
from board.weergave import uitvoerder_naam
from exports.bronnen import BLIJ, PDF_FONT_BOLD
from exports.pdf import LIJN, VLAK, Passend, build_pdf, cell_rows, markup, space_between, style, table_style

PICTO = 2.2 * cm
MARGIN = 2.2 * cm  # build_pdf's default
TEXT_WIDTH = A4[0] - 2 * MARGIN  # the page's column
DOEL_WIDTH = TEXT_WIDTH - (PICTO + 0.8 * cm) - 12 - 14  # beside the pictogram, inside the paddings
# A row holds at most RIJ_HOOGSTENS of a doel's column, so a long doel continues on the next
# page (exports.pdf.cell_rows).
RIJ_HOOGSTENS = 8 * cm
TITEL_WIT = 6  # pt: at least this much white between the title's ink and the line under it, in every script


DEFAULT_TEAM_CONTACT = "je eigen contactpersoon van het wijkteam"  # said in the inwoner's language (``_afspraak``)


def koelkastblad_pdf(meting: Meting, team_contact: str, tr: Vertaler | None = None, nummer: int | None = None) -> bytes:
    """The koelkastblad of ``meting`` as PDF bytes (byte-identical for the same input), in
    the language of ``tr`` (Dutch when not given); ``nummer``: which meting of its traject
    (``board.traject.plaats``), for the file's description."""
    tr = tr or vertaler("nl")
    titel = tr.pgettext("inwoner", "Mijn doelen")
    story: list[Flowable] = [_title(meting, tr, titel), Spacer(1, 0.6 * cm)]
    # Today's doelen first, then those from before that go on (deels or niet behaald): the sheet
    # opens with what was just agreed, not with last time's goal and its passed date.
    doelen = sorted(meting.lopende_doelen, key=meting.is_overgenomen)
    if doelen:
        for doel in doelen:  # white between the doelen; after the last, the box's own (``_afspraak``)
            story += [Spacer(1, 0.4 * cm)] * (doel is not doelen[0]) + [_doel(meting, doel, tr)]
    else:
        story += [
            _para(tr.pgettext("inwoner", "Je hebt deze keer nog geen doelen opgeschreven."), "doel", tr, TEXT_WIDTH),
            _para(tr.pgettext("inwoner", "Dat is goed. Wil je later iets bereiken? Dan maken we samen een doel."),
                  "tekst", tr, TEXT_WIDTH),
            Spacer(1, 0.8 * cm),
        ]
    story.append(_afspraak(meting, team_contact, tr))
    subject = f"{titel}, {meting.naam(nummer)}, {tr.datum(meting.datum)}"
    return build_pdf(story, title=titel, subject=subject, footer=schrift.for_display(titel),
                     page_word=schrift.for_display(tr.pgettext("inwoner", "blad")), lang=tr.code,
                     rtl=tr.rtl)


def _para(text: str, name: str, tr: Vertaler, width: float, label: str = "", **kwargs: object) -> Flowable:
    """A paragraph of ``text`` after a bold ``label``; right to left: the lines broken here
    (on the shaped words, measured in the bold font where there is a label, so its width counts), each in
    drawing order, flush right, the label bold at the right end of the first line and a bullet
    (``bulletText``) hanging on the right, as the Dutch one hangs on the left."""
    base = style(name)
    if not (tr.rtl or schrift.has_rtl(text)):
        bold = f"<b>{escape(label)}</b> " if label else ""
        return Paragraph(bold + markup(text), base, **kwargs)
    whole = f"{label} {text}".strip() if label else text
    bullet = kwargs.pop("bulletText", None)
    indent = base.leftIndent + base.rightIndent
    size = base.fontSize
    font = PDF_FONT_BOLD if label else base.fontName
    lines = schrift.visual_lines(whole, width - indent - 2, lambda line: stringWidth(line, font, size))
    parts = [escape(line) for line in lines]
    drawn_label = schrift.visual(label) if label else ""
    if drawn_label and lines[0].endswith(drawn_label):  # the label is read first: at the first line's right end
        parts[0] = f"{escape(lines[0][: -len(drawn_label)])}<b>{escape(drawn_label)}</b>"
    rtl = ParagraphStyle(f"{name}-rtl", parent=base, alignment=TA_RIGHT, splitLongWords=0, leftIndent=0,
                         rightIndent=0)
    paragraph = Paragraph("<br/>".join(parts), rtl, **kwargs)
    if bullet is None:
        return paragraph
    mark = ParagraphStyle(f"{name}-bullet", parent=rtl, fontName=base.bulletFontName, rightIndent=base.bulletIndent)
    table = Table([[paragraph, Paragraph(escape(bullet), mark)]], colWidths=[width - base.leftIndent, base.leftIndent])
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                               ("RIGHTPADDING", (0, 0), (-1, -1), 0), ("TOPPADDING", (0, 0), (-1, -1), 0),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), base.spaceAfter)))
    return table


def _mirror(row: list, tr: Vertaler) -> list:
    return list(reversed(row)) if tr.rtl else row


def _title(meting: Meting, tr: Vertaler, titel: str) -> Flowable:
    opgeschreven = tr.pgettext("inwoner", "Samen opgeschreven op {datum}").format(datum=tr.datum(meting.datum))
    # An Arabic title reaches far below its baseline (a new user found it touching the line under it).
    after = space_between(titel, "titel", opgeschreven, "tekst", TITEL_WIT) - style("titel").spaceAfter
    words = [_para(titel, "titel", tr, TEXT_WIDTH - 2.4 * cm), Spacer(1, after),
             _para(opgeschreven, "tekst", tr, TEXT_WIDTH - 2.4 * cm)]
    cells = _mirror([Image(str(BLIJ), 1.8 * cm, 1.8 * cm), words], tr)
    table = Table([cells], colWidths=_mirror([2.4 * cm, None], tr))
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)))
    return table


def _doel(meting: Meting, doel: Doel, tr: Vertaler) -> Flowable:
    leefgebied = meting.leefgebieden[doel.leefgebied]
    content: list[Flowable] = [
        _para(leefgebied.naam_in(tr.code), "leefgebied", tr, DOEL_WIDTH),
        _para(doel.tekst, "doel", tr, DOEL_WIDTH),
    ]
    if meting.is_overgenomen(doel):  # from an earlier meting, talked over today: it goes on (no verdict, no red)
        content.append(_para(tr.pgettext("inwoner", "We werken verder aan dit doel."), "tekst", tr, DOEL_WIDTH))
    # What is agreed now: a date still ahead (a new one, or one not yet reached); a day that has
    # passed is left out rather than shown overdue on the fridge (the doel goes on without a date).
    if doel.streefdatum and not doel.te_laat(meting.datum):
        content.append(_para(tr.datum(doel.streefdatum), "tekst", tr, DOEL_WIDTH,
                             label=tr.pgettext("inwoner", "Klaar op:")))
    if doel.acties:
        content.append(_para("", "tekst", tr, DOEL_WIDTH, label=tr.pgettext("inwoner", "Wie doet wat:")))
        for actie in doel.acties:
            wie = uitvoerder_naam(actie.wie, tr)
            content.append(_para(actie.wat, "actie", tr, DOEL_WIDTH, label=f"{wie}:", bulletText="•"))
    rows = cell_rows(content, DOEL_WIDTH, RIJ_HOOGSTENS)
    cells = [_mirror([_picto(leefgebied.pictogram_path) if i == 0 else "", row], tr) for i, row in enumerate(rows)]
    table = Table(cells, colWidths=_mirror([PICTO + 0.8 * cm, None], tr))
    table.setStyle(
        table_style(
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("BACKGROUND", (0, 0), (-1, -1), VLAK),
            ("ROUNDEDCORNERS", [10, 10, 10, 10]),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, 0), 12),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ("LEFTPADDING", (0, 0), (-1, -1), 12),
            ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        )
    )
    return table


def _picto(path: object) -> Image:
    image = Image(str(path), PICTO, PICTO)
    image.width, image.height = PICTO, PICTO
    return image


def _afspraak(meting: Meting, team_contact: str, tr: Vertaler) -> Flowable:
    """The box with the next meting and whom to ask; tighter (smaller type and white) where that
    keeps it on the page the doelen end on, rather than alone on a page of its own."""
    return Passend([((0.15 if tight else 0.3) * cm, _afspraak_box(meting, team_contact, tr, tight))
                    for tight in (False, True)])


def _afspraak_box(meting: Meting, team_contact: str, tr: Vertaler, tight: bool) -> Flowable:
    lines: list[Flowable] = []
    width = TEXT_WIDTH - 28
    name = "tekst_krap" if tight else "tekst"
    if meting.volgende_meting:
        # A date that ends in an abbreviation's full stop (Ukrainian "2 березня 2027 р.") keeps
        # it: that language's sentence adds none (its catalogue; tests/test_talen.py).
        volgende = tr.pgettext("inwoner", "{datum}. Dan kijken we samen hoe het gaat.").format(
            datum=tr.datum(meting.volgende_meting))
        lines.append(_para(volgende, name, tr, width, label=tr.pgettext("inwoner", "Volgende keer praten we weer:")))
    if team_contact == DEFAULT_TEAM_CONTACT:  # no contact set (MAGNEETBORD_TEAM): the default, in their language
        team_contact = tr.pgettext("inwoner", "je eigen contactpersoon van het wijkteam")
    lines.append(_para(team_contact, name, tr, width, label=tr.pgettext("inwoner", "Vragen? Neem contact op met:")))
    table = Table([[lines]])
    table.setStyle(
        table_style(
            ("BOX", (0, 0), (-1, -1), 1.5, LIJN),
            ("ROUNDEDCORNERS", [10, 10, 10, 10]),
            ("TOPPADDING", (0, 0), (-1, -1), 7 if tight else 12),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 5 if tight else 10),
            ("LEFTPADDING", (0, 0), (-1, -1), 14),
            ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        )
    )
    return table
