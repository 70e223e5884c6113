"""board/schrift.py: Arabic shaped and ordered with our own line breaking, Latin words and
numbers kept in reading order inside right-to-left lines, other text untouched."""

from __future__ import annotations

import unicodedata

from board import schrift


def _width(text: str) -> float:
    return float(len(text))  # one unit per character: enough to test where lines break


def test_latin_and_cyrillic_pass_through() -> None:
    for text in ("Geld", "Гроші", "ገንዘብ", "Sosyal ilişkiler"):
        assert schrift.visual(text) == text and not schrift.has_rtl(text)


def test_arabic_is_joined_and_reversed_for_drawing() -> None:
    word = "المال"
    drawn = schrift.visual(word)
    assert all(0xFE70 <= ord(c) <= 0xFEFF for c in drawn)  # presentation forms: the joined shapes
    # Read back: undoing the joining gives the word, from right to left.
    assert unicodedata.normalize("NFKC", drawn)[::-1] == word


def test_numbers_and_latin_words_keep_their_order_inside_an_arabic_line() -> None:
    line = "اتصل بشركة Woonbedrijf قبل 1 يونيو 2026"
    drawn = schrift.visual(line)
    assert "Woonbedrijf" in drawn and "2026" in drawn and "1" in drawn
    assert drawn.index("2026") < drawn.index("Woonbedrijf")  # later in reading = further left


def test_lines_break_in_logical_order_then_each_is_reordered() -> None:
    text = "أريد أن تختفي الرطوبة من الحمام قبل 1 يونيو"
    lines = schrift.wrap(text, 20, _width)
    assert len(lines) > 1 and " ".join(lines) == text  # no word lost or split
    assert all(_width(schrift.shaped(line)) <= 20 for line in lines if " " in line)
    drawn = schrift.visual_lines(text, 20, _width)
    # The first drawn line holds the sentence's first words (the top line is read first).
    first = unicodedata.normalize("NFKC", drawn[0])[::-1]
    assert first.split()[0] == text.split()[0]


def test_a_word_wider_than_the_line_stands_alone_and_new_lines_are_kept() -> None:
    assert schrift.wrap("kort heellangwoordzonderspaties kort", 10, _width) == [
        "kort", "heellangwoordzonderspaties", "kort"]
    assert schrift.visual_lines("سطر\nسطر آخر", None, _width)[1] == schrift.visual("سطر آخر")


def test_a_no_break_space_holds_a_date_on_one_line() -> None:
    """At 800x600 the doel editor broke "2 مايو 2026" inside itself: str.split() breaks at a
    no-break space too. The wrap comes before the date, never inside it."""
    datum = "2\u00a0مايو\u00a02026"
    lines = schrift.wrap(f"بعد شهرين (2): {datum}", 16, _width)
    assert len(lines) == 2 and lines[-1] == datum, lines
