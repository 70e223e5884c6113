from __future__ import annotations

from reportlab.graphics.shapes import Rect, String

from exports import monitor_charts as charts


def _filled(drawing, colour):
    return [s for s in drawing.contents if isinstance(s, Rect) and s.fillColor == colour]


def _texts(drawing):
    return [s.text for s in drawing.contents if isinstance(s, String)]


def test_a_suppressed_bar_is_not_drawn_but_marked():
    rows = [charts.Balk("Geld", 0.4, "40%"), charts.Balk("Wonen", None, "<10")]
    drawing = charts.balken("Noord", rows, 250)
    assert len(_filled(drawing, charts.BALK)) == 1
    assert "<10" in _texts(drawing) and "40%" in _texts(drawing)


def test_diverging_chart_draws_only_published_sides():
    rows = [
        charts.Verandering("Geld", 0.5, 0.3, 0.2, "50", "20", "40"),
        charts.Verandering("Werk", 0.6, None, None, "30", "<10", "50"),
    ]
    drawing = charts.divergerend("Hele gemeente", rows, 480)
    assert len(_filled(drawing, charts.BETER)) == 2
    assert len(_filled(drawing, charts.SLECHTER)) == 1
    assert "<10" in _texts(drawing)


def test_stacked_bar_leaves_hidden_parts_as_one_dashed_slot():
    legenda = [("behaald", charts.BETER), ("niet", charts.SLECHTER)]
    drawing = charts.gestapeld("Doelen", legenda, [charts.Stapel("Geld", (0.6, None), "50", "<10")], 480)
    assert len(_filled(drawing, charts.SLECHTER)) == 1  # only the legend swatch
    assert any(isinstance(s, Rect) and s.strokeDashArray for s in drawing.contents)


def test_a_hidden_quarter_is_a_gap_in_the_line():
    drawing = charts.lijnen("Trend", ["2025 K1", "2025 K2", "2025 K3"], [charts.Reeks("Noord", (0.4, None, 0.5))], 480)
    assert not [s for s in drawing.contents if type(s).__name__ == "PolyLine"]  # no segment of 2 points
