"""Drive the whole app offscreen through every screen and save ``docs/app-*.png`` at 1280x800:
``python docs/make_app_screenshots.py``. Run from the repository root.

A fresh data folder gets the demo data (150 inwoners for the monitor) and two professionals (a cheap Argon2 cost: these
are pictures, not a tablet); then the script taps through a visit as a professional would.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "docs"))

PIN = "482913"


def vervolg_inwoner(repository: object) -> object:
    """The first Dutch-speaking inwoner (by dossiernummer) whose next visit is a vervolgmeting:
    a board with last time's fiches as ghosts (the demo's traject of WT-2024-01017, shown here
    before, has since been closed, and its next visit is an empty 0-meting)."""
    from board.bezoek import Stap, volgende_meting

    for inwoner in sorted(repository.list_inwoners(), key=lambda i: i.dossiernummer):
        volgende = volgende_meting(repository.history(inwoner.id), repository.afsluitingen(inwoner.id))
        if inwoner.taal == "nl" and volgende.stap is Stap.VERVOLGMETING:
            return inwoner
    raise SystemExit("the demo has no inwoner whose next visit is a vervolgmeting")


def main() -> int:
    data = Path(tempfile.mkdtemp(prefix="magneetbord-shots-"))
    os.environ["MAGNEETBORD_DATA_DIR"] = str(data)
    from widgets.headless import configure

    configure(1280, 800)
    from kivy.base import EventLoop
    from kivy.core.window import Window
    from make_screenshots import window_png

    from services.demo import fill
    from storage.keyring import KdfParams, Keyring
    from storage.repository import Repository
    from widgets.app import MagneetbordApp

    url = f"sqlite:///{data / 'magneetbord.sqlite3'}"
    fast = KdfParams(memory_kib=64, time_cost=1)
    EventLoop.ensure_window()

    def frames(count: int = 3) -> None:
        for _ in range(count):
            EventLoop.idle()

    def shot(name: str) -> None:
        frames()
        path = ROOT / "docs" / f"app-{name}.png"
        window_png(path)
        print(path)

    # First start: nobody in the keyring yet.
    first = MagneetbordApp(url, kdf=fast)
    Window.add_widget(first.build())
    account = first.screen("account")
    account.ids.naam.text = "Sanne de Vries"
    account.ids.pad.pin = "4829"
    shot("account")
    Window.remove_widget(first.manager)
    first.release()

    keyring = Keyring.for_database(url, kdf=fast)
    _, key = keyring.add_professional("Sanne de Vries", PIN)
    keyring.add_professional("Ahmed Bakker", "730152", key)
    repository = Repository.open(url, key, create=True)  # the first start: keyring and database made together
    fill(repository)
    repository.close()

    app = MagneetbordApp(url, kdf=fast, today=lambda: date(2026, 11, 23))
    Window.add_widget(app.build())
    lock = app.screen("lock")
    lock.ids.pad.pin = "111111"
    lock.ids.pad.submit()
    lock.ids.pad.pin = "48"
    shot("lock")

    lock.ids.pad.pin = PIN
    lock.ids.pad.submit()
    shot("inwoners")

    from widgets.afsluiten import ask

    closing = ask(app)  # "Afsluiten" in the top bar: the confirmation
    shot("afsluiten")
    closing.dismiss(animation=False)

    form = app.screen("inwoners").new_inwoner()
    form.ids.dossier.text = "WT 2026 #7"
    form.ids.wijk.text = "Stratum"
    form.save()
    shot("nieuwe-inwoner")
    form.dismiss(animation=False)

    assert app.repository is not None
    app.show_inwoner(vervolg_inwoner(app.repository))
    shot("inwoner")

    app.open_visit()
    live = app.live
    for key in live.meting.gekozen:
        if live.meting.positie(key) is None:
            vorige = live.meting.vorige_positie(key) or 0.5
            live.apply(lambda m, k=key, p=vorige: m.place_fiche(k, "inwoner", min(1.0, p + 0.2)))
    shot("bord")

    app.show_meting_step("doelen")
    shot("doelen")
    doelen = app.screen("doelen")
    editor = doelen.edit(live.meting.suggested_for_doelen()[0])
    frames()  # the dialog shows before anyone types in it
    editor.ids.tekst.text = "Ik wil elke week een keer iets leuks doen met mijn zus."
    editor.wie = "netwerk"
    editor.ids.wat.text = "Zus belt op zondag"
    editor.add_actie()
    editor.wie = "wijkteam"
    shot("doel")
    editor.save()
    for doel in live.meting.open_evaluaties:
        live.apply(lambda m, d=doel.id: m.evaluate_doel(d, "deels behaald"))

    app.show_meting_step("afronden")
    afronden = app.screen("afronden")
    live.apply(lambda m: m.set_rapportcijfer(7))
    afronden.step_volgende(0)
    shot("afronden")
    app.afronden()
    app.export_thread.join()
    frames(4)
    shot("afronden-klaar")

    app.ask_pin_to_leave()
    shot("lock-verlaten")
    lock.ids.pad.pin = PIN
    lock.ids.pad.submit()

    app.show_inwoner(app.repository.find_inwoner("WT-2025-01012"))
    app.show_history()
    shot("geschiedenis")
    app.screen("geschiedenis").view = "verloop"
    shot("verloop")

    # The monitor needs more inwoners than the 30 of the demo: groups under 10 are hidden.
    fill(app.repository, aantal=150)
    app.show_list()
    app.show_monitor()
    monitor = app.screen("monitor")
    monitor.thread.join()
    frames()
    monitor.load("vorig_jaar")  # the demo's metingen are from 2024 and 2025
    monitor.thread.join()
    shot("monitor")

    # The back-off: the 5th wrong PIN in a row switches the keypad off and counts down.
    app.lock()
    for _ in range(5):
        lock.ids.pad.pin = "111111"
        lock.ids.pad.submit()
    shot("lock-wachten")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except Exception:
        import traceback

        traceback.print_exc(file=sys.__stderr__)  # Kivy's logger has taken sys.stderr
        sys.exit(1)
