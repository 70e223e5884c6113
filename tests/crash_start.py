"""Start the kiosk exactly as ``python3 main.py`` does, with one fault put in from outside (only
tests start it this way; the app has no switch for it): once the board's first frame is on
screen, the clock callback that writes the visit marker (``VisitFlow._after_first_frame``)
writes it and then raises an exception whose message holds the inwoner's initials,
dossiernummer and doel texts, read from the running app, and a local variable holds them
too. The exception goes the way of any other: Kivy's clock and its ExceptionManager, out of
``App.run``, ``sys.excepthook``.

``python3 tests/crash_start.py [main.py's arguments]``.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import main  # noqa: E402  - main.py sets Kivy's environment when imported, as when run
from widgets import kiosk  # noqa: E402  - no Kivy yet: only os, signal, logging

_guard = kiosk.guard


def fault() -> None:
    from kivy.app import App

    app = App.get_running_app()
    persoonlijk = [app.inwoner.initialen, app.inwoner.dossiernummer, *(d.tekst for d in app.live.meting.doelen)]
    raise RuntimeError(f"kapot bij {' / '.join(str(p) for p in persoonlijk)}")


def guard(window: object) -> None:
    """The app's own ``kiosk.guard`` (called in ``build``), then the fault put in place."""
    _guard(window)
    from services.visit import VisitMarker

    write = VisitMarker.write

    def write_then_fail(marker: VisitMarker, visit: object) -> None:
        write(marker, visit)
        fault()

    VisitMarker.write = write_then_fail


kiosk.guard = guard

if __name__ == "__main__":
    sys.argv[0] = str(ROOT / "main.py")
    main.use_project_environment()
    sys.exit(main.run_from_shell())
