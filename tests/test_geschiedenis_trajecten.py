"""A history of two trajecten, in the running app by touches at two window sizes: the new
traject's 0-meting is a new start (not compared with the old traject's last vervolgmeting), a
vervolgmeting is numbered within its traject, and the verloop places the metingen by date,
stops the line at the afsluiting (a marker there) and begins a new one. Read from the screen's
properties and from the window's pixels."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from board import Inwoner, Meting, vergelijk
from board.meting_waarden import Perspectief
from board.weergave import FICHE_STIJL, TEKST
from services.traject import sluit_traject
from tests.kivy_helpers import frames, make_app_fixture, tap, window_fixture, window_pixels  # noqa: F401
from tests.pixels import colour_mask, column_runs
from tests.screen_helpers import unlocked_app

SIZES = [(1280, 800), (800, 600)]
OUD = [date(2024, 4, 8), date(2024, 7, 8), date(2024, 10, 7)]  # three months apart
AFGESLOTEN = date(2024, 11, 4)
NIEUW = [date(2026, 1, 12), date(2026, 4, 13)]  # the new traject begins 15 months after the last meting


def _add(repository: object, meting: Meting, positie: float) -> Meting:
    meting = meting.place_fiche("geld", "inwoner", positie).afronden(
        datetime(meting.datum.year, meting.datum.month, meting.datum.day, 11))
    repository.add_meting(meting)
    return meting


def two_trajecten(app: object, nieuw: int) -> tuple[Inwoner, list[Meting]]:
    """An inwoner with a closed traject of three metingen and a new one of ``nieuw`` metingen."""
    inwoner = Inwoner.create("D-TWEE", "Stratum")
    app.repository.add_inwoner(inwoner)
    meting = _add(app.repository, Meting.nulmeting(inwoner.id, OUD[0]).choose("geld"), 0.2)
    history = [meting]
    for index, dag in enumerate(OUD[1:], start=1):
        history.append(meting := _add(app.repository, meting.vervolg(dag), 0.2 + 0.25 * index))
    sluit_traject(app.repository, inwoner.id, "doelen bereikt", AFGESLOTEN, datetime(2024, 11, 4, 12))
    if nieuw == 0:
        return inwoner, history
    meting = _add(app.repository, Meting.nulmeting(inwoner.id, NIEUW[0], volgnummer=3).choose("geld"), 0.3)
    history.append(meting)
    for dag in NIEUW[1:nieuw]:
        history.append(meting := _add(app.repository, meting.vervolg(dag), 0.6))
    return inwoner, history


def _open(make_app: object, window: object, size: tuple[int, int], nieuw: int) -> tuple[object, list[Meting]]:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 6, 1))
    inwoner, history = two_trajecten(app, nieuw)
    app.show_inwoner(inwoner)
    frames(2)
    return app, history


def _geschiedenis(app: object) -> object:
    """The geschiedenis screen, opened by a tap on the inwoner screen's button."""
    tap(app.screen("inwoner").ids.history)
    frames(2)
    return app.screen("geschiedenis")


def _button(screen: object, meting_id: str) -> object:
    return next(k for k in screen.ids.metingen.children if getattr(k, "meting_id", None) == meting_id)


def _rows(screen: object) -> list[str]:
    """The history list top to bottom: a meting's name, or an afsluiting's whole row."""
    return [k.text.split("\n")[0] if hasattr(k, "meting_id") else k.text
            for k in reversed(screen.ids.metingen.children)]


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_a_new_trajects_0_meting_is_a_new_start_not_compared_with_the_old_end(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    app, history = _open(make_app, window, size, nieuw=1)
    screen = _geschiedenis(app)
    a0, _a1, a2, b0 = history
    assert screen.chosen == [b0.id] and len(screen.ids.boards.children) == 1
    assert "nieuw traject" in screen.zin and "beter" not in screen.zin
    tap(_button(screen, a2.id))  # a meting of the old traject: a new choice, not a pair across the afsluiting
    assert screen.chosen == [a2.id] and "hetzelfde traject" in screen.zin
    tap(_button(screen, a0.id))
    assert screen.chosen == [a2.id, a0.id] and len(screen.ids.boards.children) == 2
    assert screen.zin == vergelijk(a0, a2).zin
    tap(_button(screen, b0.id))
    assert screen.chosen == [b0.id] and len(screen.ids.boards.children) == 1
    assert "nieuw traject" in screen.zin


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_numbering_restarts_and_the_verloop_breaks_at_the_afsluiting(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    app, history = _open(make_app, window, size, nieuw=2)
    inwoner_screen = app.screen("inwoner")
    assert "vervolgmeting 1 " in inwoner_screen.status, inwoner_screen.status  # not "vervolgmeting 4"
    screen = _geschiedenis(app)
    assert _rows(screen) == ["0-meting", "vervolgmeting 1", "vervolgmeting 2",
                             "Traject afgesloten op 4 november 2024: doelen bereikt", "0-meting", "vervolgmeting 1"]
    b0, b1 = history[3:]
    assert screen.chosen == [b0.id, b1.id] and screen.zin == vergelijk(b0, b1).zin
    tap(screen.ids.tab_verloop)
    frames(3)
    grafiek = screen.ids.grafiek
    [(key, _rect, points)] = grafiek.charts
    assert key == "geld" and len(points) == 5
    # Two lines: the old traject's three points and the new one's two; none across the gap.
    assert [len(line) for line in grafiek.lines] == [3, 2]
    # By date: the 15 months from the last meting to the new 0-meting are five steps of three.
    xs = [p[0] for p in points]
    step = (xs[1] - xs[0] + xs[2] - xs[1]) / 2
    assert 4.7 < (xs[3] - xs[2]) / step < 5.3, xs
    [(marker, bottom, top)] = grafiek.markers
    assert xs[2] < marker < xs[3] and marker - xs[2] < step / 2  # the afsluiting, a month after the last
    # On screen: the line colour between two metingen of one traject, none in the gap after
    # the afsluiting (before, one line ran from the old traject's end to the new 0-meting).
    image = window_pixels()
    dx, dy = grafiek.to_window(0, 0)
    blauw = colour_mask(image, FICHE_STIJL[Perspectief.INWONER].kleur, tolerance=40)

    def blue_in_column(at: float) -> int:
        column = round(at + dx)
        rows = slice(round(image.height - (top + dy)), round(image.height - (bottom + dy)))
        return int(blauw[rows, column].sum())

    assert blue_in_column((xs[0] + xs[1]) / 2) > 0  # within a traject: joined
    assert blue_in_column((xs[1] + xs[2]) / 2) > 0
    assert blue_in_column((xs[3] + xs[4]) / 2) > 0
    for share in (0.25, 0.5, 0.75):  # across the afsluiting and the months until the new start: nothing
        assert blue_in_column(marker + 4 + share * (xs[3] - marker - 8)) == 0
    # The afsluiting's marker: a dashed grey line (the text colour, faint on the white card).
    grijs = colour_mask(image, tuple(round(c * 0.45 + 255 * 0.55) for c in TEKST), tolerance=25)
    column = round(marker + dx)
    rows = slice(round(image.height - (top + dy)), round(image.height - (bottom + dy)))
    dashed = grijs[rows, column - 1:column + 2].any(axis=1)
    assert 0.3 < dashed.mean() < 0.8, dashed.mean()  # dashes and gaps over the chart's height


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_afronden_compares_within_the_traject_and_a_new_start_with_nothing(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    app, _history = _open(make_app, window, size, nieuw=0)
    screen = app.screen("inwoner")
    assert screen.action == "Nieuwe 0-meting beginnen"
    tap(screen.ids.start)  # the new traject's 0-meting, on the board
    assert app.current == "bord"
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.7))
    app.show_meting_step("afronden")
    frames(2)
    afronden = app.screen("afronden")
    assert afronden.vorige is None and afronden.zin == ""  # not "op 1 van de 1 leefgebied gaat het beter"
    assert app.live.meting.volgnummer == 3 and not app.live.meting.vorige  # no ghosts of the old traject


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_the_list_says_where_a_traject_was_closed_and_the_verloop_explains_its_marker(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    from kivy.metrics import dp

    from board.passen import MIN_TEXT

    app, _history = _open(make_app, window, size, nieuw=1)
    screen = _geschiedenis(app)
    rows = list(reversed(screen.ids.metingen.children))
    rij = rows[3]
    assert rij.text == "Traject afgesloten op 4 november 2024: doelen bereikt"
    assert rij.font_size >= dp(MIN_TEXT) and rij.height >= rij.texture_size[1] > 0
    assert rij.texture_size[0] <= rij.width  # wraps in the list's column, not cut off
    # Not a button: a tap on it changes nothing chosen.
    chosen = list(screen.chosen)
    tap(rij)
    frames(1)
    assert screen.chosen == chosen
    legenda = screen.ids.legenda
    tap(screen.ids.tab_verloop)
    frames(3)
    assert screen.ids.grafiek.markers  # the dashed line is drawn ...
    assert legenda.text == "- - -  traject afgesloten"  # ... and said what it is
    assert legenda.font_size >= dp(MIN_TEXT) and legenda.height > 0
    x, y = legenda.to_window(legenda.x, legenda.y)
    _gx, gy = screen.ids.verloop_scroll.to_window(*screen.ids.verloop_scroll.pos)
    assert y >= gy + screen.ids.verloop_scroll.height - 1  # above the charts, not over them
    image = window_pixels()
    box = (round(x), round(image.height - y - legenda.height), round(x + legenda.width), round(image.height - y))
    assert colour_mask(image.crop(box), TEKST, tolerance=60).sum() > 20  # drawn, not only set


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_one_open_traject_has_no_afsluiting_row_and_no_legend(
        make_app: object, window: object, size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 6, 1))
    inwoner = Inwoner.create("D-EEN", "Stratum")
    app.repository.add_inwoner(inwoner)
    meting = _add(app.repository, Meting.nulmeting(inwoner.id, NIEUW[0]).choose("geld"), 0.3)
    _add(app.repository, meting.vervolg(NIEUW[1]), 0.6)
    app.show_inwoner(inwoner)
    frames(2)
    screen = _geschiedenis(app)
    assert _rows(screen) == ["0-meting", "vervolgmeting 1"]
    tap(screen.ids.tab_verloop)
    frames(3)
    assert not screen.ids.grafiek.markers
    assert screen.ids.legenda.text == "" and screen.ids.legenda.height == 0


@pytest.mark.parametrize("keys", [("geld",), ("geld", "wonen", "werk", "zingeving", "leren", "huishouden")],
                         ids=["one chart", "six charts"])
@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_closed_and_begun_again_on_one_day_the_marker_stands_between_the_two_points(
        make_app: object, window: object, size: tuple[int, int], keys: tuple[str, ...]) -> None:
    """The usual order of one visit: the last vervolgmeting, "Traject afsluiten", a new 0-meting,
    all on one day. On screen the old traject's last point, the dashed marker and the new
    0-meting stand apart (before, all three on one spot at the chart's right edge)."""
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 6, 1))
    inwoner = Inwoner.create("D-DAG", "Stratum")
    app.repository.add_inwoner(inwoner)
    dag = date(2026, 5, 4)
    nul = Meting.nulmeting(inwoner.id, date(2025, 11, 3))
    for key in keys:  # a small chart each: six in a grid leave each chart narrow at 800x600
        nul = nul.choose(key).place_fiche(key, "inwoner", 0.3)
    meting = _add(app.repository, nul, 0.3)
    vervolg = meting.vervolg(dag)
    for key in keys:
        vervolg = vervolg.place_fiche(key, "inwoner", 0.5)
    _add(app.repository, vervolg, 0.5)
    sluit_traject(app.repository, inwoner.id, "doelen bereikt", dag, datetime(2026, 5, 4, 12))
    _add(app.repository, Meting.nulmeting(inwoner.id, dag, volgnummer=2).choose("geld"), 0.5)
    app.show_inwoner(inwoner)
    frames(2)
    screen = _geschiedenis(app)
    tap(screen.ids.tab_verloop)
    frames(3)
    grafiek = screen.ids.grafiek
    assert len(grafiek.charts) == len(keys)
    # The geld chart (the first, top left), the only one with points in both trajecten.
    (marker, bottom, top) = grafiek.markers[0]
    image = window_pixels()
    dx, dy = grafiek.to_window(0, 0)
    blauw = colour_mask(image, FICHE_STIJL[Perspectief.INWONER].kleur, tolerance=40)
    rows = slice(round(image.height - (top + dy)), round(image.height - (bottom + dy)))
    # The points, found in the pixels: the chart's columns with the fiche's blue, as runs.
    (_key, (cx, _cy, cw, _ch), _points) = next(c for c in grafiek.charts if c[0] == "geld")
    left_edge = round(cx + dx)
    runs = [(a + left_edge, b + left_edge)
            for a, b in column_runs(blauw[rows, left_edge:round(cx + cw + dx)].any(axis=0), gap=1)]
    column = round(marker + dx)
    near = [run for run in runs if run[0] - 12 <= column <= run[-1] + 12]
    assert not near, (column, [(r[0], r[-1]) for r in runs])  # no point on or at the marker
    left = [run for run in runs if run[-1] < column]
    right = [run for run in runs if run[0] > column]
    assert left and right  # the old traject on its left, the new 0-meting on its right
    assert right[0][0] - column >= 12 and column - left[-1][-1] >= 12
