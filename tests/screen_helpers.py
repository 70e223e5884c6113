"""Setting up the app for one screen's tests: unlocked, with the sample on the tablet.

The setup goes through the app's own calls; what a test checks it does with touches."""

from __future__ import annotations

from services.demo import fill
from tests.kivy_helpers import PIN, frames


def unlocked_app(make_app: object, aantal: int = 30, **kwargs: object) -> object:
    """An app after the first account, with ``aantal`` sample inwoners, at the list."""
    app = make_app(**kwargs)
    app.create_account("Sanne de Vries", PIN, PIN)
    if aantal:
        fill(app.repository, aantal=aantal)
    app.show_list()
    frames(2)
    return app


def modal(app: object, name: str) -> object:
    """The open modal view of that class (a form or a question over the screen)."""
    return next(w for w in app.manager.get_root_window().children if type(w).__name__ == name)


def start_visit(app: object, dossier: str = "D-2026-900", wijk: str = "Stratum") -> object:
    """A new inwoner, opened, with the 0-meting on the board (the inwoner's mode)."""
    from board import Inwoner
    from services.inwoners import add_inwoner
    from tests.kivy_helpers import tap

    inwoner = Inwoner.create(dossier, wijk)
    add_inwoner(app.repository, inwoner)
    app.show_inwoner(inwoner)
    tap(app.screen("inwoner").ids.start)
    assert app.current == "bord" and app.inwoner_mode
    return inwoner


def back_to_finished_board(app: object) -> object:
    """The board's meting afgerond by touches on the afronden screen, then back to the board
    with its "Bord" button (the way an outside walk found the finished board): its BoardScreen."""
    from tests.kivy_helpers import into_sight, tap

    app.show_meting_step("afronden")
    frames(2)
    afronden = app.screen("afronden")
    into_sight(afronden.ids.afronden)
    tap(afronden.ids.afronden)
    tap(modal(app, "AfrondenVraag").ids.yes)
    if app.export_thread is not None:
        app.export_thread.join()
    frames(3)
    tap(afronden.ids.board)
    frames(3)
    assert app.current == "bord" and app.live.meting.afgerond
    return app.screen("bord").board_screen


def panel_with(screen: object, text: str) -> object:
    """The panel on a screen whose texts include ``text`` (a leefgebied's name, a doel)."""
    panels = [p for p in screen.ids.content.children if type(p).__name__ == "Paneel"]
    return next(p for p in panels if any(text in str(getattr(w, "text", "")) for w in p.walk(restrict=True)))


def visit_in_taal(make_app: object, window: object, size: tuple[int, int], taal: str, today: object,
                  zonder_fiche: tuple[str, ...] = ()) -> object:
    """An app at ``size`` with a new visit on the board: Geld chosen with the inwoner's fiche,
    ``zonder_fiche`` chosen without one, and the inwoner's language ``taal`` picked as the
    inwoner picks it."""
    from tests.kivy_helpers import choose_taal

    window.size = size
    frames(1)
    app = unlocked_app(make_app, aantal=0, today=lambda: today)
    start_visit(app)
    app.live.apply(lambda m: m.choose("geld").place_fiche("geld", "inwoner", 0.2))
    for key in zonder_fiche:
        app.live.apply(lambda m, k=key: m.choose(k))
    choose_taal(app, taal)
    return app


def with_afgeronde_nulmeting(app: object, dossier: str = "T-900") -> object:
    """A new inwoner whose 0-meting of 5 January 2026 is afgerond: an open traject."""
    from datetime import date, datetime

    from board import Inwoner

    inwoner = Inwoner.create(dossier, "Stratum")
    app.repository.add_inwoner(inwoner)
    nul = app.repository.start_nulmeting(inwoner.id, date(2026, 1, 5))
    app.repository.save_change(nul, nul.choose("geld").place_fiche("geld", "inwoner", 0.3).afronden(
        datetime(2026, 1, 5, 11)))
    return inwoner


def row_of(app: object, dossier: str) -> object:
    """The row of inwoner ``dossier`` in the list of inwoners."""
    return next(r for r in app.screen("inwoners").ids.rows.children if r.dossier == dossier)


def open_inwoner(app: object, dossier: str) -> object:
    """The inwoner's page, reached by a tap on their row in the list of inwoners."""
    from tests.kivy_helpers import into_sight, tap

    app.show_list()
    frames(2)
    row = row_of(app, dossier)
    into_sight(row)
    tap(row)
    frames(3)
    assert app.current == "inwoner"
    return app.screen("inwoner")


def history_in_taal(make_app: object, taal: str, keys: list[str], dates: list[object],
                    dossier: str = "D-TAAL") -> object:
    """The app at the history of an inwoner in ``taal`` with an afgeronde meting of ``keys`` on
    each of ``dates``, reached by a tap from the inwoner's page."""
    from datetime import date, datetime

    from board import Inwoner, Meting
    from tests.kivy_helpers import tap

    app = unlocked_app(make_app, aantal=0, today=lambda: date(2026, 12, 20))
    inwoner = Inwoner.create(dossier, "Stratum", taal=taal)
    app.repository.add_inwoner(inwoner)
    meting = Meting.nulmeting(inwoner.id, dates[0])
    for number, datum in enumerate(dates):
        if number:
            meting = meting.vervolg(datum)
        for index, key in enumerate(keys):
            meting = (meting if number else meting.choose(key)).place_fiche(key, "inwoner",
                                                                             (0.2 + 0.25 * number + 0.1 * index) % 1)
        meting = meting.afronden(datetime(datum.year, datum.month, datum.day, 11))
        app.repository.add_meting(meting)
    app.show_inwoner(app.repository.find_inwoner(dossier))
    tap(app.screen("inwoner").ids.history)
    frames(3)
    assert app.current == "geschiedenis"
    return app
