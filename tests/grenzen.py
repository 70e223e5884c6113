"""Metingen at the limits of the domain (board/grenzen.py, board/inwoner.py), for the tests
that export them: every text as long as it may be, every list as full, every word unique so
that reading the PDF back shows whether each one is there."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import count
from pathlib import Path

import pytest

from board import Actie, Evaluatie, Inwoner, Meting, Uitvoerder, leefgebieden
from board.grenzen import MAX_ACTIE_TEXT, MAX_ACTIES, MAX_DOEL_TEXT, MAX_DOELEN
from board.leefgebieden import load_set

NUL = date(2026, 1, 12)
VERVOLG = date(2026, 4, 14)
LANGSTE_WIE = max(Uitvoerder, key=lambda u: len(u.value))


@dataclass
class Woorden:
    """Unique words ('d3w17'), so every one can be looked for in the text read back."""

    prefix: str
    numbers: Iterator[int] = field(default_factory=count)
    used: list[str] = field(default_factory=list)

    def text(self, length: int) -> str:
        """Exactly ``length`` characters: unique words, the last one a filler of 'z'."""
        words: list[str] = []
        while True:
            word = f"{self.prefix}{next(self.numbers)}"
            if len(" ".join([*words, word])) > length - 2:
                break
            words.append(word)
        self.used += words
        joined = " ".join(words)
        return f"{joined} {'z' * (length - len(joined) - 1)}" if words else "z" * length


def inwoner_op_de_grens(inwoner_id: str = "inw-grens") -> Inwoner:
    return Inwoner.create("D" * 20 + "-" + "9" * 19, "W" * 60, "A.B.C.D.E.F.", inwoner_id=inwoner_id)


def nulmeting_op_de_grens(woorden: Woorden, inwoner_id: str = "inw-grens", set_naam: str | None = None) -> Meting:
    """An afgeronde 0-meting: every leefgebied on the board, ``MAX_DOELEN`` doelen of the
    longest text, each with ``MAX_ACTIES`` acties of the longest text by the longest 'wie'."""
    meting = Meting.nulmeting(inwoner_id, NUL, set_naam=set_naam, meting_id="m-grens-0")
    for index, key in enumerate(meting.leefgebieden.keys):
        meting = meting.choose(key).place_fiche(key, "inwoner", (index % 10) / 10)
    return vol(meting, woorden).set_rapportcijfer(10).set_volgende_meting(VERVOLG).afronden(
        datetime(2026, 1, 12, 11, 30)
    )


def vervolgmeting_op_de_grens(nul: Meting, woorden: Woorden) -> Meting:
    """The next meting: ``MAX_DOELEN`` doelen carried over (evaluated) and ``MAX_DOELEN`` new ones."""
    meting = nul.vervolg(VERVOLG, meting_id="m-grens-1")
    for index, key in enumerate(meting.gekozen):
        meting = meting.place_fiche(key, "inwoner", 1 - (index % 10) / 10)
    for index, doel in enumerate(meting.doelen):
        meting = meting.evaluate_doel(doel.id, list(Evaluatie)[index % len(Evaluatie)])
    return vol(meting, woorden).set_rapportcijfer(1).afronden(datetime(2026, 4, 14, 15, 0))


def vol(meting: Meting, woorden: Woorden) -> Meting:
    """``MAX_DOELEN`` new doelen of the longest text, each with ``MAX_ACTIES`` of the longest acties."""
    keys = meting.gekozen
    for number in range(MAX_DOELEN):
        acties = [Actie.create(LANGSTE_WIE, woorden.text(MAX_ACTIE_TEXT)) for _ in range(MAX_ACTIES)]
        meting = meting.add_doel(keys[number % len(keys)], woorden.text(MAX_DOEL_TEXT), None, acties)
    return meting


@pytest.fixture(name="sets")
def sets_fixture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A copy of the shipped leefgebiedensets the test may change, as a team would."""
    folder = tmp_path / "leefgebieden"
    shutil.copytree(leefgebieden.SETS_DIR, folder)
    monkeypatch.setattr(leefgebieden, "SETS_DIR", folder)
    load_set.cache_clear()
    yield folder
    load_set.cache_clear()
