"""Counting trajecten: caseload, in- en uitstroom, doorlooptijden, and who did the work.

One traject (``TrajectFeit``: its wijk, the months of its 0-meting, first vervolgmeting and
afsluiting, the reason, and its first and last meting) gives a set of cell keys and values
(``traject_tellingen``); ``monitor_2_counts.tel`` (Python, from records) and
``storage.central_counts`` (SQL, from the central database's derived ``monitor_traject``
table) both add those up, so both ways give the same ``Tellingen``.

The tables (rows and columns, see ``monitor_3_figures``):
- ``trajecten`` per quarter and ``trajecten_maand`` per month: ``caseload`` (open at the end
  of the quarter / month), ``instroom`` (0-meting in it), ``uitstroom`` (afgesloten in it);
- ``uitstroom`` per reason (and all): the trajecten afgesloten in the period and their
  ``doorlooptijd`` in months from 0-meting to afsluiting (median and quartiles);
- ``doorlooptijden``: months from the 0-meting to the first vervolgmeting, for trajecten whose
  first vervolgmeting lies in the period;
- ``doelen_actoren``: doelen that ended in the period (``doel_uitkomsten``) by who did the
  work: eigen kracht en netwerk only (inwoner, netwerk, or no acties); with algemene
  voorziening; with the wijkteam; with specialistische zorg (the heaviest help counts);
  unknown for version 1 records;
- ``verandering_afgesloten``: per leefgebied, better / the same / worse from the traject's
  0-meting to its last meting, for trajecten afgesloten in the period.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from board.meting_waarden import LOPEND, Evaluatie, MetingSoort, Uitvoerder
from board.monitor_1_record import AfsluitingRecord, DoelUitkomst, MonitorRecord
from board.traject import Afsluitreden
from board.vergelijking import richting

ALLE = "alle"
# Who did the work, lightest help first; a doel counts in the group of the heaviest help in its acties.
EIGEN_KRACHT = "eigen_kracht"
ACTOR_GROEPEN = (EIGEN_KRACHT, "algemene_voorziening", "wijkteam", "specialistische_zorg")
ONBEKEND = "onbekend"  # version 1 records: the acties' actors were not sent
_ZWAARTE = {
    Uitvoerder.ALGEMENE_VOORZIENING: 1,
    Uitvoerder.WIJKTEAM: 2,
    Uitvoerder.SPECIALISTISCHE_ZORG: 3,
}
ACTOR_BITS = {u: 1 << i for i, u in enumerate(Uitvoerder)}  # as the central database stores them
REDENEN = tuple(r.value for r in Afsluitreden)

Key = tuple[str, str, str]  # (tabel, rij, kolom): the wijk is added by the caller


def actor_groep(actoren: Iterable[Uitvoerder] | None) -> str:
    """The group of a doel by who takes its acties (the heaviest help); None: not known."""
    if actoren is None:
        return ONBEKEND
    zwaarst = max((_ZWAARTE.get(a, 0) for a in actoren), default=0)
    return ACTOR_GROEPEN[zwaarst]


def actor_groep_bits(bits: int | None) -> str:
    """``actor_groep`` from the central database's bit mask (None: not sent, version 1)."""
    if bits is None:
        return ONBEKEND
    return actor_groep(u for u, bit in ACTOR_BITS.items() if bits & bit)


def maand_index(maand: str) -> int:
    return int(maand[:4]) * 12 + int(maand[5:7]) - 1


def maanden(van: str, tot: str) -> tuple[str, ...]:
    return tuple(f"{i // 12}-{i % 12 + 1:02d}" for i in range(maand_index(van), maand_index(tot) + 1))


def kwartaal_einde(kwartaal: str) -> str:
    """'2026 K2' -> '2026-06'."""
    return f"{kwartaal[:4]}-{3 * int(kwartaal[-1]):02d}"


@dataclass(frozen=True)
class TrajectFeit:
    begin: str  # month of the 0-meting
    eerste_vervolg: str | None  # month of the first vervolgmeting
    eind: str | None  # month of the afsluiting
    reden: str | None
    nul: MonitorRecord | None = None  # the 0-meting and the last meting: for the change
    laatste: MonitorRecord | None = None


def traject_tellingen(
    feit: TrajectFeit, van: str, tot: str, kwartalen: Iterable[str]
) -> Iterator[tuple[Key, float | None]]:
    """The cells one traject counts in, for the period ``van`` .. ``tot``: (key, None) adds 1
    to a count; (key, value) adds a value to a histogram."""

    def open_op(maand: str) -> bool:
        return feit.begin <= maand and (feit.eind is None or feit.eind > maand)

    for q in kwartalen:
        # a quarter only partly in the period counts its part (the period's end is its end)
        q_van, q_tot = max(van, f"{q[:4]}-{3 * int(q[-1]) - 2:02d}"), min(tot, kwartaal_einde(q))
        if open_op(q_tot):
            yield ("trajecten", q, "caseload"), None
        if q_van <= feit.begin <= q_tot:
            yield ("trajecten", q, "instroom"), None
        if feit.eind is not None and q_van <= feit.eind <= q_tot:
            yield ("trajecten", q, "uitstroom"), None
    for m in maanden(van, tot):
        if open_op(m):
            yield ("trajecten_maand", m, "caseload"), None
        if feit.begin == m:
            yield ("trajecten_maand", m, "instroom"), None
        if feit.eind == m:
            yield ("trajecten_maand", m, "uitstroom"), None
    if feit.eind is not None and van <= feit.eind <= tot and feit.reden is not None:
        duur = maand_index(feit.eind) - maand_index(feit.begin)
        for rij in (feit.reden, ALLE):
            yield ("uitstroom", rij, "trajecten"), None
            yield ("uitstroom", rij, "doorlooptijd"), duur
        if feit.laatste is not None:  # its doelen still running end with it, as last evaluated
            for doel in feit.laatste.doelen:
                if doel.evaluatie is not None and doel.evaluatie in LOPEND:
                    for key in doel_uitkomsten(doel):
                        yield key, None
        if feit.nul is not None and feit.laatste is not None and feit.laatste is not feit.nul:
            for score in feit.laatste.leefgebieden:
                before = feit.nul.score(score.leefgebied)
                if before is None:
                    continue
                yield ("verandering_afgesloten", score.leefgebied, richting(before.positie, score.positie).value), None
                yield ("verandering_afgesloten", score.leefgebied, "totaal"), None
                yield ("verandering_afgesloten", score.leefgebied, "verschil"), round(score.positie - before.positie, 3)
    if feit.eerste_vervolg is not None and van <= feit.eerste_vervolg <= tot:
        yield ("doorlooptijden", ALLE, "trajecten"), None
        yield ("doorlooptijden", ALLE, "eerste_vervolg"), maand_index(feit.eerste_vervolg) - maand_index(feit.begin)


def feiten(
    history: list[MonitorRecord], afsluitingen: dict[int, AfsluitingRecord]
) -> Iterator[tuple[str, TrajectFeit]]:
    """(wijk, fact) per traject of one inwoner's history (in history order). A traject whose
    0-meting never arrived counts from the begin month its afsluiting gives, if any."""
    per_traject: dict[int, list[MonitorRecord]] = {}
    for record in history:
        per_traject.setdefault(record.traject, []).append(record)
    for nummer in sorted(per_traject.keys() | afsluitingen.keys()):
        records = per_traject.get(nummer, [])
        einde = afsluitingen.get(nummer)
        nul = next((r for r in records if r.soort is MetingSoort.NULMETING), None)
        begin = nul.maand if nul is not None else einde.begin_maand if einde is not None else None
        if begin is None:
            continue
        vervolg = [r.maand for r in records if r.soort is MetingSoort.VERVOLGMETING]
        wijk = einde.wijk if einde is not None else records[-1].wijk
        yield wijk, TrajectFeit(
            begin=begin,
            eerste_vervolg=min(vervolg) if vervolg else None,
            eind=einde.eind_maand if einde is not None else None,
            reden=einde.reden.value if einde is not None else None,
            nul=nul,
            laatste=records[-1] if records else None,
        )


# How the monitor counts a doel: once, in the month it ends, with how it ended. Behaald or
# vervallen ends it at that evaluation (``monitor_2_counts``); deels or niet behaald lets it run
# on to be evaluated again (``Doel.loopt``), so it ends with its traject: at the afsluiting, as
# the traject's last meting evaluated it (above). A doel niet behaald in the first quarter and
# behaald in the third is one doel, behaald, in the third; each doel ends in one month, so a
# year's doelen are the sum of its quarters' (``disclosure_familie.ADDITIEF``), and a quarter's
# never change after it: an ending is final.
EINDIGT = (Evaluatie.BEHAALD, Evaluatie.VERVALLEN)  # evaluations that end a doel where they are made


def doel_uitkomsten(doel: DoelUitkomst) -> Iterator[Key]:
    """The cells of one doel that ended: per leefgebied and by who did the work."""
    if doel.evaluatie is None:
        return
    yield ("doelen", doel.leefgebied, doel.evaluatie.value)
    yield ("doelen", doel.leefgebied, "totaal")
    yield from doel_tellingen(actor_groep(doel.actoren), doel.evaluatie.value)


def doel_tellingen(groep: str, evaluatie: str) -> Iterator[Key]:
    """The cells of one evaluated doel in ``doelen_actoren``."""
    for rij in (groep, ALLE):
        yield ("doelen_actoren", rij, evaluatie)
        yield ("doelen_actoren", rij, "totaal")
