"""The professional's part: the list of inwoners (search, "nieuwe inwoner") and one inwoner
with the way into a meting and the geschiedenis."""

from __future__ import annotations

from collections.abc import Sequence

from kivy.metrics import dp
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty
from kivy.uix.modalview import ModalView

from board import Inwoner, Meting
from board.bezoek import Stap, kan_weggooien, volgende_meting, waarom_niet_afsluiten
from board.datums import te_laat
from board.errors import UserError
from board.i18n import _, format_datum
from board.meting_waarden import MetingSoort
from board.taal import taal
from board.traject import REDEN_LABEL, Afsluiting, huidig, nummer_in_traject
from services.inwoners import add_inwoner, find_inwoners, wijken, with_concept
from services.inwoners import history as inwoner_history
from services.visit import prepare_visits, visit_data
from widgets.common import Rij, Scherm, load_kv, make, to_top
from widgets.versturen import VersturenBalk  # noqa: F401  (its kv rule is used by inwoners.kv)

MAX_SHOWN = 50  # more than fits on a screen; a search narrows it down
# dp: a lower list screen is laid out tight (the search, the Versturen line, the rows; every
# target still 48 dp or more), so that 800x600 shows five inwoners under the Versturen line.
KORT = 900


def inwoner_line(inwoner: Inwoner) -> str:
    parts = [inwoner.dossiernummer, inwoner.initialen or "", inwoner.wijk]
    return "  ·  ".join(p for p in parts if p)


class InwonerRij(Rij):
    inwoner = ObjectProperty(None)
    dossier = StringProperty("")
    details = StringProperty("")
    taal = StringProperty("")  # the inwoner's language in its own script
    niet_af = BooleanProperty(False)  # a meting is waiting to be finished
    kort = BooleanProperty(False)  # a low list: a lower row (InwonersScreen.kort)


class InwonersScreen(Scherm):
    """The list: everyone (first 50), or who matches the search."""

    professional = StringProperty("")
    melding = StringProperty("")  # what went wrong (a visit stopped because storing failed), in red
    kort = BooleanProperty(False)  # lower than KORT dp: laid out tight

    def on_size(self, *_args: object) -> None:
        self.kort = self.height < dp(KORT)

    def on_kort(self, _screen: object, kort: bool) -> None:
        for rij in self.ids.rows.children:
            rij.kort = kort

    def refresh(self) -> None:
        self.ids.versturen.refresh()
        text = self.ids.search.text.strip()
        found = find_inwoners(self.app.repository, text, MAX_SHOWN)
        open_concept = with_concept(self.app.repository)
        rows = self.ids.rows
        # The rows shown before are given the new inwoners (the list is shown after every
        # visit: new rows each time left some 30,000 objects a time for the garbage collector,
        # whose pauses then fell in a later tap, P10); rows left over go, missing ones are made.
        shown = list(reversed(rows.children))  # top first
        for rij in shown[len(found):]:
            rows.remove_widget(rij)
        for index, inwoner in enumerate(found):
            rij = shown[index] if index < len(shown) else None
            if rij is None:
                rij = InwonerRij(kort=self.kort)
                rij.bind(on_release=lambda r: self.app.show_inwoner(r.inwoner))
                rows.add_widget(rij)
            rij.inwoner = inwoner
            rij.dossier = inwoner.dossiernummer
            rij.details = "  ·  ".join(p for p in (inwoner.initialen, inwoner.wijk) if p)
            rij.taal, rij.niet_af = taal(inwoner.taal).naam, inwoner.id in open_concept
        # What a tap on a row reads is made ready while the list shows (P10): off the UI thread.
        prepare_visits(self.app.repository, [inwoner.id for inwoner in found])
        self.ids.empty.text = "" if found else (
            _("Niemand gevonden. Zoek op initialen, dossiernummer of wijk.") if text
            else _("Nog geen inwoners. Tik op 'Nieuwe inwoner'.")
        )

    def new_inwoner(self) -> NieuweInwonerView:
        alle_wijken = wijken(self.app.repository)
        view = NieuweInwonerView(app=self.app)
        for wijk in alle_wijken[:8]:
            width = dp(max(120, len(wijk) * 12 + 40))
            knop = make("Keuze", text=wijk, size_hint=(None, None), width=width, height=dp(56))
            knop.bind(on_release=lambda k: setattr(view.ids.wijk, "text", k.text))
            view.ids.wijken.add_widget(knop)
        view.open(animation=False)
        return view


class NieuweInwonerView(ModalView):
    """Dossier number, wijk, optional initials. The messages come from ``Inwoner.create``
    and the repository, in plain Dutch; nothing is saved until they are all right."""

    app = ObjectProperty(None)
    message = StringProperty("")

    def save(self) -> None:
        try:
            inwoner = Inwoner.create(self.ids.dossier.text, self.ids.wijk.text, self.ids.initialen.text)
            add_inwoner(self.app.repository, inwoner)
        except UserError as exc:
            self.message = _(str(exc))
            return
        self.dismiss(animation=False)
        self.app.show_inwoner(inwoner)


class InwonerScreen(Scherm):
    """One inwoner: what is there, and the one big button that starts or resumes the meting."""

    title = StringProperty("")
    status = StringProperty("")
    gepland = StringProperty("")  # when the next meting is planned ("" when not)
    te_laat = BooleanProperty(False)  # that day has passed (board.datums.te_laat): said, in the warning colour
    action = StringProperty("")
    has_history = BooleanProperty(False)
    can_close = BooleanProperty(False)  # an open traject without a concept: "Traject afsluiten" works
    close_reason = StringProperty("")  # why it does not ("" when it does): said under the greyed button
    can_discard = BooleanProperty(False)  # a concept that may go (kan_weggooien): "... weggooien" works
    discard_text = StringProperty("")  # "Vervolgmeting weggooien" or "0-meting weggooien"
    notice = StringProperty("")  # what was just done here ("De vervolgmeting 2 is weggegooid.")

    history: tuple[str, list[Meting], list[Afsluiting]] | None = None

    def take_history(self, inwoner_id: str) -> tuple[list[Meting], list[Afsluiting]] | None:
        """The metingen and afsluitingen read for ``inwoner_id`` when the screen was shown,
        once: the button acts on what the screen says (a visit started from it changes them;
        showing reads again)."""
        shown, self.history = self.history, None
        return (shown[1], shown[2]) if shown is not None and shown[0] == inwoner_id else None

    def show(self, inwoner: Inwoner) -> None:
        history, afsluitingen = visit_data(self.app.repository, inwoner.id)  # made ready while the list showed
        self.history = (inwoner.id, history, afsluitingen)  # what the button below acts on (``take_history``)
        to_top(self.ids.page_scroll)  # not where the last inwoner's page was pushed to
        self.title = inwoner_line(inwoner)
        self.has_history = bool(history)
        volgende = volgende_meting(history, afsluitingen)
        traject = huidig(history, afsluitingen)
        self.close_reason = waarom_niet_afsluiten(volgende)
        self.can_close = not self.close_reason
        self.can_discard = volgende.stap is Stap.VERDER and kan_weggooien(volgende.concept, history, afsluitingen)
        self.notice, self.gepland, self.te_laat = "", "", False
        if self.can_discard:
            nul = volgende.concept.soort is MetingSoort.NULMETING
            self.discard_text = _("0-meting weggooien") if nul else _("Vervolgmeting weggooien")
        if volgende.stap is Stap.VERDER:
            concept = volgende.concept
            self.status = _("De {meting} van {datum} is nog niet af.").format(
                meting=meting_naam(concept, history), datum=format_datum(concept.datum)
            )
            self.action = _("Verder met de meting")
        elif volgende.stap is Stap.VERVOLGMETING:
            last = volgende.laatste_afgerond
            self.status = _("Laatste meting: {meting} van {datum}.").format(
                meting=meting_naam(last, history), datum=format_datum(last.datum)
            )
            if last.volgende_meting:
                self.te_laat = te_laat(last.volgende_meting, self.app.today())
                tekst = (_("Volgende meting gepland: {datum}. Die dag is voorbij.") if self.te_laat
                         else _("Volgende meting gepland: {datum}."))
                self.gepland = tekst.format(datum=format_datum(last.volgende_meting))
            self.action = _("Vervolgmeting beginnen")
        elif traject is not None and traject.afsluiting is not None:
            self.status = _("Het traject is afgesloten op {datum}: {reden}.").format(
                datum=format_datum(traject.afsluiting.datum), reden=_(REDEN_LABEL[traject.afsluiting.reden]).lower()
            ) + "\n" + _("Een nieuwe 0-meting opent een nieuw traject.")
            self.action = _("Nieuwe 0-meting beginnen")
        else:
            self.status = _("Nog geen meting. De eerste is de 0-meting.")
            self.action = _("0-meting beginnen")

    def discard(self) -> object:
        """The question; afterwards this screen says it is done and offers the next meting (a
        new vervolgmeting, or after a closed traject a new 0-meting)."""
        from widgets.weggooien import ask

        history = inwoner_history(self.app.repository, self.app.inwoner.id)
        concept = volgende_meting(history).concept
        naam = meting_naam(concept, history)

        def done() -> None:
            self.show(self.app.inwoner)
            self.notice = _("De {meting} van {datum} is weggegooid.").format(
                meting=naam, datum=format_datum(concept.datum))

        return ask(self.app, concept.id, on_done=done, nulmeting=concept.soort is MetingSoort.NULMETING)

    def close_traject(self) -> object:
        """The question with the reasons; afterwards this screen shows the closed traject."""
        from widgets.traject_afsluiten import ask

        return ask(self.app, self.app.inwoner.id, on_done=lambda: self.show(self.app.inwoner))


def meting_naam(meting: Meting, history: Sequence[Meting] = ()) -> str:
    """'0-meting' or 'vervolgmeting 2', in the UI language: counted within its own traject
    (``history``: the inwoner's metingen; ``board.traject.nummer_in_traject``)."""
    if meting.soort is MetingSoort.NULMETING:
        return _("0-meting")
    return _("vervolgmeting {n}").format(n=nummer_in_traject(history, meting))


load_kv(__file__)
