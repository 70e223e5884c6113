"""What the PDFs share: the embedded DejaVu font, the paragraph styles, and one way to build
an A4 document whose bytes never change (``invariant=1``) and whose metadata says its title
and language."""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import cache
from xml.sax.saxutils import escape

from reportlab import rl_config
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, SimpleDocTemplate, TableStyle

from board import schrift
from exports.bronnen import PDF_FONT, PDF_FONT_BOLD, pil_font, register_pdf_fonts
from exports.text_fit import fit

TAAL = "nl-NL"
MAKER = "Magneetbord"
INKT = colors.Color(40 / 255, 40 / 255, 40 / 255)
GRIJS = colors.Color(95 / 255, 95 / 255, 95 / 255)
VLAK = colors.Color(243 / 255, 240 / 255, 232 / 255)  # the soft panel behind each doel
LIJN = colors.Color(200 / 255, 195 / 255, 185 / 255)


def markup(text: str) -> str:
    """Text typed by a person, made safe for a Paragraph: '<' and '&' stay themselves and
    line breaks stay line breaks."""
    return escape(text).replace("\n", "<br/>")


@cache
def style(name: str) -> ParagraphStyle:
    """The named paragraph styles. Long words that do not fit are broken (splitLongWords)."""
    register_pdf_fonts()
    base = {"splitLongWords": 1, "allowWidows": 0, "bulletFontName": PDF_FONT}
    sizes = {
        # name: (size, leading, bold, colour, space after)
        "titel": (30, 36, True, INKT, 4),
        "kop": (20, 26, True, INKT, 8),
        "leefgebied": (15, 19, True, GRIJS, 4),
        "doel": (18, 25, False, INKT, 8),
        "tekst": (14, 20, False, INKT, 4),
        "tekst_krap": (12, 16, False, INKT, 3),  # where the room on a page is short (``Passend``)
        "actie": (14, 20, False, INKT, 3),
        "klein": (11, 14, False, GRIJS, 2),
        "dossier": (10.5, 13.5, False, INKT, 2),
        "dossier_vet": (10.5, 13.5, True, INKT, 2),
    }
    size, leading, bold, colour, after = sizes[name]
    if name == "actie":  # a bulleted line, the text hanging clear of the bullet
        base.update(leftIndent=20, bulletIndent=4, bulletFontSize=size)
    return ParagraphStyle(
        name,
        **base,
        fontSize=size,
        leading=leading,
        textColor=colour,
        spaceAfter=after,
        fontName=PDF_FONT_BOLD if bold else PDF_FONT,
    )


def ink_reach(text: str, name: str) -> tuple[float, float]:
    """How far (pt) the ink of ``text`` on one line in style ``name`` reaches above and below
    its baseline, measured on the glyphs drawn (Pillow, the same font): an Arabic title's "ي"
    reaches nearly half its size down, a Latin "j" a quarter, Tigrinya hardly at all."""
    st = style(name)
    drawn = schrift.for_display(text.replace("\n", " "))
    if not drawn.strip():
        return 0.0, 0.0
    _left, top, _right, bottom = pil_font(100, bold=st.fontName == PDF_FONT_BOLD).getbbox(drawn, anchor="ls")
    return max(0.0, -top) * st.fontSize / 100, max(0.0, bottom) * st.fontSize / 100


def space_between(upper: str, upper_style: str, lower: str, lower_style: str, white: float) -> float:
    """The space (pt) after a one-line paragraph ``upper`` so that at least ``white`` pt of white
    lies between its ink and that of the paragraph ``lower`` under it, or the upper style's own
    space after where that is more. ReportLab puts a paragraph's first baseline its font size
    below its top and leaves its leading below its last baseline."""
    up, low = style(upper_style), style(lower_style)
    reach_down = ink_reach(upper, upper_style)[1]
    reach_up = ink_reach(lower, lower_style)[0]
    baselines = white + reach_down + reach_up  # the distance the two baselines need
    return max(up.spaceAfter, baselines - (up.leading - up.fontSize) - low.fontSize)


def cell_rows(flowables: Sequence[Flowable], width: float, most: float) -> list[list[Flowable]]:
    """The flowables of one table cell, ``width`` wide, as the cells of consecutive rows, each
    no taller than ``most``: a paragraph taller than that is cut between its lines. A table
    splits between rows only, never inside one, so a doel of any length goes on over the
    next page instead of failing (ReportLab's LayoutError)."""
    rows: list[list[Flowable]] = [[]]
    used = 0.0
    for flowable in _pieces(flowables, width, most):
        height = flowable.wrap(width, most)[1] + flowable.getSpaceBefore() + flowable.getSpaceAfter()
        if rows[-1] and used + height > most:
            rows.append([])
            used = 0.0
        rows[-1].append(flowable)
        used += height
    return rows


def _pieces(flowables: Sequence[Flowable], width: float, most: float) -> list[Flowable]:
    todo, pieces = list(flowables), []
    while todo:
        flowable = todo.pop(0)
        if flowable.wrap(width, most)[1] <= most:
            pieces.append(flowable)
            continue
        parts = flowable.split(width, most)
        if len(parts) < 2:  # cannot be cut (one line taller than a row may be): as it is
            pieces.append(flowable)
            continue
        pieces.append(parts[0])
        todo[:0] = parts[1:]
    return pieces


def table_style(*commands: tuple, font: str = PDF_FONT) -> TableStyle:
    """A TableStyle in the document's font (Magneetbord Sans; the monitor report: DejaVu): a
    table's cells otherwise name Helvetica, which is not embedded."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), font), *commands])


def build_pdf(
    story: Sequence[Flowable],
    title: str,
    subject: str,
    footer: str,
    *,
    margin: float = 2.2 * cm,
    footer_size: float = 10,
    font: str = PDF_FONT,
    page_word: str = "blad",
    lang: str = "nl",
    rtl: bool = False,
) -> bytes:
    """An A4 PDF of ``story``: fonts embedded, title and language in the metadata, the same
    bytes for the same story (invariant=1 fixes the dates and the document id). Every PDF of
    the app is built here; ``margin``, ``footer_size`` and ``page_word`` suit a denser report."""
    register_pdf_fonts()
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=2.0 * cm,
        bottomMargin=2.2 * cm,
        title=title,
        subject=subject,
        author=MAKER,
        creator=MAKER,
        producer=MAKER,
        lang=TAAL if lang == "nl" else lang,  # the koelkastblad is in the inwoner's language
        invariant=1,
        # The canvas starts in DejaVu too: otherwise it names Helvetica, a font it never embeds.
        initialFontName=font,
    )

    def page_footer(canvas: Canvas, doc_: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(font, footer_size)
        canvas.setFillColor(GRIJS)
        # Right to left (``footer`` and ``page_word`` already in drawing order): mirrored, the
        # title on the right and the page number on the left.
        page = f"{doc_.page} {page_word}" if rtl else f"{page_word} {doc_.page}"
        left, right = doc_.leftMargin, A4[0] - doc_.rightMargin
        if rtl:
            canvas.drawString(left, 1.2 * cm, page)
        else:
            canvas.drawRightString(right, 1.2 * cm, page)
        # Measured: a long dossiernummer shrinks the line, then wraps it, never into "blad N".
        room = A4[0] - doc_.leftMargin - doc_.rightMargin - stringWidth(page, font, footer_size) - 0.6 * cm
        size, lines = fit(footer, room, footer_size, 7, lambda text, s: stringWidth(text, font, s))
        canvas.setFont(font, size)
        for number, line in enumerate(lines):
            y = 1.2 * cm + (len(lines) - 1 - number) * size * 1.2
            if rtl:
                canvas.drawRightString(right, y, line)
            else:
                canvas.drawString(left, y, line)
        canvas.restoreState()

    # Images as plain binary streams: ReportLab's ASCII85 text encoding (pure Python
    # without its optional C accelerator) was a third of the koelkastblad's build time.
    use_a85, rl_config.useA85 = rl_config.useA85, 0
    try:
        doc.build(list(story), onFirstPage=page_footer, onLaterPages=page_footer)
    finally:
        rl_config.useA85 = use_a85
    return buffer.getvalue()


class MetKop(Flowable):
    """A heading kept with the start of what follows it: when what follows cannot begin on
    this page (not even its first rows), the heading goes to the next page with it. Unlike
    KeepTogether, a long table still starts on this page when its first rows fit."""

    def __init__(self, kop: Flowable, volgende: Flowable) -> None:
        super().__init__()
        self.kop, self.volgende = kop, volgende

    def wrap(self, aW: float, aH: float) -> tuple[float, float]:
        return aW, 0xFFFFFF  # always split: the frame then places the two one by one

    def split(self, aW: float, aH: float) -> list[Flowable]:
        rest = aH - self.kop.wrap(aW, aH)[1] - self.kop.getSpaceAfter() - self.volgende.getSpaceBefore()
        if getattr(self, "_frame", None) is not None and self._frame._atTop:
            return [self.kop, self.volgende]  # already at the top of a page: nowhere better to go
        past = self.volgende.wrap(aW, rest)[1] <= rest
        return [self.kop, self.volgende] if past or self.volgende.split(aW, rest) else []


class Passend(Flowable):
    """The first of ``choices`` (white above, flowable) that fits the room left on the page; when
    none does, the first, on the next page: it is never split (a box of two lines, halved, is
    read as two)."""

    def __init__(self, choices: Sequence[tuple[float, Flowable]]) -> None:
        super().__init__()
        self.choices = list(choices)
        self.chosen = self.choices[0]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        sizes = [flowable.wrapOn(self.canv, avail_width, avail_height) for _space, flowable in self.choices]
        fitting = [i for i, (space, _f) in enumerate(self.choices) if space + sizes[i][1] <= avail_height]
        index = fitting[0] if fitting else 0
        self.chosen = self.choices[index]
        self.hAlign = self.chosen[1].hAlign  # placed on the page as the flowable itself would be
        self.width, self.height = sizes[index][0], self.chosen[0] + sizes[index][1]
        return self.width, self.height

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        self.chosen[1].drawOn(self.canv, 0, 0)
