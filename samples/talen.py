"""One afgeronde 0-meting per language of the inwoner, with doelen typed in that language
(mixed with Latin words and numbers, as people write): for the screenshots in docs/, the
export tests that read each PDF back, and the benchmarks. Fixed ids and dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime

from board import Actie, Inwoner, Meting
from board.taal import TALEN

# Per language: (doel for geld, actie, doel for wonen)
DOELEN: dict[str, tuple[str, str, str]] = {
    "nl": ("Ik wil overzicht over mijn rekeningen, zodat ik niet meer schrik van de post.",
           "Elke maandag de post openmaken", "Ik wil dat de schimmel in de badkamer weg is vóór 1 juni."),
    "en": ("I want to know which bills I have, so the post no longer scares me.",
           "Open the post every Monday", "I want the mould in the bathroom gone before 1 June."),
    "ar": ("أريد أن أعرف كل فواتيري، حتى لا أخاف من البريد بعد الآن.",
           "فتح البريد كل يوم اثنين", "أريد أن تختفي الرطوبة من الحمام قبل 1 يونيو، والاتصال بشركة Woonbedrijf."),
    "tr": ("Faturalarımı bilmek istiyorum, böylece postadan artık korkmam.",
           "Her pazartesi postayı açmak", "Banyodaki küfün 1 Haziran'dan önce gitmesini istiyorum."),
    "pl": ("Chcę mieć przegląd rachunków, żeby nie bać się już poczty.",
           "Otwierać pocztę w każdy poniedziałek", "Chcę, żeby pleśń w łazience zniknęła przed 1 czerwca."),
    "uk": ("Я хочу знати всі свої рахунки, щоб більше не боятися пошти.",
           "Відкривати пошту щопонеділка", "Я хочу, щоб пліснява у ванній зникла до 1 червня."),
    "ti": ("ኩሉ ሕሳባተይ ክፈልጥ እደሊ፡ ካብ ፖስታ ከይፈርህ።",
           "ኩሉ ሰኑይ ፖስታ ምኽፋት", "ቅድሚ 1 ሰነ እቲ ሓሰኻ ኣብ መሕጸቢ ክጠፍእ እደሊ።"),
}


def inwoner(taal: str) -> Inwoner:
    return Inwoner.create(f"D-2026-T{[t.code for t in TALEN].index(taal):02d}", "Woensel-Noord", "A.B.",
                          inwoner_id=f"inwoner-{taal}", taal=taal)


def nulmeting(taal: str) -> Meting:
    """Five leefgebieden, three perspectieven, two doelen in the inwoner's language."""
    geld, actie, wonen = DOELEN[taal]
    m = Meting.nulmeting(f"inwoner-{taal}", date(2026, 3, 2), meting_id=f"meting-{taal}")
    keys = ["geld", "wonen", "sociale_contacten", "geestelijke_gezondheid", "zingeving"]
    for key, positie in zip(keys, [0.15, 0.4, 0.7, 0.3, 0.9], strict=True):
        m = m.choose(key).place_fiche(key, "inwoner", positie)
    m = m.place_fiche("geld", "professional", 0.3).place_fiche("wonen", "naaste", 0.6)
    m = m.add_doel("geld", geld, date(2026, 5, 1),
                   [Actie.create("inwoner", actie), Actie.create("wijkteam", "Schuldhulp: 040-1234567")],
                   doel_id=f"doel-geld-{taal}")
    m = m.add_doel("wonen", wonen, date(2026, 6, 1), [Actie.create("netwerk", actie)], doel_id=f"doel-wonen-{taal}")
    m = m.set_rapportcijfer(6).set_volgende_meting(date(2026, 6, 1))
    return m.afronden(datetime(2026, 3, 2, 11, 15))


def met_taal(inwoner_: Inwoner, taal: str) -> Inwoner:
    return replace(inwoner_, taal=taal)
