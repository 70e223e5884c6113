"""The monitor report's pages per wijk: the map (when the gemeente supplied its wijk boundaries,
``board.kaart``) coloured by one of the trajecten's key figures, and a trend chart per wijk and
per wijkteam over the quarters (caseload, instroom, uitstroom). Published cells only."""

from __future__ import annotations

import math
from typing import Any

from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table

from board.i18n import _
from board.monitor_6_kaart import kaart_beeld
from exports import monitor_charts as charts
from exports.monitor_kaart import kaart_tekening
from exports.pdf import table_style

KAART_H = 330
REEKSEN = (("caseload", "Caseload"), ("instroom", "Instroom"), ("uitstroom", "Uitstroom"))


def wijken_pagina(report: Any, h2: Any, small: Any, page_w: float) -> list:
    """The flowables; ``report`` is ``monitor_report._Report``."""
    story: list = []
    if report.kaart is not None:
        beeld = kaart_beeld(report.kaart, report.f, report.p, report.kaartcijfer)
        story += [
            Paragraph(f"Kaart: {_(beeld.titel).lower()} per wijk", h2),
            Paragraph("Elke wijk gekleurd naar het cijfer (dezelfde cijfers als de tabel met kerncijfers): licht is "
                      "laag, donker is hoog. Een gearceerde wijk heeft een verborgen cijfer (<10 of x) of geen "
                      "inwoners in de periode; zijn kleur zou het cijfer verraden.", small),
            Spacer(1, 4),
            kaart_tekening(report.kaart, beeld, page_w, KAART_H),
        ]
        if beeld.niet_op_kaart:
            story.append(Paragraph("Niet op de kaart (geen grens met die naam in het kaartbestand): "
                                   + ", ".join(beeld.niet_op_kaart) + ".", small))
        story.append(PageBreak())
    kwartalen = report.f.tabel("trajecten").rijen
    if not kwartalen:
        return story
    story += [
        Paragraph("Trends per wijk en per wijkteam", h2),
        Paragraph("Per kwartaal: caseload aan het eind van het kwartaal, instroom (nieuwe trajecten) en uitstroom "
                  "(afgesloten). Een open vierkantje: dat kwartaal is verborgen (<10 of x).", small),
        Spacer(1, 4),
    ]
    charts_ = [_trend(report, g, kwartalen, page_w / 2 - 8) for g in (*report.wijken, *report.teams)]
    rows = [charts_[i:i + 2] + [""] * (2 - len(charts_[i:i + 2])) for i in range(0, len(charts_), 2)]
    for row in rows:
        table = Table([row], colWidths=[page_w / 2] * 2)
        table.setStyle(table_style(("VALIGN", (0, 0), (-1, -1), "TOP"), ("LEFTPADDING", (0, 0), (-1, -1), 0),
                                   ("BOTTOMPADDING", (0, 0), (-1, -1), 6), font=charts.FONT))
        story.append(KeepTogether([table]))
    return story


def _trend(report: Any, gebied: str, kwartalen: tuple[str, ...], width: float) -> Any:
    reeksen = [charts.Reeks(label, tuple(report.v("trajecten", gebied, q, kolom).waarde for q in kwartalen),
                            kolom == "caseload") for kolom, label in REEKSEN]
    top = max((v for r in reeksen for v in r.waarden if v is not None), default=0)
    stap = 50 if top > 50 else 10
    schaal = (0.0, float(max(stap, math.ceil(top * 1.1 / stap) * stap)))
    soort = " (wijkteam)" if gebied in report.teams else ""
    return charts.lijnen(f"{gebied}{soort}", kwartalen, reeksen, width, as_pct=False, schaal=schaal)
