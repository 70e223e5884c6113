from __future__ import annotations

import pytest

from board.monitor_2_counts import ALLE, Periode
from board.monitor_3_figures import GEMEENTE, figuren_uit_records
from board.monitor_3_table import CelSoort
from board.monitor_4_disclosure import Zichtbaarheid, beveilig, determined
from samples.monitor_voorbeeld import voorbeeld_records
from tests.test_monitor_2_counts import rec

P = Periode("2025-01", "2025-12")


@pytest.fixture(scope="module")
def voorbeeld():
    return figuren_uit_records(voorbeeld_records(inwoners=240, wijken=4, klein=6), P)


def test_every_stated_sum_holds_on_the_raw_counts(voorbeeld):
    assert voorbeeld.sommen
    for som in voorbeeld.sommen:
        total = voorbeeld.cellen[som.totaal].waarde
        assert total == sum(voorbeeld.cellen[d].waarde for d in som.delen), som


def test_the_gemeente_is_the_sum_of_its_wijken(voorbeeld):
    tabel = voorbeeld.tabel("overzicht")
    assert tabel.gebieden == ("Centrum", "Noord", "Oost", "West", "Zuid", GEMEENTE)
    inwoners = [voorbeeld.cellen[tabel.key(g, ALLE, "inwoners")] for g in tabel.gebieden]
    assert [c.waarde for c in inwoners] == [60, 60, 60, 60, 6, 246]
    assert inwoners[-1].inwoners == 246


def test_rows_follow_the_leefgebiedenset(voorbeeld):
    tabel = voorbeeld.tabel("gekozen")
    assert tabel.rijen[:3] == ("wonen", "huishouden", "geld")
    assert tabel.rij_labels[2] == "Geld"


def test_statistics_are_medians_over_the_inwoners_of_their_count_cell():
    records = [rec(f"i{n}", "2025-02", 0, scores=(("wonen", 0.5), ("geld", 0.5))[: 1 + n % 2]) for n in range(5)]
    records += [rec("j", "2025-03", 0, scores=(("geld", 0.4), ("wonen", 0.3)))]
    figuren = figuren_uit_records(records, P)
    tabel = figuren.tabel("gekozen")
    mediaan = figuren.cellen[tabel.key(GEMEENTE, "geld", "mediaan_rang")]
    assert mediaan.soort is CelSoort.STATISTIEK
    assert mediaan.waarde == 2.0 and mediaan.inwoners == 3  # ranks 2, 2, 1
    assert mediaan.basis == tabel.key(GEMEENTE, "geld", "gekozen")
    assert figuren.cellen[tabel.key(GEMEENTE, "geld", "gemiddelde_rang")].waarde == pytest.approx(5 / 3)


def test_published_example_hides_the_tiny_wijk_and_leaves_nothing_computable(voorbeeld):
    published = beveilig(voorbeeld)
    zuid = voorbeeld.tabel("overzicht").key("Zuid", ALLE, "inwoners")
    assert published[zuid].zichtbaarheid is Zichtbaarheid.KLEIN
    counts = {k: int(c.waarde or 0) for k, c in voorbeeld.cellen.items() if c.soort is CelSoort.AANTAL}
    hidden = {k for k in counts if not published[k].getoond}
    assert not determined(counts, hidden, voorbeeld.sommen)
    for key, cel in voorbeeld.cellen.items():
        if cel.inwoners < 10:
            assert not published[key].getoond
