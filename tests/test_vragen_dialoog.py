"""The prompts dialog (a long press on a kaartje) at 800x600 and 1280x800, in Dutch, Ukrainian
and Arabic: no text in it cut off. An outside walk found the Dutch name beneath the
Ukrainian one ("Zingeving") with the tail of its g's cut: the label was lower than the app's
font's tall line, and Kivy crops a text to its label's text_size."""

from __future__ import annotations

import time
from datetime import date

import numpy as np
import pytest
from kivy.core.text import Label as CoreLabel

from tests.kivy_helpers import (  # noqa: F401
    app_with_inwoner,
    board_in_taal,
    frames,
    make_app_fixture,
    page_to,
    tap,
    touch_down,
    window_fixture,
    window_pixels,
)

SIZES = [(800, 600), (1280, 800)]


def _long_press(bord: object, key: str) -> object:
    """Turn the tray's pages with "Meer kaartjes" until ``key``'s card shows, then hold a finger
    on it: the prompts dialog that opens."""
    from widgets.board_screen import VragenView

    tray = bord.tray
    card = page_to(tray, key)
    tray.long_press = 0.05
    touch = touch_down(*tray.to_window(card.rect[0] + card.rect[2] / 2, card.rect[1] + card.rect[3] / 2))
    time.sleep(0.1)
    frames(2)
    touch.touch_up()
    frames(2)
    return next(w for w in bord.get_root_window().children if isinstance(w, VragenView))


def _natural_height(label: object) -> int:
    """The height ``label``'s text takes at its width and font, uncropped."""
    core = CoreLabel(text=label.text, font_size=label.font_size, font_name=label.font_name,
                     text_size=(label.width, None), halign=label.halign)
    core.refresh()
    return core.texture.size[1]


def _ink_rows(pixels: np.ndarray) -> int:
    """How many rows of ``pixels`` (white ground) hold any ink."""
    return int((pixels.min(axis=2) < 200).any(axis=1).sum())


@pytest.mark.parametrize("taal", ["nl", "uk", "ar"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("key", ["zingeving", "verslaving"])
def test_no_text_in_the_prompts_dialog_is_cut(make_app: object, window: object, size: tuple[int, int],
                                              taal: str, key: str) -> None:
    window.size = size
    frames(1)
    app, inwoner = app_with_inwoner(make_app, "D-VRAGEN", today=lambda: date(2026, 11, 23))
    bord = board_in_taal(app, inwoner, taal, "geld")
    view = _long_press(bord, key)
    frames(2)
    assert view.y >= 0 and view.top <= window.height and view.x >= 0 and view.right <= window.width
    found = []
    labels = [view.ids.naam, view.ids.nederlands, *(w for w in view.walk() if type(w).__name__ == "Knop")]
    for label in labels:
        if not label.text:
            continue
        natural = _natural_height(label)
        x, y = label.to_window(label.x, label.y)
        if natural > label.height + 0.5:
            found.append(f"{label.text[:20]!r}: {natural} px of text in a label {label.height:.0f} px high")
        if x < view.x or x + label.width > view.right or y < view.y or y + label.height > view.top:
            found.append(f"{label.text[:20]!r} outside the dialog")
    vragen = view.ids.vragen
    rol = view.ids.get("vragen_rol", vragen)  # the prompts, in what scrolls them
    assert _natural_height(vragen) <= vragen.height + 0.5
    if vragen.height > rol.height + 0.5:  # more than the window holds: the prompts scroll
        assert rol.do_scroll_y and rol.height >= 100
    x, y = rol.to_window(rol.x, rol.y)
    if y < view.y or y + rol.height > view.top:
        found.append("the prompts outside the dialog")
    assert found == []

    if taal != "nl":  # the Dutch name beneath: every row of its ink on screen, the g's tail too
        nederlands = view.ids.nederlands
        image = np.asarray(window_pixels(), dtype=np.int16)
        x, y = nederlands.to_window(nederlands.x, nederlands.y)
        top = window.height - round(y + nederlands.height)
        shown = image[max(0, top - 4):window.height - round(y) + 4, round(x):round(x + nederlands.width)]
        core = CoreLabel(text=nederlands.text, font_size=nederlands.font_size, font_name=nederlands.font_name)
        core.refresh()
        alone = np.frombuffer(core.texture.pixels, dtype=np.uint8).reshape(core.texture.height,
                                                                            core.texture.width, 4)
        ink = int((alone[:, :, 3] > 90).any(axis=1).sum())
        assert _ink_rows(shown) >= ink - 1, f"{nederlands.text!r}: {_ink_rows(shown)} rows of ink shown of {ink}"
