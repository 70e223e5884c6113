"""The board's geometry, without a screen."""

from __future__ import annotations

import pytest

from board import Perspectief, load_set
from board.geometry import FINGER, MIN_TOUCH, MIN_TRACK, BoardLayout, RowGeometry, min_board_width

KEYS = load_set().keys


def test_rows_are_stacked_from_the_top_in_priority_order() -> None:
    layout = BoardLayout.compute((0, 0, 920, 800), KEYS[:3])
    tops = [r.rect[1] + r.rect[3] for r in layout.rows]
    assert tops == sorted(tops, reverse=True)
    assert [r.key for r in layout.rows] == list(KEYS[:3])
    assert tops[0] <= 800


@pytest.mark.parametrize(("area", "unit"), [((0, 0, 920, 800), 1.0), ((0, 0, 1380, 1200), 1.5)])
def test_fourteen_bars_keep_48_dp_touch_targets(area: tuple, unit: float) -> None:
    layout = BoardLayout.compute(area, KEYS, unit)
    assert len(layout.rows) == 14
    assert layout.pitch >= 48
    for row in layout.rows:
        assert row.handle[2] >= 48
        assert row.track[2] > 300  # a long bar: the scale needs room
        assert row.sad[0] + row.sad[2] <= row.track[0] < row.track[0] + row.track[2] <= row.happy[0]
        assert row.rect[0] + row.rect[2] <= area[2]


@pytest.mark.parametrize("mirrored", [False, True])
@pytest.mark.parametrize(
    ("area", "unit"), [((0, 0, 470, 512), 1.0), ((0, 0, 920, 800), 1.0), ((0, 0, 1380, 1200), 1.5)]
)
def test_the_speaker_on_the_pictogram_is_a_48_dp_target_clear_of_handle_and_name(
    area: tuple, unit: float, mirrored: bool
) -> None:
    layout = BoardLayout.compute(area, KEYS, unit, mirrored=mirrored)
    for row in layout.rows:
        if row.pictogram is None:
            assert row.speaker is None
            continue
        x, _y, w, h = row.speaker
        assert w >= 48 * unit - 1e-6 and h >= 48 * unit - 1e-6
        px, _py, pw, _ph = row.pictogram
        assert x <= px and px + pw <= x + w  # the whole pictogram, and more
        left, right = sorted((row.handle[0] + row.handle[2], row.name[0]) if not mirrored
                             else (row.name[0] + row.name[2], row.handle[0]))
        assert left <= x and x + w <= right


def test_positions_map_to_the_bar_and_back() -> None:
    row = BoardLayout.compute((0, 0, 920, 800), KEYS[:1]).rows[0]
    for positie in (0.0, 0.37, 1.0):
        assert row.positie_at(row.x_for(positie)) == pytest.approx(positie)
    assert row.positie_at(row.touch_x[0]) < 0 < 1 < row.positie_at(row.touch_x[1])
    inwoner = row.fiche_center(0.5, Perspectief.INWONER)
    assert inwoner[1] == row.center_y
    assert row.fiche_center(0.5, Perspectief.PROFESSIONAL)[1] > inwoner[1] > row.fiche_center(0.5, "naaste")[1]


def test_index_at_says_where_a_dropped_bar_goes() -> None:
    layout = BoardLayout.compute((0, 0, 920, 800), KEYS[:3])
    assert [layout.index_at(r.center_y, 3) for r in layout.rows] == [0, 1, 2]
    assert layout.index_at(10_000, 3) == 0
    assert layout.index_at(-10_000, 3) == 2
    assert layout.index_at(layout.rows[2].rect[1] - 1.5 * layout.pitch, 4) == 3  # below the last: at the end
    assert layout.row_at(-10_000) is None


@pytest.mark.parametrize("width", [300, 440, 520, 800, 1280, 2560])
def test_bars_always_run_from_sad_to_happy(width: float) -> None:
    for row in BoardLayout.compute((0, 0, width, 600), KEYS[:6]).rows:
        sad_right, happy_left = row.sad[0] + row.sad[2], row.happy[0]
        assert sad_right <= row.track[0] < row.track[0] + row.track[2] <= happy_left
        assert row.x0 < row.x1  # 1.0 is right of 0.0: a drag toward the happy smiley raises the position
        assert row.positie_at(row.x_for(1.0)) == pytest.approx(1.0)
        if width >= min_board_width():
            assert row.track[2] >= MIN_TRACK - 1e-9
            assert row.rect[0] + row.rect[2] <= width


def test_a_narrow_board_gives_up_name_width_and_pictogram_before_bar_length() -> None:
    """A live board keeps a smaller pictogram for its 48 dp speaker (the handle and the
    smileys give way too); a picture (no handles) drops the pictogram."""
    wide = BoardLayout.compute((0, 0, 1000, 600), KEYS[:3]).rows[0]
    narrow = BoardLayout.compute((0, 0, min_board_width(), 600), KEYS[:3]).rows[0]
    assert wide.pictogram is not None and narrow.pictogram is not None
    assert narrow.pictogram[2] < wide.pictogram[2] and narrow.speaker[2] == pytest.approx(MIN_TOUCH)
    assert narrow.handle[2] == pytest.approx(MIN_TOUCH) and narrow.sad[2] < wide.sad[2]
    assert narrow.name[2] < wide.name[2]
    assert narrow.track[2] == pytest.approx(MIN_TRACK, abs=1)
    narrower = BoardLayout.compute((0, 0, min_board_width() - 20, 600), KEYS[:3]).rows[0]
    assert narrower.pictogram is None and narrower.speaker is None  # below the least: the bar first
    picture = BoardLayout.compute((0, 0, min_board_width(live=False), 600), KEYS[:3], live=False).rows[0]
    assert picture.pictogram is None and picture.track[2] == pytest.approx(MIN_TRACK, abs=1)


def test_a_read_only_board_has_no_handles_and_longer_bars() -> None:
    live = BoardLayout.compute((0, 0, 920, 800), KEYS[:3]).rows[0]
    read_only = BoardLayout.compute((0, 0, 920, 800), KEYS[:3], live=False).rows[0]
    assert live.handle is not None and read_only.handle is None
    assert read_only.track[2] > live.track[2]


def _from_start(row: RowGeometry, rect: tuple) -> float:
    """How far ``rect`` starts from the row's reading start (its right edge when mirrored)."""
    if row.mirrored:
        return row.rect[0] + row.rect[2] - (rect[0] + rect[2])
    return rect[0] - row.rect[0]


@pytest.mark.parametrize("mirrored", [False, True])
@pytest.mark.parametrize(("area", "unit"), [((0, 0, min_board_width(), 584), 1.0), ((0, 0, 920, 784), 1.0),
                                            ((0, 0, 1380, 1200), 1.5)])
def test_an_afgerond_board_is_a_live_board_without_its_handles(area: tuple, unit: float, mirrored: bool) -> None:
    """One rule: ``live`` lays a board out for touch (rows of 48 dp, scrolling, the speaker
    kept), ``reorder`` only adds the handle; a picture has none whatever ``reorder`` says."""
    moving = BoardLayout.compute(area, KEYS, unit, live=True, mirrored=mirrored)
    fixed = BoardLayout.compute(area, KEYS, unit, live=True, mirrored=mirrored, reorder=False)
    assert fixed.pitch == moving.pitch >= (MIN_TOUCH + 4) * unit and fixed.overflow == moving.overflow
    for before, after in zip(moving.rows, fixed.rows, strict=True):
        assert before.handle is not None and after.handle is None
        assert after.speaker is not None and after.speaker[2] >= MIN_TOUCH * unit - 1e-6
        assert after.pictogram[2] >= before.pictogram[2] and after.track[2] >= before.track[2] >= MIN_TRACK * unit - 1
        if area[2] >= 920:  # room enough that nothing shrinks: all moves up by the handle's width
            handle = before.handle[2]
            assert _from_start(after, after.pictogram) == pytest.approx(_from_start(before, before.pictogram) - handle)
            assert _from_start(after, after.name) == pytest.approx(_from_start(before, before.name) - handle)
            assert after.track[2] == pytest.approx(before.track[2] + handle)
    picture = BoardLayout.compute(area, KEYS, unit, live=False, mirrored=mirrored)
    assert BoardLayout.compute(area, KEYS, unit, live=False, mirrored=mirrored, reorder=False) == picture
    assert all(row.handle is None for row in picture.rows) and picture.overflow == 0


def test_the_arrow_shows_only_for_a_change_bigger_than_about_a_fiche() -> None:
    row = BoardLayout.compute((0, 0, 1280, 800), KEYS[:1]).rows[0]
    assert row.arrow(None, 0.5, Perspectief.INWONER) is None
    assert row.arrow(0.5, None, Perspectief.INWONER) is None
    fiche = row.fiche_diameter(Perspectief.INWONER) / (row.x1 - row.x0)  # a fiche, as a share of the bar
    assert row.arrow(0.5, 0.5 + 0.9 * fiche, Perspectief.INWONER) is None
    arrow = row.arrow(0.2, 0.8, Perspectief.INWONER)
    assert arrow.start == row.fiche_center(0.2, Perspectief.INWONER)
    assert arrow.tip[0] == pytest.approx(row.x_for(0.8) - row.fiche_size / 2 - 1)  # touches the fiche's edge
    assert row.arrow(0.8, 0.2, Perspectief.INWONER).direction == -1


def test_a_touch_reaches_the_fiches_only_near_the_bar_or_a_fiche() -> None:
    row = BoardLayout.compute((0, 0, 1280, 800), KEYS[:2]).rows[0]
    fiche = (0.5, Perspectief.INWONER)
    x_far = row.x_for(0.1)
    assert row.reaches(x_far, row.center_y, [fiche])  # on the bar
    assert row.reaches(x_far, row.track[1] + row.track[3] + FINGER - 1, [fiche])  # a finger's reach above
    top = row.rect[1] + row.rect[3] - 2
    assert not row.reaches(x_far, top, [fiche])  # the row's edge, far from bar and fiche
    professional = (0.1, Perspectief.PROFESSIONAL)
    assert row.reaches(*row.fiche_center(*professional), [professional])  # on a fiche above the bar
    assert not row.reaches(row.touch_x[1] + 5, row.center_y, [fiche])  # beyond the happy smiley


def _need(width: float) -> float:
    """Like "Alcohol, drugs, gamen en gokken" at 14 px: 234 px on one line, its longest word
    70 px, a line 30 px high."""
    if width < 72:
        return float("inf")
    return -(-234 // width) * 30.0


@pytest.mark.parametrize("width", [502, 560, 700, 982])
def test_stacked_history_boards_give_the_names_the_rows_and_column_they_need(width: float) -> None:
    """One above the other (a narrow window), a board's names stay readable: its rows grow and
    its name column widens until the names fit at MIN_TEXT, the bar keeps MIN_TRACK and the
    pictogram its place; no row is higher than needed."""
    from board.geometry import GAP, MAX_PITCH
    from board.geometry_compare import COMPARE_PITCH, compare_layout

    layout = compare_layout(width, 400, 14, 2, 1.0, 16, need=_need)
    assert layout.stacked
    assert COMPARE_PITCH <= layout.pitch <= MAX_PITCH
    keys = list(load_set().keys)
    board = BoardLayout.compute((0, 0, width, layout.board_height(14)), keys, layout.unit, live=False,
                                name_least=layout.name_least)
    assert board.pitch == pytest.approx(layout.pitch)
    for row in board.rows:
        assert _need(row.name[2]) <= row.name[3]  # the name fits at MIN_TEXT
        assert row.pictogram is not None and row.track[2] >= MIN_TRACK - 0.5
    if layout.pitch > COMPARE_PITCH:  # 2 dp lower and they would not: rows as high as needed
        lower = BoardLayout.compute((0, 0, width, layout.board_height(14) - 14 * 2), keys, layout.unit,
                                    live=False, name_least=layout.name_least)
        assert _need(lower.rows[0].name[2]) > lower.rows[0].name[3]
    if width == 502:  # an 800 px window: two lines of 30 px, the column as narrow as they allow
        assert layout.pitch - GAP >= 60 and layout.name_least < 150
    if width >= 700:  # wider: one line in a wider column, in rows as low as on a live board
        assert layout.pitch == COMPARE_PITCH and layout.name_least >= 234


def test_side_by_side_and_the_live_board_keep_their_geometry() -> None:
    """``name_least`` is for stacked history boards only: without it nothing moves."""
    from board.geometry_compare import compare_layout

    assert not compare_layout(1030, 700, 5, 2, 1.0, 16).stacked
    keys = list(load_set().keys)[:5]
    assert BoardLayout.compute((0, 0, 800, 500), keys) == BoardLayout.compute((0, 0, 800, 500), keys, name_least=0.0)


def test_side_by_side_only_where_the_names_stay_readable() -> None:
    """At 1280x800 five bars each fit side by side with readable names; fourteen do not (their
    names were drawn at 7 px): then the boards go one above the other."""
    from board.geometry_compare import compare_layout

    five = compare_layout(982, 580, 5, 2, 1.0, 16, need=_need)
    assert not five.stacked
    board = BoardLayout.compute((0, 0, (982 - 16) / 2, 580), list(load_set().keys)[:5], five.unit, live=False,
                                name_least=five.name_least)
    assert all(_need(row.name[2]) <= row.name[3] for row in board.rows)
    assert compare_layout(982, 580, 14, 2, 1.0, 16, need=_need).stacked


def test_a_caption_is_held_only_while_its_board_is_in_sight_and_its_own_caption_is_not() -> None:
    from board.geometry_compare import sticky_caption

    boards = [(300.0, 700.0), (-120.0, 280.0)]  # (bottom, top) of two stacked columns, y up
    assert sticky_caption(boards, 700.0, 24.0) is None  # at the top: the first shows its own
    assert sticky_caption(boards, 650.0, 24.0) == 0  # its caption pushed out, the board in sight
    assert sticky_caption(boards, 320.0, 24.0) is None  # less of it than a caption: the next comes
    assert sticky_caption(boards, 260.0, 24.0) == 1  # the second's own caption pushed out in turn
    assert sticky_caption(boards, 280.0, 24.0) is None  # exactly at its caption's top: its own shows
