from __future__ import annotations

import csv

from board.monitor_2_counts import Periode
from board.monitor_3_figures import figuren_uit_records
from board.monitor_4_disclosure import Gepubliceerd, Zichtbaarheid, beveilig
from exports.monitor_csv import cel_tekst, write_csv
from samples.monitor_voorbeeld import voorbeeld_records


def test_cell_text_is_dutch():
    shown = lambda v: Gepubliceerd(v, Zichtbaarheid.GETOOND)  # noqa: E731
    assert cel_tekst(shown(2.5), "gekozen", "mediaan_rang") == "2,5"
    assert cel_tekst(shown(0.123), "verandering", "mediaan_verschil") == "+12"
    assert cel_tekst(shown(-1.0), "rapportcijfer", "mediaan_verschil") == "-1,0"
    assert cel_tekst(shown(35), "doelen", "totaal") == "35"
    assert cel_tekst(Gepubliceerd(None, Zichtbaarheid.KLEIN), "doelen", "totaal") == "<10"


def test_csv_files_open_in_dutch_excel_and_hold_only_published_counts(tmp_path):
    figuren = figuren_uit_records(voorbeeld_records(inwoners=120, wijken=3, klein=4), Periode("2025-01", "2025-12"))
    paths = write_csv(figuren, beveilig(figuren), tmp_path)
    assert [p.name for p in paths][:2] == ["monitor_overzicht.csv", "monitor_gekozen.csv"]
    raw = paths[0].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    with paths[0].open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    assert rows[0] == ["Gebied", "", "Inwoners", "Metingen", "0-metingen", "Vervolgmetingen"]
    assert rows[-1][0] == "Hele gemeente"
    assert [r[2] for r in rows if r[0] == "Zuid"] == ["<10"]
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header, *body = list(csv.reader(handle, delimiter=";"))
        for row in body:
            for kop, value in zip(header[2:], row[2:], strict=True):
                if value.isdigit() and not kop.startswith(("Median", "Gemiddeld")):
                    assert int(value) % 5 == 0, (path.name, row)
