"""After "Meting afronden" the inwoner sits beside the tablet while the bundle is made (issue
17): the export's news and the koelkastblad button are in the inwoner's language, and for an
Arabic inwoner the progress bar fills from the right. The PIN question that follows stays the
professional's (it is the professional's act), and so does the reason of a failure (the
professional mends it). Driven by touches at 800x600 and 1280x800, read from the pixels."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from board import schrift
from board.kleuren import BETER
from board.taal import vertaler
from tests.kivy_helpers import (  # noqa: F401
    frames,
    into_sight,
    make_app_fixture,
    run_clock,
    tap,
    window_fixture,
    window_pixels,
)
from tests.schijf import unwritable
from tests.screen_checks import window_crop, window_rect
from tests.screen_helpers import modal, visit_in_taal
from tests.test_rtl_schermen import _flush, _to_afronden

TODAY = date(2026, 3, 2)
SIZES = [(800, 600), (1280, 800)]
BUSY = "Het bord en het koelkastblad worden gemaakt…"
KLAAR = "Klaar. Het bord, het koelkastblad en het dossier staan klaar om te versturen."
MISLUKT = "Het maken van het dossier is niet gelukt."


def _afronden(app: object) -> object:
    screen = _to_afronden(app)
    tap(next(k for k in screen.ids.cijfers.children if k.cijfer == 7))
    into_sight(screen.ids.afronden)
    tap(screen.ids.afronden)
    tap(modal(app, "AfrondenVraag").ids.yes)
    return screen


def _filled(bar: object) -> np.ndarray:
    """Columns (from the bar's left) where the bar shows its fill colour on the screen."""
    box = window_crop(window_pixels(), window_rect(bar)).astype(np.int16)
    return np.where(np.all(np.abs(box - np.array(BETER)) <= 12, axis=2).any(axis=0))[0]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("taal", ["ar", "nl"])
def test_the_export_speaks_the_inwoners_language_and_fills_the_way_they_read(
        make_app: object, window: object, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        size: tuple[int, int], taal: str) -> None:
    import services.export

    real, gate = services.export.export_to_outbox, threading.Event()

    def held(*args: object) -> object:  # the bundle is made once the test has looked at the bar
        assert gate.wait(60)
        return real(*args)

    monkeypatch.setattr(services.export, "export_to_outbox", held)
    tr = vertaler(taal)
    app = visit_in_taal(make_app, window, size, taal, TODAY)
    screen = _afronden(app)
    try:  # the test looks at the bar while the bundle waits; a failing look lets it go
        run_clock(1.0)  # the bar moves on while the bundle is made
        bar = screen.ids.progress
        into_sight(bar)
        assert screen.export_state == "busy" and 20 < screen.progress < 80
        assert screen.export_text == tr.pgettext("inwoner", BUSY)
        filled, width = _filled(bar), bar.width
        assert filled.size, "no fill drawn"
        share = (filled.max() - filled.min() + 1) / width
        assert abs(share - screen.progress / 100) < 0.06, (share, screen.progress)
        if tr.rtl:  # from the right edge, where an Arabic sentence begins
            assert filled.max() >= width - 3 and filled.min() > width * 0.15, (filled.min(), filled.max(), width)
            assert screen.export_text != BUSY and schrift.has_rtl(screen.export_text)
        else:
            assert filled.min() <= 2 and filled.max() < width * 0.85, (filled.min(), filled.max(), width)
        window_pixels().save(tmp_path / f"bezig-{taal}-{size[0]}x{size[1]}.png")
        _flush(screen.ids.export_text, window, "right" if tr.rtl else "left")
    finally:
        gate.set()
    app.export_thread.join()
    frames(3)
    assert screen.export_state == "done" and screen.export_text == tr.pgettext("inwoner", KLAAR)
    assert screen.export_reden == ""
    _flush(screen.ids.export_text, window, "right" if tr.rtl else "left")
    knop = screen.ids.koelkastblad
    wanted = tr.pgettext("inwoner", "Koelkastblad afdrukken" if screen.kan_afdrukken else "Koelkastblad opslaan")
    if tr.rtl:  # shaped and ordered for drawing, so not the msgstr itself
        assert schrift.has_rtl(knop.text) and wanted != "Koelkastblad afdrukken" and "Koelkastblad" not in knop.text
    else:
        assert knop.text == wanted
    window_pixels().save(tmp_path / f"klaar-{taal}-{size[0]}x{size[1]}.png")
    into_sight(knop)
    tap(knop)  # the sheet leaves the tablet: the professional's PIN, asked in the professional's language
    assert app.current == "lock"
    assert app.screen("lock").reason.startswith("Het koelkastblad afdrukken of opslaan kan alleen met de pincode")


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_failed_export_tells_the_inwoner_in_arabic_and_the_professional_why_in_dutch(
        make_app: object, window: object, tmp_path: Path, size: tuple[int, int]) -> None:
    app = visit_in_taal(make_app, window, size, "ar", TODAY)
    with unwritable(tmp_path / "outbox"):
        screen = _afronden(app)
        app.export_thread.join()
        frames(3)
        assert screen.export_state == "error"
        assert screen.export_text == vertaler("ar").pgettext("inwoner", MISLUKT) != MISLUKT
        reden = screen.export_reden
        assert reden.startswith("Het exporteren is mislukt") and (
            "alleen te lezen" in reden or "geen toestemming" in reden), reden
        _flush(screen.ids.export_text, window, "right")
        _flush(screen.ids.export_reden, window, "left")  # Dutch, as the professional reads it
        window_pixels().save(tmp_path / f"mislukt-ar-{size[0]}x{size[1]}.png")
        assert screen.ids.progress.opacity == 0
