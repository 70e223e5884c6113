"""The monitor screen's rows come from published figures only: bars are shares of published
counts, a hidden cell is no bar but its marker, and the period buttons give the right months."""

from __future__ import annotations

from datetime import date

import pytest

from board.monitor_2_counts import ALLE, Periode
from board.monitor_3_figures import figuren_uit_records
from board.monitor_4_disclosure import KLEIN_TEKST, aandeel, beveilig
from board.monitor_5_view import (
    JAAR_DAARVOOR,
    KERNCIJFERS,
    TOP_N,
    VORIG_JAAR,
    VORIG_KWARTAAL,
    getal,
    kerncijfers,
    monitor_beeld,
    periode,
    periode_tekst,
)
from samples.monitor_voorbeeld import voorbeeld_records


@pytest.fixture(scope="module")
def figures() -> tuple[object, dict]:
    """200 inwoners in four wijken, and 4 in a fifth, tiny one (Zuid)."""
    figuren = figuren_uit_records(voorbeeld_records(inwoners=200, wijken=4, klein=4), Periode("2025-01", "2025-12"))
    return figuren, beveilig(figuren)


@pytest.mark.parametrize(("keuze", "vandaag", "van", "tot"), [
    (VORIG_KWARTAAL, date(2026, 6, 15), "2026-01", "2026-03"),
    (VORIG_KWARTAAL, date(2026, 1, 31), "2025-10", "2025-12"),
    (VORIG_JAAR, date(2026, 6, 15), "2025-01", "2025-12"),
    (JAAR_DAARVOOR, date(2026, 6, 15), "2024-01", "2024-12"),
])
def test_the_period_buttons(keuze: str, vandaag: date, van: str, tot: str) -> None:
    assert periode(keuze, vandaag) == Periode(van, tot)


def test_a_period_reads_as_months() -> None:
    assert periode_tekst(Periode("2025-01", "2025-12")) == "jan 2025 – dec 2025"
    with pytest.raises(ValueError):
        periode("volgend_jaar", date(2026, 1, 1))


def test_chosen_bars_are_shares_of_published_counts_the_most_chosen_first(figures: tuple) -> None:
    figuren, published = figures
    gemeente = figuren.gemeente
    beeld = monitor_beeld(figuren, published, gemeente)
    totaal = published[("overzicht", gemeente, ALLE, "inwoners")]
    assert beeld.inwoners == f"{totaal.waarde:.0f}" and beeld.gekozen_als_aandeel
    bars = [b for b in beeld.gekozen if b.waarde is not None]
    assert len(bars) == TOP_N
    for bar in bars:
        assert bar.waarde == aandeel(published[("gekozen", gemeente, bar.key, "gekozen")], totaal)
        assert bar.tekst == f"{round(bar.waarde * 100)}%"
    assert [b.waarde for b in bars] == sorted((b.waarde for b in bars), reverse=True)
    shown = [k for (t, g, k, c), v in published.items() if (t, g, c) == ("gekozen", gemeente, "gekozen") and v.getoond]
    assert len(shown) >= TOP_N  # the 7 are the largest of all shown
    smallest = min(b.waarde for b in bars)
    others = [aandeel(published[("gekozen", gemeente, k, "gekozen")], totaal) for k in shown]
    assert sorted(others, reverse=True)[TOP_N - 1] == smallest


def test_a_tiny_wijk_shows_nothing_but_markers(figures: tuple) -> None:
    figuren, published = figures
    beeld = monitor_beeld(figuren, published, "Zuid")
    assert beeld.leeg and beeld.inwoners == KLEIN_TEKST and beeld.doelen_behaald is None
    assert [(b.waarde, b.tekst) for b in beeld.gekozen] == [(None, KLEIN_TEKST)]
    assert beeld.verandering == () and beeld.cijfer_van_naar == ""


def test_a_wijk_without_one_inwoner_in_the_period_is_too_few_and_nothing_more(figures: tuple) -> None:
    """A wijk on the gemeente's map that the figures do not have (no inwoner counted there): the
    view knows it, as too few, with the marker the map shows ("<10"), never a zero or a share."""
    figuren, published = figures
    assert "Waterhoek" not in figuren.gebieden
    beeld = monitor_beeld(figuren, published, "Waterhoek")
    assert beeld.gebied == "Waterhoek" and beeld.leeg
    assert (beeld.inwoners, beeld.metingen, beeld.doelen_tekst, beeld.cijfer_verschil) == (KLEIN_TEKST,) * 4
    assert beeld.doelen_behaald is None and beeld.cijfer_van_naar == "" and not beeld.gekozen_als_aandeel
    assert beeld.gekozen == () and beeld.verandering == ()
    assert [(k.tekst, k.waarde) for k in beeld.trajecten] == [(KLEIN_TEKST, None)] * len(KERNCIJFERS)
    assert kerncijfers(figuren, published, "Waterhoek") == beeld.trajecten
    # A tiny wijk that is counted says no more than that either.
    zuid = monitor_beeld(figuren, published, "Zuid")
    assert zuid.leeg and {zuid.inwoners, beeld.inwoners} == {KLEIN_TEKST}


def test_change_rows_show_a_share_only_where_the_count_is_published(figures: tuple) -> None:
    figuren, published = figures
    for gebied in figuren.tabel("overzicht").gebieden:
        beeld = monitor_beeld(figuren, published, gebied)
        assert len(beeld.verandering) <= TOP_N
        for rij in beeld.verandering:
            totaal = published[("verandering", gebied, rij.key, "totaal")]
            for kolom, share, tekst in (("beter", rij.beter, rij.beter_tekst), ("slechter", rij.slechter,
                                                                                  rij.slechter_tekst)):
                cel = published[("verandering", gebied, rij.key, kolom)]
                assert share == aandeel(cel, totaal)
                assert tekst == (cel.tekst() if share is None else f"{round(share * 100)}%")
    rows = [r for g in figuren.tabel("overzicht").gebieden for r in monitor_beeld(figuren, published, g).verandering]
    assert any(r.slechter is None for r in rows) and any(r.slechter is not None for r in rows)


def test_doelen_behaald_sums_only_published_counts(figures: tuple) -> None:
    figuren, published = figures
    gemeente = figuren.gemeente
    beeld = monitor_beeld(figuren, published, gemeente)
    pairs = [(published[("doelen", gemeente, r, "behaald")], published[("doelen", gemeente, r, "totaal")])
             for r in figuren.tabel("doelen").rijen]
    both = [(b.waarde, t.waarde) for b, t in pairs if b.getoond and t.getoond]
    assert both, "the sample has leefgebieden with enough doelen"
    assert beeld.doelen_behaald == pytest.approx(sum(b for b, _ in both) / sum(t for _, t in both))


def test_numbers_read_in_the_ui_language() -> None:
    assert getal(1.5, teken=True) == "+1,5"
    assert getal(-2, teken=True) == "−2"
    assert getal(0, teken=True) == "±0"
    assert getal(1250) == "1.250"
