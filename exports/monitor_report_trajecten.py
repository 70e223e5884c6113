"""The monitor report's page on trajecten: the key figures per gebied (the same view model as
the app's monitor screen, ``board.monitor_5_view.kerncijfers``), caseload and instroom per wijk
over the quarters, the uitstroom by reason with its doorlooptijd, and doelen by who did the work.
Everything from published cells only."""

from __future__ import annotations

import math
from typing import Any

from reportlab.platypus import Paragraph, Spacer, Table

from board.i18n import _
from board.monitor_2_counts import ALLE
from board.monitor_2_trajecten import REDENEN
from board.monitor_5_view import KERNCIJFERS, kerncijfers
from exports import monitor_charts as charts
from exports.monitor_csv import cel_tekst
from exports.pdf import table_style


def trajecten_pagina(report: Any, h2: Any, small: Any, page_w: float) -> list:
    """The flowables of the page; ``report`` is ``monitor_report._Report``."""
    f, gem = report.f, report.gem
    gebieden = [*report.wijken, *report.teams, gem]
    kwartalen = f.tabel("trajecten").rijen

    def reeks(kolom: str) -> list[charts.Reeks]:
        return [charts.Reeks(g, tuple(report.v("trajecten", g, q, kolom).waarde for q in kwartalen), g == gem)
                for g in report.wijken]

    top = max((report.v("trajecten", g, q, "caseload").waarde or 0 for g in report.wijken for q in kwartalen),
              default=0)
    stap = 50 if top > 50 else 10  # a top that five gridlines divide into round numbers
    schaal = (0.0, float(max(stap, math.ceil(top * 1.1 / stap) * stap)))
    story: list = [
        Paragraph("Trajecten: caseload, in- en uitstroom", h2),
        Paragraph("Een traject loopt van de 0-meting tot het afsluiten. Caseload: trajecten die aan het eind van "
                  "het kwartaal nog lopen. Dezelfde kerncijfers staan op het monitorscherm van de app.", small),
        Spacer(1, 4),
        _kerncijfers_tabel(report, gebieden, small, page_w),
        Spacer(1, 6),
    ]
    if kwartalen:
        story += [
            charts.lijnen("Caseload per wijk aan het eind van het kwartaal", kwartalen, reeks("caseload"), page_w,
                          as_pct=False, schaal=schaal),
            Spacer(1, 6),
            charts.lijnen("Instroom per wijk: nieuwe trajecten per kwartaal", kwartalen, reeks("instroom"), page_w,
                          as_pct=False, schaal=schaal),
        ]
    story += [
        Paragraph("Uitstroom naar reden en doorlooptijd (hele gemeente)", h2),
        _uitstroom_tabel(report, small, page_w),
        Spacer(1, 6),
        Paragraph("Doelen naar wie het werk deed", h2),
        Paragraph("Doelen afgerond in de periode (elk één keer), naar de zwaarste hulp in hun acties. Rechts: "
                  "het aantal doelen.", small),
        charts.gestapeld(
            f"Doelen naar wie het werk deed ({gem})",
            [("behaald", charts.BETER), ("deels behaald", charts.DEELS), ("niet behaald", charts.SLECHTER),
             ("vervallen", charts.GELIJK)],
            report.stapels("doelen_actoren", ("behaald", "deels behaald", "niet behaald", "vervallen")), page_w),
    ]
    return story


def _kerncijfers_tabel(report: Any, gebieden: list[str], small: Any, page_w: float) -> Table:
    head = ["", *(Paragraph(f"<b>{_(label)}</b>", small) for _key, label in KERNCIJFERS)]
    rows = [head] + [[g, *(k.tekst for k in kerncijfers(report.f, report.p, g))] for g in gebieden]
    return _table(rows, page_w)


def _uitstroom_tabel(report: Any, small: Any, page_w: float) -> Table:
    tabel = report.f.tabel("uitstroom")
    labels = dict(zip(tabel.rijen, tabel.rij_labels, strict=True))
    kolommen = ("trajecten", "doorlooptijd_mediaan", "doorlooptijd_q1", "doorlooptijd_q3")
    kop = dict(zip(tabel.kolommen, tabel.kolom_labels, strict=True))
    head = ["", *(Paragraph(f"<b>{kop[k]}</b>", small) for k in kolommen)]
    rows = [head] + [[labels[r], *(cel_tekst(report.v("uitstroom", report.gem, r, k), "uitstroom", k)
                                   for k in kolommen)] for r in (*REDENEN, ALLE)]
    return _table(rows, page_w)


def _table(rows: list[list], page_w: float) -> Table:
    n = len(rows[0]) - 1
    table = Table(rows, colWidths=[page_w * 0.3] + [page_w * 0.7 / n] * n, repeatRows=1)
    table.setStyle(table_style(*[
        ("FONT", (0, 1), (-1, -1), "DejaVuSans", 8), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.6, charts.TEKST), ("LINEABOVE", (0, -1), (-1, -1), 0.4, charts.ZACHT),
        ("FONT", (0, -1), (-1, -1), "DejaVuSans-Bold", 8), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
    ]))
    return table
