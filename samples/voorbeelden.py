"""Reference metingen for the export tests, the docs examples and the export benchmarks.

Fixed ids and dates: the same call always gives the same meting, so renders are comparable.
"""

from __future__ import annotations

from datetime import date, datetime

from board import Actie, Inwoner, Meting, load_set

TEAM = "Wijkteam Woensel-Noord, 040-1234567"
DIAKRIET = "Eén keer per week koffie drinken in het buurthuis, ook als het regent (ë, ij, één, ’t is oké)."
LANG_WOORD = "Arbeidsongeschiktheidsverzekeringsmaatschappijmedewerkersvergaderingsruimte"
# 500 characters: a long story with a very long word in it, exactly as an inwoner might type it.
LANG_DOEL = (
    f"Ik wil weer rust in mijn hoofd over geld. De {LANG_WOORD} belde me vorige week over een "
    "oude rekening en ik schrok me rot. Ik wil dat alle brieven op één plek liggen, dat ik weet "
    "wat ik moet betalen en wanneer, en dat ik niet meer wakker lig van de post. Mijn zus "
    "helpt me graag, maar ze woont in Tilburg. Misschien kan iemand van het wijkteam één keer "
    "per maand meekijken. Dan kan ik in de zomer misschien zelfs een paar dagen naar zee"
)
LANG_DOEL = (LANG_DOEL + " met de kinderen, dat zou mooi zijn." + " " * 500)[:500].rstrip() + "!"


def inwoner() -> Inwoner:
    return Inwoner.create("D-2026-0042", "Woensel-Noord", "A.B.", inwoner_id="inwoner-ref")


def nulmeting() -> Meting:
    """An afgeronde 0-meting: seven leefgebieden, three perspectieven, two doelen."""
    m = Meting.nulmeting("inwoner-ref", date(2026, 3, 2), meting_id="meting-0")
    keys = ["geld", "wonen", "sociale_contacten", "geestelijke_gezondheid", "werk", "dagbesteding", "zingeving"]
    for key, positie in zip(keys, [0.15, 0.4, 0.7, 0.3, 0.05, 0.95, 0.5], strict=True):
        m = m.choose(key).place_fiche(key, "inwoner", positie)
    m = m.place_fiche("geld", "professional", 0.3).place_fiche("wonen", "naaste", 0.6)
    m = m.place_fiche("zingeving", "professional", 0.25)
    m = m.add_doel(
        "geld",
        "Ik wil overzicht over mijn rekeningen, zodat ik niet meer schrik van de post.",
        date(2026, 5, 1),
        [
            Actie.create("inwoner", "Elke maandag de post openmaken"),
            Actie.create("netwerk", "Zus Marieke helpt met sorteren"),
            Actie.create("wijkteam", "Aanmelden bij de schuldhulpverlening"),
        ],
        doel_id="doel-geld",
    )
    m = m.add_doel(
        "sociale_contacten",
        DIAKRIET,
        date(2026, 4, 15),
        [Actie.create("algemene voorziening", "Buurthuis De Ster: koffieochtend op dinsdag")],
        doel_id="doel-contact",
    )
    m = m.set_rapportcijfer(5).set_volgende_meting(date(2026, 6, 1))
    return m.afronden(datetime(2026, 3, 2, 11, 15))


def vervolgmeting(vorige: Meting | None = None) -> Meting:
    """The afgeronde vervolgmeting 1 after ``nulmeting()``: most fiches moved, doelen evaluated."""
    vorige = vorige or nulmeting()
    m = vorige.vervolg(date(2026, 6, 1), meting_id="meting-1")
    for key, positie in zip(m.gekozen, [0.45, 0.55, 0.72, 0.6, 0.1, 0.8, 0.8], strict=True):
        m = m.place_fiche(key, "inwoner", positie)
    m = m.place_fiche("geld", "professional", 0.55).place_fiche("wonen", "naaste", 0.65)
    m = m.evaluate_doel("doel-geld", "deels behaald").evaluate_doel("doel-contact", "behaald")
    m = m.add_doel(
        "werk",
        "Vrijwilligerswerk bij de kringloop, twee ochtenden per week.",
        date(2026, 9, 1),
        [
            Actie.create("inwoner", "Langsgaan bij de kringloop"),
            Actie.create("algemene voorziening", "Vrijwilligerscentrale: kennismakingsgesprek"),
        ],
        doel_id="doel-werk",
    )
    m = m.set_rapportcijfer(7).set_volgende_meting(date(2026, 9, 15))
    return m.afronden(datetime(2026, 6, 1, 10, 30))


def met_doelen(aantal: int, lang: bool = False) -> Meting:
    """A concept 0-meting with ``aantal`` doelen spread over the leefgebieden."""
    keys = load_set().keys
    m = Meting.nulmeting("inwoner-ref", date(2026, 3, 2), meting_id=f"meting-{aantal}-doelen")
    for key in keys:
        m = m.choose(key).place_fiche(key, "inwoner", 0.5)
    for i in range(aantal):
        tekst = LANG_DOEL if lang and i == 0 else f"Doel nummer {i + 1}: {DIAKRIET}"
        m = m.add_doel(
            keys[i % len(keys)],
            tekst,
            date(2026, 4 + i % 8, 1 + i),
            [
                Actie.create("inwoner", f"Eerste stap voor doel {i + 1}"),
                Actie.create("wijkteam", f"Hulp bij doel {i + 1}"),
            ],
            doel_id=f"doel-{i}",
        )
    return m.set_volgende_meting(date(2026, 6, 1))
