"""The board, a prompt card and the koelkastblad in Arabic, Tigrinya and Ukrainian, saved as
``docs/taal-<taal>-bord.png``, ``docs/taal-<taal>-vragen.png`` and
``docs/taal-<taal>-koelkastblad.png``, and the snapshot for the dossier as
``docs/taal-<taal>-snapshot.png`` (with the doelen screen at 800x600 as
``docs/taal-<taal>-doelen-800x600.png``, where long words are narrowest, and an Arabic inwoner's
history as ``docs/taal-ar-geschiedenis.png`` and ``docs/taal-ar-verloop.png``):
``python docs/make_language_screenshots.py`` (from the repository root; the koelkastblad
page needs pdftoppm). The app runs offscreen at 1280x800; the inwoner's language is chosen
the way the inwoner chooses it, in the language list."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

PIN = "482913"
TALEN = ("ar", "ti", "uk")


def main() -> int:
    data = Path(tempfile.mkdtemp(prefix="magneetbord-talen-"))
    os.environ["MAGNEETBORD_DATA_DIR"] = str(data)
    from widgets.headless import configure

    configure(1280, 800)
    from kivy.base import EventLoop
    from kivy.core.window import Window
    from make_screenshots import window_png

    from board.taal import vertaler
    from docs.sample_database import FAST as fast
    from docs.sample_database import open_sample_database
    from exports.koelkastblad import koelkastblad_pdf
    from exports.snapshot import render_snapshot
    from samples import talen, voorbeelden
    from widgets.app import MagneetbordApp

    url, repository = open_sample_database(data, PIN)
    repository.add_inwoner(voorbeelden.inwoner())
    repository.close()

    def frames(count: int = 4) -> None:
        for _ in range(count):
            EventLoop.idle()

    def shot(name: str) -> None:
        frames()
        path = ROOT / "docs" / f"taal-{name}.png"
        window_png(path)
        print(path)

    app = MagneetbordApp(url, kdf=fast, today=lambda: date(2026, 3, 2))
    Window.add_widget(app.build())
    lock = app.screen("lock")
    lock.ids.pad.pin = PIN
    lock.ids.pad.submit()
    frames()
    app.show_inwoner(app.repository.find_inwoner("D-2026-0042"))
    app.open_visit()
    live = app.live
    for key, positie in (("geld", 0.15), ("wonen", 0.45), ("sociale_contacten", 0.7),
                         ("geestelijke_gezondheid", 0.3), ("werk", 0.9)):
        live.apply(lambda m, k=key, p=positie: m.choose(k).place_fiche(k, "inwoner", p))
    live.apply(lambda m: m.place_fiche("geld", "professional", 0.35))
    bord = app.screen("bord")
    for taal in TALEN:
        kiezer = bord.choose_taal()  # the language list, as the inwoner sees it
        frames()
        if taal == TALEN[0]:
            shot("kiezer")
        kiezer.knoppen[taal].dispatch("on_release")
        shot(f"{taal}-bord")
        view = bord.board_screen.show_vragen("geld")
        shot(f"{taal}-vragen")
        view.dismiss(animation=False)
        frames()
        pdf = data / f"koelkastblad-{taal}.pdf"
        pdf.write_bytes(koelkastblad_pdf(talen.nulmeting(taal), voorbeelden.TEAM, vertaler(taal)))
        out = ROOT / "docs" / f"taal-{taal}-koelkastblad"
        subprocess.run(["pdftoppm", "-r", "70", "-png", "-singlefile", "-f", "1", "-l", "1", str(pdf), str(out)],
                       check=True)
        print(f"{out}.png")
        snapshot = ROOT / "docs" / f"taal-{taal}-snapshot.png"
        render_snapshot(talen.nulmeting(taal), talen.inwoner(taal), (1280, 800)).save(snapshot)
        print(snapshot)
    Window.size = (800, 600)
    for taal in TALEN:
        bord.choose_taal().knoppen[taal].dispatch("on_release")
        app.show_meting_step("doelen")
        shot(f"{taal}-doelen-800x600")
        app.show_meting_step("bord")
    Window.size = (1280, 800)
    # The history an Arabic inwoner is shown at a visit (the professional's PIN leads there):
    # the boards compared and the course per leefgebied, in the inwoner's language.
    app.ask_pin_to_leave()
    lock.ids.pad.pin = PIN
    lock.ids.pad.submit()
    frames()
    history_ar(app, frames)
    shot("ar-geschiedenis")
    app.screen("geschiedenis").view = "verloop"
    shot("ar-verloop")
    app.release()
    return 0


def history_ar(app: object, frames: object) -> None:
    """An Arabic inwoner with three afgeronde metingen, their history shown."""
    from datetime import datetime

    from board import Inwoner, Meting

    inwoner = Inwoner.create("D-2026-0043", "Woensel-Noord", "A.B.", taal="ar")
    app.repository.add_inwoner(inwoner)
    keys = ["geld", "wonen", "sociale_contacten", "geestelijke_gezondheid", "werk", "leren"]
    meting = Meting.nulmeting(inwoner.id, date(2025, 3, 3))
    for number, datum in enumerate([date(2025, 3, 3), date(2025, 9, 1), date(2026, 3, 2)]):
        meting = meting.vervolg(datum) if number else meting
        for index, key in enumerate(keys):
            meting = (meting if number else meting.choose(key)).place_fiche(
                key, "inwoner", round(min(0.95, 0.15 + 0.08 * index + 0.2 * number * (1 if index % 3 else -0.3)), 3))
        meting = meting.afronden(datetime(datum.year, datum.month, datum.day, 11))
        app.repository.add_meting(meting)
    app.show_inwoner(app.repository.find_inwoner("D-2026-0043"))
    app.show_history()
    frames()


if __name__ == "__main__":
    raise SystemExit(main())
