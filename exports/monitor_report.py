"""The monitor report for the gemeente: a PDF with charts, and CSV files, after disclosure control.

``write_monitor_report`` counts the records, protects the figures and writes everything;
``write_published`` writes figures that were counted elsewhere (e.g. by SQL) and protected.
Every number on paper comes from ``disclosure.beveilig``: nothing here reads a raw count.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import KeepTogether, PageBreak, Paragraph, Spacer, Table

from board.i18n import _
from board.kaart import Kaart
from board.leefgebieden import DEFAULT_SET
from board.monitor_1_record import MonitorRecord
from board.monitor_2_counts import ALLE, Periode
from board.monitor_3_figures import figuren_uit_records
from board.monitor_3_table import CelKey, Figuren
from board.monitor_4_disclosure import KLEIN_TEKST, VERBORGEN_TEKST, Gepubliceerd, aandeel, beveilig
from board.monitor_5_view import monitor_beeld
from board.monitor_6_kaart import STANDAARD
from exports import monitor_charts as charts
from exports.bronnen import register_pdf_fonts
from exports.monitor_csv import cel_tekst, write_csv
from exports.monitor_report_trajecten import trajecten_pagina
from exports.monitor_report_wijken import wijken_pagina
from exports.pdf import build_pdf, table_style

PAGE_W = A4[0] - 36 * mm
TOP_N = 7


def write_monitor_report(
    records: Iterable[MonitorRecord],
    out_dir: Path,
    periode: Periode,
    gemeente_naam: str,
    set_naam: str = DEFAULT_SET,
) -> list[Path]:
    """Write ``monitor.pdf`` and one CSV per table into ``out_dir``; return their paths."""
    figuren = figuren_uit_records(records, periode, set_naam)
    return write_published(figuren, beveilig(figuren), Path(out_dir), periode, gemeente_naam)


def write_published(
    figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], out_dir: Path, periode: Periode, gemeente_naam: str,
    kaart: Kaart | None = None, kaartcijfer: str = STANDAARD,
) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    pdf = out_dir / "monitor.pdf"
    _Report(figuren, published, periode, gemeente_naam, kaart, kaartcijfer).build(pdf)
    return [pdf, *write_csv(figuren, published, out_dir)]


def _table_style(*commands: tuple) -> object:
    return table_style(*commands, font=charts.FONT)  # the report is in DejaVu throughout


_BODY = ParagraphStyle("body", fontName="DejaVuSans", fontSize=8.5, leading=11.5, textColor=charts.TEKST)
_SMALL = ParagraphStyle("small", parent=_BODY, fontSize=7, leading=9, textColor=charts.ZACHT)
_H1 = ParagraphStyle("h1", parent=_BODY, fontName="DejaVuSans-Bold", fontSize=18, leading=22, spaceAfter=2)
_H2 = ParagraphStyle("h2", parent=_BODY, fontName="DejaVuSans-Bold", fontSize=12.5, leading=16, spaceBefore=8,
                     spaceAfter=4)
_LEAD = ParagraphStyle("lead", parent=_BODY, fontSize=10, leading=13.5)


class _Report:
    def __init__(self, figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], periode: Periode, naam: str,
                 kaart: Kaart | None = None, kaartcijfer: str = STANDAARD):
        self.f, self.p, self.periode, self.naam = figuren, published, periode, naam
        self.gem = figuren.gemeente
        self.wijken = list(figuren.wijken)
        self.teams = list(figuren.wijkteams)
        self.kaart, self.kaartcijfer = kaart, kaartcijfer

    def v(self, tabel: str, gebied: str, rij: str, kolom: str) -> Gepubliceerd:
        return self.p[(tabel, gebied, rij, kolom)]

    def build(self, path: Path) -> None:
        register_pdf_fonts()  # before the first Paragraph names DejaVu
        story = [*self.voorpagina(), PageBreak(), *self.beter(), PageBreak(), *self.tijd(), PageBreak(),
                 *trajecten_pagina(self, _H2, _SMALL, PAGE_W), PageBreak(),
                 *wijken_pagina(self, _H2, _SMALL, PAGE_W), PageBreak(),
                 *self.doelen_en_start(), *self.verantwoording()]
        path.write_bytes(build_pdf(
            story,
            title=f"Monitor Wat telt – {self.naam} – {self.periode.label}",
            subject="Monitor per wijk",
            footer=f"Monitor Wat telt · {self.naam} · {self.periode.label}",
            margin=18 * mm,
            footer_size=7,
            page_word="pagina",
            font=charts.FONT,
        ))

    # ----- page 1: who, and what plays where -----------------------------------------

    def voorpagina(self) -> list:
        inwoners = self.v("overzicht", self.gem, ALLE, "inwoners")
        metingen = self.v("overzicht", self.gem, ALLE, "metingen")
        story: list = [
            Paragraph("Wat telt – monitor per wijk", _H1),
            Paragraph(f"{self.naam} · {self.periode.label}", _LEAD),
            Spacer(1, 6),
            Paragraph(
                f"In deze periode vulden wijkteams en inwoners het magneetbord in met "
                f"<b>{cel_tekst(inwoners, 'overzicht', 'inwoners')} inwoners</b> "
                f"({cel_tekst(metingen, 'overzicht', 'metingen')} metingen). "
                "Hieronder: welke leefgebieden inwoners per wijk kiezen als belangrijk.", _BODY),
            Spacer(1, 4),
            self.leeswijzer(),
            Paragraph("Wat speelt waar: gekozen leefgebieden", _H2),
            Paragraph(f"Aandeel van de inwoners dat het leefgebied koos (laatste meting in de periode); "
                      f"de {TOP_N} meest gekozen per gebied.", _SMALL),
            Spacer(1, 4),
            self.grid([self.gekozen_chart(g) for g in [self.gem, *self.wijken]]),
            Spacer(1, 6),
            self.tabel("overzicht", ("inwoners", "metingen", "nulmeting", "vervolgmeting")),
        ]
        return story

    def leeswijzer(self) -> Table:
        text = Paragraph(
            f"<b>Privacy.</b> Een cijfer over minder dan 10 inwoners staat er niet: <b>{KLEIN_TEKST}</b>. "
            f"Een cijfer dat anders uit de totalen terug te rekenen is, staat er ook niet: "
            f"<b>{VERBORGEN_TEKST}</b>. Ontbrekende staven zijn gestippeld. Aantallen zijn afgerond op 5, "
            "dus totalen tellen niet altijd precies op; percentages zijn berekend op de afgeronde aantallen.",
            _SMALL)
        table = Table([[text]], colWidths=[PAGE_W])
        table.setStyle(_table_style(*[("BACKGROUND", (0, 0), (-1, -1), colors.Color(0.95, 0.95, 0.93)),
                                   ("BOX", (0, 0), (-1, -1), 0.3, charts.RASTER), ("PADDING", (0, 0), (-1, -1), 5)]))
        return table

    def gekozen_chart(self, gebied: str):  # type: ignore[no-untyped-def]
        """Shares of the gebied's inwoners (where that total is hidden, the counts), the
        same rows as the app's monitor screen (board/monitor_5_view.py)."""
        totaal = self.v("overzicht", gebied, ALLE, "inwoners")
        balken = monitor_beeld(self.f, self.p, gebied).gekozen
        rows = [charts.Balk(_(b.label), b.waarde, b.tekst) for b in balken]
        titel = f"{gebied} ({cel_tekst(totaal, 'overzicht', 'inwoners')} inwoners)"
        leeg = "Te weinig inwoners om iets te laten zien." if not any(b.waarde for b in balken) else ""
        return charts.balken(titel, rows, PAGE_W / 2 - 8, leeg)

    def grid(self, drawings: Sequence) -> Table:
        cells = [list(drawings[i:i + 2]) + [""] * (2 - len(drawings[i:i + 2])) for i in range(0, len(drawings), 2)]
        table = Table(cells, colWidths=[PAGE_W / 2] * 2)
        table.setStyle(_table_style(*[("VALIGN", (0, 0), (-1, -1), "TOP"), ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
                                   ("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        return table

    # ----- page 2: where things get better ------------------------------------------

    def verandering_rows(self, gebied: str) -> list[charts.Verandering]:
        tabel = self.f.tabel("verandering")
        rows = []
        for rij, label in zip(tabel.rijen, tabel.rij_labels, strict=True):
            totaal = self.v("verandering", gebied, rij, "totaal")
            if not totaal.getoond:
                continue
            cells = {k: self.v("verandering", gebied, rij, k) for k in ("beter", "gelijk", "slechter")}
            rows.append(charts.Verandering(
                label, aandeel(cells["beter"], totaal), aandeel(cells["gelijk"], totaal),
                aandeel(cells["slechter"], totaal), cells["beter"].tekst(), cells["slechter"].tekst(),
                cel_tekst(totaal, "verandering", "totaal"),
            ))
        rows.sort(key=lambda r: -(r.beter if r.beter is not None else -1))
        return rows

    def beter(self) -> list:
        story: list = [
            Paragraph("Waar gaat het beter?", _H2),
            Paragraph("Inwoners met een 0-meting en een vervolgmeting: per leefgebied het aandeel bij wie de "
                      "fiche naar de blije kant schoof (beter) of naar de verdrietige kant (slechter), tussen de "
                      "0-meting en de laatste vervolgmeting. Een verschuiving van minder dan 5% van de balk telt als "
                      "gelijk, net als in de app. n = aantal inwoners.", _SMALL),
            Spacer(1, 4),
            charts.divergerend(f"{self.gem}", self.verandering_rows(self.gem), PAGE_W),
            Spacer(1, 8),
        ]
        per_wijk = []
        for wijk in self.wijken:
            rows = self.verandering_rows(wijk)
            if rows:
                per_wijk.append(charts.divergerend(wijk, rows, PAGE_W))
            else:
                per_wijk.append(Paragraph(f"<b>{wijk}</b>: te weinig inwoners met een vervolgmeting "
                                          f"om iets te laten zien ({KLEIN_TEKST}).", _BODY))
        story += [KeepTogether([d, Spacer(1, 6)]) for d in per_wijk]
        return story

    # ----- page 3: over time --------------------------------------------------------

    def tijd(self) -> list:
        kwartalen = self.f.tabel("trend").rijen
        gebieden = [*self.wijken, self.gem]
        beter = [charts.Reeks(g, tuple(aandeel(self.v("trend", g, q, "beter"), self.v("trend", g, q, "totaal"))
                                       for q in kwartalen), g == self.gem) for g in gebieden]
        cijfer = [charts.Reeks(g, tuple(self.v("trend", g, q, "mediaan_cijfer").waarde for q in kwartalen),
                               g == self.gem) for g in gebieden]
        return [
            Paragraph("Door de tijd", _H2),
            Paragraph("Per kwartaal: bij de vervolgmetingen in dat kwartaal, het aandeel leefgebieden dat beter "
                      "ging dan bij de 0-meting. Een open vierkantje: te weinig inwoners in dat kwartaal.", _SMALL),
            Spacer(1, 4),
            charts.lijnen("Aandeel leefgebieden beter dan bij de 0-meting", kwartalen, beter, PAGE_W),
            Spacer(1, 10),
            charts.lijnen("Mediaan rapportcijfer voor het leven als geheel", kwartalen, cijfer, PAGE_W,
                          as_pct=False, schaal=(0.0, 10.0)),
            Spacer(1, 8),
            Paragraph("Rapportcijfer: 0-meting tegenover de laatste vervolgmeting", _H2),
            self.tabel("rapportcijfer", ("inwoners", "hoger", "gelijk", "lager", "mediaan_0", "mediaan_laatst",
                                         "mediaan_verschil")),
        ]

    # ----- page 4: doelen and the start ---------------------------------------------

    def stapels(self, tabel_naam: str, delen: Sequence[str]) -> list[charts.Stapel]:
        tabel = self.f.tabel(tabel_naam)
        rows = []
        for rij, label in zip(tabel.rijen, tabel.rij_labels, strict=True):
            totaal = self.v(tabel_naam, self.gem, rij, "totaal")
            if not totaal.getoond:
                continue
            cells = [self.v(tabel_naam, self.gem, rij, k) for k in delen]
            markers = sorted({c.tekst() for c in cells if not c.getoond})
            rows.append(charts.Stapel(label, tuple(aandeel(c, totaal) for c in cells),
                                      cel_tekst(totaal, tabel_naam, "totaal"), " ".join(markers)))
        return rows

    def doelen_en_start(self) -> list:
        doelen = charts.gestapeld(
            f"Doelen per leefgebied ({self.gem})",
            [("behaald", charts.BETER), ("deels behaald", charts.DEELS), ("niet behaald", charts.SLECHTER),
             ("vervallen", charts.GELIJK)],
            self.stapels("doelen", ("behaald", "deels behaald", "niet behaald", "vervallen")), PAGE_W)
        kleuren = [charts.SLECHTER, colors.Color(0.93, 0.66, 0.5), charts.GELIJK, charts.DEELS, charts.BETER]
        start = charts.gestapeld(
            f"Hoe het gaat bij de 0-meting ({self.gem}), van verdrietig naar blij",
            [(f"{b}{' verdrietig' if b == '1' else ' blij' if b == '5' else ''}", k)
             for b, k in zip("12345", kleuren, strict=True)],
            self.stapels("posities", tuple("12345")), PAGE_W)
        return [
            Paragraph("Doelen", _H2),
            Paragraph("Doelen die in de periode bij een vervolgmeting geëvalueerd zijn. Rechts: het aantal doelen.",
                      _SMALL),
            doelen, Spacer(1, 8),
            Paragraph("Waar inwoners beginnen", _H2),
            Paragraph("Plaats van de fiche van de inwoner bij de 0-meting, in vijfden van de balk. "
                      "Rechts: het aantal inwoners.", _SMALL),
            start,
        ]

    def verantwoording(self) -> list:
        return [
            Paragraph("Verantwoording", _H2),
            Paragraph(
                "De cijfers komen uit pseudonieme monitorrecords: per afgeronde meting de wijk, de maand, de "
                "gekozen leefgebieden met hun volgorde en de plaats van de fiche van de inwoner, het rapportcijfer "
                "de evaluatie van de doelen en wie hun acties uitvoert (inwoner, netwerk, algemene voorziening, "
                "wijkteam, specialistische zorg), het nummer van het traject; per afgesloten traject de maand van "
                "begin en einde en de reden. Geen namen, geen dossiernummers en geen tekst van doelen of acties. "
                "Een inwoner telt in de wijk van zijn of haar laatste meting in de periode. "
                "Alle tabellen staan ook als CSV-bestand naast dit rapport, met dezelfde afscherming.", _SMALL),
        ]

    # ----- tables -------------------------------------------------------------------

    def tabel(self, naam: str, kolommen: Sequence[str]) -> Table:
        tabel = self.f.tabel(naam)
        labels = dict(zip(tabel.kolommen, tabel.kolom_labels, strict=True))
        head = ["", *(Paragraph(f"<b>{labels[k]}</b>", _SMALL) for k in kolommen)]
        rows = [head] + [
            [g, *(cel_tekst(self.v(naam, g, ALLE, k), naam, k) for k in kolommen)] for g in tabel.gebieden
        ]
        widths = [PAGE_W * 0.25] + [PAGE_W * 0.75 / len(kolommen)] * len(kolommen)
        table = Table(rows, colWidths=widths, repeatRows=1)
        table.setStyle(_table_style(*[
            ("FONT", (0, 1), (-1, -1), "DejaVuSans", 8), ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
            ("LINEBELOW", (0, 0), (-1, 0), 0.6, charts.TEKST), ("LINEABOVE", (0, -1), (-1, -1), 0.4, charts.ZACHT),
            ("FONT", (0, -1), (-1, -1), "DejaVuSans-Bold", 8), ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
        ]))
        return table
