"""Afronden: the rapportcijfer (ten big buttons), on a vervolgmeting the comparison sentence,
the date of the next meting, then afronden. After that the meting is read-only and its
bundle (snapshot, koelkastblad, dossier) is made in the background with a visible progress."""

from __future__ import annotations

from datetime import date, datetime

from kivy.animation import Animation
from kivy.clock import Clock
from kivy.factory import Factory
from kivy.metrics import dp
from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, OptionProperty, StringProperty
from kivy.uix.modalview import ModalView

from board import Meting, vergelijk
from board.datums import add_months, months_between, te_laat, vanaf
from board.errors import UserError
from board.i18n import _
from board.taal import Vertaler, vertaler
from services.koelkastblad import can_print
from widgets.common import MetingScherm, load_kv, make, mirror, own_direction

NEXT_DEFAULT_MONTHS = 3


class AfrondenScreen(MetingScherm):
    vorige = ObjectProperty(None, allownone=True)  # the previous (afgeronde) meting, for the sentence
    zin = StringProperty("")
    volgende = StringProperty("")
    afgerond = BooleanProperty(False)
    export_state = OptionProperty("idle", options=["idle", "busy", "done", "error"])
    export_text = StringProperty("")  # how the export goes, in the inwoner's language (it sits beside it)
    export_reden = StringProperty("")  # why it failed, in the professional's: the professional mends it
    progress = NumericProperty(0)
    # Why the meting cannot be afgerond yet (board's own Dutch message), shown above the button.
    melding = StringProperty("")
    kan_afdrukken = BooleanProperty(False)  # a print command (lp) on this device: else the sheet is saved

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)
        self.kan_afdrukken = can_print()
        for cijfer in range(1, 11):
            knop = make("Keuze", text=str(cijfer), font_size=dp(30), height=dp(84))
            knop.cijfer = cijfer
            knop.bind(on_release=lambda k: self.live.apply(lambda m: m.set_rapportcijfer(k.cijfer)))
            self.ids.cijfers.add_widget(knop)
        own_direction(self.ids.export_reden)  # the professional's words line up as they read
        # A message that names doelen takes lines: in sight once it has its height, not before.
        self._stappen = 0
        self.ids.melding.bind(height=lambda *_a: self.melding and Clock.schedule_once(self._melding_in_sight))

    def on_tr(self, instance: object, tr: Vertaler) -> None:
        """Right to left, the whole screen mirrored like the board: text flush right, the
        rapportcijfers from 1 on the right to 10 on the left, "+" left of "−"."""
        mirror(self, tr.rtl)
        super().on_tr(instance, tr)

    def refresh(self) -> None:
        if self.live is None:
            return
        meting: Meting = self.live.meting
        self.afgerond = meting.afgerond
        if not meting.afgerond and self.export_state != "idle":  # the next visit: last one's news is gone
            self._news_below()
        for knop in self.ids.cijfers.children:
            knop.selected = knop.cijfer == meting.rapportcijfer
            knop.disabled = meting.afgerond
        self.export_text = self._export_words()
        if self.melding:  # what is still missing, kept in step with the board (gone once it is done)
            self.melding = afronden_problem(meting, self.tr, self.moment())
        tr = self.tr or vertaler("nl")
        self.zin = vergelijk(self.vorige, meting).zin_in(tr) if self.vorige is not None else ""
        months = months_between(self._vanaf(meting), meting.volgende_meting) if meting.volgende_meting else 0
        if meting.volgende_meting and not meting.afgerond and te_laat(meting.volgende_meting, self.vandaag()):
            # Planned back then, for a meting taken up later: said, and + or − plans it from today.
            self.volgende = tr.pgettext("inwoner", "{datum}: die dag is voorbij").format(
                datum=tr.datum(meting.volgende_meting))
        elif meting.volgende_meting and months >= 1:
            volgende = tr.npgettext("inwoner", "over {n} maand: {datum}", "over {n} maanden: {datum}", months)
            self.volgende = volgende.format(n=months, datum=tr.datum(meting.volgende_meting))
        elif meting.volgende_meting:  # planned on a day that is (nearly) here: the date, no "over 0 maanden"
            self.volgende = tr.datum(meting.volgende_meting)
        else:
            self.volgende = tr.pgettext("inwoner", "nog niet gepland")

    def moment(self) -> datetime:
        """The moment afronden will be tried at: the app's (``VisitFlow.moment``), else now."""
        return self.app.moment() if self.app is not None else datetime.now()

    def _vanaf(self, meting: object) -> date:
        """The day the months count from: the meting's, or today for one taken up later."""
        return vanaf(meting.datum, self.vandaag())

    def step_volgende(self, delta: int) -> None:
        meting = self.live.meting
        start = self._vanaf(meting)
        months = months_between(start, meting.volgende_meting) + delta if meting.volgende_meting else (
            NEXT_DEFAULT_MONTHS
        )
        months = max(1, min(24, months))
        self.live.apply(lambda m: m.set_volgende_meting(add_months(start, months)))

    def ask_afronden(self) -> ModalView | None:
        """The question "Meting afronden?"; when the meting cannot be afgerond yet (a chosen
        leefgebied without the inwoner's fiche, a doel without evaluatie) no question but the
        reason, on this screen, next to the button: nothing is changed."""
        problem = afronden_problem(self.live.meting, self.tr, self.moment())
        if problem:
            self.show_problem(problem)
            return None
        view = Factory.AfrondenVraag()
        view.tr = self.tr or vertaler("nl")  # a kv dynamic class takes its own properties only after it is made
        mirror(view, view.tr.rtl)
        view.ids.yes.bind(on_release=lambda _k: (view.dismiss(animation=False), self.app.afronden()))
        view.open(animation=False)
        return view

    def show_problem(self, problem: str) -> None:
        """The reason, in sight, just above "Meting afronden" (which stays where it is, out of
        the page that scrolls: a second tap lands on the button again, not on the message)."""
        self._stappen = 10  # a few frames to lay out and settle; never an endless loop
        self.melding = problem
        Clock.schedule_once(self._melding_in_sight)

    def _melding_in_sight(self, _dt: float = 0) -> None:
        """The page scrolled to the message, again on the next frames while its lines are laid
        out (Kivy moves the page a frame later)."""
        if not self.melding or self._stappen <= 0:
            return
        self._stappen -= 1
        scroll = self.ids.scroll
        if scroll.children[0].height > scroll.height:
            scroll.scroll_to(self.ids.melding, padding=dp(12), animate=False)
        Clock.schedule_once(self._melding_in_sight)

    def export_started(self) -> None:
        self.export_state, self.export_reden = "busy", ""
        self.export_text = self._export_words()
        self.progress = 10
        # The news on top, in sight: scrolled to the bottom, the first panel's title was cut by the header.
        self._move_news(top=True)
        anim = Animation(progress=90, d=4, t="out_quad")
        anim.start(self)

    def _news_below(self) -> None:
        Animation.cancel_all(self, "progress")
        self.export_state, self.export_text, self.export_reden, self.progress = "idle", "", "", 0
        self._move_news(top=False)

    def _move_news(self, top: bool) -> None:
        """The export panel on top of the screen (after afronden) or in its place below."""
        content, panel = self.ids.scroll.children[0], self.ids.export
        content.remove_widget(panel)
        content.add_widget(panel, index=len(content.children) if top else 0)
        Clock.schedule_once(lambda _dt: setattr(self.ids.scroll, "scroll_y", 1))

    def ask_koelkastblad(self) -> None:
        """The koelkastblad of the meting just afgerond, printed or saved: the professional's
        PIN first (a plain copy of personal data leaves the tablet)."""
        meting_id = self.live.meting.id
        self.app.ask_pin_then(
            lambda: self.open_koelkastblad(meting_id),
            _("Het koelkastblad afdrukken of opslaan kan alleen met de pincode van een professional."))

    def open_koelkastblad(self, meting_id: str) -> ModalView:
        from widgets.koelkastblad import KoelkastbladVenster

        view = KoelkastbladVenster(self.app.repository, meting_id)
        view.open(animation=False)
        view.start()
        return view

    def export_finished(self, error: str | None) -> None:
        Animation.cancel_all(self, "progress")
        if error is None:
            self.export_state, self.progress, self.export_reden = "done", 100, ""
        else:
            self.export_state, self.progress, self.export_reden = "error", 0, error
        self.export_text = self._export_words()

    def _export_words(self) -> str:
        """How the export goes, in the inwoner's language: the inwoner sits beside the tablet
        (the reason of a failure stays the professional's, in ``export_reden``)."""
        tr = self.tr or vertaler("nl")
        return {
            "idle": "",
            "busy": tr.pgettext("inwoner", "Het bord en het koelkastblad worden gemaakt…"),
            "done": tr.pgettext(
                "inwoner", "Klaar. Het bord, het koelkastblad en het dossier staan klaar om te versturen."),
            "error": tr.pgettext("inwoner", "Het maken van het dossier is niet gelukt."),
        }[self.export_state]


def afronden_problem(meting: Meting, tr: Vertaler | None, moment: datetime) -> str:
    """Why ``meting`` cannot be afgerond at ``moment``, in the board's words and the inwoner's
    language ("" when it can): the rule itself stays in ``Meting.afronden``, tried here on the
    unchanging meting."""
    if meting.afgerond:
        return ""
    try:
        meting.afronden(moment)
    except UserError as exc:
        return exc.in_taal(tr)
    return ""


load_kv(__file__)
