"""board.kaart_namen alone: where a map's labels go, on made-up wijken."""

from __future__ import annotations

from board.kaart import binnen
from board.kaart_namen import etiketten, raakt


def square(x: float, y: float, size: float) -> tuple:
    return (((x, y), (x + size, y), (x + size, y + size), (x, y + size)),)


KADER = (0.0, 0.0, 400.0, 300.0)


def test_a_label_that_fits_lies_in_its_wijk_at_its_middle() -> None:
    vormen = {"Groot": (square(100, 100, 150),)}
    found = etiketten(vormen, {"Groot": (60, 30)}, KADER, 2)
    etiket = found["Groot"]
    assert etiket.binnen and etiket.lijn is None and etiket.vak == (145.0, 160.0, 60, 30)


def test_two_small_wijken_side_by_side_get_labels_apart_and_a_line_to_each_outside() -> None:
    vormen = {"Links": (square(170, 130, 30),), "Rechts": (square(200, 130, 30),)}
    maten = {"Links": (70, 30), "Rechts": (70, 30)}
    found = etiketten(vormen, maten, KADER, 2)
    assert set(found) == {"Links", "Rechts"} and not raakt(found["Links"].vak, found["Rechts"].vak)
    for naam, etiket in found.items():
        assert not etiket.binnen  # neither fits in a 30 x 30 wijk: on a plate
        x, y, w, h = etiket.vak
        assert x >= 0 and x + w <= 400 and y >= 0 and y + h <= 300
        if etiket.lijn is not None:  # from the wijk to the box's edge
            (ax, ay), (bx, by) = etiket.lijn
            assert binnen(vormen[naam], ax, ay) and (bx in (x, x + w) or by in (y, y + h))


def test_a_label_without_any_free_place_is_left_out() -> None:
    vormen = {"A": (square(0, 0, 100),), "B": (square(100, 0, 100),)}
    found = etiketten(vormen, {"A": (190, 90), "B": (190, 90)}, (0.0, 0.0, 200.0, 100.0), 2)
    assert len(found) == 1  # the other wijk is still drawn and tappable, named on its button


def test_the_smallest_wijk_chooses_first_and_the_big_one_moves_aside() -> None:
    """A small wijk inside a big one (its middle where the big one's label would go): the small
    one keeps its place, the big one's label lies elsewhere in the big wijk."""
    groot = (((0, 0), (300, 0), (300, 300), (0, 300)), ((120, 120), (180, 120), (180, 180), (120, 180)))
    vormen = {"Groot": (groot,), "Klein": (square(120, 120, 60),)}
    found = etiketten(vormen, {"Groot": (60, 30), "Klein": (50, 24)}, (0.0, 0.0, 300.0, 300.0), 2)
    assert found["Klein"].binnen and found["Groot"].binnen
    assert not raakt(found["Groot"].vak, found["Klein"].vak)
