"""The list of inwoners with exports waiting for the dossier (sending not set up: the longest
notice), at 800x600 and 1280x800, reached with the PIN as a professional reaches it: the
Versturen notice is one paragraph beside its button, wrapping only where it must, so that
800x600 shows at least five whole inwoners under it (an outside walk saw two and a half); the
rows and the button stay 48 dp targets, and a tap on the fifth row opens that inwoner."""

from __future__ import annotations

from datetime import date

import pytest

from tests.kivy_helpers import PIN, frames, make_app_fixture, tap, type_pin, window_fixture  # noqa: F401
from tests.screen_checks import overflowing, small_targets, window_rect

# Rows wholly in sight the list must show with the notice: 800x600 the least the walk asked for;
# a window 200 px higher shows at least one more.
LEAST_ROWS = {(800, 600): 5, (1280, 800): 6}


def tablet_with_outbox(tmp_path: object) -> None:
    """The demo's 30 inwoners, two of their afgeronde metingen exported to the (sealed) outbox."""
    from services.demo import fill
    from services.export import export_to, with_context
    from storage.keyring import KdfParams, Keyring
    from storage.outbox import outbox_folder
    from storage.repository import Repository

    url = f"sqlite:///{tmp_path}/magneetbord.sqlite3"
    _, key = Keyring.for_database(url, kdf=KdfParams(memory_kib=64, time_cost=1)).add_professional("Sanne", PIN)
    repository = Repository.open(url, key, actor="sanne", create=True)
    fill(repository)
    done = [m for i in repository.list_inwoners() for m in repository.history(i.id) if m.afgerond][:2]
    export_to(repository, [with_context(repository, m) for m in done], outbox_folder(url))
    repository.close()


def rows_in_sight(screen: object) -> list[object]:
    """The rows of the list drawn whole inside the list's view, top first."""
    frames(1)
    lijst = screen.ids.rows.parent
    _x, bottom, _w, high = window_rect(lijst)
    whole = [r for r in screen.ids.rows.children
             if window_rect(r)[1] >= bottom - 1 and window_rect(r)[1] + r.height <= bottom + high + 1]
    return sorted(whole, key=lambda r: -window_rect(r)[1])


def lines_of(label: object) -> int:
    """How many lines the label draws (its texture's height over one line's)."""
    from kivy.core.text import Label as CoreLabel

    one = CoreLabel(text="Hg", font_size=label.font_size, font_name=label.font_name)
    one.refresh()
    return round(label.texture_size[1] / one.texture.size[1])


@pytest.mark.parametrize("size", list(LEAST_ROWS), ids=lambda s: f"{s[0]}x{s[1]}")
def test_the_versturen_notice_leaves_room_for_five_inwoners(make_app: object, window: object, tmp_path: object,
                                                           size: tuple[int, int]) -> None:
    from kivy.metrics import dp

    tablet_with_outbox(tmp_path)
    window.size = size
    frames(1)
    app = make_app(today=lambda: date(2026, 11, 23))
    type_pin(app.screen("lock"), PIN)
    frames(3)
    assert app.current == "inwoners"
    screen = app.screen("inwoners")
    bar = screen.ids.versturen
    tekst, knop = bar.ids.tekst, bar.ids.versturen
    assert bar.height > 0 and bar.opacity == 1
    assert "2 exports wachten op het dossier." in tekst.text and "nog niet ingesteld" in tekst.text
    # One paragraph beside the button: as many lines as its words need at that width, no more.
    _tx, ty, tw, th = window_rect(tekst)
    bx, by, _bw, bh = window_rect(knop)
    assert bx >= window_rect(tekst)[0] + tw - 1 and by < ty + th and ty < by + bh, "the button is not beside the text"
    assert lines_of(tekst) <= (2 if size[0] < 1000 else 1), (lines_of(tekst), tekst.text)
    assert overflowing(bar) == [] and small_targets(screen) == []
    assert knop.height >= dp(48) and knop.disabled  # not set up: off, and the line says why

    shown = rows_in_sight(screen)
    print(f"{size}: {len(shown)} rows in sight, the notice {bar.height:.0f} px high")
    assert len(shown) >= LEAST_ROWS[size], f"{len(shown)} rows in sight at {size}"
    assert min(r.height for r in shown) >= dp(48)
    fifth = shown[4]
    tap(fifth)
    frames(3)
    assert app.current == "inwoner" and app.inwoner.dossiernummer == fifth.dossier
