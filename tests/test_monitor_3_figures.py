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


def _doel_histories():
    """Two inwoners of Noord, their doelen in their own words, each evaluated at every
    vervolgmeting as the app asks (a doel deels or niet behaald runs on):
    - a: the doel about money niet behaald in February, behaald in August;
    - b: the doel about the house deels behaald in May; the traject closed in November.
    Returns their monitor records and b's afsluiting."""
    from datetime import date, datetime

    from board import Inwoner, Meting
    from board.meting_waarden import Actie
    from board.monitor_1_record import afsluiting_record, monitor_record
    from board.traject import afsluiten

    key = bytes(range(32))
    records, einden = [], []
    for naam, leefgebied, uitkomsten, einde in (
        ("a", "geld", ((date(2025, 2, 10), "niet behaald"), (date(2025, 8, 10), "behaald")), None),
        ("b", "wonen", ((date(2025, 5, 10), "deels behaald"),), date(2025, 11, 20)),
    ):
        inwoner = Inwoner.create(f"D-{naam}", "Noord", inwoner_id=f"doelen-{naam}")
        nul = Meting.nulmeting(inwoner.id, date(2024, 11, 1), meting_id=f"doelen-{naam}-0")
        nul = nul.choose(leefgebied).place_fiche(leefgebied, "inwoner", 0.3)
        nul = nul.add_doel(leefgebied, "Mijn eigen doel", acties=[Actie.create("wijkteam", "Samen bellen")])
        history = [nul.afronden(datetime(2024, 11, 1, 12))]
        for n, (datum, uitkomst) in enumerate(uitkomsten, start=1):
            vervolg = history[-1].vervolg(datum, meting_id=f"doelen-{naam}-{n}")
            (doel,) = vervolg.open_evaluaties  # the same doel, asked about again
            vervolg = vervolg.place_fiche(leefgebied, "inwoner", 0.5).evaluate_doel(doel.id, uitkomst)
            history.append(vervolg.afronden(datetime.combine(datum, datetime.min.time())))
        records += [monitor_record(m, inwoner, key) for m in history]
        if einde is not None:
            afsluiting = afsluiten(history, [], einde, "doelen bereikt", datetime.combine(einde, datetime.min.time()))
            einden.append(afsluiting_record(afsluiting, inwoner, history[0], key))
    return records, einden


def test_a_doel_evaluated_again_counts_once_in_the_month_it_ends_and_the_year_adds_up():
    """A gemeente reading "doelen behaald" per quarter: a's doel, niet behaald in the first quarter
    and behaald in the third, is one doel, behaald, in the third (not two doelen in the year);
    b's doel, deels behaald in May, ran on and ends with its traject in November, deels behaald.
    Every doelen cell of the year is the sum of its quarters'."""
    from board.perioden import familie, jaar

    records, einden = _doel_histories()
    family = {p: figuren_uit_records(records, p, afsluitingen=einden) for p in familie(jaar(2025))}
    year, *quarters = family

    def doelen(periode, tabel="doelen_actoren", rij=ALLE):
        kolommen = ("behaald", "deels behaald", "niet behaald", "vervallen", "totaal")
        return {k: family[periode].cellen[(tabel, "Noord", rij, k)].waarde for k in kolommen}

    assert doelen(year) == {"behaald": 1, "deels behaald": 1, "niet behaald": 0, "vervallen": 0, "totaal": 2}
    assert [doelen(q)["totaal"] for q in quarters] == [0, 0, 1, 1]
    assert doelen(quarters[2])["behaald"] == 1 and doelen(quarters[3])["deels behaald"] == 1
    assert doelen(year, "doelen", "geld")["behaald"] == 1 and doelen(year, "doelen", "geld")["totaal"] == 1
    assert doelen(year, "doelen", "wonen")["deels behaald"] == 1
    for key, cel in family[year].cellen.items():
        if key[0] in ("doelen", "doelen_actoren") and cel.soort is CelSoort.AANTAL:
            assert cel.waarde == sum(family[q].cellen[key].waarde for q in quarters if key in family[q].cellen), key
