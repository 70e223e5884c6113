"""The monitor screen with the gemeente's wijkteams and map (the demo's Voorbeeldstad), driven by
touch at two window sizes: the map's colours read back as pixels are the published figures'
classes, the wijk without inwoners is hatched, a tap on a wijk shows it, a figure button
recolours the map, and a wijkteam is a gebied like a wijk, never about fewer than 10 inwoners."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from board.kaart import binnen
from board.monitor_2_counts import ALLE
from board.monitor_3_table import CelSoort
from board.monitor_6_kaart import ARCERING_LIJN, ARCERING_VLAK, KLASSEN, kaart_beeld
from board.perioden import jaar
from services.demo import fill
from services.monitor import monitor_for_app
from services.monitor_gebieden import lees_gebieden, zet_voorbeeld
from tests.kivy_helpers import PIN, button, drag, frames, into_sight, make_app_fixture, type_pin, window_fixture  # noqa: F401
from tests.test_monitor_screen import open_monitor, settled, tablet  # noqa: F401

TOT, TODAY = date(2026, 2, 27), date(2026, 3, 1)  # "vorig jaar" on the screen is 2025


def near(pixel: tuple[int, ...], colour: tuple[int, int, int], tolerance: int = 6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(pixel[:3], colour, strict=True))


def colours_inside(kaart: object, naam: str, image: object) -> Counter:
    """The pixels inside a wijk's outline on the window, sampled on a grid (labels included)."""
    vlakken = kaart.vormen[naam]
    xs = [p[0] for v in vlakken for r in v for p in r]
    ys = [p[1] for v in vlakken for r in v for p in r]
    found: Counter = Counter()
    step = 3
    for x in range(int(min(xs)) + 1, int(max(xs)), step):
        for y in range(int(min(ys)) + 1, int(max(ys)), step):
            if binnen(vlakken, x, y):
                wx, wy = (round(v) for v in kaart.to_window(x, y))  # the page may scroll
                found[image.getpixel((wx, image.height - 1 - wy))[:3]] += 1
    return found


def in_sight(widget: object, page: object) -> float:
    """How high a part of ``widget`` the professional sees: within the scrolling page's view,
    and nothing it lies in made invisible (0 when hidden)."""
    from tests.screen_checks import window_rect

    if not all(w.opacity > 0 for w in _up(widget)):
        return 0.0
    x, y, width, height = window_rect(widget)
    px, py, pwidth, pheight = window_rect(page)
    if width <= 0 or x < px or x + width > px + pwidth:
        return 0.0
    return max(0.0, min(y + height, py + pheight) - max(y, py))


def _up(widget: object) -> list:
    found = []
    while widget is not None and widget is not widget.parent:
        found.append(widget)
        widget = widget.parent
    return found


def point_in(kaart: object, naam: str) -> tuple[float, float]:
    """A point well inside a wijk (its label place, which lies inside by construction)."""
    from board.kaart import midden

    return kaart.to_window(*midden(kaart.vormen[naam]))  # on the window: the page may scroll


def shot(name: str) -> None:
    """With MAGNEETBORD_TEST_SHOTS=FOLDER, keep what the window shows (to look at, or for a report)."""
    import os

    from tests.kivy_helpers import window_pixels

    folder = os.environ.get("MAGNEETBORD_TEST_SHOTS")
    if folder:
        window_pixels().save(f"{folder}/{name}.png")


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)])
def test_the_map_shows_the_published_figures_and_a_tap_chooses_a_wijk(
    make_app: object, tablet: object, window: object, size: tuple[int, int]  # noqa: F811
) -> None:
    from tests.kivy_helpers import window_pixels

    tablet(lambda repository: fill(repository, aantal=400, tot=TOT))
    zet_voorbeeld()  # the demo's wijkteams and map, in this test's data folder
    window.size = size
    app = make_app(today=lambda: TODAY)
    type_pin(app.screen("lock"), PIN)
    screen = open_monitor(app)
    assert screen.heeft_kaart and not screen.kaart_open
    gebieden = lees_gebieden()
    figuren, published = monitor_for_app(app.repository, jaar(2025), gemeente="Alle wijken",
                                         wijkteams=gebieden.wijkteams)
    drag([screen.ids.kaartknop.to_window(*screen.ids.kaartknop.center)])
    frames(3)
    kaart = screen.ids.kaart
    into_sight(kaart)  # at 800x600 the page scrolls (every wijk's button in sight above it): a finger pushes it up
    shot(f"monitor-kaart-{size[0]}x{size[1]}")
    assert screen.kaart_open and kaart.height > 150  # room for the map also at 800x600
    verwacht = kaart_beeld(gebieden.kaart, figuren, published, "caseload")
    assert screen.kaart_beeld == verwacht
    image = window_pixels()
    for vlak in verwacht.vlakken:
        colours = colours_inside(kaart, vlak.naam, image)
        total = sum(colours.values())
        if vlak.klasse is None:  # hatched: grey and its lines, no colour of a class
            assert vlak.naam == "Waterhoek" and vlak.tekst == "<10"
            assert sum(n for c, n in colours.items() if near(c, ARCERING_VLAK)) > total / 3
            assert sum(n for c, n in colours.items() if near(c, ARCERING_LIJN, 40)) > total / 50
            assert not any(near(c, k) for c in colours for k in KLASSEN if colours[c] > total / 20)
        else:
            shown = published[("trajecten", vlak.naam, figuren.tabel("trajecten").rijen[-1], "caseload")]
            assert shown.getoond and vlak.tekst == f"{shown.waarde:.0f}"
            own = sum(n for c, n in colours.items() if near(c, KLASSEN[vlak.klasse]))
            assert own > total / 2, (vlak.naam, colours.most_common(3))

    drag([point_in(kaart, "Stratum")])  # a tap on a wijk shows it
    frames(2)
    assert screen.gebied == "Stratum"
    assert screen.ids.inwoners.waarde == published[("overzicht", "Stratum", ALLE, "inwoners")].tekst()
    drag([point_in(kaart, "Waterhoek")])  # the hatched wijk, without inwoners: said by name, the map stays
    frames(3)
    shot(f"monitor-leeg-{size[0]}x{size[1]}")
    # The view knows the wijk (it was None here before: board.monitor_5_view raised KeyError for a
    # gebied without figures and the screen special-cased it): too few, "<10" as on the map, no more.
    assert screen.gebied == "Waterhoek" and screen.leeg and screen.beeld.gebied == "Waterhoek"
    assert {screen.beeld.inwoners, *(k.tekst for k in screen.beeld.trajecten)} == {"<10"}
    assert [knop.text for knop in screen.ids.wijken.children if knop.selected] == ["Waterhoek"]  # a wijk like any
    melding = screen.ids.kaartleeg
    assert melding.text == "Waterhoek: te weinig inwoners om iets te laten zien."
    page = screen.ids.page_scroll
    assert melding.height > 0 and in_sight(melding, page) == melding.height  # whole, beside the map
    assert melding.texture_size[1] <= melding.height + 1
    assert in_sight(kaart, page) > 150 and kaart.gekozen == "Waterhoek"  # the map stays, Waterhoek outlined
    image = window_pixels()
    hatched = colours_inside(kaart, "Waterhoek", image)  # still drawn: grey with its lines
    assert sum(n for c, n in hatched.items() if near(c, ARCERING_VLAK)) > sum(hatched.values()) / 3
    gereserveerd = melding.height
    jaar_knop = screen.ids.vorig_jaar  # counted again (as after a visit): the wijk of the map stays chosen
    drag([jaar_knop.to_window(*jaar_knop.center)])
    settled(app)
    assert screen.gebied == "Waterhoek" and melding.text.startswith("Waterhoek:") and kaart.gekozen == "Waterhoek"
    drag([point_in(kaart, "Stratum")])  # another wijk is one tap away, on the map itself
    frames(2)
    assert screen.gebied == "Stratum" and not screen.leeg and melding.text == screen.kaart_hint
    assert melding.height == gereserveerd  # its room kept: nothing under it moved

    tap_text = button(screen.ids.kaartcijfers, "Uitstroom")
    drag([tap_text.to_window(*tap_text.center)])
    frames(2)
    assert screen.kaart_beeld.cijfer == "uitstroom"
    assert screen.kaart_beeld == kaart_beeld(gebieden.kaart, figuren, published, "uitstroom")

    into_sight(screen.ids.kaartknop)  # the map took the page's room at 800x600: the button is above it
    drag([screen.ids.kaartknop.to_window(*screen.ids.kaartknop.center)])  # back to the charts
    frames(4)
    shot(f"monitor-terug-{size[0]}x{size[1]}")
    assert not screen.kaart_open and screen.ids.kaartpaneel.height == 0 and screen.ids.grafieken.height > 40
    if size[1] >= 800:  # at 800x600 the charts were squeezed before the map came (see the report)
        assert screen.ids.gekozen.height > 100
    team = button(screen.ids.wijken, "Wijkteam Zuid")
    into_sight(team)
    drag([team.to_window(*team.center)])
    frames(2)
    assert screen.gebied == "Wijkteam Zuid"
    assert screen.ids.inwoners.waarde == published[("overzicht", "Wijkteam Zuid", ALLE, "inwoners")].tekst()


def test_no_wijkteam_figure_is_about_fewer_than_10_inwoners() -> None:
    """A team of one tiny wijk and teams beside their wijken: every shown count of a wijkteam is
    about 10 inwoners or more, and no hidden cell of the year and its quarters follows from the
    shown ones (the exact solver over all their sums)."""
    from board.disclosure_familie import beveilig_familie
    from board.monitor_3_figures import figuren_uit_records
    from board.monitor_4_disclosure import onthuld
    from board.perioden import familie
    from samples.monitor_voorbeeld import voorbeeld_trajecten

    records, einden = voorbeeld_trajecten(inwoners=160, wijken=4, klein=7)
    teams = {"Team Centrum-Zuid": ("Centrum", "Zuid"), "Team Klein": ("Zuid",), "Team Noord-Oost": ("Noord", "Oost")}
    family = {p: figuren_uit_records(records, p, afsluitingen=einden, wijkteams=teams) for p in familie(jaar(2025))}
    published = beveilig_familie(family)
    for periode, figuren in family.items():
        shown_team = 0
        for key, cel in figuren.cellen.items():
            if key[1] in teams and published[periode][key].getoond:
                shown_team += 1
                assert cel.inwoners >= 10, (periode.label, key, cel)
        assert shown_team > 0
        assert not published[periode][("overzicht", "Team Klein", ALLE, "inwoners")].getoond
    values, hidden, sommen = {}, set(), []
    for periode, figuren in family.items():
        for key, cel in figuren.cellen.items():
            if cel.soort is CelSoort.AANTAL:
                values[(periode.label, key)] = int(cel.waarde or 0)
                if not published[periode][key].getoond:
                    hidden.add((periode.label, key))
    from board.disclosure_familie import _links
    from board.monitor_3_table import Som

    for periode, figuren in family.items():
        sommen += [Som((periode.label, s.totaal), tuple((periode.label, d) for d in s.delen)) for s in figuren.sommen]
    sommen += _links(family, values)
    # a shown team with its tiny wijk hidden: the other wijk of the team is hidden too
    year = jaar(2025)
    centrum_zuid = published[year][("overzicht", "Team Centrum-Zuid", ALLE, "inwoners")]
    if centrum_zuid.getoond:
        assert not published[year][("overzicht", "Centrum", ALLE, "inwoners")].getoond
    # Nothing hidden can be worked out, beyond the zeros the reports' shape makes public (a team
    # none of whose wijken has figures in a quarter: ``onthuld`` leaves those out, they are about nobody).
    assert not onthuld(values, hidden, sommen)
