"""The koelkastblad: 'Mijn doelen', an A4 sheet the inwoner hangs on the fridge.

Every doel with its pictogram and leefgebied, the goal exactly as the inwoner typed it,
when it should be done, who does what, the next meting and how to reach the team. Large
type and plenty of white space; it reads as a letter to the inwoner, not as a form.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Image, KeepTogether, Paragraph, Spacer, Table

from board.meting import Doel, Meting
from exports.bronnen import BLIJ, UITVOERDER_LABEL, datum_nl
from exports.pdf import LIJN, VLAK, build_pdf, cell_rows, markup, style, table_style

TITEL = "Mijn doelen"
PICTO = 2.2 * cm
# The text column of a doel: the page's text width (A4 less 2 x 2.2 cm) less the pictogram's
# column and the cell's padding. A row holds at most RIJ_HOOGSTENS of it, so a long doel
# continues on the next page (exports.pdf.cell_rows).
TEKST_BREEDTE = 16.6 * cm - (PICTO + 0.8 * cm) - 12 - 14
RIJ_HOOGSTENS = 8 * cm


def koelkastblad_pdf(meting: Meting, team_contact: str) -> bytes:
    """The koelkastblad of ``meting`` as PDF bytes (byte-identical for the same input)."""
    story: list[Flowable] = [_title(meting), Spacer(1, 0.6 * cm)]
    doelen = lopende_doelen(meting)
    if doelen:
        for doel in doelen:
            story += [_doel(meting, doel), Spacer(1, 0.5 * cm)]
    else:
        story += [
            Paragraph("Je hebt deze keer nog geen doelen opgeschreven.", style("doel")),
            Paragraph(
                "Dat is helemaal goed. Als je later iets wilt bereiken, maken we samen een doel.",
                style("tekst"),
            ),
            Spacer(1, 0.8 * cm),
        ]
    story.append(_afspraak(meting, team_contact))
    return build_pdf(story, title=TITEL, subject=f"Doelen, {meting.label} van {datum_nl(meting.datum)}", footer=TITEL)


def lopende_doelen(meting: Meting) -> tuple[Doel, ...]:
    """The doelen to work on: an evaluated doel (behaald, vervallen, ...) is finished here;
    what goes on is written down as a new doel, so it stays on the fridge."""
    return tuple(d for d in meting.doelen if d.evaluatie is None)


def _title(meting: Meting) -> Flowable:
    table = Table(
        [
            [
                Image(str(BLIJ), 1.8 * cm, 1.8 * cm),
                [
                    Paragraph(TITEL, style("titel")),
                    Paragraph(f"Samen opgeschreven op {datum_nl(meting.datum)}", style("tekst")),
                ],
            ]
        ],
        colWidths=[2.4 * cm, None],
    )
    table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "MIDDLE"), ("LEFTPADDING", (0, 0), (-1, -1), 0)))
    return table


def _doel(meting: Meting, doel: Doel) -> Flowable:
    leefgebied = meting.leefgebieden[doel.leefgebied]
    content: list[Flowable] = [
        Paragraph(markup(leefgebied.naam), style("leefgebied")),
        Paragraph(markup(doel.tekst), style("doel")),
    ]
    if doel.streefdatum:
        content.append(Paragraph(f"<b>Klaar op:</b> {datum_nl(doel.streefdatum)}", style("tekst")))
    if doel.acties:
        content.append(Paragraph("<b>Wie doet wat:</b>", style("tekst")))
        for actie in doel.acties:
            content.append(
                Paragraph(
                    f"<b>{UITVOERDER_LABEL[actie.wie]}:</b> {markup(actie.wat)}",
                    style("actie"),
                    bulletText="•",
                )
            )
    rows = cell_rows(content, TEKST_BREEDTE, RIJ_HOOGSTENS)
    cells = [[_picto(leefgebied.pictogram_path) if index == 0 else "", row] for index, row in enumerate(rows)]
    table = Table(cells, colWidths=[PICTO + 0.8 * cm, None])
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


def _afspraak(meting: Meting, team_contact: str) -> Flowable:
    lines: list[Flowable] = []
    if meting.volgende_meting:
        lines.append(
            Paragraph(
                f"<b>Volgende keer praten we weer:</b> {datum_nl(meting.volgende_meting)}. "
                "Dan kijken we samen hoe het gaat.",
                style("tekst"),
            )
        )
    lines.append(Paragraph(f"<b>Vragen? Neem contact op met:</b> {markup(team_contact)}", style("tekst")))
    table = Table([[lines]])
    table.setStyle(
        table_style(
            ("BOX", (0, 0), (-1, -1), 1.5, LIJN),
            ("ROUNDEDCORNERS", [10, 10, 10, 10]),
            ("TOPPADDING", (0, 0), (-1, -1), 12),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 10),
            ("LEFTPADDING", (0, 0), (-1, -1), 14),
            ("RIGHTPADDING", (0, 0), (-1, -1), 14),
        )
    )
    return KeepTogether([Spacer(1, 0.3 * cm), table])
