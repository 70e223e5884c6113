"""Synthetic, deterministic monitor records for the example report, tests and benchmarks.

Every record is made the real way: a ``Meting`` filled in through its own operations,
afgerond, and turned into a record with ``monitor_record``. Each wijk has its own
leefgebieden that play and its own tendency to get better, so the charts show a pattern.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from board.inwoner import Inwoner
from board.meting import Meting
from board.meting_waarden import Actie, Evaluatie, Uitvoerder
from board.monitor_1_record import AfsluitingRecord, MonitorRecord, afsluiting_record, monitor_record
from board.traject import Afsluiting, Afsluitreden, afsluiten

VOORBEELD_SLEUTEL = b"voorbeeldgemeente-niet-geheim-0000"

# wijk -> (leefgebieden that play there, how much things improve there per vervolgmeting)
PROFIELEN: dict[str, tuple[tuple[str, ...], float]] = {
    "Centrum": (("geld", "wonen", "verslaving", "geestelijke_gezondheid"), 0.05),
    "Noord": (("sociale_contacten", "lichamelijke_gezondheid", "huishouden", "zingeving"), 0.10),
    "Oost": (("werk", "geld", "gezin", "leren"), 0.0),
    "West": (("gezin", "dagbesteding", "sociale_contacten", "geld"), 0.08),
    "Zuid": (("justitie", "verslaving", "wonen", "geld"), -0.04),
}


def voorbeeld_records(
    inwoners: int = 400, wijken: int = 4, seed: int = 7, key: bytes = VOORBEELD_SLEUTEL, klein: int = 0
) -> list[MonitorRecord]:
    """Records of ``inwoners`` inwoners over the first ``wijken`` wijken, in 2025, plus
    ``klein`` inwoners in one more, tiny wijk (to show what suppression does)."""
    return voorbeeld_trajecten(inwoners, wijken, seed, key, klein)[0]


def voorbeeld_trajecten(
    inwoners: int = 400, wijken: int = 4, seed: int = 7, key: bytes = VOORBEELD_SLEUTEL, klein: int = 0
) -> tuple[list[MonitorRecord], list[AfsluitingRecord]]:
    """As ``voorbeeld_records``, with the afsluitingen: about half the trajecten end in 2025
    (for a reason from the list), and some inwoners start a second traject after that."""
    rng = random.Random(seed)
    names = list(PROFIELEN)[:wijken]
    plan = [names[i % len(names)] for i in range(inwoners)] + [list(PROFIELEN)[-1]] * klein
    records: list[MonitorRecord] = []
    einden: list[AfsluitingRecord] = []
    for i, wijk in enumerate(plan):
        inwoner = Inwoner.create(f"VB-{i:05d}", wijk, inwoner_id=f"voorbeeld-inwoner-{seed}-{i}")
        history = _geschiedenis(rng, inwoner, i, date(2025, rng.randint(1, 9), rng.randint(1, 28)))
        records += [monitor_record(m, inwoner, key) for m in history]
        afsluiting = _afsluiting(rng, history)
        if afsluiting is None:
            continue
        einden.append(afsluiting_record(afsluiting, inwoner, history[0], key))
        opnieuw = afsluiting.datum + timedelta(days=rng.randint(20, 70))
        if rng.random() < 0.3 and opnieuw.year == 2025 and opnieuw.month <= 10:
            tweede = _geschiedenis(rng, inwoner, i, opnieuw, history[-1].volgnummer + 1)
            records += [monitor_record(m, inwoner, key, 1, tweede[0].volgnummer) for m in tweede]
    return records, einden


def _afsluiting(rng: random.Random, history: list[Meting]) -> Afsluiting | None:
    if rng.random() > 0.5:
        return None
    datum = min(date(2025, 12, 20), history[-1].datum + timedelta(days=rng.randint(0, 60)))
    reden = rng.choices(list(Afsluitreden), [0.45, 0.15, 0.1, 0.15, 0.03, 0.12])[0]
    return afsluiten(history, [], datum, reden, datetime.combine(datum, datetime.min.time()))


def _geschiedenis(rng: random.Random, inwoner: Inwoner, i: int, start: date, start_volgnummer: int = 0) -> list[Meting]:
    spelen, tendens = PROFIELEN[inwoner.wijk]
    meting = Meting.nulmeting(inwoner.id, start, meting_id=f"vb-{i}-{start_volgnummer}",
                              volgnummer=start_volgnummer)
    keys = list(meting.leefgebieden.keys)
    gewicht = [6 if k in spelen else 1 for k in keys]
    gekozen: list[str] = []
    while len(gekozen) < rng.randint(2, 5):
        k = rng.choices(keys, gewicht)[0]
        if k not in gekozen:
            gekozen.append(k)
    for k in gekozen:
        meting = meting.choose(k).place_fiche(k, "inwoner", round(rng.betavariate(2, 3), 3))
    meting = meting.set_rapportcijfer(rng.randint(3, 7))
    for j, k in enumerate(meting.suggested_for_doelen()[: rng.randint(1, 2)]):
        wie = rng.choices(list(Uitvoerder), [0.35, 0.2, 0.15, 0.2, 0.1], k=rng.randint(1, 2))
        meting = meting.add_doel(k, "Voorbeelddoel", acties=[Actie.create(w, "Voorbeeldactie") for w in wie],
                                 doel_id=f"vb-{i}-{start_volgnummer}-d{j}")
    meting = meting.afronden(datetime.combine(start, datetime.min.time()))
    history = [meting]
    for n in range(1, rng.choice((0, 1, 1, 2, 2, 3)) + 1):
        if start.month + 3 * n > 12:
            break
        datum = date(2025, start.month + 3 * n, 15)
        meting = history[-1].vervolg(datum, meting_id=f"vb-{i}-{start_volgnummer + n}")
        for k in meting.gekozen:
            # a third of the fiches stay put; the rest move with the wijk's tendency
            shift = rng.gauss(0, 0.02) if rng.random() < 0.35 else rng.gauss(tendens, 0.15)
            meting = meting.place_fiche(k, "inwoner", min(1.0, max(0.0, round(history[-1].positie(k) + shift, 3))))
        for doel in meting.open_evaluaties:
            kans = 0.3 + 2 * tendens
            # A doel evaluated before (deels or niet behaald, it runs on) is evaluated again by a
            # chance of its own: the sample's other draws, and so its records, stay as they were.
            eerder = doel.sinds_meting != history[-1].id
            trek = random.Random(f"{doel.id}:{meting.id}") if eerder else rng
            meting = meting.evaluate_doel(
                doel.id,
                trek.choices(list(Evaluatie), [kans, 0.3, max(0.05, 0.4 - kans), 0.05])[0],
            )
        cijfer = history[-1].rapportcijfer or 5
        meting = meting.set_rapportcijfer(max(1, min(10, cijfer + rng.choice((-1, 0, 0, 1, 1, 2)))))
        history.append(meting.afronden(datetime.combine(datum, datetime.min.time())))
    return history
