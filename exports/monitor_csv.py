"""The monitor figures as CSV files, one per table, after disclosure control.

Written for Dutch Excel: ``;`` between fields and a decimal comma (Excel with Dutch
regional settings uses ',' as the decimal sign and therefore ';' as the list separator,
so it opens such a file in columns by a double click), and UTF-8 with a byte order mark,
without which Excel reads UTF-8 as Windows-1252 and turns "geëvalueerd" into garbage.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from pathlib import Path

from board.monitor_3_table import CelKey, Figuren, Tabel
from board.monitor_4_disclosure import Gepubliceerd

DELIMITER = ";"
ENCODING = "utf-8-sig"


def cel_tekst(cel: Gepubliceerd, tabel: str, kolom: str) -> str:
    """A published value as text with a decimal comma: counts whole, statistics with one
    decimal, a shift along the bar in points of a 0..100 bar."""
    if not cel.getoond or cel.waarde is None:
        return cel.tekst()
    if tabel == "verandering" and kolom == "mediaan_verschil":
        return f"{cel.waarde * 100:+.0f}"
    if kolom.endswith("verschil"):
        return f"{cel.waarde:+.1f}".replace(".", ",")
    if kolom.startswith(("mediaan", "gemiddelde", "doorlooptijd_", "eerste_vervolg_")):
        return f"{cel.waarde:.1f}".replace(".", ",")
    return f"{cel.waarde:.0f}"


def write_csv(figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], out_dir: Path) -> list[Path]:
    paths = []
    for tabel in figuren.tabellen:
        path = Path(out_dir) / f"monitor_{tabel.naam}.csv"
        with path.open("w", encoding=ENCODING, newline="") as handle:
            writer = csv.writer(handle, delimiter=DELIMITER, lineterminator="\r\n")
            writer.writerow(["Gebied", _rij_kop(tabel), *tabel.kolom_labels, "Soort gebied"])
            for gebied in tabel.gebieden:
                for rij, label in zip(tabel.rijen, tabel.rij_labels, strict=True):
                    cellen = (published[tabel.key(gebied, rij, k)] for k in tabel.kolommen)
                    teksten = (cel_tekst(c, tabel.naam, k) for c, k in zip(cellen, tabel.kolommen, strict=True))
                    writer.writerow([gebied, label, *teksten, figuren.soort(gebied)])
        paths.append(path)
    return paths


def _rij_kop(tabel: Tabel) -> str:
    koppen = {"trend": "Kwartaal", "trajecten": "Kwartaal", "trajecten_maand": "Maand", "uitstroom": "Reden",
              "doelen_actoren": "Wie deed het werk"}
    # A table of one row (all inwoners of the gebied) names its row heading too: every column has a name.
    return koppen.get(tabel.naam, "Leefgebied" if len(tabel.rijen) > 1 else "Groep")
