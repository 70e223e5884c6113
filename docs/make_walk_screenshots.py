"""Every screen of the app at every supported window size, to look at:
``python docs/make_walk_screenshots.py [OUT]`` (from the repository root; OUT defaults to a new
folder under /tmp, printed). Writes ``<OUT>/<W>x<H>/<nn>-<screen>.png`` for the lock screen, the
list, an inwoner, the language choice, the board with 14 bars, a prompt card, doelen, the doel
editor, afronden, the history (compare), the verloop, the monitor and the koelkastblad's PIN.
One process draws every size (headless.window_image draws the window's widgets into an Fbo
of the window's size). These are pictures to look at, not a test: tests/test_sizes*.py check.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PIN = "482913"
SIZES = ((800, 600), (1280, 800), (1920, 1200), (2560, 1600), (800, 1280))
HISTORY_DOSSIER = "WT-2025-01012"  # a demo inwoner with afgeronde metingen
LONG_DOSSIER = "WT-2026-LANG-DOSSIERNUMMER-0123456789ABC"  # 40 characters


def main(out: Path | None = None) -> int:
    out = out or Path(tempfile.mkdtemp(prefix="magneetbord-walk-"))
    data = Path(tempfile.mkdtemp(prefix="magneetbord-walk-data-"))
    os.environ["MAGNEETBORD_DATA_DIR"] = str(data)
    os.environ["MAGNEETBORD_KOELKASTBLAD_MAP"] = str(data / "koelkastblad")  # not the user's Documents
    from widgets.headless import configure, window_image

    configure()
    from kivy.base import EventLoop
    from kivy.core.window import Window
    from kivy.uix.modalview import ModalView

    from board import Inwoner
    from docs.sample_database import FAST as fast
    from docs.sample_database import open_sample_database
    from services.demo import fill
    from widgets.app import MagneetbordApp

    url, repository = open_sample_database(data, PIN)
    fill(repository, aantal=150)  # the monitor hides groups under 10
    repository.close()

    def frames(count: int = 4) -> None:
        for _ in range(count):
            EventLoop.idle()

    def modals() -> list:
        return [w for w in Window.children if isinstance(w, ModalView)]

    def close_modals() -> None:
        for view in modals():
            view.dismiss(animation=False)
        frames(2)

    app = MagneetbordApp(url, kdf=fast, today=lambda: date(2026, 11, 23))
    Window.add_widget(app.build())
    frames(3)
    lock = app.screen("lock")
    lock.ids.pad.pin = PIN
    lock.ids.pad.submit()
    app.repository.add_inwoner(Inwoner.create(LONG_DOSSIER, "Woensel-Noord", "L."))

    for size in SIZES:
        folder = out / f"{size[0]}x{size[1]}"
        folder.mkdir(parents=True, exist_ok=True)
        Window.size = size
        frames(2)
        number = iter(range(1, 100))

        def shot(name: str, folder: Path = folder, number: object = number) -> None:
            frames()
            path = folder / f"{next(number):02d}-{name}.png"
            window_image().save(path)
            print(path)

        app.lock()
        lock.ids.pad.pin = "48"
        shot("lock")
        lock.ids.pad.pin = PIN
        lock.ids.pad.submit()
        app.show_list()
        shot("inwoners")
        app.show_inwoner(app.repository.find_inwoner(LONG_DOSSIER))
        shot("inwoner-lang-dossier")
        app.show_inwoner(app.repository.find_inwoner(HISTORY_DOSSIER))
        shot("inwoner")
        app.show_history()
        shot("geschiedenis")
        app.screen("geschiedenis").view = "verloop"
        shot("verloop")
        app.screen("geschiedenis").view = "vergelijken"
        app.show_list()
        app.show_monitor()
        monitor = app.screen("monitor")
        if monitor.thread is not None:
            monitor.thread.join()
        frames()
        monitor.load("vorig_jaar")  # the demo's metingen are from 2024 and 2025
        if monitor.thread is not None:
            monitor.thread.join()
        shot("monitor")

        inwoner = Inwoner.create(f"WALK-{size[0]}x{size[1]}", "Stratum", "W.")
        app.repository.add_inwoner(inwoner)
        app.show_inwoner(app.repository.find_inwoner(inwoner.dossiernummer))
        app.open_visit()
        frames(4)
        bord = app.screen("bord")
        bord.choose_taal()
        shot("taalkeuze")
        close_modals()
        live = app.live
        for index, key in enumerate(live.meting.niet_gekozen):
            live.apply(lambda m, k=key, p=index: m.choose(k).place_fiche(k, "inwoner", 0.1 + 0.06 * p))
        shot("bord-14")
        bord.board_screen.show_vragen(live.meting.gekozen[0])
        shot("vragen")
        close_modals()
        app.show_meting_step("doelen")
        shot("doelen")
        editor = app.screen("doelen").edit(live.meting.gekozen[0])
        frames(2)
        shot("doel-editor")
        editor.ids.tekst.text = "Ik wil elke week een keer iets leuks doen met mijn zus."
        editor.wie = "netwerk"
        editor.ids.wat.text = "Zus belt op zondag"
        editor.add_actie()
        editor.ids.wat.focus = True
        shot("doel-editor-actie")
        editor.ids.wat.focus = False
        editor.save()
        app.show_meting_step("afronden")
        live.apply(lambda m: m.set_rapportcijfer(7))
        shot("afronden")
        if app.afronden():
            app.export_thread.join()
        frames(4)
        shot("afronden-klaar")
        app.screen("afronden").ask_koelkastblad()
        shot("koelkastblad-pin")
        lock.ids.pad.pin = PIN
        lock.ids.pad.submit()
        frames(4)
        shot("koelkastblad")
        close_modals()
        app.ask_pin_to_leave()
        lock.ids.pad.pin = PIN
        lock.ids.pad.submit()
        frames(2)
    print(out)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else None))
    except Exception:
        import traceback

        traceback.print_exc(file=sys.__stderr__)  # Kivy's logger has taken sys.stderr
        sys.exit(1)
