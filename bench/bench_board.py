"""Domain figures: the pure-Python cost of the operations on the drag path."""

from __future__ import annotations

from datetime import date

from bench.common import Figure, benchmark, interleaved, median
from board import BoardSession, Meting, Perspectief, load_set


def full_board() -> Meting:
    meting = Meting.nulmeting("bench", date(2026, 1, 1))
    for index, key in enumerate(load_set().keys):
        meting = meting.choose(key)
        for p in Perspectief:
            meting = meting.place_fiche(key, p, (index % 10) / 10)
    return meting


@benchmark("B0", "board/: one drag preview on a full board (14 bars x 3 fiches)")
def drag_preview() -> list[Figure]:
    session = BoardSession(full_board())
    positions = [i / 1000 for i in range(1000)]
    counter = iter(range(10**9))

    def preview() -> None:
        session.preview("finger", lambda m: m.place_fiche("geld", "inwoner", positions[next(counter) % 1000]))

    def baseline() -> None:  # reading the position back: the least a drag must do
        session.meting.positie("geld")

    runs, base = interleaved(preview, baseline, 2000)
    value, base_value = median(runs) * 1e6, median(base) * 1e6
    return [
        Figure(
            "B0",
            "board/ drag preview (median)",
            value,
            "us",
            goal="well under a 16 ms frame",
            baseline=base_value,
            ratio=value / base_value,
            note="baseline: reading the fiche's position",
        )
    ]
