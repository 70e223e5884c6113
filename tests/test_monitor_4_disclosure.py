from __future__ import annotations

import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from board.monitor_3_table import Cel, CelSoort, Figuren, Som
from board.monitor_4_disclosure import (
    KLEIN_TEKST,
    VERBORGEN_TEKST,
    Gepubliceerd,
    Zichtbaarheid,
    aandeel,
    beveilig,
    determined,
    rond_af,
    suppress,
)


def exposed(values, hidden, sommen):
    """Independent check (floating-point rank, not the module's fractions): the hidden
    cells whose value follows exactly from the shown values and the sums."""
    hidden = sorted(hidden, key=repr)
    index = {k: i for i, k in enumerate(hidden)}
    rows = []
    for som in sommen:
        row = np.zeros(len(hidden))
        for key, sign in [(som.totaal, 1), *((d, -1) for d in som.delen)]:
            if key in index:
                row[index[key]] += sign
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for key, i in index.items():
        unit = np.zeros(len(hidden))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(key)
    return found


def table_with_totals(grid):
    """A 2-D table with row totals, column totals and a grand total; keys (r, c), 'T' = total."""
    rows, cols = len(grid), len(grid[0])
    values = {(r, c): grid[r][c] for r in range(rows) for c in range(cols)}
    for r in range(rows):
        values[(r, "T")] = sum(grid[r])
    for c in [*range(cols), "T"]:
        values[("T", c)] = sum(values[(r, c)] for r in range(rows))
    sommen = [Som((r, "T"), tuple((r, c) for c in range(cols))) for r in [*range(rows), "T"]]
    sommen += [Som(("T", c), tuple((r, c) for r in range(rows))) for c in [*range(cols), "T"]]
    return values, sommen


def small(values):
    return {k for k, v in values.items() if v < 10}


# ----- crafted patterns ----------------------------------------------------------------


def test_one_small_cell_in_a_row_gets_a_partner():
    values = {"a": 3, "b": 40, "c": 25, "T": 68}
    sommen = [Som("T", ("a", "b", "c"))]
    hidden = suppress(values, {"a"}, sommen)
    assert hidden == {"a", "c"}  # the smallest other part, not the total
    assert not exposed(values, hidden, sommen)


def test_row_partner_that_column_subtraction_would_reveal():
    # a 2x3 table: 'a' is small; its row partner must in turn be protected in its column
    values, sommen = table_with_totals([[4, 30, 50], [20, 35, 45]])
    assert exposed(values, {(0, 0), (0, 1)}, sommen)  # row pairing alone is not enough
    hidden = suppress(values, small(values), sommen)
    assert (0, 0) in hidden and len(hidden) >= 4
    assert not exposed(values, hidden, sommen)


def test_hidden_wijk_cannot_be_derived_from_the_gemeente_total():
    values = {"gemeente": 87, "noord": 40, "zuid": 6, "oost": 21, "west": 20}
    sommen = [Som("gemeente", ("noord", "zuid", "oost", "west"))]
    hidden = suppress(values, {"zuid"}, sommen)
    assert "zuid" in hidden and len(hidden) == 2 and "gemeente" not in hidden
    assert not exposed(values, hidden, sommen)


def test_wijk_and_gemeente_tables_linked_in_both_directions():
    # rows beter/gelijk/slechter with a total per gebied, and gemeente = noord + zuid per column
    values, sommen = {}, []
    data = {"noord": [25, 12, 3], "zuid": [30, 18, 22]}
    cols = ["beter", "gelijk", "slechter"]
    for gebied, row in data.items():
        values.update({(gebied, c): v for c, v in zip(cols, row, strict=True)})
        values[(gebied, "totaal")] = sum(row)
        sommen.append(Som((gebied, "totaal"), tuple((gebied, c) for c in cols)))
    for c in [*cols, "totaal"]:
        values[("gemeente", c)] = values[("noord", c)] + values[("zuid", c)]
        sommen.append(Som(("gemeente", c), (("noord", c), ("zuid", c))))
    sommen.append(Som(("gemeente", "totaal"), tuple(("gemeente", c) for c in cols)))
    hidden = suppress(values, {("noord", "slechter")}, sommen)
    # zuid's slechter must go too, else gemeente - zuid gives noord
    assert ("zuid", "slechter") in hidden or ("gemeente", "slechter") in hidden
    assert not exposed(values, hidden, sommen)


def test_triangle_that_every_sum_alone_would_pass():
    # a + b, a + c and b + c are all shown: each sum has two hidden cells, yet
    # a = (T1 + T2 - T3) / 2. Linked tables produce this; pairing alone misses it.
    values = {"a": 4, "b": 20, "c": 30, "T1": 24, "T2": 34, "T3": 50, "d": 15, "T4": 19}
    sommen = [Som("T1", ("a", "b")), Som("T2", ("a", "c")), Som("T3", ("b", "c")), Som("T4", ("a", "d"))]
    assert determined(values, {"a", "b", "c", "d"}, sommen) == {"a", "b", "c", "d"}
    assert determined(values, {"a", "b", "c"}, sommen[:3]) == {"a", "b", "c"}
    hidden = suppress(values, {"a"}, sommen)
    assert not exposed(values, hidden, sommen)


def test_hidden_zeros_beside_a_shown_total_are_not_left_alone():
    # hiding two zeros with the total shown tells everyone that both are 0
    values = {"a": 0, "b": 0, "c": 12, "d": 40, "T": 52}
    sommen = [Som("T", ("a", "b", "c", "d"))]
    hidden = suppress(values, {"a", "b"}, sommen)
    assert "c" in hidden or "T" in hidden


def test_nothing_small_nothing_hidden():
    values, sommen = table_with_totals([[20, 30], [40, 50]])
    assert suppress(values, set(), sommen) == set()


# ----- property: no suppressed cell can be worked out -----------------------------------

cell = st.one_of(st.integers(0, 9), st.integers(10, 60))


@settings(max_examples=150, deadline=None)
@given(st.integers(2, 4).flatmap(lambda c: st.lists(st.lists(cell, min_size=c, max_size=c), min_size=2, max_size=4)))
def test_random_tables_leave_no_hidden_cell_computable(grid):
    values, sommen = table_with_totals(grid)
    primary = small(values)
    hidden = suppress(values, primary, sommen)
    assert primary <= hidden
    assert not exposed(values, hidden, sommen)


@settings(max_examples=100, deadline=None)
@given(
    st.tuples(st.integers(2, 4), st.integers(1, 3)).flatmap(
        lambda shape: st.lists(
            st.lists(st.lists(cell, min_size=3, max_size=3), min_size=shape[1], max_size=shape[1]),
            min_size=shape[0],
            max_size=shape[0],
        )
    )
)
def test_random_wijk_tables_with_gemeente_leave_no_hidden_cell_computable(data):
    # data[wijk][rij][kolom]; per gebied and rij a total column; the gemeente is the sum
    values, sommen = {}, []
    wijken, rijen, kolommen = range(len(data)), range(len(data[0])), range(3)
    for w, r in itertools.product(wijken, rijen):
        values.update({(w, r, k): data[w][r][k] for k in kolommen})
        values[(w, r, "T")] = sum(data[w][r])
    for r, k in itertools.product(rijen, [*kolommen, "T"]):
        values[("G", r, k)] = sum(values[(w, r, k)] for w in wijken)
        sommen.append(Som(("G", r, k), tuple((w, r, k) for w in wijken)))
    for g, r in itertools.product([*wijken, "G"], rijen):
        sommen.append(Som((g, r, "T"), tuple((g, r, k) for k in kolommen)))
    hidden = suppress(values, small(values), sommen)
    assert not exposed(values, hidden, sommen)


# ----- publishing -----------------------------------------------------------------------


def test_rounding_to_five():
    assert [rond_af(n) for n in (10, 12, 13, 15, 17, 18, 100)] == [10, 10, 15, 15, 15, 20, 100]


def test_beveilig_marks_small_and_secondary_and_rounds():
    k = lambda g, c: ("t", g, "r", c)  # noqa: E731
    cellen = {
        k("noord", "n"): Cel(23, 23),
        k("zuid", "n"): Cel(4, 4),
        k("oost", "n"): Cel(31, 31),
        k("gem", "n"): Cel(58, 58),
        k("noord", "mediaan"): Cel(0.25, 23, CelSoort.STATISTIEK, k("noord", "n")),
        k("oost", "mediaan"): Cel(0.5, 31, CelSoort.STATISTIEK, k("oost", "n")),
        k("gem", "mediaan"): Cel(0.4, 58, CelSoort.STATISTIEK, k("gem", "n")),
    }
    sommen = (Som(k("gem", "n"), (k("noord", "n"), k("zuid", "n"), k("oost", "n"))),)
    out = beveilig(Figuren((), cellen, sommen, "gem"))
    assert out[k("zuid", "n")].tekst() == KLEIN_TEKST
    assert out[k("noord", "n")].zichtbaarheid is Zichtbaarheid.VERBORGEN
    assert out[k("noord", "n")].tekst() == VERBORGEN_TEKST
    assert out[k("oost", "n")].waarde == 30 and out[k("gem", "n")].waarde == 60
    # a statistic follows the count it is computed over
    assert out[k("noord", "mediaan")].zichtbaarheid is Zichtbaarheid.VERBORGEN
    assert out[k("oost", "mediaan")].waarde == 0.5
    assert "23" not in "".join(p.tekst() for p in out.values())


def test_shares_come_from_published_counts_only():
    shown = lambda v: Gepubliceerd(v, Zichtbaarheid.GETOOND)  # noqa: E731
    assert aandeel(shown(15), shown(60)) == 0.25
    assert aandeel(Gepubliceerd(None, Zichtbaarheid.KLEIN), shown(60)) is None
    assert aandeel(shown(15), Gepubliceerd(None, Zichtbaarheid.VERBORGEN)) is None
    assert aandeel(shown(10), shown(0)) is None
    assert aandeel(shown(15), shown(10)) == 1.0  # rounding can make a part exceed its whole
