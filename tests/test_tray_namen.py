"""The kaartjes on one page of the tray have one name size, as the bars on the board do: an
outside walk saw "Leren" drawn bigger than "Huishouden" beside it, which looked untidy. The
size is the biggest at which every name on the page fits, never below MIN_TEXT. A new visit's
tray (all fourteen kaartjes) at 800x600 and 1280x800, in Dutch and in Arabic, every page
turned by a tap on "Meer kaartjes"; what is drawn is read where the names are rasterised."""

from __future__ import annotations

from datetime import date

import pytest
from kivy.metrics import dp

from board.passen import MIN_TEXT
from tests.kivy_helpers import (  # noqa: F401
    app_with_inwoner,
    choose_taal,
    frames,
    make_app_fixture,
    tap,
    touch_down,
    window_fixture,
)
from widgets.tray import MORE

SIZES = [(800, 600), (1280, 800)]


@pytest.mark.parametrize("taal", ["nl", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_every_name_on_a_tray_page_is_drawn_at_one_size(make_app: object, window: object, size: tuple[int, int],
                                                        taal: str, monkeypatch: pytest.MonkeyPatch) -> None:
    import widgets.kaartje

    drawn: dict[str, list[int]] = {}  # each name's texture, as the kaartje rasterises it: its font (px)
    rasterise = widgets.kaartje.label_texture

    def recording(text: str, font: int, *args: object, **kwargs: object) -> object:
        drawn.setdefault(text, []).append(font)
        return rasterise(text, font, *args, **kwargs)

    monkeypatch.setattr(widgets.kaartje, "label_texture", recording)
    window.size = size
    frames(1)
    app, _inwoner = app_with_inwoner(make_app, "D-NAMEN", today=lambda: date(2026, 11, 23))
    tap(app.screen("inwoner").ids.start)
    frames(2)
    if taal != "nl":
        choose_taal(app, taal)
    bord = app.screen("bord").board_screen
    tray, tr = bord.tray, app.inwoner_tr()
    least = round(MIN_TEXT * dp(1) * tray.scale)
    leefgebieden = bord.live.meting.leefgebieden
    pages, seen = [], set()
    for _page in range(8):
        keys = tuple(c.key for c in tray.cards if c.key != MORE)
        if keys in pages:
            break
        pages.append(keys)
        seen |= set(keys)
        names = [leefgebieden[k].naam_in(tr.code) for k in keys]
        fonts = {name: drawn[name][-1] for name in names}
        assert len(set(fonts.values())) == 1, f"page {len(pages)} at {size} in {taal}: {fonts}"
        assert min(fonts.values()) >= least, fonts
        for key in keys:  # each name on its card, whole
            x, y, w, h = next(c.rect for c in tray.cards if c.key == key)
            nx, ny, nw, nh = tray.name_rects[key]
            assert x - 0.5 <= nx and nx + nw <= x + w + 0.5 and y - 0.5 <= ny and ny + nh <= y + h + 0.5, key
        more = next((c for c in tray.cards if c.key == MORE), None)
        if more is None:
            break
        touch_down(*tray.to_window(more.rect[0] + more.rect[2] / 2, more.rect[1] + more.rect[3] / 2)).touch_up()
        frames(2)
    assert seen == set(leefgebieden.keys)  # every kaartje was on a page looked at
