from __future__ import annotations

from pypdf import PdfReader

from board.monitor_2_counts import Periode
from exports.monitor_report import write_monitor_report
from samples.monitor_voorbeeld import voorbeeld_records
from tests.pdftekst import font_names

P = Periode("2025-01", "2025-12")


def test_report_writes_a_pdf_with_charts_and_one_csv_per_table(tmp_path):
    records = voorbeeld_records(inwoners=160, wijken=4, klein=5)
    paths = write_monitor_report(records, tmp_path / "uit", P, "Gemeente Voorbeeld")
    names = [p.name for p in paths]
    assert names[0] == "monitor.pdf" and len(names) == 14
    assert {"monitor_trajecten.csv", "monitor_uitstroom.csv", "monitor_doorlooptijden.csv"} <= set(names)
    reader = PdfReader(paths[0])
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Gemeente Voorbeeld" in text and "Waar gaat het beter?" in text
    assert "<10" in text  # the tiny wijk is there, but not its numbers
    fonts = {str(f) for page in reader.pages for f in page["/Resources"]["/Font"].values()
             for f in [f.get_object()["/BaseFont"]]}
    assert any("DejaVuSans" in f for f in fonts)


def test_report_is_byte_identical_on_every_build(tmp_path):
    records = voorbeeld_records(inwoners=60, wijken=2)
    a = write_monitor_report(records, tmp_path / "a", P, "Gemeente Voorbeeld")[0].read_bytes()
    b = write_monitor_report(list(reversed(records)), tmp_path / "b", P, "Gemeente Voorbeeld")[0].read_bytes()
    assert a == b


def test_no_record_text_reaches_the_report(tmp_path):
    records = voorbeeld_records(inwoners=40, wijken=2)
    paths = write_monitor_report(records, tmp_path, P, "Gemeente Voorbeeld")
    text = "\n".join(page.extract_text() for page in PdfReader(paths[0]).pages)
    text += "".join(p.read_text(encoding="utf-8-sig") for p in paths[1:])
    assert "Voorbeelddoel" not in text and "VB-0" not in text
    assert not any(r.pseudoniem[:12] in text for r in records)


def test_report_embeds_only_its_own_font_and_says_its_language(tmp_path):
    """Like the koelkastblad: a PDF that names an unembedded font (Helvetica) looks
    different on every reader, and a screen reader needs the language."""
    path = write_monitor_report(voorbeeld_records(inwoners=160, wijken=4, klein=5), tmp_path, P, "Gemeente X")[0]
    data = path.read_bytes()
    assert {name.split("+")[-1] for name in font_names(data)} == {"DejaVuSans", "DejaVuSans-Bold"}
    assert PdfReader(path).trailer["/Root"]["/Lang"] == "nl-NL"
