"""A realistic, deterministic sample of inwoners and their metingen (for the demo and tests).

Every meting is built through the board's own operations, so every state is valid. The
same seed always gives the same inwoners, ids, dates, positions and words.
"""

from __future__ import annotations

import random
import uuid
from datetime import date, datetime, time, timedelta

from board.inwoner import Inwoner
from board.meting import Meting
from board.meting_waarden import Actie, Evaluatie, Perspectief, Uitvoerder
from board.taal import TALEN

SEED = 2026
BEGIN = date(2024, 1, 8)  # the earliest 0-meting can be on this day
WIJKEN = ("Woensel-Noord", "Tongelre", "Stratum", "Gestel", "Strijp")

# Leefgebieden that often come up first in a wijkteam, with how often they are chosen.
KEUZE_GEWICHT = {
    "geld": 9,
    "wonen": 6,
    "geestelijke_gezondheid": 7,
    "sociale_contacten": 6,
    "werk": 5,
    "lichamelijke_gezondheid": 5,
    "huishouden": 4,
    "gezin": 4,
    "dagbesteding": 4,
    "zingeving": 3,
    "leren": 2,
    "persoonlijke_verzorging": 2,
    "verslaving": 2,
    "justitie": 1,
}

# Goals as inwoners say them, and the acties that go with them.
DOELEN = {
    "geld": (
        "Ik wil mijn rekeningen op tijd betalen.",
        "Ik wil weten hoeveel ik elke week kan uitgeven.",
        "Geen nieuwe schulden meer maken.",
    ),
    "wonen": (
        "Ik wil een huis zonder schimmel.",
        "Mijn huis moet weer van mij voelen.",
        "Ik wil niet meer bang zijn voor de huisbaas.",
    ),
    "geestelijke_gezondheid": (
        "Ik wil weer goed slapen.",
        "Minder piekeren over alles.",
        "Ik wil iemand hebben om mee te praten als het slecht gaat.",
    ),
    "sociale_contacten": (
        "Eén keer per week iemand zien.",
        "Ik wil mijn zus weer bellen.",
        "Niet meer de hele dag alleen thuis zitten.",
    ),
    "werk": (
        "Ik wil vrijwilligerswerk doen.",
        "Een baan vinden voor een paar ochtenden.",
        "Ik wil het op mijn werk volhouden.",
    ),
    "lichamelijke_gezondheid": (
        "Elke dag een half uur wandelen.",
        "Ik wil minder pijn in mijn rug.",
        "Op tijd naar de huisarts gaan.",
    ),
    "huishouden": (
        "De post elke week openmaken.",
        "Mijn huis netjes houden zonder hulp.",
        "Zelf boodschappen doen en koken.",
    ),
    "gezin": (
        "Meer rust thuis met de kinderen.",
        "De kinderen op tijd naar school brengen.",
        "Minder ruzie met mijn ex over de kinderen.",
    ),
    "dagbesteding": (
        "Ik wil ergens naartoe kunnen overdag.",
        "Een vaste dag bij het buurthuis.",
        "Iets doen met mijn handen.",
    ),
    "zingeving": ("Ik wil weer ergens zin in hebben.", "Iets doen waar ik trots op ben."),
    "leren": ("Beter leren lezen en schrijven.", "Mijn taalcursus afmaken."),
    "persoonlijke_verzorging": ("Elke ochtend aangekleed zijn.", "Hulp bij het douchen regelen."),
    "verslaving": ("Minder drinken in het weekend.", "Stoppen met gokken op mijn telefoon."),
    "justitie": ("Mijn boete afbetalen.", "Op tijd bij de reclassering zijn."),
}
ACTIES = {
    Uitvoerder.INWONER: (
        "Ik maak een lijstje en hang het op.",
        "Ik bel zelf op maandag.",
        "Ik vraag het aan de buurvrouw.",
    ),
    Uitvoerder.NETWERK: ("Mijn zus gaat een keer mee.", "Een vriend helpt met de papieren."),
    Uitvoerder.ALGEMENE_VOORZIENING: ("Aanmelden bij het buurthuis.", "Hulp van de vrijwillige thuisadministratie."),
    Uitvoerder.WIJKTEAM: ("Samen een budgetplan maken.", "De wijkcoach belt elke twee weken."),
    Uitvoerder.SPECIALISTISCHE_ZORG: (
        "Verwijzing naar de praktijkondersteuner.",
        "Afspraak bij de schuldhulpverlening.",
    ),
}
EVALUATIE_GEWICHT = {
    Evaluatie.BEHAALD: 4,
    Evaluatie.DEELS_BEHAALD: 4,
    Evaluatie.NIET_BEHAALD: 2,
    Evaluatie.VERVALLEN: 1,
}


def voorbeeld(seed: int = SEED, aantal: int = 30, tot: date | None = None) -> list[tuple[Inwoner, list[Meting]]]:
    """``aantal`` inwoners, each with a 0-meting and 0-3 vervolgmetingen, the 0-meting first.
    The last meting of about one in six inwoners is still a concept.

    ``tot``: the sample is dated up to that day, as a team that started with the board on 1
    January of the year before: the 0-metingen fall in that year, and a vervolgmeting that
    would come after ``tot`` has not happened yet (so the monitor's default period, the last
    calendar year that has ended, shows figures). The ids, positions and words stay those of
    the sample without ``tot``."""
    if tot is None:
        return _sample(seed, aantal, BEGIN)
    sample = _sample(seed, aantal, date(tot.year - 1, 1, 1))
    return [(inwoner, [m for m in history if m.datum <= tot]) for inwoner, history in sample]


# Doelen that run on and stand in for a new doel with the same words (``_nieuwe_doelen``).
_STANDS_IN: set[str] = set()


def _sample(seed: int, aantal: int, begin: date) -> list[tuple[Inwoner, list[Meting]]]:
    _STANDS_IN.clear()
    rng = random.Random(seed)
    return [_inwoner(rng, n, begin) for n in range(aantal)]


def _uid(rng: random.Random) -> str:
    return uuid.UUID(int=rng.getrandbits(128), version=4).hex


def _inwoner(rng: random.Random, n: int, begin: date) -> tuple[Inwoner, list[Meting]]:
    wijk = rng.choice(WIJKEN)
    letters = "ABCDEFGHIJKLMNOPRSTVWZ"
    initialen = ".".join(rng.choice(letters) for _ in range(rng.choice((1, 2, 2, 3)))) + "."
    # The first inwoners speak each of the inwoner's languages (issue 17), the rest Dutch.
    taal = TALEN[n].code if n < len(TALEN) else "nl"
    inwoner = Inwoner.create(f"WT-{2024 + n % 2}-{1001 + n:05d}", wijk, initialen, inwoner_id=_uid(rng), taal=taal)
    datum = begin + timedelta(days=rng.randrange(0, 330))
    meting = _eerste(rng, Meting.nulmeting(inwoner.id, datum, meting_id=_uid(rng)))
    metingen: list[Meting] = []
    for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
        metingen.append(_afronden(meting))
        meting = _vervolg(rng, metingen[-1].vervolg(meting.datum + timedelta(days=rng.randint(90, 200)), _uid(rng)))
    # About one visit in six was interrupted: that meting stays a concept.
    meting = _onaf(rng, meting) if rng.random() < 0.17 else _afronden(meting)
    return inwoner, [*metingen, meting]


def _eerste(rng: random.Random, meting: Meting) -> Meting:
    keys = list(KEUZE_GEWICHT)
    gekozen: list[str] = []
    target = rng.randint(3, 6)
    while len(gekozen) < target:
        key = rng.choices(keys, weights=[KEUZE_GEWICHT[k] for k in keys])[0]
        if key not in gekozen:
            gekozen.append(key)
    for key in gekozen:
        meting = meting.choose(key)
    for key in gekozen:
        inwoner = round(rng.uniform(0.05, 0.85), 3)
        meting = meting.place_fiche(key, Perspectief.INWONER, inwoner)
        meting = _andere_perspectieven(rng, meting, key, inwoner)
    meting = meting.set_rapportcijfer(rng.randint(3, 8))
    return _nieuwe_doelen(rng, meting, rng.randint(1, 3))


def _andere_perspectieven(rng: random.Random, meting: Meting, key: str, inwoner: float) -> Meting:
    if rng.random() < 0.35:
        meting = meting.place_fiche(key, Perspectief.PROFESSIONAL, _clamp(inwoner + rng.gauss(-0.05, 0.15)))
    if rng.random() < 0.15:
        meting = meting.place_fiche(key, Perspectief.NAASTE, _clamp(inwoner + rng.gauss(0, 0.15)))
    return meting


def _vervolg(rng: random.Random, meting: Meting) -> Meting:
    for doel in meting.open_evaluaties:
        # A doel that runs on from before the last meting is evaluated by a chance of its own:
        # the sample's other draws, and so its inwoners and dates, stay as they were.
        eigen = doel.sinds_meting != meting.vorige_meting_id and doel.id not in _STANDS_IN
        _STANDS_IN.discard(doel.id)
        kans = random.Random(f"{doel.id}:{meting.id}") if eigen else rng
        evaluatie = kans.choices(list(EVALUATIE_GEWICHT), weights=list(EVALUATIE_GEWICHT.values()))[0]
        meting = meting.evaluate_doel(doel.id, evaluatie)
    for fiche in meting.vorige:
        # Most things go a little better with support; some do not.
        moved = _clamp(fiche.positie + rng.gauss(0.07, 0.12))
        meting = meting.place_fiche(fiche.leefgebied, fiche.perspectief, moved)
    if rng.random() < 0.3:
        key = rng.choice(meting.niet_gekozen)
        meting = meting.choose(key).place_fiche(key, Perspectief.INWONER, round(rng.uniform(0.1, 0.6), 3))
    vorig = meting.rapportcijfer if meting.rapportcijfer else 6
    meting = meting.set_rapportcijfer(max(1, min(10, vorig + rng.choice((-1, 0, 1, 1, 2)))))
    return _nieuwe_doelen(rng, meting, rng.randint(0, 2))


def _nieuwe_doelen(rng: random.Random, meting: Meting, aantal: int) -> Meting:
    for key in meting.suggested_for_doelen()[:aantal]:
        tekst = rng.choice(DOELEN[key])
        # Doelen that run on from before the last meting are left out of the first check and
        # their texts skipped after the draws: the sample's draws, and so its inwoners and
        # dates, stay those from before doelen ran on.
        van_eerder = [d for d in meting.doelen if d.sinds_meting not in (meting.id, meting.vorige_meting_id)]
        if any(d.tekst == tekst for d in meting.doelen if d not in van_eerder):
            continue
        wie = rng.sample(list(ACTIES), rng.randint(1, 2))
        acties = [Actie.create(w, rng.choice(ACTIES[w])) for w in wie]
        streef = meting.datum + timedelta(days=rng.choice((60, 90, 120)))
        doel_id = _uid(rng)
        loopt_al = next((d for d in van_eerder if d.tekst == tekst), None)
        if loopt_al is None:
            meting = meting.add_doel(key, tekst, streef, acties, doel_id=doel_id)
        else:  # the same doel runs on: it stands in for the new one, also in the next evaluation's draw
            _STANDS_IN.add(loopt_al.id)
    if rng.random() < 0.7:
        meting = meting.set_volgende_meting(meting.datum + timedelta(days=rng.choice((90, 120, 180))))
    return meting


def _onaf(rng: random.Random, meting: Meting) -> Meting:
    """A visit that stopped half-way: some fiches placed, evaluations partly done."""
    for doel in [d for d in meting.doelen if meting.is_overgenomen(d)][1:]:
        meting = meting.evaluate_doel(doel.id, None)
    for key in meting.gekozen[rng.randint(1, max(1, len(meting.gekozen) - 1)) :]:
        if meting.positie(key) is not None and meting.soort.value == "nulmeting":
            meting = meting.remove_fiche(key, Perspectief.INWONER)
    return meting


def _afronden(meting: Meting) -> Meting:
    return meting.afronden(datetime.combine(meting.datum, time(11, 30)))


def _clamp(value: float) -> float:
    return round(min(1.0, max(0.0, value)), 3)
