"""The koelkastblad for the inwoner, after afronden: printed on the default printer, or saved
as a PDF in a folder the professional can reach. Opened only after the professional's PIN
(``AfrondenScreen.ask_koelkastblad``), and only ever for the meting just afgerond: nothing
here reaches another inwoner. The work runs in a thread; the dialog says what happened in
plain Dutch, and "gelukt" only when the print system accepted the sheet or the file is written.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from kivy.clock import Clock
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.modalview import ModalView

from board.errors import UserError
from board.i18n import _
from board.redenen import technical
from services.koelkastblad import Uitkomst, can_print, print_sheet, save_sheet
from widgets.common import load_kv

log = logging.getLogger(__name__)


class KoelkastbladVenster(ModalView):
    bezig = BooleanProperty(False)
    gelukt = BooleanProperty(False)
    tekst = StringProperty("")
    kan_afdrukken = BooleanProperty(False)
    afgedrukt = BooleanProperty(False)  # the print system accepted it once: the button says "Opnieuw"
    opgeslagen = BooleanProperty(False)  # the PDF is in the folder: no "Opslaan als PDF" any more

    def __init__(self, repository: Any, meting_id: str, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.repository, self.meting_id = repository, meting_id
        self.thread: threading.Thread | None = None
        # The buttons taken out below stay alive (``ids`` holds them weakly): asked after, they are just not shown.
        self._knoppen = [knop.__self__ for knop in self.ids.knoppen.children]
        self.kan_afdrukken = can_print()
        if not self.kan_afdrukken:  # nothing to print with: no button that cannot work
            self.ids.knoppen.remove_widget(self.ids.afdrukken)

    def start(self) -> None:
        """What the professional asked for: print where there is a printer, else save."""
        if self.kan_afdrukken:
            self.afdrukken()
        else:
            self.tekst = _("Op deze tablet is geen printer ingesteld. Het koelkastblad wordt opgeslagen als PDF.")
            self.opslaan()

    def afdrukken(self) -> None:
        self._run(_("Het koelkastblad gaat naar de printer…"), self._print)

    def _print(self) -> Uitkomst:
        uitkomst = print_sheet(self.repository, self.meting_id)
        if uitkomst.gelukt:
            Clock.schedule_once(lambda _dt: setattr(self, "afgedrukt", True))
        return uitkomst

    def opslaan(self) -> None:
        self._run(_("Het koelkastblad wordt opgeslagen…"), lambda: save_sheet(self.repository, self.meting_id))

    def _run(self, busy: str, work: Callable[[], Uitkomst]) -> None:
        if self.bezig:
            return
        self.bezig, self.gelukt, self.tekst = True, False, busy

        def run() -> None:
            uitkomst = Uitkomst(False, _("Het is onbekend of het gelukt is; probeer het opnieuw."))
            try:
                uitkomst = work()
            except UserError as exc:  # the database's or the renderer's Dutch reason; never "gelukt"
                uitkomst = Uitkomst(False, str(exc))
            except Exception as exc:  # the kind of error to the log (never its words); the professional reads Dutch
                log.error("koelkastblad: %s", technical(exc))
            finally:
                Clock.schedule_once(lambda _dt: self._done(uitkomst))

        self.thread = threading.Thread(target=run, name="koelkastblad", daemon=True)
        self.thread.start()

    def _done(self, uitkomst: Uitkomst) -> None:
        self.bezig, self.gelukt, self.tekst = False, uitkomst.gelukt, uitkomst.tekst
        if uitkomst.gelukt and uitkomst.pad is not None and not self.opgeslagen:
            # Saved: the text says where; the same file again would change nothing, so the
            # offer goes (printing stays, where there is a printer; else only "Sluiten").
            self.opgeslagen = True
            self.ids.knoppen.remove_widget(self.ids.opslaan)


load_kv(__file__)
