"""One red for what went wrong: every screen takes board.kleuren.FOUT, none mixes its own.

Issue 17's review found three reds by hand ((0.7, 0.1, 0.1) in traject_afsluiten.kv,
(0.62, 0.1, 0.08) in afronden.kv and koelkastblad.kv, (0.72, 0.2, 0.1) in doelen.py) beside
FOUT: a message looked different on every screen."""

from __future__ import annotations

import re
from pathlib import Path

WIDGETS = Path(__file__).resolve().parent.parent / "widgets"
_NUMBER = r"(\d*\.?\d+)"
_COLOUR = re.compile(rf"{_NUMBER}\s*,\s*{_NUMBER}\s*,\s*{_NUMBER}")


def reds(line: str) -> list[str]:
    """The colours written out in ``line`` (three numbers, 0-1 or 0-255) that are red."""
    found = []
    for match in _COLOUR.finditer(line):
        r, g, b = (float(x) for x in match.groups())
        scale = 255 if max(r, g, b) > 1 else 1
        if r / scale >= 0.45 and (r - max(g, b)) / scale >= 0.3:
            found.append(match.group(0))
    return found


def test_the_check_sees_a_red_written_out() -> None:
    assert reds("color: 0.7, 0.1, 0.1, 1") and reds("(0.62, 0.1, 0.08, 1)") and reds("rgba((140, 38, 19))")
    assert not reds("color: 0.16, 0.16, 0.16, 0.75") and not reds("(0, 114, 178)") and not reds("dp(10), dp(4)")


def test_no_kv_file_or_widget_sets_its_own_red() -> None:
    found = [f"{path.name}:{n}: {line.strip()}"
             for path in sorted(WIDGETS.glob("*.kv")) + sorted(WIDGETS.glob("*.py"))
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if reds(line)]
    assert found == [], "use board.kleuren.FOUT:\n" + "\n".join(found)
