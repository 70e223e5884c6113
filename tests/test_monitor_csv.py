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
    assert rows[0] == ["Gebied", "Groep", "Inwoners", "Metingen", "0-metingen", "Vervolgmetingen", "Soort gebied"]
    assert rows[-1][0] == "Hele gemeente" and rows[-1][-1] == "gemeente" and rows[1][-1] == "wijk"
    assert [r[2] for r in rows if r[0] == "Zuid"] == ["<10"]
    for path in paths:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            header, *body = list(csv.reader(handle, delimiter=";"))
        for row in body:
            for kop, value in zip(header[2:-1], row[2:-1], strict=True):
                if value.isdigit() and not kop.startswith(("Median", "Gemiddeld")):
                    assert int(value) % 5 == 0, (path.name, row)


def test_the_traject_csv_columns_are_the_ones_the_readme_documents() -> None:
    """One stable layout: the new files' headings name caseload, instroom, uitstroom and
    doorlooptijd, and the README's table lists each of them as it is written."""
    import csv
    import tempfile
    from pathlib import Path

    from board.monitor_3_figures import figuren_uit_records
    from board.monitor_4_disclosure import beveilig
    from board.perioden import jaar
    from exports.monitor_csv import write_csv
    from samples.monitor_voorbeeld import voorbeeld_trajecten

    records, einden = voorbeeld_trajecten(inwoners=80, wijken=2)
    figuren = figuren_uit_records(records, jaar(2025), afsluitingen=einden)
    readme = (Path(__file__).parent.parent / "README.md").read_text()
    with tempfile.TemporaryDirectory() as folder:
        write_csv(figuren, beveilig(figuren), Path(folder))
        heads = {}
        for naam in ("trajecten", "trajecten_maand", "uitstroom", "doorlooptijden", "doelen_actoren"):
            with (Path(folder) / f"monitor_{naam}.csv").open(encoding="utf-8-sig") as handle:
                heads[naam] = next(csv.reader(handle, delimiter=";"))
    words = " ".join(" ".join(h) for h in heads.values()).lower()
    for word in ("caseload", "instroom", "uitstroom", "doorlooptijd"):
        assert word in words
    for naam in ("trajecten", "uitstroom", "doelen_actoren"):
        row = next(line for line in readme.splitlines() if line.startswith(f"| `monitor_{naam}.csv`"))
        assert heads[naam][0] == "Gebied" and heads[naam][1] in row
        for kolom in heads[naam][2:-1]:
            assert kolom in row, kolom
        assert heads[naam][-1] == "Soort gebied"
    assert "`Soort gebied`" in readme


def test_wijkteam_rows_are_the_sum_of_their_wijken_and_say_what_they_are(tmp_path):
    """A wijkteam's rows follow the wijken in every file, marked 'wijkteam' in the last column;
    a shown wijkteam count is (before rounding) its wijken's sum, so the rounded figures agree
    within the rounding; a team of the tiny wijk alone shows nothing."""
    teams = {"Team Noord-Oost": ("Noord", "Oost"), "Team Klein": ("Zuid",)}
    figuren = figuren_uit_records(voorbeeld_records(inwoners=120, wijken=3, klein=4), Periode("2025-01", "2025-12"),
                                  wijkteams=teams)
    write_csv(figuren, beveilig(figuren), tmp_path)
    with (tmp_path / "monitor_overzicht.csv").open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle, delimiter=";"))
    soort = {r[0]: r[-1] for r in rows[1:]}
    assert soort == {"Centrum": "wijk", "Noord": "wijk", "Oost": "wijk", "Zuid": "wijk", "Team Noord-Oost": "wijkteam",
                     "Team Klein": "wijkteam", "Hele gemeente": "gemeente"}
    inwoners = {r[0]: r[2] for r in rows[1:]}
    assert inwoners["Team Klein"] == "<10"
    assert int(inwoners["Team Noord-Oost"]) == 80  # 40 + 40 inwoners, rounded to 5
