"""The sample: deterministic, realistic in shape, and valid as the board sees it."""

from __future__ import annotations

from board import MetingSoort, Perspectief, Status
from board.document import history_from_document, history_to_document
from samples.voorbeeld import WIJKEN, voorbeeld


def test_the_same_seed_gives_the_same_sample_and_another_seed_another() -> None:
    assert voorbeeld() == voorbeeld()
    assert voorbeeld(seed=1) != voorbeeld()


def test_the_sample_has_the_shape_of_a_wijkteam() -> None:
    sample = voorbeeld()
    assert len(sample) == 30
    assert len({inwoner.wijk for inwoner, _ in sample}) >= 4
    assert {inwoner.wijk for inwoner, _ in sample} <= set(WIJKEN)
    assert len({inwoner.dossiernummer for inwoner, _ in sample}) == 30
    lengths = {len(history) for _, history in sample}
    assert min(lengths) == 1 and max(lengths) == 4
    concepts = [history[-1] for _, history in sample if history[-1].status is Status.CONCEPT]
    assert 2 <= len(concepts) <= 10
    for inwoner, history in sample:
        assert history[0].soort is MetingSoort.NULMETING
        assert [m.volgnummer for m in history] == list(range(len(history)))
        assert all(m.status is Status.AFGEROND for m in history[:-1])
        assert all(m.inwoner_id == inwoner.id for m in history)
    metingen = [m for _, history in sample for m in history]
    assert any(
        m.positie(k, p) is not None
        for m in metingen
        for k in m.gekozen
        for p in (Perspectief.PROFESSIONAL, Perspectief.NAASTE)
    )
    assert any(d.evaluatie is not None for m in metingen for d in m.doelen)
    assert all(m.rapportcijfer is not None for m in metingen)


def test_every_meting_of_the_sample_passes_the_boards_checks() -> None:
    for inwoner, history in voorbeeld():
        assert history_from_document(history_to_document(inwoner, history)) == (inwoner, history)
