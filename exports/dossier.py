"""The dossier PDF: one or two A4 pages for the team's case file.

The board picture, the comparison with the previous meting (one sentence and a table per
leefgebied), the doelen with their evaluations and the rapportcijfer. Written for the
professional: smaller type than the koelkastblad, but the same plain words.
"""

from __future__ import annotations

from reportlab.lib.units import cm
from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer, Table

from board.inwoner import Inwoner
from board.meting import Meting
from board.traject import Plaats
from board.vergelijking import Richting, vergelijk
from exports.bronnen import EVALUATIE_LABEL, UITVOERDER_LABEL, datum_nl
from exports.pdf import LIJN, VLAK, MetKop, build_pdf, cell_rows, markup, style, table_style
from exports.png_pdf import png_image
from exports.snapshot import snapshot_png

BREEDTE = 16.6 * cm  # the text width of A4 with the margins of build_pdf
DOEL_BREEDTE = 7.8 * cm  # the column of a doel and its acties
DOEL_RIJ = 6 * cm  # the most of that column in one table row (exports.pdf.cell_rows)
RICHTING_LABEL = {Richting.BETER: "▲ beter", Richting.GELIJK: "= gelijk", Richting.SLECHTER: "▼ slechter"}


class VorigeMetingError(ValueError):
    """The previous meting given does not belong before this one."""


def dossier_pdf(
    inwoner: Inwoner, meting: Meting, vorige: Meting | None = None, snapshot: bytes | None = None,
    plaats: Plaats | None = None,
) -> bytes:
    """The dossier PDF of ``meting``; ``vorige`` is the meting it follows (for the comparison).

    ``snapshot`` is the PNG to show; pass the one already rendered to avoid drawing it twice.
    ``plaats``: where the meting stands in the inwoner's trajecten (``board.traject.plaats``):
    a vervolgmeting is numbered within its traject, a new traject's 0-meting says so.
    """
    if vorige is not None and vorige.id != meting.vorige_meting_id:
        raise VorigeMetingError(
            f"Meting {vorige.id} is niet de vorige meting van {meting.id}; de vergelijking zou niet kloppen."
        )
    nummer = plaats.nummer if plaats is not None else None
    png = snapshot if snapshot is not None else snapshot_png(meting, inwoner, nummer=nummer)
    label = meting.naam(nummer)
    story: list[Flowable] = [
        Paragraph(f"Magneetbord: {markup(label)}", style("kop")),
        _gegevens(inwoner, meting),
        Spacer(1, 0.3 * cm),
        _picture(png),
        Spacer(1, 0.3 * cm),
        *_vergelijking(meting, vorige, plaats),
        *_doelen(meting),
    ]
    return build_pdf(
        story,
        title=f"Dossier {inwoner.dossiernummer}: {label} van {datum_nl(meting.datum)}",
        subject="Magneetbord, verslag voor het dossier",
        footer=f"Dossier {inwoner.dossiernummer} · {label} · {datum_nl(meting.datum)}",
    )


def positie_tekst(positie: float | None) -> str:
    """A position as a mark from 0 (sad) to 10 (happy), with a Dutch decimal comma."""
    return "–" if positie is None else f"{positie * 10:.1f}".replace(".", ",")


def _gegevens(inwoner: Inwoner, meting: Meting) -> Flowable:
    rows = [
        ("Datum", datum_nl(meting.datum)),
        ("Dossiernummer", inwoner.dossiernummer),
        ("Initialen", inwoner.initialen or "–"),
        ("Wijk", inwoner.wijk),
        ("Leefgebieden", f"{meting.leefgebieden.titel} (versie {meting.set_versie})"),
        ("Afgerond op", datum_nl(meting.afgerond_op) if meting.afgerond_op else "nog niet afgerond (concept)"),
        ("Rapportcijfer", str(meting.rapportcijfer) if meting.rapportcijfer is not None else "niet gegeven"),
        ("Volgende meting", datum_nl(meting.volgende_meting) if meting.volgende_meting else "nog niet gepland"),
    ]
    return _table(
        [[Paragraph(k, style("dossier_vet")), Paragraph(markup(v), style("dossier"))] for k, v in rows],
        [4 * cm, BREEDTE - 4 * cm],
        header=False,
    )


def _picture(png: bytes) -> Flowable:
    return png_image(png, BREEDTE)  # the PNG's own compressed pixels: encoded once (P9)


def _vergelijking(meting: Meting, vorige: Meting | None, plaats: Plaats | None = None) -> list[Flowable]:
    kop = Paragraph("Vergelijking met de vorige meting", style("kop"))
    if vorige is None:
        if meting.vorige_meting_id is not None:
            tekst = "De vorige meting is niet meegegeven; het bord toont haar fiches licht."
        elif plaats is not None and plaats.traject > 0:  # a new start: not compared with the old traject's end
            tekst = ("Dit is de 0-meting van een nieuw traject: het vorige traject is afgesloten. "
                     "Er is in dit traject nog geen meting om mee te vergelijken.")
        else:
            tekst = "Dit is de 0-meting: er is nog geen vorige meting om mee te vergelijken."
        return [KeepTogether([kop, Paragraph(tekst, style("dossier"))])]
    v = vergelijk(vorige, meting)
    namen = meting.leefgebieden
    rows = [[Paragraph(h, style("dossier_vet")) for h in ("Leefgebied", "Vorige", "Nu", "Verschil")]]
    for lg in v.leefgebieden:
        rows.append(
            [
                Paragraph(markup(namen[lg.leefgebied].naam), style("dossier")),
                Paragraph(positie_tekst(lg.oud), style("dossier")),
                Paragraph(positie_tekst(lg.nieuw), style("dossier")),
                Paragraph(RICHTING_LABEL[lg.richting], style("dossier")),
            ]
        )
    parts: list[Flowable] = [
        kop,
        Paragraph(markup(v.zin), style("tekst")),
        _table(rows, [7 * cm, 2.6 * cm, 2.6 * cm, BREEDTE - 12.2 * cm]),
        Paragraph("Plaats op de balk van 0 (verdrietig) tot 10 (blij), volgens de inwoner.", style("klein")),
    ]
    if v.toegevoegd:
        parts.append(
            Paragraph("Nieuw op het bord: " + ", ".join(namen[k].naam for k in v.toegevoegd), style("dossier"))
        )
    if v.vervallen:
        parts.append(
            Paragraph("Van het bord gehaald: " + ", ".join(namen[k].naam for k in v.vervallen), style("dossier"))
        )
    return [KeepTogether(parts)]


def _doelen(meting: Meting) -> list[Flowable]:
    kop = Paragraph("Doelen", style("kop"))
    if not meting.doelen:
        return [Spacer(1, 0.3 * cm), MetKop(kop, Paragraph("Er zijn geen doelen bij deze meting.", style("dossier")))]
    rows = [[Paragraph(h, style("dossier_vet")) for h in ("Leefgebied", "Doel en acties", "Klaar op", "Evaluatie")]]
    lines: list[tuple] = []
    for doel in meting.doelen:
        tekst = [Paragraph(markup(doel.tekst), style("dossier"))] + [
            Paragraph(f"• <b>{UITVOERDER_LABEL[a.wie]}:</b> {markup(a.wat)}", style("dossier")) for a in doel.acties
        ]
        if meting.is_overgenomen(doel):
            evaluatie = EVALUATIE_LABEL[doel.evaluatie] if doel.evaluatie else "nog niet geëvalueerd"
        else:
            evaluatie = "nieuw doel"
        # A long doel with many acties goes on in rows below its first one (never taller
        # than a page), the line drawn only under its last.
        first = [
            Paragraph(markup(meting.leefgebieden[doel.leefgebied].naam), style("dossier")),
            Paragraph(datum_nl(doel.streefdatum) if doel.streefdatum else "–", style("dossier")),
            Paragraph(evaluatie, style("dossier")),
        ]
        for index, part in enumerate(cell_rows(tekst, DOEL_BREEDTE - 12, DOEL_RIJ)):
            naam, klaar, evaluatie_cel = first if index == 0 else ("", "", "")
            rows.append([naam, part, klaar, evaluatie_cel])
        lines.append(("LINEBELOW", (0, len(rows) - 1), (-1, len(rows) - 1), 0.5, LIJN))
    table = _table(rows, [3.6 * cm, DOEL_BREEDTE, 2.6 * cm, BREEDTE - 14 * cm], lines=lines)
    return [Spacer(1, 0.3 * cm), MetKop(kop, table)]


def _table(
    rows: list[list[Flowable]], widths: list[float], header: bool = True, lines: list[tuple] | None = None
) -> Table:
    """A table of the dossier; ``lines``: where the lines between rows go (default under every row)."""
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        *(lines if lines is not None else [("LINEBELOW", (0, 0), (-1, -1), 0.5, LIJN)]),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), VLAK))
    table.setStyle(table_style(*commands))
    return table
