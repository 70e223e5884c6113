"""Versturen: the professional sends the outbox to the gemeente's dossier (ZGW Documenten API)
from the list of inwoners, with progress.

A bar under the search, shown only while bundles wait: how many, and a button. The upload
(``services.zgw_send.send_outbox``) runs in a thread; its progress and its end reach the
screen through ``Clock.schedule_once``, so the widgets change on Kivy's thread only. The bar
shows counts, never a dossiernummer: the tablet may be on a table with an inwoner beside it.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from kivy.clock import Clock
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout

from board.errors import UserError
from board.i18n import _, ngettext
from board.redenen import reden
from widgets.common import load_kv

if TYPE_CHECKING:
    from services.zgw_send import SendReport


class VersturenBalk(BoxLayout):
    app = ObjectProperty(None)
    wachtend = NumericProperty(0)  # bundles in the outbox
    bezig = BooleanProperty(False)
    voortgang = NumericProperty(0.0)  # 0..1 while sending
    tekst = StringProperty("")
    ingesteld = BooleanProperty(True)  # False: sending is not (well) set up; the button is off, the line says why
    kort = BooleanProperty(False)  # a low list: one paragraph in smaller type, a lower button

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.thread: threading.Thread | None = None
        self._bericht = ""  # the last run's outcome, kept until the next refresh shows the count
        self._counts = (0, 0)  # documents sent in this run, of how many (the last progress)

    def on_touch_down(self, touch: object) -> bool:
        # Only touches on the bar itself: hidden (no height), its button must not take a tap
        # meant for '+ Nieuwe inwoner' above it (a disabled widget swallows the touches it covers).
        if not self.collide_point(*touch.pos):
            return False
        return super().on_touch_down(touch)

    def refresh(self) -> None:
        """Count the bundles waiting (a folder listing, no network); while some wait and sending
        is not set up, the button is off and the line beside it says who sets it up (the
        settings: one read of the database)."""
        if self.bezig or self.app is None:
            return
        from services.outbox import waiting_count

        try:
            self.wachtend = waiting_count(self.app.url)
        except OSError as exc:  # a file or a broken link where the folder was: said, the list works on
            self.wachtend = 0
            self.tekst = "\n".join(t for t in (self._bericht, onleesbaar(exc)) if t)
            return
        count = ngettext(
            "{n} export wacht op het dossier.", "{n} exports wachten op het dossier.", self.wachtend
        ).format(n=self.wachtend)
        ontbreekt = self._ontbreekt() if self.wachtend else None
        self.ingesteld = ontbreekt is None
        said = ontbreekt is None or self._bericht == niets_verstuurd(ontbreekt)  # a tap's message says it already
        instellen = "" if said else niet_ingesteld(ontbreekt)
        lines = [self._bericht, count if self.wachtend else "", instellen]
        self.tekst = "\n".join(t for i, t in enumerate(lines) if t and t not in lines[:i])

    def _ontbreekt(self) -> list[str] | None:
        """None when sending is set up (or there is no database to ask); else the settings
        still missing (empty: all there, but one is wrong)."""
        repository = getattr(self.app, "repository", None)
        if repository is None:
            return None
        from services.zgw_send import effective_config

        config = effective_config(repository)
        return config.missing() if config.problems() else None

    def versturen(self) -> None:
        if self.bezig:
            return
        ontbreekt = self._ontbreekt()
        # The button is off while sending is not set up; settings taken away since the list was
        # shown: the tap says so, instead of moving two sentences about.
        if ontbreekt is not None:
            self._bericht = niets_verstuurd(ontbreekt)
            self.refresh()
            return
        self.bezig, self.voortgang, self._bericht = True, 0.0, ""
        self.tekst = _("Versturen naar het dossier ...")
        repository, url = self.app.repository, self.app.url

        def work() -> None:
            report, error = None, None
            try:
                from services.outbox import outbox_for
                from services.zgw_send import ConfigMissing, send_outbox

                report = send_outbox(repository, outbox_for(url), self._progress, retrying=self._retrying)
            except ConfigMissing as exc:  # its own text names settings: for the ICT, not for this screen
                error = niet_ingesteld(exc.ontbreekt)
            except (UserError, OSError) as exc:
                error = str(exc)
            Clock.schedule_once(lambda _dt: self._finished(report, error))

        self.thread = threading.Thread(target=work, name="versturen", daemon=True)
        self.thread.start()

    def _progress(self, done: int, total: int, _what: str) -> None:  # on the upload's thread
        Clock.schedule_once(lambda _dt: self._show(done, total))

    def _retrying(self, poging: int, pogingen: int, bereikt: bool) -> None:  # on the upload's thread
        Clock.schedule_once(lambda _dt: self._show_retry(poging, pogingen, bereikt))

    def _show(self, done: int, total: int) -> None:
        if not self.bezig:
            return
        self._counts = (done, total)
        self.voortgang = done / total if total else 1.0
        self.tekst = _("Versturen: {done} van {total} documenten").format(done=done, total=total)

    def _show_retry(self, poging: int, pogingen: int, bereikt: bool) -> None:
        """The server did not answer, or answered with an error: it is tried again (after a
        wait of up to a few seconds, and a try may take the time-out): said, not a still bar."""
        if not self.bezig:
            return
        done, total = self._counts
        if bereikt:
            line = _("Het dossiersysteem gaf een fout, opnieuw proberen ({n} van {m})…")
        else:
            line = _("Nog geen antwoord, opnieuw proberen ({n} van {m})…")
        self.tekst = "\n".join((
            _("Versturen: {done} van {total} documenten").format(done=done, total=total),
            line.format(n=poging, m=pogingen),
        ))

    def _finished(self, report: SendReport | None, error: str | None) -> None:
        self.bezig = False
        self._bericht = error if error is not None else uitkomst(report)
        self.voortgang = 1.0 if error is None else self.voortgang
        self.refresh()


def onleesbaar(exc: OSError) -> str:
    """The outbox cannot be read: nothing can be counted or sent, and nothing was thrown away."""
    return _(
        "De exports die wachten op het dossier kunnen niet worden gelezen ({reden}). Er is niets "
        "weggegooid. Vraag de ICT van de gemeente om te kijken."
    ).format(reden=reden(exc, "de exports lezen"))


def niet_ingesteld(ontbreekt: list[str]) -> str:
    """Sending is not set up: who does it, in plain words (the settings are the ICT's business)."""
    if ontbreekt:
        return _("Versturen naar het dossier is nog niet ingesteld. Vraag de ICT van de gemeente om dat te doen.")
    return _("Versturen naar het dossier is niet goed ingesteld. Vraag de ICT van de gemeente om te kijken.")


def niets_verstuurd(ontbreekt: list[str]) -> str:
    """A tap on Versturen while sending is not set up: nothing went, nothing is lost, who can help."""
    if ontbreekt:
        return _("Er is niets verstuurd: versturen naar het dossier is nog niet ingesteld. De exports blijven "
                 "bewaard op deze tablet. Vraag de ICT van de gemeente om versturen in te stellen.")
    return _("Er is niets verstuurd: versturen naar het dossier is niet goed ingesteld. De exports blijven "
             "bewaard op deze tablet. Vraag de ICT van de gemeente om te kijken.")


def uitkomst(report: SendReport) -> str:
    """What a run did, in plain words; counts only, no success that did not happen."""
    parts = []
    if report.afgeleverd:
        n = len(report.afgeleverd)
        parts.append(ngettext("{n} export afgeleverd.", "{n} exports afgeleverd.", n).format(n=n))
    if report.overgeslagen:
        n = len(report.overgeslagen)
        parts.append(ngettext(
            "{n} export kon niet worden afgeleverd: vraag de ICT van de gemeente om te kijken.",
            "{n} exports konden niet worden afgeleverd: vraag de ICT van de gemeente om te kijken.",
            n,
        ).format(n=n))  # fmt: skip
    if report.gestopt and report.gestopt_bereikt:  # it answered, with errors: not "niet bereikbaar"
        parts.append(_("Het dossiersysteem van de gemeente gaf een fout. Probeer het later opnieuw."))
    elif report.gestopt:
        parts.append(_("De server van de gemeente is niet bereikbaar. Probeer het later opnieuw."))
    return " ".join(parts)


load_kv(__file__)
