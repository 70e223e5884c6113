"""The benchmarks' app processes still reach the frames they wait for. P10 waited for the tray's
old inner state and, when the tray's gap (s7) changed it, every visit ran into its 60-second
limit: the benchmark could not be run at all, and nothing said so until someone ran it. These
run the real child processes of P10 (the app and the bare baseline) and P17 once, on demo
data, and only check that they finish with a figure for every visit; the figures themselves
are measured in ``bench/``, never here."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bench.app_start import run_child

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(name="demo_folder")
def demo_folder_fixture(tmp_path: Path) -> Path:
    """The benchmarks' demo data and professional, made in a process of its own (``prepare``
    sets the data folder of the process it runs in)."""
    folder = tmp_path / "data"
    folder.mkdir()
    subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from bench.app_start import prepare; "
                    "prepare(Path(sys.argv[1]))", str(folder)], cwd=ROOT, check=True, capture_output=True,
                   timeout=300, env=_env(folder))
    return folder


def _env(folder: Path) -> dict[str, str]:
    env = dict(os.environ, MAGNEETBORD_DATA_DIR=str(folder), GALLIUM_NOOP="1")
    env.pop("KIVY_HOME", None)
    return env


def test_p10_visits_every_inwoner_to_the_board_s_frame_and_its_baseline_too(demo_folder: Path) -> None:
    from bench.bench_switch import RUNS
    from bench.bench_switch import __file__ as script

    app = run_child(script, ["app", str(demo_folder), "[]"], demo_folder, {"GALLIUM_NOOP": "1"}, timeout=300)
    assert len(app["times"]) == len(app["cpu"]) == RUNS + 1
    assert all(0 < t < 60 for t in app["times"]), app["times"]
    assert set(app["kinds"]) == {"Vervolgmeting beginnen", "Nieuwe 0-meting beginnen", "Verder met de meting"}
    # Both screens counted (the baseline builds as many); the inwoner's page has as many widgets as
    # the board's screen since its greyed buttons say why (the board draws its bars on its canvas).
    assert all(w["bord"] > 3 and w["inwoner"] > 3 for w in app["widgets"]), app["widgets"]
    bare = run_child(script, ["bare", str(demo_folder), json.dumps(app["widgets"])], demo_folder,
                     {"GALLIUM_NOOP": "1"}, timeout=300)
    assert len(bare["times"]) == RUNS + 1 and all(t > 0 for t in bare["times"])


def test_p17_switches_the_language_of_a_full_board(demo_folder: Path) -> None:
    from bench.bench_taal import RUNS
    from bench.bench_taal import __file__ as script

    out = subprocess.run([sys.executable, script, "child", str(demo_folder)], env=_env(demo_folder), cwd=ROOT,
                         capture_output=True, text=True, timeout=600, check=False)
    line = next((raw for raw in reversed(out.stdout.splitlines()) if raw.startswith("{")), None)
    assert line is not None, (out.stdout[-2000:], out.stderr[-2000:])
    result = json.loads(line)
    assert len(result["switch"]) == len(result["rebuild"]) >= RUNS
    assert all(t > 0 for t in result["switch"] + result["rebuild"])
