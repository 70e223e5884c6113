"""P10 in instructions: what a visit costs, counted by Valgrind's callgrind, not timed.

``python bench/p10_instructions.py`` runs P10's two children (bench/bench_switch.py: the
app's visits, then the bare ScreenManager with as many widgets) under callgrind, with
instrumentation on only inside each timed span (from the first tap of a visit to the
``on_flip`` of the board's first complete frame; the first visit, which builds screens, is not
counted). It prints each visit's instructions, the medians and their ratio. A count does not
move with what else the machine does (helpers, CI), so a change of a few per cent is seen in
one run, where P10's milliseconds need many (docs/benchmarks.md). It is a companion to P10,
not P10: a cache miss costs time and no instructions, so the time ratio is the goal's figure.

Needs ``valgrind`` (with its headers: Debian's package has them) and a C compiler: the spans
are marked with callgrind's client requests, from a five-line library built here and called
through ctypes. Takes about a minute (the programs run some 50 times slower).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CLIENT = """#include <valgrind/callgrind.h>
void span_start(void) { CALLGRIND_START_INSTRUMENTATION; CALLGRIND_TOGGLE_COLLECT; }
void span_end(void) { CALLGRIND_TOGGLE_COLLECT; CALLGRIND_STOP_INSTRUMENTATION;
                      CALLGRIND_DUMP_STATS_AT("span"); CALLGRIND_ZERO_STATS; }
"""


def _child(kind: str, data: Path, library: Path, visits: list) -> None:
    """In the child under callgrind: P10's visits with each timed span marked."""
    import ctypes

    import bench.bench_switch as switch

    marks = ctypes.CDLL(str(library))
    taps = {"count": 0, "open": False}
    tap, until = switch._tap, switch._until

    def marked_tap(widget: object) -> None:
        visit, second = divmod(taps["count"], 2)
        taps["count"] += 1
        if visit >= 1 and not second:  # a visit's first tap; not the first visit's
            marks.span_start()
            taps["open"] = True
        tap(widget)

    def marked_until(done: object, *args: object, **kwargs: object) -> tuple:
        result = until(done, *args, **kwargs)
        if taps["open"] and taps["count"] % 2 == 0:  # the board's frame: the span ends
            marks.span_end()
            taps["open"] = False
        return result

    switch._tap, switch._until = marked_tap, marked_until
    result = switch.child_app(data) if kind == "app" else switch.child_bare(visits)
    print(json.dumps({"widgets": result.get("widgets", [])}), flush=True)


def _run(kind: str, data: Path, library: Path, out: Path, visits: list) -> tuple[list[float], dict]:
    out.mkdir()
    command = ["valgrind", "--tool=callgrind", "--instr-atstart=no", "--collect-atstart=no",
               f"--callgrind-out-file={out}/cg.%p", sys.executable, __file__, "child", kind, str(data),
               str(library), json.dumps(visits)]
    env = {**os.environ, "GALLIUM_NOOP": "1", "MAGNEETBORD_DATA_DIR": str(data)}
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=1800, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} under callgrind failed ({done.returncode}):\n{done.stderr[-3000:]}")
    counts = []
    # One file per dump, in the order they were made: cg.PID.1, cg.PID.2, ...
    for path in sorted(out.glob("cg.*.*"), key=lambda p: int(p.name.rsplit(".", 1)[1])):
        found = re.search(r"^totals: (\d+)", path.read_text(errors="replace"), re.M)
        if found:
            counts.append(int(found.group(1)) / 1e6)
    line = next(line for line in reversed(done.stdout.splitlines()) if line.startswith("{"))
    return counts, json.loads(line)


def main() -> None:
    for tool in ("valgrind", "cc"):
        if shutil.which(tool) is None:
            raise SystemExit(f"{tool} is needed (apt-get install valgrind gcc)")
    from bench.app_start import prepare

    work = Path(tempfile.mkdtemp(prefix="magneetbord-p10-instructions-"))
    try:
        (work / "client.c").write_text(CLIENT)
        library = work / "libspan.so"
        subprocess.run(["cc", "-shared", "-fPIC", "-O1", "-o", str(library), str(work / "client.c")], check=True)
        prepared = work / "prepared"
        prepared.mkdir()
        prepare(prepared)
        data = work / "app-data"
        shutil.copytree(prepared, data)
        app, info = _run("app", data, library, work / "app", [])
        bare, _ = _run("bare", prepared, library, work / "bare", info["widgets"])
    finally:
        shutil.rmtree(work, ignore_errors=True)
    app_median, bare_median = statistics.median(app), statistics.median(bare)
    print("P10 in instructions (millions) per visit, the first visit not counted")
    print(f"  app  median {app_median:.1f} M: {[round(c, 1) for c in app]}")
    print(f"  bare median {bare_median:.1f} M: {[round(c, 1) for c in bare]}")
    print(f"  ratio {app_median / bare_median:.2f}x")


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "child":
        _child(sys.argv[2], Path(sys.argv[3]), Path(sys.argv[4]), json.loads(sys.argv[5]))
    else:
        main()
