"""The monitor screen, driven by touch: it opens from the inwoners list, draws bars as long as
the published shares, draws no bar for a hidden figure, follows the wijk and period buttons,
and belongs to the professional's part (never reachable from the inwoner's board; idle locks it)."""

from __future__ import annotations

from datetime import date

import pytest

from board import Inwoner
from board.monitor_2_counts import ALLE
from board.monitor_4_disclosure import aandeel
from board.monitor_5_view import JAAR_DAARVOOR, periode
from samples.monitor_data import fill_crafted
from services.demo import fill
from services.monitor import monitor_for_app
from storage.keyring import KdfParams
from storage.repository import Repository
from tests.keys import tablet_with_professional
from tests.kivy_helpers import (  # noqa: F401
    PIN,
    FakeClock,
    button,
    frames,
    make_app_fixture,
    tap,
    type_pin,
    window_fixture,
)
from widgets.app import RouteRefused

TODAY = date(2027, 1, 15)  # last year (2026) holds the crafted metingen


@pytest.fixture
def tablet(tmp_path: object) -> object:
    """A tablet with one professional; ``tablet(fill)`` puts data in its database."""

    def _make(filler: object) -> None:
        url = f"sqlite:///{tmp_path}/magneetbord.sqlite3"
        _, key = tablet_with_professional(url, "Sanne", PIN, kdf=KdfParams(memory_kib=64, time_cost=1))
        repository = Repository.open(url, key)
        filler(repository)
        repository.close()

    return _make


def open_monitor(app: object) -> object:
    tap(app.screen("inwoners").ids.monitor)
    return settled(app)


def settled(app: object) -> object:
    """The monitor once its figures are counted (in a thread) and drawn."""
    screen = app.screen("monitor")
    screen.thread.join()
    frames(3)
    return screen


def rows(chart: object) -> dict[str, dict]:
    return {row["key"]: row for row in chart.drawn}


def width(rect: object) -> float:
    return rect[2]


def test_the_monitor_opens_from_the_list_and_its_bars_are_the_published_shares(
    make_app: object, tablet: object
) -> None:
    tablet(fill_crafted)
    app = make_app(today=lambda: TODAY)
    type_pin(app.screen("lock"), PIN)
    screen = open_monitor(app)
    assert app.current == "monitor" and not screen.bezig and not screen.leeg
    assert screen.gebied == "Alle wijken" and screen.keuze == "vorig_jaar"
    # 45 inwoners (35 + 12, rounded to 5), 95 metingen, every rapportcijfer 5 -> 7.
    assert (screen.ids.inwoners.waarde, screen.ids.metingen.waarde, screen.ids.cijfer.waarde) == ("45", "95", "+2")

    gekozen = rows(screen.ids.gekozen)
    track = width(gekozen["geld"]["track"])
    assert width(gekozen["geld"]["bar"]) == pytest.approx(track)  # everyone chose geld
    assert width(gekozen["wonen"]["bar"]) == pytest.approx(track * 20 / 45)
    assert width(gekozen["zingeving"]["bar"]) == pytest.approx(track * 10 / 45)  # 12 rounded to 10
    assert gekozen["wonen"]["tekst"] == "44%"
    # werk: 3 inwoners. It is not a bar, it is the dashed slot of the other leefgebieden.
    assert "werk" not in gekozen
    assert gekozen[""]["bar"] is None and gekozen[""]["slot"] is not None and gekozen[""]["tekst"] == "<10"

    verandering = rows(screen.ids.verandering)
    half = verandering["geld"]["half"]
    assert width(verandering["geld"]["beter"]) == pytest.approx(half * 25 / 45)
    assert width(verandering["geld"]["slechter"]) == pytest.approx(half * 10 / 45)
    assert verandering["geld"]["beter"][0] == pytest.approx(verandering["geld"]["slechter"][0]
                                                           + width(verandering["geld"]["slechter"]))
    # Wonen: 15 of 20 better, nobody worse: no bar on the left, only the marker.
    assert width(verandering["wonen"]["beter"]) == pytest.approx(half * 15 / 20)
    assert verandering["wonen"]["slechter"] is None and verandering["wonen"]["slechter_slot"] is not None
    assert [r.slechter_tekst for r in screen.beeld.verandering if r.key == "wonen"] == ["<10"]


def test_the_wijk_and_period_buttons_change_what_is_shown(make_app: object, tablet: object) -> None:
    tablet(fill_crafted)
    app = make_app(today=lambda: TODAY)
    type_pin(app.screen("lock"), PIN)
    screen = open_monitor(app)
    assert [k.text for k in reversed(screen.ids.wijken.children)] == ["Alle wijken", "Noord", "Oost"]

    tap(button(screen.ids.wijken, "Noord"))
    assert screen.gebied == "Noord" and screen.ids.inwoners.waarde == "35"
    assert button(screen.ids.wijken, "Noord").selected and not button(screen.ids.wijken, "Alle wijken").selected
    noord = rows(screen.ids.verandering)
    # Noord's changes could be worked out from the total minus Oost: hidden as "x", no bars.
    assert noord["geld"]["beter"] is None and noord["geld"]["slechter"] is None
    assert [(r.beter_tekst, r.slechter_tekst) for r in screen.beeld.verandering] == [("x", "x")]

    screen.load(JAAR_DAARVOOR)  # what the button does; the result comes in a later frame
    assert screen.bezig and screen.ids.bericht.text == "Bezig met tellen…"
    settled(app)
    tap(screen.ids.jaar_daarvoor)
    settled(app)
    assert screen.keuze == JAAR_DAARVOOR and screen.leeg and screen.ids.jaar_daarvoor.selected
    assert screen.ids.bericht.text == "Alle wijken: te weinig inwoners om iets te laten zien."  # named, as a wijk is
    assert "minder dan 10 inwoners" in screen.ids.privacy.text
    assert [k.text for k in screen.ids.wijken.children] == ["Alle wijken"] and screen.gebied == "Alle wijken"
    assert screen.ids.gekozen.drawn == [] or all(r["bar"] is None for r in screen.ids.gekozen.drawn)

    tap(screen.ids.vorig_jaar)
    settled(app)
    assert not screen.leeg and screen.ids.inwoners.waarde == "45"
    tap(screen.ids.back)
    assert app.current == "inwoners"


def test_with_demo_data_every_drawn_bar_is_a_published_share(make_app: object, tablet: object) -> None:
    tablet(lambda repository: fill(repository, aantal=150))
    app = make_app(today=lambda: TODAY)
    type_pin(app.screen("lock"), PIN)
    screen = open_monitor(app)
    tap(screen.ids.jaar_daarvoor)  # the demo's metingen are from 2024 and 2025
    settled(app)
    _figuren, published = monitor_for_app(app.repository, periode(JAAR_DAARVOOR, TODAY), gemeente="Alle wijken")
    gebieden = [k.text for k in reversed(screen.ids.wijken.children)]
    assert len(gebieden) == 6
    seen_hidden = False
    for gebied in gebieden:
        tap(button(screen.ids.wijken, gebied))
        totaal = published[("overzicht", gebied, ALLE, "inwoners")]
        assert screen.ids.inwoners.waarde == totaal.tekst()
        for row in screen.ids.gekozen.drawn:
            if row["bar"] is None:
                seen_hidden = True
                continue
            cel = published[("gekozen", gebied, row["key"], "gekozen")]
            share = aandeel(cel, totaal)
            assert share is not None and width(row["bar"]) == pytest.approx(width(row["track"]) * share)
        for row in screen.ids.verandering.drawn:
            n = published[("verandering", gebied, row["key"], "totaal")]
            for kolom in ("beter", "slechter"):
                share = aandeel(published[("verandering", gebied, row["key"], kolom)], n)
                assert (row[kolom] is None) == (share is None)
                if share is not None:
                    assert width(row[kolom]) == pytest.approx(row["half"] * share)
    assert seen_hidden


def test_the_monitor_is_the_professionals(make_app: object, tablet: object) -> None:
    """Not from the inwoner's board. (Idle time locks it, with Kivy's clock running: test_idle_lock.)"""
    tablet(fill_crafted)
    app = make_app(today=lambda: TODAY)
    type_pin(app.screen("lock"), PIN)
    open_monitor(app)
    assert app.current == "monitor"

    inwoner = Inwoner.create("D-3", "Noord")
    app.repository.add_inwoner(inwoner)
    app.show_inwoner(inwoner)
    tap(app.screen("inwoner").ids.start)
    assert app.inwoner_mode
    with pytest.raises(RouteRefused):
        app.show_monitor()
    with pytest.raises(RouteRefused):
        app._go("monitor")
    assert app.current == "bord"


def test_the_trajecten_on_the_screen_are_those_of_the_pdf(make_app: object, tablet: object, tmp_path: object,
                                                         window: object) -> None:
    """Caseload, uitstroom, doorlooptijden and eigen kracht: the screen's key figures are the
    PDF's (one view model), for the same period, protected as one family."""
    import subprocess
    from pathlib import Path

    from board.perioden import jaar
    from services.monitor_report import write_report

    tot = date(2026, 2, 27)
    tablet(lambda repository: fill(repository, aantal=400, tot=tot))
    app = make_app(today=lambda: date(2026, 3, 1))
    type_pin(app.screen("lock"), PIN)
    screen = open_monitor(app)
    on_screen = [(c.uitleg, c.waarde) for c in reversed(screen.ids.trajecten.children)]
    assert [u for u, _w in on_screen] == ["Caseload aan het eind", "Uitstroom", "Doorlooptijd (mediaan)",
                                        "Tot 1e vervolgmeting", "Eigen kracht: behaald"]
    assert on_screen[0][1].isdigit() and int(on_screen[0][1]) >= 10  # 400 inwoners: a caseload is shown
    window.size = (1280, 800)
    frames(2)
    for kerncijfer in screen.ids.trajecten.children:  # all five in sight, side by side
        x, y = kerncijfer.to_window(*kerncijfer.pos)
        assert x >= 0 and x + kerncijfer.width <= window.width and 0 <= y <= window.height

    url = app.repository.engine.url.render_as_string(hide_password=False)
    out = Path(str(tmp_path)) / "rapport"
    write_report(url, jaar(2025), out, open_local=lambda: app.repository.__class__(app.repository.engine))
    text = subprocess.run(["pdftotext", "-layout", str(out / "monitor.pdf"), "-"], capture_output=True,
                          text=True, check=True).stdout
    gemeente = next(line for line in text.splitlines() if line.strip().startswith("Hele gemeente")
                    and "mnd" in line)
    assert gemeente.split()[2:] == [w for _u, waarde in on_screen for w in waarde.split()]
