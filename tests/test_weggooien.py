"""A vervolgmeting begun by mistake is thrown away from the inwoner's screen, after a question,
by touches: the next visit begins a new one, the earlier metingen stay as they were, the audit
log says it; a 0-meting or an afgeronde meting offers no such button (a new user's trial found
no way back from a vervolgmeting started by mistake)."""

from __future__ import annotations

from datetime import date

import pytest

from services.demo import fill
from storage import audit
from tests.kivy_helpers import frames, into_sight, make_app_fixture, tap, window_fixture  # noqa: F401
from tests.screen_helpers import modal, unlocked_app

TODAY = date(2026, 11, 23)
CONCEPT = "WT-2025-01016"  # a demo inwoner with an unfinished vervolgmeting


@pytest.mark.parametrize("size", [(800, 600), (1280, 800)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_a_vervolgmeting_begun_by_mistake_is_thrown_away_after_a_question(make_app: object, window: object,
                                                                         size: tuple[int, int]) -> None:
    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    fill(app.repository)
    inwoner = app.repository.find_inwoner(CONCEPT)
    before = app.repository.history(inwoner.id)
    concept = app.repository.current_concept(inwoner.id)
    assert concept is not None and concept.vorige_meting_id
    app.show_inwoner(inwoner)
    frames(2)
    screen = app.screen("inwoner")
    knop = screen.ids.discard
    assert screen.can_discard and knop.opacity == 1 and knop.height > 0
    into_sight(knop)  # on a small window the page scrolls
    x, y = knop.to_window(*knop.center)
    assert 0 <= x <= window.width and 0 <= y <= window.height  # in sight, to be tapped
    tap(knop)
    vraag = modal(app, "WeggooienView")
    tap(vraag.ids.cancel)  # Annuleren: nothing changes
    assert app.repository.current_concept(inwoner.id) == concept
    into_sight(knop)
    tap(knop)
    tap(modal(app, "WeggooienView").ids.confirm)
    frames(2)
    assert app.repository.current_concept(inwoner.id) is None
    assert app.repository.history(inwoner.id) == [m for m in before if m.id != concept.id]  # the rest as it was
    assert not screen.can_discard and screen.ids.discard.opacity == 0
    assert screen.action == "Vervolgmeting beginnen"  # the next visit begins a new one
    assert any(e.actie == audit.WEGGEGOOID for e in app.repository.audit_log(inwoner.id))
    tap(screen.ids.start)
    assert app.current == "bord" and app.live.meting.id != concept.id and not app.live.meting.afgerond


def test_a_nulmeting_or_an_afgeronde_meting_is_never_thrown_away(make_app: object) -> None:
    from storage.errors import ConflictError

    app = unlocked_app(make_app, aantal=0, today=lambda: TODAY)
    fill(app.repository)
    for inwoner in app.repository.list_inwoners():
        history = app.repository.history(inwoner.id)
        app.show_inwoner(inwoner)
        frames(1)
        concept = app.repository.current_concept(inwoner.id)
        assert app.screen("inwoner").can_discard == (concept is not None and concept.vorige_meting_id is not None)
        for meting in history:
            if meting.afgerond or meting.vorige_meting_id is None:
                with pytest.raises(ConflictError):
                    app.repository.discard_concept(meting.id)
        assert app.repository.history(inwoner.id) == history
