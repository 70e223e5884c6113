"""A question before a use case that changes the inwoner's file (afsluiten of a traject,
throwing a vervolgmeting away): the use case runs on "yes"; a refusal stays in the question in
plain Dutch and changes nothing; afterwards ``on_done`` lets the screen show the new state."""

from __future__ import annotations

from collections.abc import Callable

from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.modalview import ModalView

from board.errors import UserError


class VraagView(ModalView):
    app = ObjectProperty(None)
    message = StringProperty("")
    on_done: Callable[[], None] | None = None

    def carry_out(self, use_case: Callable[[], object]) -> bool:
        """Run ``use_case``; close and call ``on_done`` when it worked, else say why."""
        try:
            use_case()
        except UserError as exc:
            self.message = str(exc)
            return False
        self.dismiss(animation=False)
        if self.on_done is not None:
            self.on_done()
        return True

    def ask(self, on_done: Callable[[], None] | None) -> VraagView:
        self.on_done = on_done
        self.open(animation=False)
        return self
