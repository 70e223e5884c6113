"""Doelen: first the evaluation of last time's doelen (vervolgmeting), then for each chosen
leefgebied, lowest on the bar first, the inwoner's goals in their own words with a
streefdatum and acties. Every change goes through the board session: saved at once, undoable.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from kivy.clock import Clock
from kivy.metrics import dp, sp
from kivy.properties import BooleanProperty, ListProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.floatlayout import FloatLayout
from kivy.uix.image import Image
from kivy.uix.label import Label
from kivy.uix.modalview import ModalView

from board import Actie, BoardError, Doel, Evaluatie, Meting, Uitvoerder
from board.datums import add_months, months_between, vanaf
from board.grenzen import check_acties
from board.i18n import N_
from board.kleuren import FOUT, WAARSCHUWING
from board.passen import TEXT_PAD, row_height
from board.schrift import has_rtl
from board.taal import Vertaler, vertaler
from board.weergave import evaluatie_naam, uitvoerder_naam
from widgets.common import MetingScherm, load_kv, make, mirror, own_direction, padded_button
from widgets.textures import FONT_BOLD, FONT_REGULAR, rgba, rtl_text
from widgets.toetsenbord import BovenToetsenbord

DEFAULT_MONTHS = 3
MAX_MONTHS = 24

EVALUATIE_TEKST = {
    Evaluatie.BEHAALD: N_("Behaald"),
    Evaluatie.DEELS_BEHAALD: N_("Deels behaald"),
    Evaluatie.NIET_BEHAALD: N_("Niet behaald"),
    Evaluatie.VERVALLEN: N_("Vervallen"),
}
UITVOERDER_TEKST = {
    Uitvoerder.INWONER: N_("Inwoner"),
    Uitvoerder.NETWERK: N_("Netwerk"),
    Uitvoerder.ALGEMENE_VOORZIENING: N_("Algemene voorziening"),
    Uitvoerder.WIJKTEAM: N_("Wijkteam"),
    Uitvoerder.SPECIALISTISCHE_ZORG: N_("Specialistische zorg"),
}
TEXT_COLOR = (0.16, 0.16, 0.16, 1)
VOORBIJ = rgba(FOUT)  # a streefdatum that has passed: the colour of a message (Melding)
NOG_KIEZEN = rgba(WAARSCHUWING)  # an evaluation still to choose: needs attention, no error


def months_text(months: int, start: date, tr: Vertaler | None = None) -> str:
    tr = tr or vertaler("nl")
    tekst = tr.npgettext("inwoner", "over {n} maand: {datum}", "over {n} maanden: {datum}", months)
    # The date never breaks inside itself ("2" / "mei 2026"): where it wraps, it wraps before it.
    return tekst.format(n=months, datum=tr.datum(add_months(start, months)).replace(" ", "\u00a0"))


def _label(text: str, size: float = 19, bold: bool = False, alpha: float = 1.0) -> Label:
    """A wrapped label; right-to-left text is broken and ordered by board/schrift.py and lines
    up on the right on any screen; other text lines up as the screen reads (``mirror``)."""
    font = FONT_BOLD if bold else FONT_REGULAR
    rtl = has_rtl(text)
    label = Label(text=text, font_size=sp(size), font_name=font, color=(*TEXT_COLOR[:3], alpha), size_hint_y=None,
                  halign="right" if rtl else "left")
    if rtl:
        own_direction(label)

    def on_width(widget: Label, width: float) -> None:
        widget.text_size = (width, None)
        if rtl:
            widget.text = rtl_text(text, width, font, widget.font_size)

    label.bind(width=on_width, texture_size=lambda w, ts: setattr(w, "height", ts[1]))
    return label


def _heading(meting: Meting, key: str, tr: Vertaler) -> BoxLayout:
    leefgebied = meting.leefgebieden[key]
    row = BoxLayout(size_hint_y=None, height=dp(56), spacing=dp(14))
    row.add_widget(Image(source=str(leefgebied.pictogram_path), size_hint_x=None, width=dp(56)))
    name = _label(leefgebied.naam_in(tr.code), 24, bold=True)
    name.size_hint_y = 1
    name.valign = "middle"
    row.add_widget(name)
    return row


def _one_of(labels: tuple[Label, ...], shown: Label | None, row: BoxLayout, least: float) -> FloatLayout:
    """``labels`` in one place, only ``shown`` seen (or none), and ``row`` as high as the highest
    of them needs (at least ``least``): whichever shows, the row takes the same room."""
    place = FloatLayout()
    for label in labels:
        label.pos_hint = {"x": 0, "center_y": 0.5}  # without "x" a FloatLayout leaves it at the window's 0
        label.opacity = 1 if label is shown else 0
        label.bind(height=lambda *_a: setattr(row, "height", max(least, *(lb.height for lb in labels))))
        place.add_widget(label)
    return place


def _fit_row(row: BoxLayout, label: Label, button: Label, *_args: object) -> None:
    row.height = max(label.height + dp(8), button.height)


class DoelenScreen(MetingScherm):

    def refresh(self) -> None:
        if self.live is None:
            return
        self._fill()
        # Right to left: mirrored (the pictogram and the name right, "+ Doel" left, text flush right).
        mirror(self.ids.content, self.tr.rtl)

    def _fill(self) -> None:
        meting: Meting = self.live.meting
        tr = self.tr
        content = self.ids.content
        content.clear_widgets()
        carried = [d for d in meting.doelen if meting.is_overgenomen(d)]
        if carried:
            content.add_widget(_label(tr.pgettext("inwoner", "Hoe ging het met de doelen van de vorige keer?"), 24,
                                      bold=True))
            for doel in carried:
                content.add_widget(self._evaluatie_panel(meting, doel))
            content.add_widget(_label(tr.pgettext("inwoner", "Doelen voor de komende tijd"), 24, bold=True))
        if not meting.gekozen:
            eerst = tr.pgettext("inwoner", "Kies eerst op het bord welke leefgebieden belangrijk zijn.")
            content.add_widget(_label(eerst))
            return
        begin = tr.pgettext("inwoner", "Begin bij wat het laagst op het bord staat.")
        content.add_widget(_label(begin, 18, alpha=0.75))
        for key in meting.suggested_for_doelen():
            content.add_widget(self._leefgebied_panel(meting, key))

    def _evaluatie_panel(self, meting: Meting, doel: Doel) -> BoxLayout:
        panel = make("Paneel")
        panel.add_widget(_heading(meting, doel.leefgebied, self.tr))
        panel.add_widget(_label(f"“{doel.tekst}”", 21))
        if doel.streefdatum:
            panel.add_widget(self._streefdatum(doel))
        row = BoxLayout(size_hint_y=None, height=dp(72), spacing=dp(10))
        knoppen = []
        for evaluatie in EVALUATIE_TEKST:
            tekst = rtl_text(evaluatie_naam(evaluatie, self.tr), None, FONT_BOLD, sp(18))
            knop = make("Keuze", text=tekst, selected=doel.evaluatie is evaluatie)
            padded_button(knop)
            knop.evaluatie = evaluatie.value
            knop.bind(on_release=lambda k, d=doel.id: self.live.apply(lambda m: m.evaluate_doel(d, k.evaluatie)))
            row.add_widget(knop)
            knoppen.append(knop)
        for knop in knoppen:  # one height for the row: the tallest text's, with its padding
            knop.bind(texture_size=lambda *_a: setattr(row, "height", row_height(
                [k.texture_size[1] + 2 * dp(TEXT_PAD) for k in knoppen], dp(72))))
        panel.add_widget(row)
        panel.add_widget(self._nieuwe_datum(doel))
        return panel

    def _nieuwe_datum(self, doel: Doel) -> BoxLayout:
        """"Nieuwe datum" for a doel that runs on (the editor, only its date), and beside it what
        is still to do or why there is no new date. The row keeps its room whatever the evaluation:
        a tap on "Behaald" must not move the cards below under the next finger."""
        tr = self.tr
        datum = make("Knop", text=rtl_text(tr.pgettext("inwoner", "Nieuwe datum"), None, FONT_BOLD, sp(18)),
                     height=dp(56), size_hint_x=None, width=dp(220), pos_hint={"center_y": 0.5})
        datum.disabled = not doel.loopt  # behaald or vervallen: no date to move
        datum.bind(on_release=lambda _k, d=doel: self.edit(d.leefgebied, d))
        kiezen = _label(tr.pgettext("inwoner", "Nog kiezen: hoe ging het met dit doel?"), 17, bold=True)
        # A new date is no evaluation (afronden still asks for it, Meting.afronden): the card says
        # what is done and what is still to choose, so "Nieuwe datum" does not read as the answer.
        verzet = _label(tr.pgettext(
            "inwoner", "De nieuwe datum is gekozen. Nog kiezen, met een knop hierboven: hoe ging het met dit doel?"),
            17, bold=True)
        for label in (kiezen, verzet):
            label.color = NOG_KIEZEN
        klaar = _label(tr.pgettext("inwoner", "Behaald of vervallen: geen nieuwe datum nodig."), 17, alpha=0.75)
        open_shown = verzet if doel.nieuwe_datum else kiezen
        shown = open_shown if doel.evaluatie is None else None if doel.loopt else klaar
        nieuw = BoxLayout(size_hint_y=None, height=dp(56), spacing=dp(14))
        nieuw.add_widget(datum)
        nieuw.add_widget(_one_of((kiezen, verzet, klaar), shown, nieuw, dp(56)))
        return nieuw

    def _leefgebied_panel(self, meting: Meting, key: str) -> BoxLayout:
        panel = make("Paneel")
        heading = _heading(meting, key, self.tr)
        nieuw = rtl_text(self.tr.pgettext("inwoner", "+ Doel"), None, FONT_BOLD, sp(18))
        add = make("Knop", text=nieuw, size_hint_x=None, width=dp(180), height=dp(56))
        add.leefgebied = key
        add.bind(on_release=lambda k: self.edit(k.leefgebied))
        heading.add_widget(add)
        panel.add_widget(heading)
        for doel in meting.doelen:
            if doel.leefgebied != key or meting.is_overgenomen(doel):
                continue
            panel.add_widget(_label(f"“{doel.tekst}”", 21))
            if doel.streefdatum:
                panel.add_widget(self._streefdatum(doel))
            for actie in doel.acties:
                panel.add_widget(_label(f"•  {uitvoerder_naam(actie.wie, self.tr)}: {actie.wat}", 18))
            row = BoxLayout(size_hint_y=None, height=dp(56), spacing=dp(10))
            edit = make("Knop", text=rtl_text(self.tr.pgettext("inwoner", "Wijzigen"), None, FONT_BOLD, sp(18)),
                        height=dp(56), size_hint_x=None, width=dp(180))
            edit.bind(on_release=lambda _k, d=doel: self.edit(d.leefgebied, d))
            remove = make("Knop", text=rtl_text(self.tr.pgettext("inwoner", "Weghalen"), None, FONT_BOLD, sp(18)),
                          height=dp(56), size_hint_x=None, width=dp(180))
            remove.bind(on_release=lambda _k, d=doel.id: self.live.apply(lambda m: m.remove_doel(d)))
            row.add_widget(edit)
            row.add_widget(remove)
            row.add_widget(BoxLayout())
            panel.add_widget(row)
        return panel

    def _streefdatum(self, doel: Doel) -> Label:
        """The streefdatum; one that has passed is said so, in the colour of a message, while the
        doel runs on (``Doel.te_laat``: behaald or vervallen, a passed day is no warning)."""
        datum = self.tr.datum(doel.streefdatum)
        if doel.te_laat(self.vandaag()):
            tekst = self.tr.pgettext("inwoner", "Klaar op: {datum}. Die dag is voorbij.").format(datum=datum)
            label = _label(tekst, 17, bold=True)
            label.color = VOORBIJ
            return label
        return _label(self.tr.pgettext("inwoner", "Klaar op: {datum}").format(datum=datum), 17, alpha=0.75)

    def edit(self, leefgebied: str, doel: Doel | None = None) -> DoelEditor:
        editor = DoelEditor(live=self.live, leefgebied=leefgebied, tr=self.tr,
                            vanaf=vanaf(self.live.meting.datum, self.vandaag()))
        editor.load(doel)
        editor.open(animation=False)
        return editor


class DoelEditor(BovenToetsenbord, ModalView):
    """One doel: the words, the streefdatum (months ahead with big − and +), the acties. The field
    typed into stays in sight (above an on-screen keyboard, scrolled into its column's view);
    Enter in the actie's field adds the actie, as "+ Actie" does."""

    live = ObjectProperty(None)
    leefgebied = StringProperty("")
    naam = StringProperty("")
    pictogram = StringProperty("")
    months = NumericProperty(DEFAULT_MONTHS)
    months_label = StringProperty("")
    wie = StringProperty("")
    acties = ListProperty([])
    lopend = BooleanProperty(False)  # a carried-over doel: only its streefdatum changes (``Meting.nieuwe_streefdatum``)
    message = StringProperty("")
    tr = ObjectProperty(vertaler("nl"), rebind=True)  # the inwoner's language
    vanaf = ObjectProperty(None, allownone=True)  # the day the months count from (``board.datums.vanaf``)

    def __init__(self, **kwargs: object) -> None:
        self.doel_id: str | None = None
        self._newest: BoxLayout | None = None  # the actie just added, kept in sight
        super().__init__(**kwargs)
        self.ids.acties.bind(height=lambda *_a: Clock.schedule_once(self.show_newest, 0))
        meting = self.live.meting
        leefgebied = meting.leefgebieden[self.leefgebied]
        self.naam, self.pictogram = leefgebied.naam_in(self.tr.code), str(leefgebied.pictogram_path)
        for uitvoerder in UITVOERDER_TEKST:
            tekst = uitvoerder_naam(uitvoerder, self.tr)
            knop = make("Keuze", text=rtl_text(tekst, None, FONT_REGULAR, sp(18)), size_hint=(None, None),
                        height=dp(60), width=dp(130) if len(tekst) < 10 else dp(250))
            knop.wie = uitvoerder.value
            knop.bind(on_release=lambda k: setattr(self, "wie", k.wie))
            self.ids.wie.add_widget(knop)
        self.on_months()
        # Right to left, mirrored like the board: the doel's column right, "Wie doet wat?" left,
        # the choices from the right, text flush right, the scroll bars on the left.
        own_direction(self.ids.voorbeeld)  # the Arabic typed: flush right on any screen
        own_direction(self.ids.voorbeeld_wat)
        mirror(self, self.tr.rtl)
        self.watch_fields()

    def load(self, doel: Doel | None) -> None:
        if doel is None:
            return
        self.doel_id = doel.id
        # A doel from an earlier meting that runs on: its words and acties stay as agreed, only its date moves.
        self.lopend = self.live.meting.is_overgenomen(doel)
        for knop in self.ids.wie.children:
            knop.disabled = self.lopend
        self.ids.tekst.text = doel.tekst
        if doel.streefdatum:
            self.months = max(1, months_between(self._vanaf(), doel.streefdatum))
        self.acties = list(doel.acties)
        if doel.acties:  # the next actie starts with who took the last one, shown chosen
            self.wie = doel.acties[-1].wie.value

    def _vanaf(self) -> date:
        return self.vanaf or self.live.meting.datum

    def on_months(self, *_args: object) -> None:
        self.months_label = months_text(int(self.months), self._vanaf(), self.tr)

    def on_wie(self, *_args: object) -> None:
        for knop in self.ids.wie.children:
            knop.selected = knop.wie == self.wie

    def on_acties(self, *_args: object) -> None:
        rows = self.ids.acties
        rows.clear_widgets()
        self._newest = None
        for index, actie in enumerate(self.acties):
            row = BoxLayout(size_hint_y=None, height=dp(52), spacing=dp(8))
            label = _label(f"•  {uitvoerder_naam(actie.wie, self.tr)}: {actie.wat}", 18)
            label.pos_hint = {"center_y": 0.5}
            row.add_widget(label)
            remove = make("Knop", text="×", size_hint_x=None, width=dp(56), height=dp(52), font_size=sp(26),
                          pos_hint={"center_y": 0.5})
            remove.bind(on_release=lambda _k, i=index: self.remove_actie(i))
            remove.disabled = self.lopend
            row.add_widget(remove)
            # The row as high as what it holds: a long actie wraps, and the button keeps its
            # own height (neither sticks out under the next row, or below the list).
            label.bind(height=partial(_fit_row, row, label, remove))
            remove.bind(height=partial(_fit_row, row, label, remove))
            _fit_row(row, label, remove)
            rows.add_widget(row)
        mirror(rows, self.tr.rtl)

    def step(self, delta: int) -> None:
        self.months = min(MAX_MONTHS, max(1, int(self.months) + delta))

    def add_actie(self) -> bool:
        """The actie being typed joins the list; False (with a message) when it cannot."""
        if not self.wie:
            self.message = self.tr.pgettext("inwoner", "Tik eerst aan wie het doet.")
            return False
        try:
            check_acties(len(self.acties) + 1)
            actie = Actie.create(self.wie, self.ids.wat.text)
        except BoardError as exc:
            self.message = exc.in_taal(self.tr)
            return False
        self.acties = [*self.acties, actie]
        # "Who" stays chosen: three steps for "Ik zelf" need one tap on "Ik zelf", not three.
        self.ids.wat.text, self.message = "", ""
        # The new actie in sight: now, and again while its row grows as its text wraps.
        self._newest = self.ids.acties.children[0]
        Clock.schedule_once(self.show_newest, 0)
        return True

    def show_newest(self, *_args: object) -> None:
        """Scroll the right column so that the actie just added shows (only what does not fit scrolls)."""
        view, newest = self.ids.rechts, self._newest
        if newest is not None and newest.parent is not None and view.children[0].height > view.height:
            view.scroll_to(newest, padding=dp(10), animate=False)

    def remove_actie(self, index: int) -> None:
        self.acties = [a for i, a in enumerate(self.acties) if i != index]

    def save(self) -> None:
        if self.ids.wat.text.strip() and not self.add_actie():
            return  # an actie typed but not added: add it, or say what is missing
        tekst, acties = self.ids.tekst.text, tuple(self.acties)
        streefdatum = add_months(self._vanaf(), int(self.months))
        if self.lopend:
            doel_id = self.doel_id

            def operation(m: Meting) -> Meting:
                return m.nieuwe_streefdatum(doel_id, streefdatum)
        elif self.doel_id is None:
            key = self.leefgebied

            def operation(m: Meting) -> Meting:
                return m.add_doel(key, tekst, streefdatum, acties)
        else:
            doel_id = self.doel_id

            def operation(m: Meting) -> Meting:
                return m.edit_doel(doel_id, tekst=tekst, streefdatum=streefdatum, acties=acties)
        try:
            operation(self.live.session.committed)  # check first: the message shows here, in the editor
        except BoardError as exc:
            self.message = exc.in_taal(self.tr)
            return
        if self.live.apply(operation):
            self.dismiss(animation=False)


load_kv(__file__)
