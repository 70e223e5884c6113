"""Run the benchmarks and print one table: ``python bench/run.py [--only P4] [--json FILE]``."""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.common import BENCHMARKS, Figure  # noqa: E402


def load_all() -> None:
    for path in sorted((ROOT / "bench").glob("bench_*.py")):
        importlib.import_module(f"bench.{path.stem}")


def format_table(figures: list[Figure]) -> str:
    header = ("id", "what", "value", "goal", "baseline", "ratio")
    rows = [header]
    for f in figures:
        rows.append(
            (
                f.id,
                f.what,
                f"{f.value:.4g} {f.unit}",
                f.goal,
                "" if f.baseline is None else f"{f.baseline:.4g} {f.unit}",
                "" if f.ratio is None else f"{f.ratio:.2f}x",
            )
        )
    widths = [max(len(str(r[i])) for r in rows) for i in range(len(header))]
    lines = ["  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)) for r in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--only", action="append", help="run only this figure id (repeatable)")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON, keyed by id")
    parser.add_argument("--list", action="store_true", help="list the benchmarks and stop")
    args = parser.parse_args(argv)
    load_all()
    if args.list:
        for bench in BENCHMARKS.values():
            print(f"{bench.id}  {bench.what}")
        return 0
    selected = [BENCHMARKS[i] for i in args.only] if args.only else list(BENCHMARKS.values())
    unknown = set(args.only or ()) - set(BENCHMARKS)
    if unknown:
        parser.error(f"unknown benchmark {sorted(unknown)}; known: {sorted(BENCHMARKS)}")
    figures: list[Figure] = []
    for bench in selected:
        print(f"running {bench.id}: {bench.what} ...", file=sys.stderr, flush=True)
        figures += bench.run()
    print(format_table(figures))
    if args.json:
        args.json.write_text(json.dumps({f.id: f.as_dict() for f in figures}, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    from main import use_project_environment

    use_project_environment()  # the README's `python3 bench/run.py` runs in .venv, as main.py does
    sys.exit(main())
