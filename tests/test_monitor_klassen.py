"""The monitor map's classes (board/monitor_6_kaart.py): contiguous, every value in exactly one,
tried at the boundary values; the legend shows each class that can hold a value (none skipped);
and the gemeente's name from wijkteams.toml on the report."""

from __future__ import annotations

import itertools
from types import SimpleNamespace

import pytest

import board.monitor_6_kaart as kaart_module
from board.errors import BoardError
from board.monitor_5_view import Kerncijfer
from board.monitor_6_kaart import KLASSEN, kaart_beeld, klasse_grenzen
from board.wijkteams import lees_gemeente, lees_wijkteams


@pytest.mark.parametrize(("lo", "hi"), [(10, 218), (0, 4), (10, 12), (5, 5), (0, 1000), (45, 183), (3, 97)])
def test_the_classes_join_without_gap_or_overlap(lo: int, hi: int) -> None:
    indeling = klasse_grenzen(lo, hi)
    assert indeling[0][1] == lo and indeling[-1][2] == hi
    for (_i, _first, last), (_j, first, _last) in itertools.pairwise(indeling):
        assert first == last + 1  # the next class begins right after: no gap, no overlap
    for value in range(lo, hi + 1):
        assert sum(first <= value <= last for _i, first, last in indeling) == 1, value
    assert [i for i, *_ in indeling] == sorted({i for i, *_ in indeling})  # colours light to dark


def _beeld(monkeypatch: pytest.MonkeyPatch, cijfer: str, waarden: dict[str, float | None]) -> object:
    """The map of wijken with these published values of ``cijfer`` (None: hidden)."""
    def kerncijfers(_figuren: object, _published: object, wijk: str) -> tuple[Kerncijfer, ...]:
        waarde = waarden[wijk]
        return (Kerncijfer(cijfer, cijfer, "x" if waarde is None else str(waarde), waarde),)

    monkeypatch.setattr(kaart_module, "kerncijfers", kerncijfers)
    namen = tuple(waarden)
    return kaart_beeld(SimpleNamespace(namen=namen), SimpleNamespace(wijken=namen), {}, cijfer)


def test_boundary_values_fall_in_one_class_and_the_legend_skips_none(monkeypatch: pytest.MonkeyPatch) -> None:
    # 10 .. 218 in five steps: 10–51, 52–93, 94–134, 135–176, 177–218. The values on both sides
    # of each boundary, and none in the middle class: the legend still shows it.
    waarden = {"A": 10, "B": 51, "C": 52, "D": 93, "E": 135, "F": 176, "G": 177, "H": 218, "I": None}
    beeld = _beeld(monkeypatch, "caseload", waarden)
    assert [tekst for _kleur, tekst in beeld.legenda] == ["10 – 51", "52 – 93", "94 – 134", "135 – 176",
                                                         "177 – 218"]
    assert [kleur for kleur, _tekst in beeld.legenda] == list(KLASSEN)
    for vlak in beeld.vlakken:
        waarde = waarden[vlak.naam]
        if waarde is None:
            assert vlak.klasse is None  # hidden: hatched
            continue
        holding = [i for i, first, last in beeld.klassen if first <= waarde <= last]
        assert holding == [vlak.klasse], (vlak.naam, waarde, beeld.klassen)


def test_the_issue_s_183_is_in_one_class_only(monkeypatch: pytest.MonkeyPatch) -> None:
    beeld = _beeld(monkeypatch, "caseload", {"A": 8, "B": 183, "C": 358, "D": 40})
    labels = [tekst for _kleur, tekst in beeld.legenda]
    holding = [t for (i, first, last), t in zip(beeld.klassen, labels, strict=True) if first <= 183 <= last]
    assert len(holding) == 1 and beeld.vlak("B").klasse == next(i for i, f, la in beeld.klassen if f <= 183 <= la)
    assert sum("183" in t.split(" – ") for t in labels) <= 1  # written as a bound of one class at most


def test_months_and_percentages_are_classed_in_their_written_unit(monkeypatch: pytest.MonkeyPatch) -> None:
    beeld = _beeld(monkeypatch, "doorlooptijd", {"A": 4.0, "B": 5.5, "C": 9.0})
    assert [t for _k, t in beeld.legenda] == ["4 – 4,9", "5 – 5,9", "6 – 6,9", "7 – 7,9", "8 – 9"]
    assert beeld.vlak("B").klasse == 1
    beeld = _beeld(monkeypatch, "eigen_kracht", {"A": 0.2, "B": 0.5, "C": 0.6})
    assert [t for _k, t in beeld.legenda] == ["20% – 27%", "28% – 35%", "36% – 43%", "44% – 51%", "52% – 60%"]
    assert (beeld.vlak("B").klasse, beeld.vlak("C").klasse) == (3, 4)
    beeld = _beeld(monkeypatch, "uitstroom", {"A": 15, "B": 15})
    assert [t for _k, t in beeld.legenda] == ["15"] and beeld.vlak("A").klasse == 2


def test_the_gemeente_s_name_comes_from_the_wijkteams_file() -> None:
    tekst = 'gemeente = "Voorbeeldstad"\n\n[wijkteams]\n"Noord" = ["A"]\n'
    assert lees_gemeente(tekst) == "Voorbeeldstad" and lees_wijkteams(tekst) == {"Noord": ("A",)}
    assert lees_gemeente('[wijkteams]\n"Noord" = ["A"]\n') is None
    with pytest.raises(BoardError, match="naam van de gemeente"):
        lees_gemeente('gemeente = ""\n[wijkteams]\n"Noord" = ["A"]\n')
