"""Property-based tests of the domain's invariants (hypothesis).

Any sequence of touch-screen operations, valid or not, leaves a valid meting; a refused
operation changes nothing; undo after any operation restores the state before; and the
JSON form round-trips whatever state we end up in.
"""

from __future__ import annotations

import contextlib
import math
from datetime import date, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from board import BoardError, BoardSession, Evaluatie, Meting, Perspectief, Uitvoerder, load_set
from board.document import dumps, loads, meting_from_document, meting_to_document
from board.meting_waarden import Actie

KEYS = [*list(load_set().keys), "onbekend"]
START = date(2026, 1, 12)

positions = st.one_of(
    st.floats(min_value=-0.5, max_value=1.5, allow_nan=False),
    st.sampled_from([0.0, 1.0, math.nan, math.inf, -math.inf]),
)
texts = st.text(min_size=0, max_size=40) | st.sampled_from(["één, ë, ij, ’", "x" * 1200, "\x00"])
acties = st.lists(
    st.builds(lambda wie, wat: (wie, wat), st.sampled_from(list(Uitvoerder)), st.text(min_size=1, max_size=20)),
    max_size=3,
)

operation = st.one_of(
    st.tuples(st.just("choose"), st.sampled_from(KEYS), st.none() | st.integers(-1, 15)),
    st.tuples(st.just("unchoose"), st.sampled_from(KEYS)),
    st.tuples(st.just("move"), st.sampled_from(KEYS), st.integers(-1, 15)),
    st.tuples(st.just("fiche"), st.sampled_from(KEYS), st.sampled_from([*Perspectief, "x"]), positions, st.booleans()),
    st.tuples(st.just("remove_fiche"), st.sampled_from(KEYS), st.sampled_from(list(Perspectief))),
    st.tuples(st.just("cijfer"), st.none() | st.integers(-1, 12)),
    st.tuples(st.just("doel"), st.sampled_from(KEYS), texts, st.none() | st.integers(-10, 400), acties),
    st.tuples(st.just("edit"), st.integers(0, 5), texts),
    st.tuples(st.just("remove_doel"), st.integers(0, 5)),
    st.tuples(st.just("evaluate"), st.integers(0, 5), st.none() | st.sampled_from(list(Evaluatie))),
    st.tuples(st.just("volgende"), st.integers(-5, 400)),
    st.tuples(st.just("afronden"),),
)


def doel_id(meting: Meting, index: int) -> str:
    return meting.doelen[index % len(meting.doelen)].id if meting.doelen else "geen"


def apply(meting: Meting, op: tuple) -> Meting:
    name, *args = op
    if name == "choose":
        return meting.choose(args[0], args[1])
    if name == "unchoose":
        return meting.unchoose(args[0])
    if name == "move":
        return meting.move_leefgebied(args[0], args[1])
    if name == "fiche":
        return meting.place_fiche(args[0], args[1], args[2], from_drag=args[3])
    if name == "remove_fiche":
        return meting.remove_fiche(args[0], args[1])
    if name == "cijfer":
        return meting.set_rapportcijfer(args[0])
    if name == "doel":
        streef = None if args[2] is None else meting.datum + timedelta(days=args[2])
        return meting.add_doel(args[0], args[1], streef, [Actie.create(w, t) for w, t in args[3]])
    if name == "edit":
        return meting.edit_doel(doel_id(meting, args[0]), tekst=args[1])
    if name == "remove_doel":
        return meting.remove_doel(doel_id(meting, args[0]))
    if name == "evaluate":
        return meting.evaluate_doel(doel_id(meting, args[0]), args[1])
    if name == "volgende":
        return meting.set_volgende_meting(meting.datum + timedelta(days=args[0]))
    return meting.afronden(datetime(2026, 1, 12, 12))


def assert_valid(meting: Meting) -> None:
    keys = set(meting.leefgebieden.keys)
    assert len(set(meting.gekozen)) == len(meting.gekozen) and set(meting.gekozen) <= keys
    pairs = [(f.leefgebied, f.perspectief) for f in meting.fiches]
    assert len(set(pairs)) == len(pairs) and pairs == sorted(pairs, key=lambda p: (p[0], list(Perspectief).index(p[1])))
    for fiche in meting.fiches:
        assert fiche.leefgebied in meting.gekozen
        assert math.isfinite(fiche.positie) and 0.0 <= fiche.positie <= 1.0
    ids = [d.id for d in meting.doelen]
    assert len(set(ids)) == len(ids)
    for doel in meting.doelen:
        assert doel.leefgebied in keys and doel.tekst.strip() == doel.tekst and 0 < len(doel.tekst) <= 1000
        if not meting.is_overgenomen(doel):
            assert doel.leefgebied in meting.gekozen and doel.evaluatie is None
    assert meting.rapportcijfer is None or 1 <= meting.rapportcijfer <= 10
    if meting.afgerond:
        assert all(meting.positie(k) is not None for k in meting.gekozen) and not meting.open_evaluaties


def base_metingen() -> st.SearchStrategy[Meting]:
    nul = Meting.nulmeting("inw", START, meting_id="m0")
    for key, pos in (("geld", 0.2), ("wonen", 0.7)):
        nul = nul.choose(key).place_fiche(key, "inwoner", pos)
    vorige = nul.add_doel("geld", "Schulden op een rij", doel_id="d1").afronden(datetime(2026, 1, 12, 12))
    return st.sampled_from([Meting.nulmeting("inw", START, meting_id="m0"), nul, vorige.vervolg(date(2026, 5, 1))])


@settings(max_examples=300, deadline=None)
@given(base_metingen(), st.lists(operation, max_size=25))
def test_any_sequence_of_operations_leaves_a_valid_meting(meting: Meting, ops: list[tuple]) -> None:
    for op in ops:
        try:
            after = apply(meting, op)
        except BoardError:
            continue  # refused: the meting is unchanged, as it is immutable
        assert_valid(after)
        meting = after
    assert meting_from_document(loads(dumps(meting_to_document(meting)))) == meting


@settings(max_examples=200, deadline=None)
@given(base_metingen(), st.lists(operation, max_size=15), operation)
def test_undo_after_any_operation_restores_the_state_before(meting: Meting, ops: list[tuple], last: tuple) -> None:
    session = BoardSession(meting)
    for op in ops:
        with contextlib.suppress(BoardError):
            session.apply(lambda m, op=op: apply(m, op))
    before = session.meting
    try:
        session.apply(lambda m: apply(m, last))
    except BoardError:
        assert session.meting == before
        return
    if session.meting != before:
        assert session.undo() == before
