"""A text field's hint drawn whole on a real X server: the app's font has a tall line (room for
Arabic and Ethiopic letters), and a 60 dp field that kept a fixed 14 dp above and below its line
cut the descenders off (the new user read "biivoorbeeld" in the new-inwoner dialog). Kivy's
offscreen window, which the other screen tests read, does not clip a field's text: only the real
window shows it (a pixel test there passed on the old code)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from tests.kivy_helpers import PIN
from tests.xvfb import shows_list, unlocked_app, wait_for_screen, xserver_fixture  # noqa: F401

HOOFDKNOP = (0, 114, 178)  # a main button


def _grey_ink(shot: object) -> np.ndarray:
    """Where a field's hint has ink: grey (no colour: not the beige border's antialiasing, not
    the blue button), darker than the field's white, lighter than black text."""
    pixels = np.asarray(shot.convert("RGB"), dtype=int)
    spread = pixels.max(axis=2) - pixels.min(axis=2)
    value = pixels.max(axis=2)
    return (spread <= 4) & (value >= 90) & (value <= 200)


def _lowest_band(ink: np.ndarray) -> tuple[int, int]:
    """The lowest band of rows with ink (rows less than 4 apart joined)."""
    rows = np.where(ink.any(axis=1))[0]
    bottom = top = int(rows[-1])
    for row in reversed(rows[:-1]):
        if top - row >= 4:
            break
        top = int(row)
    return top, bottom


@pytest.mark.slow
def test_a_fields_hint_keeps_the_tail_of_its_j(xserver: object, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    server = xserver(1280, 800)
    with unlocked_app(server, tmp_path, monkeypatch, PIN) as unlocked:
        # '+ Nieuwe inwoner': the blue button right of the search field.
        blue = np.argwhere((np.asarray(unlocked.listed.convert("RGB"))[:200] == HOOFDKNOP).all(axis=2))
        y, x = blue.mean(axis=0)
        unlocked.xdotool("mousemove", str(round(x)), str(round(y)), "click", "1")
        wait_for_screen(server, lambda s: not shows_list(server)(s), "no new-inwoner dialog")
        dialog = wait_for_screen(server, lambda s: _grey_ink(s)[200:].any(), "no hints in the dialog")
        ink = np.zeros(dialog.size[::-1], dtype=bool)  # within the dialog's fields (the backdrop is grey too)
        ink[200:700, 300:980] = _grey_ink(dialog)[200:700, 300:980]
        top, bottom = _lowest_band(ink)  # "bijvoorbeeld A.B.", the initialen field's hint
        band = ink[top : bottom + 1]
        columns = [c for c in range(band.shape[1]) if band[:, c].any()]
        lowest = [max(np.where(band[:, c])[0]) for c in columns]
        baseline = max(set(lowest), key=lowest.count)  # where most letters stand
        tail = max(lowest) - baseline  # the j's tail below it
        assert tail >= 3, f"the hint's j reaches {tail} px below its line: its tail is cut off"
