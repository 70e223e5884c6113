"""What the app's monitor screen shows, shaped from published figures only.

``monitor_beeld`` takes the figures and what disclosure control lets through
(``disclosure.beveilig``) and returns the rows of the screen's charts for one gebied: no
value here is ever computed from a raw count, so a hidden cell stays hidden (``None``
with its marker "<10" or "x"), and a share is computed from rounded published counts
(``disclosure.aandeel``). A gebied without one inwoner counted in the period (a wijk on the
gemeente's map that the figures do not have) is too few, as the map says it ("<10"), and
nothing more (``te_weinig``). ``periode`` turns the screen's period buttons into a ``Periode``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from board.i18n import N_, current_language
from board.monitor_2_counts import ALLE, Periode
from board.monitor_2_trajecten import EIGEN_KRACHT
from board.monitor_3_table import CelKey, Figuren
from board.monitor_4_disclosure import KLEIN_TEKST, VERBORGEN_TEKST, Gepubliceerd, aandeel
from board.perioden import jaar, vorig_kwartaal

TOP_N = 7  # rows per chart: what fits at arm's length

# Only periods on the grid that have ended (board.perioden): no "last 12 months" or "this
# year so far", whose reports month after month would give away the few inwoners in between.
VORIG_KWARTAAL = "vorig_kwartaal"
VORIG_JAAR = "vorig_jaar"
JAAR_DAARVOOR = "jaar_daarvoor"
PERIODEN: tuple[tuple[str, str], ...] = (
    (VORIG_KWARTAAL, N_("Vorig kwartaal")),
    (VORIG_JAAR, N_("Vorig jaar")),
    (JAAR_DAARVOOR, N_("Het jaar daarvoor")),
)


def periode(keuze: str, vandaag: date) -> Periode:
    """The period of a button: the last quarter that has ended, last year, the year before."""
    if keuze == VORIG_KWARTAAL:
        return vorig_kwartaal(vandaag)
    if keuze == VORIG_JAAR:
        return jaar(vandaag.year - 1)
    if keuze == JAAR_DAARVOOR:
        return jaar(vandaag.year - 2)
    raise ValueError(f"unknown period {keuze!r}")


def periode_tekst(gekozen: Periode) -> str:
    """"jan. 2025 – dec. 2025" in the UI language."""
    from babel.dates import format_date

    def maand(value: str) -> str:
        return format_date(date(int(value[:4]), int(value[5:7]), 1), format="MMM y", locale=current_language())

    return maand(gekozen.van) if gekozen.van == gekozen.tot else f"{maand(gekozen.van)} – {maand(gekozen.tot)}"


@dataclass(frozen=True)
class Balk:
    """One bar: a share 0..1, or ``None`` (not shown: no bar, only ``tekst``)."""

    key: str
    label: str
    waarde: float | None
    tekst: str  # "45%", "15", "<10" or "x"


@dataclass(frozen=True)
class Verschuiving:
    """One leefgebied of 'waar gaat het beter': shares of its inwoners, or ``None`` (hidden)."""

    key: str
    label: str
    beter: float | None
    slechter: float | None
    beter_tekst: str
    slechter_tekst: str
    inwoners: str  # the published number of inwoners the row is about


@dataclass(frozen=True)
class Kerncijfer:
    """One figure of the trajecten (caseload, uitstroom, doorlooptijd, ...): the screen and the
    PDF both show these, from this one place."""

    key: str
    label: str  # marked with N_: translated where shown
    tekst: str  # published: "895", "6 mnd", "45%", or "<10" / "x"
    waarde: float | None = None  # the same as a number (a share 0..1); None where hidden: the map's colour


# (key, label): the trajecten's key figures, in the order the screen and the PDF show them
KERNCIJFERS: tuple[tuple[str, str], ...] = (
    ("caseload", N_("Caseload aan het eind")),
    ("uitstroom", N_("Uitstroom")),
    ("doorlooptijd", N_("Doorlooptijd (mediaan)")),
    ("eerste_vervolg", N_("Tot 1e vervolgmeting")),
    ("eigen_kracht", N_("Eigen kracht: behaald")),
)


@dataclass(frozen=True)
class MonitorBeeld:
    gebied: str
    inwoners: str  # published: "140", "<10" or "x"
    metingen: str
    doelen_behaald: float | None  # share of the doelen that ended in the period (each once)
    doelen_tekst: str
    cijfer_verschil: str  # median change in rapportcijfer: "+1", or a marker
    cijfer_van_naar: str  # "6 → 7", or "" when hidden
    gekozen_als_aandeel: bool  # False: the gebied's total is hidden, bars are counts
    gekozen: tuple[Balk, ...]
    verandering: tuple[Verschuiving, ...]
    trajecten: tuple[Kerncijfer, ...] = ()

    @property
    def noot_bij(self) -> frozenset[str]:
        """Where the note on "<10", "x" and rounding goes: under the headline figures' tiles
        ("tegels") when one of them shows a marker ("<10" under "Doorlooptijd (mediaan)" read as
        a number of days), under each chart with a hidden value ("gekozen", "verandering"); with
        none of these, under the first chart (the rounding still needs saying)."""
        bij = {"gekozen"} if any(b.waarde is None for b in self.gekozen) else set()
        if any(v.beter is None or v.slechter is None for v in self.verandering):
            bij.add("verandering")
        tegels = (self.inwoners, self.metingen, self.doelen_tekst, self.cijfer_verschil,
                  *(k.tekst for k in self.trajecten))
        if any(t in (KLEIN_TEKST, VERBORGEN_TEKST) for t in tegels):
            bij.add("tegels")
        return frozenset(bij or {"gekozen"})

    @property
    def leeg(self) -> bool:
        """Nothing at all may be shown: too few inwoners."""
        return (self.inwoners in (KLEIN_TEKST, VERBORGEN_TEKST) and not any(b.waarde for b in self.gekozen)
                and not self.verandering)


def getal(value: float, teken: bool = False) -> str:
    """A published number in the UI language (a decimal comma in Dutch), '+1' with ``teken``."""
    from babel.numbers import format_decimal  # Babel only when asked, as in board.i18n

    text = format_decimal(abs(value) if teken else value, format="#,##0.#", locale=current_language())
    return (("+" if value > 0 else "−" if value < 0 else "±") + text) if teken else text


def procent(share: float) -> str:
    return f"{round(share * 100)}%"


def te_weinig(figuren: Figuren, gebied: str) -> bool:
    """No inwoner of ``gebied`` was counted in the period: the figures have no cell of it. It is
    said as fewer than 10 ("<10"), the marker of any gebied with too few, never as a zero."""
    return gebied not in figuren.gebieden


def te_kiezen(figuren: Figuren, op_kaart: Sequence[str] = ()) -> list[str]:
    """The gebieden to choose from: the gemeente, every wijk (with figures, or of the map without
    any: too few, chosen the same way, it says so) in alphabetical order, the wijkteams."""
    return [figuren.gemeente, *sorted({*figuren.wijken, *op_kaart}, key=str.casefold), *figuren.wijkteams]


def monitor_beeld(figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], gebied: str) -> MonitorBeeld:
    if te_weinig(figuren, gebied):
        return MonitorBeeld(gebied=gebied, inwoners=KLEIN_TEKST, metingen=KLEIN_TEKST, doelen_behaald=None,
                            doelen_tekst=KLEIN_TEKST, cijfer_verschil=KLEIN_TEKST, cijfer_van_naar="",
                            gekozen_als_aandeel=False, gekozen=(), verandering=(),
                            trajecten=kerncijfers(figuren, published, gebied))

    def v(tabel: str, rij: str, kolom: str) -> Gepubliceerd:
        return published[(tabel, gebied, rij, kolom)]

    def tekst(cel: Gepubliceerd, teken: bool = False) -> str:
        return getal(cel.waarde, teken) if cel.getoond and cel.waarde is not None else cel.tekst()

    van, naar = v("rapportcijfer", ALLE, "mediaan_0"), v("rapportcijfer", ALLE, "mediaan_laatst")
    behaald, doelen_tekst = _doelen_behaald(figuren, published, gebied)
    totaal = v("overzicht", ALLE, "inwoners")
    return MonitorBeeld(
        gebied=gebied,
        inwoners=tekst(totaal),
        metingen=tekst(v("overzicht", ALLE, "metingen")),
        doelen_behaald=behaald,
        doelen_tekst=doelen_tekst,
        cijfer_verschil=tekst(v("rapportcijfer", ALLE, "mediaan_verschil"), teken=True),
        cijfer_van_naar=f"{tekst(van)} → {tekst(naar)}" if van.getoond and naar.getoond else "",
        gekozen_als_aandeel=totaal.getoond,
        gekozen=_gekozen(figuren, published, gebied, totaal),
        verandering=_verandering(figuren, published, gebied),
        trajecten=kerncijfers(figuren, published, gebied),
    )


def kerncijfers(figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], gebied: str) -> tuple[Kerncijfer, ...]:
    """The trajecten in a few published figures: caseload at the end of the period's last
    quarter, uitstroom in the period, median doorlooptijd and time to the first vervolgmeting
    (months), and the share of the doelen done with eigen kracht en netwerk that were behaald."""
    if te_weinig(figuren, gebied):
        return tuple(Kerncijfer(key, label, KLEIN_TEKST) for key, label in KERNCIJFERS)

    def v(tabel: str, rij: str, kolom: str) -> Gepubliceerd:
        return published[(tabel, gebied, rij, kolom)]

    def maanden(cel: Gepubliceerd) -> str:
        return f"{getal(cel.waarde)} mnd" if cel.getoond and cel.waarde is not None else cel.tekst()

    def aantal(cel: Gepubliceerd) -> str:
        return getal(cel.waarde) if cel.getoond and cel.waarde is not None else cel.tekst()

    kwartalen = figuren.tabel("trajecten").rijen
    caseload = v("trajecten", kwartalen[-1], "caseload") if kwartalen else None
    behaald, totaal = v("doelen_actoren", EIGEN_KRACHT, "behaald"), v("doelen_actoren", EIGEN_KRACHT, "totaal")
    cellen = {
        "caseload": (caseload, aantal(caseload) if caseload is not None else KLEIN_TEKST),
        "uitstroom": (v("uitstroom", ALLE, "trajecten"), aantal(v("uitstroom", ALLE, "trajecten"))),
        "doorlooptijd": (v("uitstroom", ALLE, "doorlooptijd_mediaan"),
                         maanden(v("uitstroom", ALLE, "doorlooptijd_mediaan"))),
        "eerste_vervolg": (v("doorlooptijden", ALLE, "eerste_vervolg_mediaan"),
                           maanden(v("doorlooptijden", ALLE, "eerste_vervolg_mediaan"))),
    }
    teksten = {key: tekst for key, (_cel, tekst) in cellen.items()}
    waarden = {key: cel.waarde if cel is not None and cel.getoond else None for key, (cel, _t) in cellen.items()}
    teksten["eigen_kracht"], waarden["eigen_kracht"] = _share_tekst(behaald, totaal), aandeel(behaald, totaal)
    return tuple(Kerncijfer(key, label, teksten[key], waarden[key]) for key, label in KERNCIJFERS)


def _gekozen(
    figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], gebied: str, totaal: Gepubliceerd
) -> tuple[Balk, ...]:
    """The TOP_N most chosen leefgebieden as shares of the gebied's inwoners (as counts, scaled
    to the largest, where that total is hidden); the rest, hidden or not, as one marker row."""
    tabel = figuren.tabel("gekozen")
    cells = [(rij, label, published[("gekozen", gebied, rij, "gekozen")])
             for rij, label in zip(tabel.rijen, tabel.rij_labels, strict=True)]
    shown = sorted(((r, lb, c) for r, lb, c in cells if c.getoond and c.waarde),
                   key=lambda t: (-(t[2].waarde or 0), t[0]))
    most = max((c.waarde or 0 for _, _, c in shown), default=0) or 1
    rows = [
        Balk(r, lb, s, procent(s)) if totaal.getoond and (s := aandeel(c, totaal)) is not None
        else Balk(r, lb, (c.waarde or 0) / most, getal(c.waarde or 0))
        for r, lb, c in shown[:TOP_N]
    ]
    markers = sorted({c.tekst() for _, _, c in cells if not c.getoond})
    if markers and len(rows) < TOP_N:
        rows.append(Balk("", N_("Andere leefgebieden"), None, " / ".join(markers)))
    return tuple(rows)


def _verandering(
    figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], gebied: str
) -> tuple[Verschuiving, ...]:
    """Per leefgebied with a published number of compared inwoners (the TOP_N largest), the
    shares that went better and worse; sorted with the most 'beter' first."""
    tabel = figuren.tabel("verandering")
    rows = []
    for rij, label in zip(tabel.rijen, tabel.rij_labels, strict=True):
        totaal = published[("verandering", gebied, rij, "totaal")]
        if not totaal.getoond or not totaal.waarde:
            continue
        beter, slechter = (published[("verandering", gebied, rij, k)] for k in ("beter", "slechter"))
        rows.append((totaal.waarde, Verschuiving(
            rij, label, aandeel(beter, totaal), aandeel(slechter, totaal),
            _share_tekst(beter, totaal), _share_tekst(slechter, totaal), getal(totaal.waarde),
        )))
    largest = [r for _, r in sorted(rows, key=lambda t: (-t[0], t[1].key))[:TOP_N]]
    return tuple(sorted(largest, key=lambda r: (-(r.beter if r.beter is not None else -1), r.key)))


def _share_tekst(deel: Gepubliceerd, geheel: Gepubliceerd) -> str:
    share = aandeel(deel, geheel)
    return procent(share) if share is not None else deel.tekst()


def _doelen_behaald(
    figuren: Figuren, published: Mapping[CelKey, Gepubliceerd], gebied: str
) -> tuple[float | None, str]:
    """Share of behaald doelen, summed over the leefgebieden where both published counts are
    shown (a sum of published numbers gives nothing away); a marker when there are none."""
    if gebied not in figuren.tabel("doelen").gebieden:  # a wijkteam: all its doelen, by who did the work
        b, t = published[("doelen_actoren", gebied, ALLE, "behaald")], published[("doelen_actoren", gebied, ALLE,
                                                                                    "totaal")]
        share = aandeel(b, t)
        return share, procent(share) if share is not None else (t if not t.getoond else b).tekst()
    behaald = totaal = 0.0
    markers = set()
    for rij in figuren.tabel("doelen").rijen:
        b, t = published[("doelen", gebied, rij, "behaald")], published[("doelen", gebied, rij, "totaal")]
        if b.getoond and t.getoond and t.waarde:
            behaald, totaal = behaald + (b.waarde or 0), totaal + t.waarde
        else:
            markers.add((t if not t.getoond else b).tekst())
    if not totaal:
        return None, VERBORGEN_TEKST if markers == {VERBORGEN_TEKST} else KLEIN_TEKST
    share = min(1.0, behaald / totaal)
    return share, procent(share)
