"""The gemeente's map and wijkteams for the monitor: GeoJSON read and checked (a bad file gets a
plain Dutch message and the report goes on without the map), the geometry, and the PDF's map
page read back: its text with pdftotext, its colours and hatching as pixels with pdftoppm."""

from __future__ import annotations

import json
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image

from board.errors import BoardError
from board.kaart import arcering, binnen, geprojecteerd, lees_kaart, midden
from board.monitor_2_counts import ALLE
from board.monitor_6_kaart import ARCERING_LIJN, ARCERING_VLAK, KLASSEN, kaart_beeld
from board.perioden import familie, jaar
from board.wijkteams import lees_wijkteams, teams_van
from services.monitor_gebieden import VOORBEELD_KAART, VOORBEELD_WIJKTEAMS, lees_gebieden

SQUARE = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]]


def feature(naam: str | None, geometry: object) -> dict:
    return {"type": "Feature", "properties": {} if naam is None else {"wijknaam": naam}, "geometry": geometry}


def collection(*features: dict) -> str:
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


def test_the_demo_map_has_voorbeeldstad_s_wijken_in_degrees() -> None:
    kaart = lees_kaart(VOORBEELD_KAART.read_text())
    assert kaart.namen == ("Woensel-Noord", "Tongelre", "Stratum", "Gestel", "Strijp", "Waterhoek")
    assert kaart.graden
    teams = lees_wijkteams(VOORBEELD_WIJKTEAMS.read_text())
    assert teams["Wijkteam Zuid"] == ("Stratum", "Gestel")


@pytest.mark.parametrize(("text", "fragment"), [
    ("{niet json", "geen geldige JSON-tekst"),
    (json.dumps({"type": "Feature"}), "geen GeoJSON-FeatureCollection"),
    (collection(), "geen enkele wijk"),
    (collection(feature(None, {"type": "Polygon", "coordinates": [SQUARE]})), "wijk 1 heeft geen naam"),
    (collection(feature("Noord", {"type": "Point", "coordinates": [1, 2]})), "de wijk Noord is geen vlak"),
    (collection(feature("Noord", {"type": "Polygon", "coordinates": [SQUARE[:3]]})), "minder dan 4 punten"),
    (collection(feature("Noord", {"type": "Polygon", "coordinates": [[["a", "b"], *SQUARE[1:]]]})),
     "geen paar getallen"),
    (b"\xff\xfe\x00garbage", "geen geldige JSON-tekst"),
])
def test_a_bad_map_file_is_refused_in_plain_dutch(text: str, fragment: str) -> None:
    with pytest.raises(BoardError) as caught:
        lees_kaart(text, "wijken.geojson")
    message = str(caught.value)
    assert message.startswith("De kaart met wijken (wijken.geojson) is niet te gebruiken: ")
    assert fragment in message and message.endswith("De monitor laat de kaart weg.")


@pytest.mark.parametrize(("text", "fragment"), [
    ("[wijkteams", "geen geldig TOML-bestand"),
    ("naam = 1", "geen blok [wijkteams]"),
    ('[wijkteams]\n"A" = "Noord"', "hoort een lijst van wijknamen"),
    ('[wijkteams]\n"A" = ["Noord"]\n"B" = ["Oost", "Noord"]', "de wijk Noord staat bij A en bij B"),
])
def test_a_bad_wijkteams_file_is_refused_in_plain_dutch(text: str, fragment: str) -> None:
    with pytest.raises(BoardError, match="Het bestand met wijkteams") as caught:
        lees_wijkteams(text)
    assert fragment in str(caught.value)


def test_a_team_named_like_a_wijk_is_refused() -> None:
    with pytest.raises(BoardError, match="dezelfde naam als een wijk"):
        teams_van({"Noord": ("Noord", "Oost")}, ("Noord", "Oost"), "Hele gemeente")


def test_holes_are_outside_and_hatching_stays_inside() -> None:
    outer = ((0.0, 0.0), (100.0, 0.0), (100.0, 60.0), (0.0, 60.0), (0.0, 0.0))
    hole = ((40.0, 20.0), (60.0, 20.0), (60.0, 40.0), (40.0, 40.0), (40.0, 20.0))
    vlakken = ((outer, hole),)
    assert binnen(vlakken, 10, 10) and not binnen(vlakken, 50, 30) and not binnen(vlakken, 120, 30)
    lines = arcering(vlakken, 7)
    assert len(lines) > 10
    for (x1, y1), (x2, y2) in lines:
        assert binnen(vlakken, (x1 + x2) / 2, (y1 + y2) / 2)
        assert not (41 < (x1 + x2) / 2 < 59 and 21 < (y1 + y2) / 2 < 39)
    x, y = midden(vlakken)
    assert binnen(vlakken, x, y)


def test_the_projection_keeps_the_map_s_proportions() -> None:
    kaart = lees_kaart(collection(feature("Breed", {"type": "Polygon", "coordinates": [
        [[0, 0], [2000, 0], [2000, 1000], [0, 1000], [0, 0]]]})))  # metres (RD): as they are
    assert not kaart.graden
    (vlak,), = geprojecteerd(kaart, 0, 0, 400, 400)["Breed"],
    xs, ys = [p[0] for p in vlak[0]], [p[1] for p in vlak[0]]
    assert (max(xs) - min(xs), max(ys) - min(ys)) == pytest.approx((400, 200))
    assert min(ys) == pytest.approx(100)  # centred


def test_a_bad_map_beside_the_report_leaves_the_map_out_with_a_message(tmp_path: Path) -> None:
    bad = tmp_path / "wijken.geojson"
    bad.write_text(collection(feature("Noord", {"type": "LineString", "coordinates": SQUARE})))
    gebieden = lees_gebieden(VOORBEELD_WIJKTEAMS, bad)
    assert gebieden.kaart is None and gebieden.wijkteams
    assert "de wijk Noord is geen vlak (Polygon of MultiPolygon) maar LineString" in gebieden.kaart_melding


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> tuple:
    """The report of 300 example inwoners in Voorbeeldstad, with its wijkteams and map."""
    from board.disclosure_familie import beveilig_familie
    from board.monitor_3_figures import figuren_uit_records
    from exports.monitor_report import write_published
    from samples.monitor_voorbeeld import voorbeeld_trajecten

    out = tmp_path_factory.mktemp("rapport")
    records, einden = _in_voorbeeldstad(*voorbeeld_trajecten(inwoners=300, wijken=5))
    teams = lees_wijkteams(VOORBEELD_WIJKTEAMS.read_text())
    family = {p: figuren_uit_records(records, p, afsluitingen=einden, wijkteams=teams) for p in familie(jaar(2025))}
    published = beveilig_familie(family)[jaar(2025)]
    kaart = lees_kaart(VOORBEELD_KAART.read_text())
    write_published(family[jaar(2025)], published, out, jaar(2025), "Voorbeeldstad", kaart)
    return family[jaar(2025)], published, kaart, out


def _in_voorbeeldstad(records: list, einden: list) -> tuple[list, list]:
    """The example records, moved to Voorbeeldstad's wijken (Waterhoek keeps no inwoners)."""
    from dataclasses import replace

    naar = {"Centrum": "Strijp", "Noord": "Woensel-Noord", "Oost": "Tongelre", "West": "Gestel", "Zuid": "Stratum"}
    return [replace(r, wijk=naar[r.wijk]) for r in records], [replace(e, wijk=naar[e.wijk]) for e in einden]


def test_the_pdf_map_page_says_each_wijk_s_published_figure(demo_report: tuple) -> None:
    figuren, published, kaart, out = demo_report
    text = subprocess.run(["pdftotext", "-layout", str(out / "monitor.pdf"), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Kaart: caseload aan het eind per wijk" in text
    assert "Trends per wijk en per wijkteam" in text and "Wijkteam Zuid (wijkteam)" in text
    beeld = kaart_beeld(kaart, figuren, published)
    q4 = figuren.tabel("trajecten").rijen[-1]
    for vlak in beeld.vlakken:
        if vlak.naam == "Waterhoek":
            assert vlak.tekst == "<10" and vlak.klasse is None
        else:
            assert vlak.tekst == published[("trajecten", vlak.naam, q4, "caseload")].tekst("{:.0f}")
    for line in text.splitlines():  # a wijkteam row of the overview is the published number
        if line.strip().startswith("Wijkteam Zuid") and len(line.split()) == 7:
            assert line.split()[2] == published[("overzicht", "Wijkteam Zuid", ALLE, "inwoners")].tekst()


def test_the_pdf_map_colours_each_wijk_by_its_class_and_hatches_the_hidden(demo_report: tuple, tmp_path: Path) -> None:
    figuren, published, kaart, out = demo_report
    pdf = out / "monitor.pdf"
    pages = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    page = next(i for i, p in enumerate(pages, start=1) if "Kaart: caseload" in p)
    dpi = 100
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page), str(pdf),
                    str(tmp_path / "kaart")], check=True)
    image = Image.open(next(tmp_path.glob("kaart*.png"))).convert("RGB")
    words = _words(pdf, page)
    beeld = kaart_beeld(kaart, figuren, published)
    for vlak in beeld.vlakken:
        x0, y0, x1, _y1 = next(w for t, w in words if t == vlak.naam)
        middle = (x0 + x1) / 2
        box = [round(v * dpi / 72) for v in (middle - 7, y0 - 11, middle + 7, y0 - 1)]  # just above the name
        colours = Counter(image.crop(box).getdata())

        def share(colour: tuple[int, int, int], tol: int = 8, colours: Counter = colours) -> float:
            near = sum(n for c, n in colours.items() if all(abs(a - b) <= tol for a, b in zip(c, colour, strict=True)))
            return near / sum(colours.values())

        if share((255, 255, 255), 3) > 0.5:  # a label beside its wijk (off the map, a line to it): not above it
            whole = Counter(image.getdata())
            colour = ARCERING_VLAK if vlak.klasse is None else KLASSEN[vlak.klasse]
            assert whole[colour] > 0.005 * image.width * image.height, vlak.naam
            continue
        if vlak.klasse is None:
            assert share(ARCERING_VLAK) > 0.3 and share(ARCERING_LIJN, 60) > 0.03, vlak.naam
            assert all(share(k) < 0.05 for k in KLASSEN), (vlak.naam, colours.most_common(4))
        else:
            assert share(KLASSEN[vlak.klasse]) > 0.6, (vlak.naam, colours.most_common(3))
            assert share(ARCERING_LIJN, 30) < 0.02


def _words(pdf: Path, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each word on the page with its box in points (pdftotext -bbox)."""
    import re

    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          capture_output=True, text=True, check=True).stdout
    found = []
    pattern = r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
    for x0, y0, x1, y1, word in re.findall(pattern, html):
        found.append((word.replace("&lt;", "<"), (float(x0), float(y0), float(x1), float(y1))))
    return found


@pytest.mark.parametrize("size", [(510, 330), (300, 230), (220, 180)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_pdf_map_s_labels_never_lie_over_each_other(demo_report: tuple, tmp_path: Path,
                                                        size: tuple[int, int]) -> None:
    """The PDF's map places its labels by the screen's rule (board.kaart_namen): drawn at the
    report's size and smaller, every wijk's name and figure are in the PDF's text, and no wijk's
    label lies over another's (the words' boxes as pdftotext reads them)."""
    from reportlab.graphics import renderPDF

    from exports.monitor_kaart import kaart_tekening

    figuren, published, kaart, _out = demo_report
    beeld = kaart_beeld(kaart, figuren, published)
    pdf = tmp_path / "kaart.pdf"
    renderPDF.drawToFile(kaart_tekening(kaart, beeld, *size), str(pdf))
    words = _words(pdf, 1)
    labels = []
    for vlak in beeld.vlakken:
        naam = next(box for word, box in words if word == vlak.naam)
        # the figure: the word with that text nearest below the name
        tekst = min((box for word, box in words if word == vlak.tekst and box[1] >= naam[1]),
                    key=lambda box: abs(box[0] + box[2] - naam[0] - naam[2]) + box[1] - naam[1])
        assert tekst[1] - naam[3] < 4  # right under its name
        # pdftotext's box holds the font's whole ascent and descent: the letters lie 1.5 pt within
        labels.append((vlak.naam, (min(naam[0], tekst[0]), naam[1] + 1.5, max(naam[2], tekst[2]), tekst[3] - 1.5)))
    together = [(a, b) for i, (a, ra) in enumerate(labels) for b, rb in labels[i + 1:]
                if min(ra[2], rb[2]) > max(ra[0], rb[0]) and min(ra[3], rb[3]) > max(ra[1], rb[1])]
    assert together == []
